#include "http/client.h"

#include <curl/curl.h>

#include <algorithm>
#include <mutex>

namespace http {
namespace {

void global_init() {
  // curl_global_init is not thread-safe and must run once per process.
  static std::once_flag once;
  std::call_once(once, [] { curl_global_init(CURL_GLOBAL_DEFAULT); });
}

// "scheme://host:port" of a URL: the key under which a handle (and its connection) is reused.
core::result<std::string, error> host_key(const std::string& url) {
  std::unique_ptr<CURLU, decltype(&curl_url_cleanup)> u(curl_url(), curl_url_cleanup);
  if (!u || curl_url_set(u.get(), CURLUPART_URL, url.c_str(), 0) != CURLUE_OK)
    return error{error::kind::invalid, "malformed URL: " + url};
  std::string key;
  for (auto part : {CURLUPART_SCHEME, CURLUPART_HOST, CURLUPART_PORT}) {
    char* s = nullptr;
    auto flags = part == CURLUPART_PORT ? CURLU_DEFAULT_PORT : 0;
    if (curl_url_get(u.get(), part, &s, flags) != CURLUE_OK)
      return error{error::kind::invalid, "malformed URL: " + url};
    key += s;
    key += part == CURLUPART_SCHEME ? "://" : part == CURLUPART_HOST ? ":" : "";
    curl_free(s);
  }
  return key;
}

size_t on_body(char* data, size_t size, size_t n, void* user) {
  static_cast<std::string*>(user)->append(data, size * n);
  return size * n;
}

size_t on_header(char* data, size_t size, size_t n, void* user) {
  auto* headers = static_cast<header_list*>(user);
  std::string_view line(data, size * n);
  // A new status line (after 100 Continue or a redirect) starts a new header block.
  if (line.rfind("HTTP/", 0) == 0) {
    headers->clear();
    return size * n;
  }
  auto colon = line.find(':');
  if (colon == std::string_view::npos) return size * n;
  auto trim = [](std::string_view s) {
    while (!s.empty() && (s.front() == ' ' || s.front() == '\t')) s.remove_prefix(1);
    while (!s.empty() &&
           (s.back() == '\r' || s.back() == '\n' || s.back() == ' ' || s.back() == '\t'))
      s.remove_suffix(1);
    return s;
  };
  headers->emplace_back(std::string(trim(line.substr(0, colon))),
                        std::string(trim(line.substr(colon + 1))));
  return size * n;
}

error from_curl(CURLcode rc, const char* detail) {
  std::string msg = curl_easy_strerror(rc);
  if (detail && *detail) msg += std::string(": ") + detail;
  switch (rc) {
    case CURLE_COULDNT_RESOLVE_HOST:
    case CURLE_COULDNT_RESOLVE_PROXY:
    case CURLE_COULDNT_CONNECT:
      return {error::kind::connect, msg};
    case CURLE_OPERATION_TIMEDOUT:
      return {error::kind::timeout, msg};
    case CURLE_URL_MALFORMAT:
    case CURLE_UNSUPPORTED_PROTOCOL:
      return {error::kind::invalid, msg};
    default:
      return {error::kind::transport, msg};
  }
}

struct slist_deleter {
  void operator()(curl_slist* l) const { curl_slist_free_all(l); }
};

}  // namespace

struct client::handle {
  CURL* easy = curl_easy_init();
  ~handle() {
    if (easy) curl_easy_cleanup(easy);
  }
};

client::client(options opts) : opts_(std::move(opts)) {
  global_init();
  if (opts_.ca_bundle.empty()) opts_.ca_bundle = find_ca_bundle();
}
client::~client() = default;
client::client(client&&) noexcept = default;
client& client::operator=(client&&) noexcept = default;

core::result<response, error> client::send(const request& req) {
  auto key = host_key(req.url);
  if (!key) return key.error();
  auto& slot = by_host_[*key];
  if (!slot) slot = std::make_unique<handle>();
  CURL* c = slot->easy;
  if (!c) return error{error::kind::invalid, "curl_easy_init failed"};
  // reset keeps the handle's live connections, which is the point of keeping it.
  curl_easy_reset(c);

  response resp;
  std::unique_ptr<curl_slist, slist_deleter> hdrs;
  auto add = [&](const std::string& line) {
    curl_slist* next = curl_slist_append(hdrs.get(), line.c_str());
    if (next) {
      (void)hdrs.release();
      hdrs.reset(next);
    }
  };
  for (const auto& [k, v] : req.headers) add(v.empty() ? k + ";" : k + ": " + v);
  // No "Expect: 100-continue" round trip, and no default Accept or Content-Type from curl.
  add("Expect:");
  if (!find_header(req.headers, "Accept")) add("Accept:");
  if (!find_header(req.headers, "Content-Type")) add("Content-Type:");

  char errbuf[CURL_ERROR_SIZE] = {0};
  curl_easy_setopt(c, CURLOPT_URL, req.url.c_str());
  curl_easy_setopt(c, CURLOPT_NOSIGNAL, 1L);
  curl_easy_setopt(c, CURLOPT_ERRORBUFFER, errbuf);
  curl_easy_setopt(c, CURLOPT_CONNECTTIMEOUT_MS, static_cast<long>(opts_.connect_timeout.count()));
  const auto total =
      req.timeout.count() > 0 ? std::min(req.timeout, opts_.total_timeout) : opts_.total_timeout;
  curl_easy_setopt(c, CURLOPT_TIMEOUT_MS, static_cast<long>(std::max<long long>(1, total.count())));
  curl_easy_setopt(
      c, CURLOPT_CONNECTTIMEOUT_MS,
      static_cast<long>(std::max<long long>(1, std::min(opts_.connect_timeout, total).count())));
  if (!opts_.ca_bundle.empty()) curl_easy_setopt(c, CURLOPT_CAINFO, opts_.ca_bundle.c_str());
  curl_easy_setopt(c, CURLOPT_HTTPHEADER, hdrs.get());
  curl_easy_setopt(c, CURLOPT_WRITEFUNCTION, on_body);
  curl_easy_setopt(c, CURLOPT_WRITEDATA, &resp.body);
  curl_easy_setopt(c, CURLOPT_HEADERFUNCTION, on_header);
  curl_easy_setopt(c, CURLOPT_HEADERDATA, &resp.headers);

  if (req.method == "HEAD") {
    curl_easy_setopt(c, CURLOPT_NOBODY, 1L);
  } else if (req.method == "GET" && req.body.empty()) {
    curl_easy_setopt(c, CURLOPT_HTTPGET, 1L);
  } else {
    if (req.method != "POST") curl_easy_setopt(c, CURLOPT_CUSTOMREQUEST, req.method.c_str());
    if (!req.body.empty() || req.method == "POST" || req.method == "PUT") {
      curl_easy_setopt(c, CURLOPT_POSTFIELDSIZE_LARGE, static_cast<curl_off_t>(req.body.size()));
      curl_easy_setopt(c, CURLOPT_POSTFIELDS, req.body.data());
    }
  }

  CURLcode rc = curl_easy_perform(c);
  if (rc != CURLE_OK) {
    auto err = from_curl(rc, errbuf);
    // A broken connection must not be offered again to the next call on this host.
    by_host_.erase(*key);
    return err;
  }
  curl_easy_getinfo(c, CURLINFO_RESPONSE_CODE, &resp.status);
  return resp;
}

}  // namespace http
