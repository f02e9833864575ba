#include "report.h"

#include <cmath>
#include <cstdio>

namespace harness {
namespace {

std::string fixed2(double v) {
  char buf[64];
  std::snprintf(buf, sizeof buf, "%.2f", v);
  return buf;
}

}  // namespace

std::string start_line(const std::string& request_id) {
  return "START RequestId: " + request_id + " Version: $LATEST";
}

std::string end_line(const std::string& request_id) { return "END RequestId: " + request_id; }

std::string report_line(const invocation_report& r) {
  // Lambda bills whole milliseconds, rounded up; custom runtimes also pay for their init.
  long billed = static_cast<long>(std::ceil(r.duration_ms));
  if (r.init_duration_ms) billed += static_cast<long>(std::ceil(*r.init_duration_ms));
  const long max_mb = (r.max_memory_used_kb + 1023) / 1024;
  std::string line = "REPORT RequestId: " + r.request_id + "\tDuration: " + fixed2(r.duration_ms) +
                     " ms\tBilled Duration: " + std::to_string(billed) +
                     " ms\tMemory Size: " + std::to_string(r.memory_size_mb) +
                     " MB\tMax Memory Used: " + std::to_string(max_mb) + " MB";
  if (r.init_duration_ms) line += "\tInit Duration: " + fixed2(*r.init_duration_ms) + " ms";
  if (!r.status.empty()) line += "\tStatus: " + r.status;
  if (!r.error_type.empty()) line += "\tError Type: " + r.error_type;
  return line;
}

}  // namespace harness
