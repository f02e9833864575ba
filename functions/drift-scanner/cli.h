// The scanner as a command-line tool (run outside Lambda, no AWS_LAMBDA_RUNTIME_API).
#pragma once

namespace scanner {

// Exit code as `terraform plan -detailed-exitcode`: 0 no drift, 2 drift, 1 error (and 1
// for a usage error).
int run_cli(int argc, char** argv);

}  // namespace scanner
