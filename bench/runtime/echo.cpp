// The runtime's own cost, measured on the same job as the official C++ runtime's demo:
// return the event unchanged.
#include <lambda_runtime/runtime.h>

int main() {
  return lambda_runtime::run([](const lambda_runtime::invocation_request& req) {
    return lambda_runtime::invocation_response::success(req.payload);
  });
}
