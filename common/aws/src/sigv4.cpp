#include "aws/sigv4.h"

#include <algorithm>
#include <vector>

#include "aws/crypto.h"
#include "aws/uri.h"
#include "core/time.h"

namespace aws::sigv4 {
namespace {

// Header names are ASCII; the C locale's tolower would cost a call per character.
std::string lower(std::string_view s) {
  std::string out(s);
  for (auto& c : out)
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
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
  return core::time::iso8601_basic(t);
}

namespace {

struct canonical_headers {
  std::string text;     // "name:value\n" lines
  std::string signed_;  // "a;b;c"
};

// Lower-case names, sorted; repeated names joined with ','.
canonical_headers canonicalise(const http::header_list& headers) {
  std::vector<std::pair<std::string, std::string>> hs;
  for (const auto& [k, v] : headers) {
    auto lk = lower(k);
    if (!unsigned_header(lk)) hs.emplace_back(lk, canonical_value(v));
  }
  std::stable_sort(hs.begin(), hs.end(),
                   [](const auto& a, const auto& b) { return a.first < b.first; });
  canonical_headers out;
  for (size_t i = 0; i < hs.size(); ++i) {
    if (i > 0 && hs[i].first == hs[i - 1].first) {
      out.text.back() = ',';
      out.text += hs[i].second + "\n";
      continue;
    }
    out.text += hs[i].first + ":" + hs[i].second + "\n";
    if (!out.signed_.empty()) out.signed_ += ';';
    out.signed_ += hs[i].first;
  }
  return out;
}

// Fills canonical request, string to sign and signature.
void compute(result& r, const std::string& method, const uri::parts& url, const std::string& query,
             const canonical_headers& h, const std::string& payload_hash, const credentials& creds,
             const params& p, const std::string& date_time, const std::string& scope) {
  std::string path = p.normalize_path ? normalize(url.path) : url.path;
  if (p.double_encode_path) path = uri::encode(path, true);
  r.canonical_request = method + "\n" + path + "\n" + canonical_query(query) + "\n" + h.text +
                        "\n" + h.signed_ + "\n" + payload_hash;
  r.string_to_sign = "AWS4-HMAC-SHA256\n" + date_time + "\n" + scope + "\n" +
                     crypto::sha256_hex(r.canonical_request);
  r.signature = crypto::hex(crypto::hmac_sha256(
      signing_key(creds.secret_access_key, date_time.substr(0, 8), p.region, p.service),
      r.string_to_sign));
}

std::string scope_of(const std::string& date_time, const params& p) {
  return date_time.substr(0, 8) + "/" + p.region + "/" + p.service + "/aws4_request";
}

}  // namespace

result sign(http::request& req, const credentials& creds, const params& p) {
  auto url = uri::split(req.url);
  if (!http::find_header(req.headers, "host"))
    req.headers.insert(req.headers.begin(), {"Host", url.host});

  const std::string date_time = amz_date(p.time);
  set_header(req.headers, "X-Amz-Date", date_time);
  const std::string payload_hash =
      p.unsigned_payload ? "UNSIGNED-PAYLOAD" : crypto::sha256_hex(req.body);
  if (p.add_content_sha256) set_header(req.headers, "x-amz-content-sha256", payload_hash);
  if (!creds.session_token.empty() && !p.omit_session_token)
    set_header(req.headers, "X-Amz-Security-Token", creds.session_token);

  const auto h = canonicalise(req.headers);
  const std::string scope = scope_of(date_time, p);
  result r;
  compute(r, req.method, url, url.query, h, payload_hash, creds, p, date_time, scope);
  r.authorization = "AWS4-HMAC-SHA256 Credential=" + creds.access_key_id + "/" + scope +
                    ", SignedHeaders=" + h.signed_ + ", Signature=" + r.signature;
  if (!creds.session_token.empty() && p.omit_session_token)
    set_header(req.headers, "X-Amz-Security-Token", creds.session_token);
  set_header(req.headers, "Authorization", r.authorization);
  return r;
}

result presign(http::request& req, const credentials& creds, const params& p,
               std::chrono::seconds expires) {
  auto url = uri::split(req.url);
  if (!http::find_header(req.headers, "host"))
    req.headers.insert(req.headers.begin(), {"Host", url.host});
  const std::string date_time = amz_date(p.time);
  const std::string scope = scope_of(date_time, p);
  const auto h = canonicalise(req.headers);
  const std::string payload_hash =
      p.unsigned_payload ? "UNSIGNED-PAYLOAD" : crypto::sha256_hex(req.body);

  std::vector<std::pair<std::string, std::string>> added{
      {"X-Amz-Algorithm", "AWS4-HMAC-SHA256"},
      {"X-Amz-Credential", creds.access_key_id + "/" + scope},
      {"X-Amz-Date", date_time},
      {"X-Amz-SignedHeaders", h.signed_},
      {"X-Amz-Expires", std::to_string(expires.count())}};
  const bool token = !creds.session_token.empty();
  if (token && !p.omit_session_token)
    added.emplace_back("X-Amz-Security-Token", creds.session_token);
  std::string query = url.query;
  for (const auto& [k, v] : added) {
    if (!query.empty()) query += '&';
    query += uri::encode(k) + "=" + uri::encode(v);
  }
  result r;
  compute(r, req.method, url, query, h, payload_hash, creds, p, date_time, scope);
  if (token && p.omit_session_token)
    query += "&X-Amz-Security-Token=" + uri::encode(creds.session_token);
  query += "&X-Amz-Signature=" + r.signature;
  req.url = url.scheme + "://" + url.host + url.path + "?" + query;
  return r;
}

}  // namespace aws::sigv4
