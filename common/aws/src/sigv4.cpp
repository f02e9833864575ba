#include "aws/sigv4.h"

#include <algorithm>
#include <ctime>
#include <vector>

#include "aws/crypto.h"
#include "aws/uri.h"

namespace aws::sigv4 {
namespace {

std::string lower(std::string_view s) {
  std::string out(s);
  for (auto& c : out) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return out;
}

// Trims and collapses runs of spaces, as the canonical form requires.
std::string canonical_value(std::string_view v) {
  std::string out;
  bool space = false;
  for (char c : v) {
    if (c == ' ' || c == '\t' || c == '\n' || c == '\r') {
      space = !out.empty();
      continue;
    }
    if (space) out += ' ';
    space = false;
    out += c;
  }
  return out;
}

// RFC 3986 dot-segment removal plus dropping empty segments (what the suite calls normalize).
std::string normalize(std::string_view path) {
  std::vector<std::string_view> out;
  size_t i = 0;
  while (i <= path.size()) {
    auto j = path.find('/', i);
    if (j == std::string_view::npos) j = path.size();
    auto seg = path.substr(i, j - i);
    if (seg == "..") {
      if (!out.empty()) out.pop_back();
    } else if (!seg.empty() && seg != ".") {
      out.push_back(seg);
    }
    i = j + 1;
  }
  std::string s;
  for (auto seg : out) {
    s += '/';
    s += seg;
  }
  // A trailing slash (or a final "." / "..") keeps the path a directory.
  bool dir = !path.empty() && (path.back() == '/' || path.ends_with("/.") || path.ends_with("/.."));
  if (s.empty())
    s = "/";
  else if (dir)
    s += '/';
  return s;
}

std::string canonical_query(std::string_view q) {
  auto params = uri::parse_query(q);
  std::vector<std::pair<std::string, std::string>> enc;
  enc.reserve(params.size());
  for (auto& [k, v] : params) enc.emplace_back(uri::encode(k), uri::encode(v));
  std::sort(enc.begin(), enc.end());
  std::string out;
  for (auto& [k, v] : enc) {
    if (!out.empty()) out += '&';
    out += k + "=" + v;
  }
  return out;
}

void set_header(http::header_list& h, std::string_view name, std::string value) {
  auto lname = lower(name);
  std::erase_if(h, [&](const auto& kv) { return lower(kv.first) == lname; });
  h.emplace_back(std::string(name), std::move(value));
}

bool unsigned_header(const std::string& lname) {
  // Proxies and curl may change these; signing them breaks requests for no benefit.
  return lname == "authorization" || lname == "user-agent" || lname == "expect" ||
         lname == "x-amzn-trace-id" || lname == "connection";
}

// The derived key changes once a day per secret, region and service, and costs four HMACs:
// each thread keeps the last few (a deliberate warm-container cache, per thread so unlocked).
const std::string& signing_key(const std::string& secret, const std::string& date,
                               const std::string& region, const std::string& service) {
  struct entry {
    std::string secret, date, region, service, key;
  };
  thread_local std::vector<entry> cache;
  for (const auto& e : cache)
    if (e.date == date && e.region == region && e.service == service && e.secret == secret)
      return e.key;
  std::string key = crypto::hmac_sha256("AWS4" + secret, date);
  key = crypto::hmac_sha256(key, region);
  key = crypto::hmac_sha256(key, service);
  key = crypto::hmac_sha256(key, "aws4_request");
  if (cache.size() >= 16) cache.erase(cache.begin());
  cache.push_back({secret, date, region, service, std::move(key)});
  return cache.back().key;
}

}  // namespace

std::string amz_date(std::chrono::system_clock::time_point t) {
  std::time_t tt = std::chrono::system_clock::to_time_t(t);
  std::tm tm{};
  gmtime_r(&tt, &tm);
  char buf[20];
  std::strftime(buf, sizeof buf, "%Y%m%dT%H%M%SZ", &tm);
  return buf;
}

result sign(http::request& req, const credentials& creds, const params& p) {
  auto url = uri::split(req.url);
  if (!http::find_header(req.headers, "host"))
    req.headers.insert(req.headers.begin(), {"Host", url.host});

  const std::string date_time = amz_date(p.time);
  const std::string date = date_time.substr(0, 8);
  set_header(req.headers, "X-Amz-Date", date_time);
  const std::string payload_hash =
      p.unsigned_payload ? "UNSIGNED-PAYLOAD" : crypto::sha256_hex(req.body);
  if (p.add_content_sha256) set_header(req.headers, "x-amz-content-sha256", payload_hash);
  if (!creds.session_token.empty() && !p.omit_session_token)
    set_header(req.headers, "X-Amz-Security-Token", creds.session_token);

  // Canonical headers: lower-case names, sorted; repeated names joined with ','.
  std::vector<std::pair<std::string, std::string>> hs;
  for (const auto& [k, v] : req.headers) {
    auto lk = lower(k);
    if (!unsigned_header(lk)) hs.emplace_back(lk, canonical_value(v));
  }
  std::stable_sort(hs.begin(), hs.end(),
                   [](const auto& a, const auto& b) { return a.first < b.first; });
  std::string canon_headers, signed_headers;
  for (size_t i = 0; i < hs.size(); ++i) {
    if (i > 0 && hs[i].first == hs[i - 1].first) {
      canon_headers.back() = ',';
      canon_headers += hs[i].second + "\n";
      continue;
    }
    canon_headers += hs[i].first + ":" + hs[i].second + "\n";
    if (!signed_headers.empty()) signed_headers += ';';
    signed_headers += hs[i].first;
  }

  std::string path = p.normalize_path ? normalize(url.path) : url.path;
  if (p.double_encode_path) path = uri::encode(path, true);

  result r;
  r.canonical_request = req.method + "\n" + path + "\n" + canonical_query(url.query) + "\n" +
                        canon_headers + "\n" + signed_headers + "\n" + payload_hash;
  const std::string scope = date + "/" + p.region + "/" + p.service + "/aws4_request";
  r.string_to_sign = "AWS4-HMAC-SHA256\n" + date_time + "\n" + scope + "\n" +
                     crypto::sha256_hex(r.canonical_request);
  r.signature = crypto::hex(crypto::hmac_sha256(
      signing_key(creds.secret_access_key, date, p.region, p.service), r.string_to_sign));
  r.authorization = "AWS4-HMAC-SHA256 Credential=" + creds.access_key_id + "/" + scope +
                    ", SignedHeaders=" + signed_headers + ", Signature=" + r.signature;
  if (!creds.session_token.empty() && p.omit_session_token)
    set_header(req.headers, "X-Amz-Security-Token", creds.session_token);
  set_header(req.headers, "Authorization", r.authorization);
  return r;
}

}  // namespace aws::sigv4
