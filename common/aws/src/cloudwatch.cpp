#include "aws/cloudwatch.h"

#include <cstdio>

#include "aws/paginate.h"
#include "aws/query_protocol.h"
#include "core/time.h"

namespace aws::cloudwatch {
namespace {

std::string number(double v) {
  char buf[32];
  std::snprintf(buf, sizeof buf, "%.17g", v);
  return buf;
}

}  // namespace

core::result<core::unit, error> put_metric_data(session& s, const std::string& name_space,
                                                const std::vector<datum>& data) {
  for (size_t start = 0; start < data.size(); start += 1000) {
    query_params q{{"Namespace", name_space}};
    for (size_t i = start; i < std::min(data.size(), start + 1000); ++i) {
      const auto& d = data[i];
      std::string pre = "MetricData.member." + std::to_string(i - start + 1) + ".";
      q.emplace_back(pre + "MetricName", d.name);
      q.emplace_back(pre + "Value", number(d.value));
      q.emplace_back(pre + "Unit", d.unit);
      if (d.timestamp) q.emplace_back(pre + "Timestamp", core::time::iso8601(*d.timestamp));
      for (size_t j = 0; j < d.dimensions.size(); ++j) {
        std::string dp = pre + "Dimensions.member." + std::to_string(j + 1) + ".";
        q.emplace_back(dp + "Name", d.dimensions[j].first);
        q.emplace_back(dp + "Value", d.dimensions[j].second);
      }
    }
    auto r = query_call(s, services::cloudwatch, "PutMetricData", q);
    if (!r) return r.error();
  }
  return core::unit{};
}

core::result<std::vector<metric>, error> list_metrics(session& s, const std::string& name_space) {
  std::vector<metric> out;
  auto r = paginate(
      [&](const std::string& token) {
        query_params q{{"Namespace", name_space}};
        if (!token.empty()) q.emplace_back("NextToken", token);
        return query_call(s, services::cloudwatch, "ListMetrics", q);
      },
      [](const xml_response& page) { return text(page.result, "NextToken"); },
      [&](xml_response& page) {
        for (auto m : page.result.child("Metrics").children("member")) {
          metric x{m.child_value("MetricName"), {}};
          for (auto d : m.child("Dimensions").children("member"))
            x.dimensions.emplace_back(d.child_value("Name"), d.child_value("Value"));
          out.push_back(std::move(x));
        }
      });
  if (!r) return r.error();
  return out;
}

}  // namespace aws::cloudwatch
