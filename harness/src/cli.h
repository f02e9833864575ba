// Command-line flags -> config. Flags are applied in order, so flags after --config
// override the file.
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

const char* usage_text();

}  // namespace harness
