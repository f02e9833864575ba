// agent-callback: records a remediation run's outcome (invoked by the GitHub workflow).
// Wiring only; the logic is in handler.cpp and the files it names.
#include <lambda_runtime/runtime.h>

#include <memory>

#include "aws/session.h"
#include "config.h"
#include "handler.h"

int main() {
  return lambda_runtime::run(
      []() -> std::variant<lambda_runtime::handler_fn, lambda_runtime::error> {
        auto cfg = callback::load_config();
        if (!cfg) return lambda_runtime::error{cfg.error().code, cfg.error().message};
        // One session per container: credentials and connections stay warm between invocations.
        std::shared_ptr<aws::session> session = aws::session::from_environment();
        return lambda_runtime::handler_fn(
            [session, c = *cfg](const lambda_runtime::invocation_request& req) {
              return callback::handle(*session, c, req);
            });
      });
}
