// The platform lines Lambda writes around each invocation: START, END and REPORT.
#pragma once

#include <optional>
#include <string>

namespace harness {

struct invocation_report {
  std::string request_id;
  double duration_ms = 0;
  int memory_size_mb = 0;
  long max_memory_used_kb = 0;
  std::optional<double> init_duration_ms;  // cold starts only
  std::string status;                      // "" on success; "timeout", "error"
  std::string error_type;                  // with status "error"
};

std::string start_line(const std::string& request_id);
std::string end_line(const std::string& request_id);
std::string report_line(const invocation_report& r);

}  // namespace harness
