// One invocation as the harness carries it from an Invoke call (or a pump) to a bootstrap,
// and what comes back.
#pragma once

#include <string>

namespace harness {

struct invocation {
  std::string request_id;
  std::string payload;
  std::string invoked_function_arn;
  std::string trace_id;
  std::string client_context;    // JSON, or empty
  std::string cognito_identity;  // JSON, or empty
  std::string tenant_id;         // tenant isolation mode, or empty
};

struct outcome {
  bool ok = false;
  std::string payload;     // the response, or Lambda's error JSON {errorMessage, errorType, ...}
  std::string error_type;  // Function.X / Runtime.X / Sandbox.Timedout, when !ok
  std::string log_tail;    // the invocation's log lines (X-Amz-Log-Type: Tail), last 4 KB

  static outcome failure(std::string type, std::string message);
};

// Fresh random identifiers in the formats Lambda and X-Ray use.
std::string new_request_id();
std::string new_trace_id();

}  // namespace harness
