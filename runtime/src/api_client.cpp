#include "api_client.h"

#include <curl/curl.h>
#include <rapidjson/stringbuffer.h>
#include <rapidjson/writer.h>

#include <algorithm>
#include <cctype>

namespace lambda_runtime::detail {
namespace {

struct slist_deleter {
  void operator()(curl_slist* l) const { curl_slist_free_all(l); }
};
using slist_ptr = std::unique_ptr<curl_slist, slist_deleter>;

size_t on_body(char* data, size_t size, size_t n, void* user) {
  static_cast<std::string*>(user)->append(data, size * n);
  return size * n;
}

size_t on_header(char* data, size_t size, size_t n, void* user) {
  auto* headers = static_cast<std::map<std::string, std::string>*>(user);
  std::string line(data, size * n);
  auto colon = line.find(':');
  if (colon != std::string::npos) {
    std::string name = line.substr(0, colon);
    std::transform(name.begin(), name.end(), name.begin(),
                   [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
    std::string value = line.substr(colon + 1);
    auto first = value.find_first_not_of(" \t");
    auto last = value.find_last_not_of(" \t\r\n");
    value = first == std::string::npos ? "" : value.substr(first, last - first + 1);
    (*headers)[name] = value;
  }
  return size * n;
}

// Lets SIGTERM end a long poll: curl calls this about once a second while idle.
int on_progress(void* user, curl_off_t, curl_off_t, curl_off_t, curl_off_t) {
  return static_cast<const std::atomic<bool>*>(user)->load() ? 1 : 0;
}

}  // namespace

struct api_client::curl_handle {
  CURL* handle = curl_easy_init();
  ~curl_handle() {
    if (handle) curl_easy_cleanup(handle);
  }
};

api_client::api_client(std::string endpoint, const std::atomic<bool>& stop)
    : curl_(std::make_unique<curl_handle>()), base_("http://" + std::move(endpoint)), stop_(stop) {}

api_client::~api_client() = default;

http_reply api_client::send(const std::string& path, const std::string* body,
                            const std::string& content_type, const std::string& error_type,
                            bool long_poll) {
  http_reply reply;
  CURL* c = curl_->handle;
  if (!c) {
    reply.transport_error = "curl_easy_init failed";
    return reply;
  }
  curl_easy_reset(c);  // keeps the connection cache: the connection is still reused
  const std::string url = base_ + path;
  curl_easy_setopt(c, CURLOPT_URL, url.c_str());
  curl_easy_setopt(c, CURLOPT_NOSIGNAL, 1L);
  curl_easy_setopt(c, CURLOPT_TCP_NODELAY, 1L);
  curl_easy_setopt(c, CURLOPT_CONNECTTIMEOUT_MS, 2000L);
  curl_easy_setopt(c, CURLOPT_TIMEOUT_MS, long_poll ? 0L : 30000L);
  curl_easy_setopt(c, CURLOPT_WRITEFUNCTION, on_body);
  curl_easy_setopt(c, CURLOPT_WRITEDATA, &reply.body);
  curl_easy_setopt(c, CURLOPT_HEADERFUNCTION, on_header);
  curl_easy_setopt(c, CURLOPT_HEADERDATA, &reply.headers);
  if (long_poll) {
    // Only the wait for work is cut short by SIGTERM; a result being posted is delivered.
    curl_easy_setopt(c, CURLOPT_NOPROGRESS, 0L);
    curl_easy_setopt(c, CURLOPT_XFERINFOFUNCTION, on_progress);
    curl_easy_setopt(c, CURLOPT_XFERINFODATA, &stop_);
  }
  slist_ptr headers;
  auto add = [&](const std::string& h) {
    headers.reset(curl_slist_append(headers.release(), h.c_str()));
  };
  add("Expect:");  // no 100-continue round trip for large responses
  if (body) {
    add("Content-Type: " + content_type);
    if (!error_type.empty()) add("Lambda-Runtime-Function-Error-Type: " + error_type);
    curl_easy_setopt(c, CURLOPT_POST, 1L);
    curl_easy_setopt(c, CURLOPT_POSTFIELDS, body->data());
    curl_easy_setopt(c, CURLOPT_POSTFIELDSIZE_LARGE, static_cast<curl_off_t>(body->size()));
  } else {
    curl_easy_setopt(c, CURLOPT_HTTPGET, 1L);
  }
  curl_easy_setopt(c, CURLOPT_HTTPHEADER, headers.get());
  CURLcode rc = curl_easy_perform(c);
  if (rc != CURLE_OK) {
    reply.transport_error = curl_easy_strerror(rc);
    return reply;
  }
  curl_easy_getinfo(c, CURLINFO_RESPONSE_CODE, &reply.status);
  return reply;
}

http_reply api_client::next() {
  return send("/2018-06-01/runtime/invocation/next", nullptr, "", "", true);
}

http_reply api_client::post_response(const std::string& id, const invocation_response& r) {
  return send("/2018-06-01/runtime/invocation/" + id + "/response", &r.payload(), r.content_type(),
              "", false);
}

http_reply api_client::post_error(const std::string& id, const error& err) {
  const std::string body = error_body(err);
  return send("/2018-06-01/runtime/invocation/" + id + "/error", &body, "application/json",
              error_type_header(err.type, "Function"), false);
}

http_reply api_client::post_init_error(const error& err) {
  const std::string body = error_body(err);
  return send("/2018-06-01/runtime/init/error", &body, "application/json",
              error_type_header(err.type, "Runtime"), false);
}

std::string error_body(const error& err) {
  rapidjson::StringBuffer buf;
  rapidjson::Writer<rapidjson::StringBuffer> w(buf);
  w.StartObject();
  w.Key("errorMessage");
  w.String(err.message.c_str(), static_cast<rapidjson::SizeType>(err.message.size()));
  w.Key("errorType");
  w.String(err.type.c_str(), static_cast<rapidjson::SizeType>(err.type.size()));
  w.Key("stackTrace");
  w.StartArray();
  w.EndArray();
  w.EndObject();
  return {buf.GetString(), buf.GetSize()};
}

std::string error_type_header(const std::string& type, const char* default_prefix) {
  std::string prefix = default_prefix;
  std::string name = type;
  for (const char* p : {"Function.", "Runtime."}) {
    if (type.rfind(p, 0) == 0) {
      prefix = std::string(p, std::char_traits<char>::length(p) - 1);
      name = type.substr(std::char_traits<char>::length(p));
    }
  }
  std::string clean;
  for (char ch : name)
    if (std::isalnum(static_cast<unsigned char>(ch))) clean += ch;
  if (clean.empty()) clean = "Unknown";
  return prefix + "." + clean;
}

}  // namespace lambda_runtime::detail
