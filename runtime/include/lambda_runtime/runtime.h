// The Lambda Runtime API client and loop: a few clear types and one loop.
#pragma once

#include <chrono>
#include <functional>
#include <string>
#include <variant>

namespace lambda_runtime {

// Everything the Runtime API tells us about one invocation.
struct context {
  std::string request_id;
  std::string invoked_function_arn;
  std::string trace_id;
  std::string client_context;    // JSON, mobile SDK invocations only
  std::string cognito_identity;  // JSON, mobile SDK invocations only
  std::string tenant_id;         // Lambda-Runtime-Aws-Tenant-Id, when present
  std::chrono::system_clock::time_point deadline;

  std::chrono::milliseconds remaining_time() const;
};

struct invocation_request {
  std::string payload;
  context ctx;
};

// errorType becomes the Lambda-Runtime-Function-Error-Type header as Function.<type>.
struct error {
  std::string type;
  std::string message;
};

class invocation_response {
 public:
  static invocation_response success(std::string payload,
                                     std::string content_type = "application/json");
  static invocation_response failure(error err);

  bool is_success() const { return success_; }
  const std::string& payload() const { return payload_; }
  const std::string& content_type() const { return content_type_; }
  const error& failure_info() const { return error_; }

 private:
  bool success_ = true;
  std::string payload_;
  std::string content_type_;
  error error_;
};

using handler_fn = std::function<invocation_response(const invocation_request&)>;
// Initialisation either yields the handler or an error that is posted to /runtime/init/error.
using init_fn = std::function<std::variant<handler_fn, error>()>;

// Runs the loop until SIGTERM or an unrecoverable Runtime API failure; returns the exit code.
// Handler exceptions and error responses become invocation errors; the loop goes on.
int run(const handler_fn& handler);
int run(const init_fn& init);

// Largest synchronous response Lambda accepts.
inline constexpr std::size_t max_response_bytes = 6 * 1024 * 1024;

}  // namespace lambda_runtime
