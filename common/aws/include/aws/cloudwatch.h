// Amazon CloudWatch metrics (query protocol).
#pragma once

#include <chrono>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "aws/session.h"

namespace aws::cloudwatch {

struct datum {
  std::string name;
  double value = 0;
  std::string unit = "Count";  // Count, Seconds, Milliseconds, None...
  std::vector<std::pair<std::string, std::string>> dimensions;
  std::optional<std::chrono::system_clock::time_point> timestamp;  // default: now (by AWS)
};

// All data in one call (split only beyond the API's 1000 data per call).
core::result<core::unit, error> put_metric_data(session& s, const std::string& name_space,
                                                const std::vector<datum>& data);

struct metric {
  std::string name;
  std::vector<std::pair<std::string, std::string>> dimensions;
};
// Metrics of a namespace (paginated), for tools and tests reading metrics back.
core::result<std::vector<metric>, error> list_metrics(session& s, const std::string& name_space);

}  // namespace aws::cloudwatch
