// workflow-orchestrator: placeholder handler until the function's own issue lands; it answers every
// invocation so the runtime, the packaging and the harness can be exercised end to end.
#include <lambda_runtime/runtime.h>

int main() {
  return lambda_runtime::run([](const lambda_runtime::invocation_request& req) {
    return lambda_runtime::invocation_response::success(
        "{\"function\":\"workflow-orchestrator\",\"implemented\":false,\"request_id\":\"" + req.ctx.request_id + "\"}");
  });
}
