// Command-line flags -> config, parsed with CLI11. Flags are applied in the order given, so
// flags after --config override the file, and a function's flags follow its --function.
#pragma once

#include <string>

#include "config.h"
#include "core/result.h"

namespace harness {

struct cli_options {
  config cfg;
  bool help = false;
  std::string one_shot_function;  // the function named last on the command line
};

core::result<cli_options> parse_args(int argc, char** argv);

// The text of --help, laid out from the parser's own options.
const std::string& usage_text();

}  // namespace harness
