// The Runtime API a bootstrap talks to (/2018-06-01/runtime/...), served on a sandbox's own
// port. HTTP only: the state behind it is the sandbox's (runtime_endpoint).
#pragma once

#include <chrono>
#include <cstdint>
#include <optional>
#include <string>

#include "invocation.h"

namespace httplib {
class Server;
}

namespace harness {

// Lambda refuses responses above 6 MB (plus a little framing room).
inline constexpr std::size_t max_response_bytes = 6 * 1024 * 1024 + 100;

struct next_invocation {
  invocation inv;
  std::int64_t deadline_ms = 0;  // epoch milliseconds
};

struct api_reply {
  int status = 202;
  std::string body = R"({"status":"OK"})";
};

class runtime_endpoint {
 public:
  virtual ~runtime_endpoint() = default;
  // Blocks until an invocation is offered; nullopt when the sandbox is shutting down.
  virtual std::optional<next_invocation> wait_next() = 0;
  virtual api_reply post_response(const std::string& request_id, std::string body) = 0;
  virtual api_reply post_error(const std::string& request_id, std::string body,
                               std::string error_type) = 0;
  virtual api_reply post_init_error(std::string body, std::string error_type) = 0;
};

// Routes the Runtime API on `server` to `endpoint` and tunes the server for a long-poll,
// keep-alive client.
void mount_runtime_api(httplib::Server& server, runtime_endpoint& endpoint);

// Lambda's error JSON from what a runtime posted: the body when it is an error object,
// else one built from the error type header.
std::string normalise_error_body(const std::string& body, const std::string& error_type);

}  // namespace harness
