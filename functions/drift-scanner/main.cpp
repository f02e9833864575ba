// drift-scanner: inside Lambda (AWS_LAMBDA_RUNTIME_API set) the scheduled or targeted scan
// handler; elsewhere the same scanner as a command-line tool (see --help).
#include <lambda_runtime/log.h>
#include <lambda_runtime/runtime.h>

#include <memory>
#include <string_view>

#include "cli.h"
#include "core/env.h"
#include "fleet_command.h"
#include "handler.h"
#include "history_command.h"
#include "types_command.h"

int main(int argc, char** argv) {
  if (argc >= 2 && std::string_view(argv[1]) == "types")
    return scanner::run_types_command(argc, argv);
  if (argc >= 2 && std::string_view(argv[1]) == "history")
    return scanner::run_history_command(argc, argv);
  if (argc >= 2 && std::string_view(argv[1]) == "fleet")
    return scanner::run_fleet_command(argc, argv);
  if (!core::env::get("AWS_LAMBDA_RUNTIME_API")) return scanner::run_cli(argc, argv);
  // One session per process, kept warm between invocations (the intended use of aws::session).
  auto session = aws::session::from_environment();
  return lambda_runtime::run([session](const lambda_runtime::invocation_request& req) {
    return scanner::handle_invocation(req, session);
  });
}
