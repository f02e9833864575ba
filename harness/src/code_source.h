// Where a function's code lives: a zip unpacked once into a private folder (modes kept),
// or a bootstrap used in place.
#pragma once

#include <string>

#include "config.h"
#include "core/result.h"

namespace harness {

struct function_code {
  std::string executable;  // the bootstrap
  std::string task_root;   // LAMBDA_TASK_ROOT and the process's working folder
};

// Unpacks into `work_dir`/<function name> when the function comes from a zip.
core::result<function_code> prepare_code(const function_config& fn, const std::string& work_dir);

// A fresh private folder under TMPDIR (or /tmp) for this harness run.
core::result<std::string> make_work_dir();

}  // namespace harness
