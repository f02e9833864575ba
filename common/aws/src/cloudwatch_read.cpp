#include "aws/cloudwatch_read.h"

#include "aws/paginate.h"

namespace aws::cloudwatch {

core::result<std::vector<xml_response>, error> describe_metric_alarms(
    session& s, const std::vector<std::string>& names) {
  std::vector<xml_response> out;
  auto done = paginate(
      [&](const std::string& token) {
        query_params q{{"AlarmTypes.member.1", "MetricAlarm"}, {"MaxRecords", "100"}};
        for (size_t i = 0; i < names.size(); ++i)
          q.emplace_back("AlarmNames.member." + std::to_string(i + 1), names[i]);
        if (!token.empty()) q.emplace_back("NextToken", token);
        return query_call(s, services::cloudwatch, "DescribeAlarms", q);
      },
      [](const xml_response& page) { return text(page.result, "NextToken"); },
      [&](xml_response& page) { out.push_back(std::move(page)); });
  if (!done) return done.error();
  return out;
}

core::result<std::map<std::string, std::string>, error> list_tags_for_resource(
    session& s, const std::string& arn) {
  auto r = query_call(s, services::cloudwatch, "ListTagsForResource", {{"ResourceARN", arn}});
  if (!r) return r.error();
  std::map<std::string, std::string> out;
  for (auto m : r->result.child("Tags").children("member")) out[text(m, "Key")] = text(m, "Value");
  return out;
}

}  // namespace aws::cloudwatch
