// The scanner as a command-line tool (run outside Lambda, no AWS_LAMBDA_RUNTIME_API).
#pragma once

#include <span>
#include <string>
#include <string_view>

namespace scanner {

// Exit code as `terraform plan -detailed-exitcode`: 0 no drift, 2 drift, 1 error (and 1
// for a usage error).
int run_cli(int argc, char** argv);

// One option of the command line. The parser accepts exactly the options of cli_options(),
// and --help is written from the same table.
struct cli_option {
  std::string_view name;        // "--targets"
  std::string_view short_name;  // "-h", or empty
  std::string_view value;       // the placeholder of its value ("JSON"); empty for a switch
  std::string_view section;     // the heading --help lists it under
  std::string_view help;        // its description; '\n' breaks lines
};
std::span<const cli_option> cli_options();

// The text of --help.
std::string cli_usage();

}  // namespace scanner
