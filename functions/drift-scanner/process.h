// Runs a child process (terraform) with extra environment, its output captured to files,
// killed when a deadline passes. Errors as values.
#pragma once

#include <chrono>
#include <map>
#include <string>
#include <vector>

#include "core/result.h"

namespace scanner {

struct process_result {
  int exit_code = -1;  // -1 when killed by a signal or the deadline
  bool timed_out = false;
  std::string out;  // stdout
  std::string err;  // stderr
};

core::result<process_result> run_process(const std::vector<std::string>& argv,
                                         const std::string& cwd,
                                         const std::map<std::string, std::string>& env,
                                         std::chrono::system_clock::time_point deadline);

// The executable's full path when found in PATH (or `name` itself when it holds a '/' and
// is executable); empty when not found.
std::string find_executable(const std::string& name);

}  // namespace scanner
