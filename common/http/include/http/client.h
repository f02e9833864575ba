// Plain HTTP(S) over libcurl: one reusable easy handle per host (so connections are kept
// alive between calls), connect and total timeouts, CA bundle chosen at run time, errors
// as values. Not thread-safe: use one client per thread.
#pragma once

#include <chrono>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "core/result.h"

namespace http {

using header_list = std::vector<std::pair<std::string, std::string>>;

// Case-insensitive lookup of the first header named `name`; nullptr when absent.
const std::string* find_header(const header_list& headers, std::string_view name);

struct request {
  std::string method = "GET";
  std::string url;  // absolute: scheme://host[:port]/path?query
  header_list headers;
  std::string body;
  // Shorter than the client's total_timeout when a caller's deadline is nearer; 0: not set.
  std::chrono::milliseconds timeout{0};
};

struct response {
  long status = 0;
  header_list headers;  // in arrival order, names as sent by the server
  std::string body;

  const std::string* header(std::string_view name) const { return find_header(headers, name); }
};

struct error {
  enum class kind {
    connect,    // could not resolve or connect: nothing reached the server
    timeout,    // connect or total timeout hit
    transport,  // connection reset, TLS failure, malformed response...
    invalid,    // bad URL or options: retrying will not help
  };
  kind what = kind::transport;
  std::string message;
};

struct options {
  std::chrono::milliseconds connect_timeout{3000};
  std::chrono::milliseconds total_timeout{30000};
  // Empty: chosen at run time by find_ca_bundle().
  std::string ca_bundle;
};

// SSL_CERT_FILE or CURL_CA_BUNDLE when readable, else the first readable well-known
// bundle path (Amazon Linux first). Empty when none is found.
std::string find_ca_bundle();

class client {
 public:
  explicit client(options opts = {});
  ~client();
  client(client&&) noexcept;
  client& operator=(client&&) noexcept;
  client(const client&) = delete;
  client& operator=(const client&) = delete;

  core::result<response, error> send(const request& req);

  const options& settings() const { return opts_; }

 private:
  struct handle;
  options opts_;
  std::map<std::string, std::unique_ptr<handle>> by_host_;  // key: scheme://host:port
};

}  // namespace http
