// Where the function logs go: the bootstraps' output and the platform's START/END/REPORT
// lines, written whole lines at a time so that concurrent processes never interleave
// mid-line. Default: the harness's stderr (stdout is kept for the one-shot response).
#pragma once

#include <mutex>
#include <string>
#include <string_view>

#include "core/result.h"

namespace harness {

class log_sink {
 public:
  log_sink() = default;  // stderr
  ~log_sink();
  log_sink(const log_sink&) = delete;
  log_sink& operator=(const log_sink&) = delete;

  // Appends to `path` instead of stderr.
  core::result<core::unit> open(const std::string& path);

  // Writes one line; a newline is added.
  void line(std::string_view text);

 private:
  std::mutex m_;
  int fd_ = 2;
  bool owned_ = false;
};

}  // namespace harness
