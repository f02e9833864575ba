#include "autoscaling_common.h"

#include "aws/paginate.h"

namespace scanner::native::autoscaling {

core::result<std::vector<aws::xml_response>, aws::error> describe_groups(
    const read_context& ctx, const std::vector<std::string>& names) {
  std::vector<aws::xml_response> out;
  auto done = aws::paginate(
      [&](const std::string& token) {
        aws::query_params q{{"MaxRecords", "100"}};
        for (size_t i = 0; i < names.size(); ++i)
          q.emplace_back("AutoScalingGroupNames.member." + std::to_string(i + 1), names[i]);
        if (!token.empty()) q.emplace_back("NextToken", token);
        ctx.count();
        return aws::query_call(ctx.cloud, service, "DescribeAutoScalingGroups", q);
      },
      [](const aws::xml_response& page) { return aws::text(page.result, "NextToken"); },
      [&](aws::xml_response& page) { out.push_back(std::move(page)); });
  if (!done) return done.error();
  return out;
}

std::vector<std::string> members(const pugi::xml_node& n, const char* list, const char* field) {
  std::vector<std::string> out;
  for (auto m : n.child(list).children("member"))
    out.emplace_back(field ? m.child_value(field) : m.child_value());
  return out;
}

std::vector<change_target> groups_of(const change_call& c) {
  std::vector<std::string> names{string_at(c.request, {"autoScalingGroupName"})};
  if (const auto* tags = member(c.request, "tags"); tags && tags->IsArray())
    for (const auto& t : tags->GetArray()) names.push_back(string_at(t, {"resourceId"}));
  return targets_of(names);
}

}  // namespace scanner::native::autoscaling
