// aws_lb_target_group_attachment: a target registered in a target group. One
// DescribeTargetHealth per target group of the batch lists its registered targets; an
// attachment is found when a target matches its target id (and port, when the state has one),
// as the provider's read matches it, and gone when the target is not registered (or is being
// deregistered) or the group no longer exists. The provider reads nothing back: the found
// attachment keeps the state's values.
#include <algorithm>
#include <map>

#include "elbv2_common.h"
#include "registry.h"

namespace scanner::native {
namespace {

const std::vector<rule> rules = {};

const depth_claim depth{
    {"availability_zone", "port", "target_group_arn", "target_id"},
    {},
};

// Whether a registered target is the attachment: same id, same port when the state has one,
// and not on its way out (the provider's filter).
bool matches(const pugi::xml_node& description, const std::string& target_id,
             const rapidjson::Value* port) {
  auto t = description.child("Target");
  if (xtext(t, "Id") != target_id) return false;
  if (port && port->IsInt64() && xint(t, "Port") != port->GetInt64()) return false;
  const std::string reason = xtext(description, "TargetHealth/Reason");
  return reason != "Target.DeregistrationInProgress" && reason != "Target.NotRegistered";
}

live_resource found_as_stored(const rapidjson::Document& state) {
  auto d = new_object();
  for (const char* name : {"availability_zone", "port", "target_group_arn", "target_id"})
    elbv2::keep_state(*d, state, name);
  return live_resource::found(d);
}

std::vector<live_resource> read(const read_context& ctx, const instance_list& batch) {
  // One listing per target group the batch names.
  std::map<std::string, core::result<aws::elbv2::members, aws::error>> groups;
  std::vector<rapidjson::Document> states;
  for (const auto* inst : batch) states.push_back(elbv2::state_of(*inst));
  std::vector<live_resource> out;
  for (size_t i = 0; i < batch.size(); ++i) {
    if (ctx.past_deadline()) {
      out.push_back(deadline_reached());
      continue;
    }
    const auto& st = states[i];
    const std::string group = string_member(st, "target_group_arn");
    auto it = groups.find(group);
    if (it == groups.end()) {
      ctx.count();
      it = groups
               .emplace(group, aws::elbv2::describe(ctx.cloud, "DescribeTargetHealth",
                                                    {{"TargetGroupArn", group}},
                                                    "TargetHealthDescriptions"))
               .first;
    }
    const auto& listed = it->second;
    if (!listed) {
      const auto& e = listed.error();
      out.push_back(aws::elbv2::is_not_found(e) || e.code == "InvalidTarget" ? live_resource::gone()
                                                                             : failed(e));
      continue;
    }
    const std::string target = string_member(st, "target_id");
    const auto* port = member(st, "port");
    bool registered = false;
    for (const auto& description : listed->items)
      registered = registered || matches(description, target, port);
    out.push_back(registered ? found_as_stored(st) : live_resource::gone());
  }
  return out;
}

const iam_actions permissions{{"elasticloadbalancing:DescribeTargetHealth"}, {}};

// The attachment's id is generated: it is located by its group and target id
// (targets[].id of RegisterTargets and DeregisterTargets), or by its group alone when the group
// is deleted.
const change_locator changes{
    elbv2::event_source,
    {"RegisterTargets", "DeregisterTargets", "DeleteTargetGroup"},
    [](const change_call& c) {
      std::vector<change_target> out;
      const std::string group = string_at(c.request, {"targetGroupArn"});
      if (group.empty()) return out;
      if (c.event_name == "DeleteTargetGroup") {
        out.push_back({"", {{"target_group_arn", group}}});
        return out;
      }
      for (const auto& id : elbv2::arns_in(c.request, "targets", "id")) {
        change_target t{"", {{"target_group_arn", group}, {"target_id", id}}};
        if (!id.empty() && std::find(out.begin(), out.end(), t) == out.end()) out.push_back(t);
      }
      return out;
    }};

}  // namespace

const type_module& aws_lb_target_group_attachment_module() {
  static const type_module m{
      "aws_lb_target_group_attachment",
      read,
      &rules,
      100,
      {},
      &depth,
      &permissions,
      &changes,
      // one DescribeTargetHealth per target group named: at most one per instance
      /*calls_per_batch=*/0,
      /*calls_per_instance=*/1};
  return m;
}

}  // namespace scanner::native
