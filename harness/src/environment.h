// The environment Lambda gives a function's process: its reserved variables, the
// function's own configuration, and (locally) credentials and endpoints passed through.
#pragma once

#include <map>
#include <string>

#include "config.h"

namespace harness {

// Everything except AWS_LAMBDA_RUNTIME_API, which each sandbox adds for its own port.
std::map<std::string, std::string> lambda_environment(const function_config& fn, const config& cfg,
                                                      const std::string& task_root);

}  // namespace harness
