// drift-scanner's Lambda bootstrap: the scheduled, targeted and live scan handler, nothing else.
// The same scanner as a command-line tool is `drift-scan` (cli_main.cpp); it is a separate
// binary so that the zip carries only what Lambda runs.
#include <lambda_runtime/runtime.h>

#include <cstdio>

#include "core/env.h"
#include "handler.h"

int main() {
  if (!core::env::get("AWS_LAMBDA_RUNTIME_API")) {
    std::fputs(
        "bootstrap: the scanner's Lambda bootstrap needs AWS_LAMBDA_RUNTIME_API (it runs inside "
        "Lambda); the command-line scanner is drift-scan\n",
        stderr);
    return 2;
  }
  // One session per process, kept warm between invocations (the intended use of aws::session).
  auto session = aws::session::from_environment();
  return lambda_runtime::run([session](const lambda_runtime::invocation_request& req) {
    return scanner::handle_invocation(req, session);
  });
}
