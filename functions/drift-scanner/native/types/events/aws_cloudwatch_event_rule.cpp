// aws_cloudwatch_event_rule: a rule's pattern or schedule, state, role, description and tags
// (DescribeRule and ListTagsForResource, one rule per call).
#include "aws/events_read.h"
#include "events_common.h"
#include "registry.h"

namespace scanner::native {
namespace {

using namespace events;

const std::vector<rule> rules = {
    {"event_pattern", rule_kind::policy_json,
     "the same pattern as JSON: key order, whitespace and the order of a match list's values "
     "(EventBridge matches any of them) are not changes"},
    {"tags", rule_kind::null_is_empty, "an empty tag map and no tags are the same"},
};

const depth_claim depth{
    {"description", "event_bus_name", "event_pattern", "is_enabled", "name", "role_arn",
     "schedule_expression", "state", "tags", "tags_all"},
    {
        {"force_destroy", skip_kind::provider_only,
         "whether a destroy removes managed targets first: the provider keeps the configured "
         "value"},
        {"name_prefix", skip_kind::create_only,
         "only makes the name at creation; the name itself is compared"},
    },
};

// The fields the provider refreshes from DescribeRule, in its shapes.
void set_rule(rapidjson::Document& d, const rapidjson::Document& r,
              const terraform::resource_instance& inst, const std::string& bus) {
  set_string(d, "arn", str_at(r, {"Arn"}));
  set_string(d, "name", str_at(r, {"Name"}));
  // From the id, as the provider does: DescribeRule may answer a bus ARN as its name.
  set_string(d, "event_bus_name", bus);
  set_string(d, "description", str_at(r, {"Description"}));
  set_string(d, "role_arn", str_at(r, {"RoleArn"}));
  set_string(d, "schedule_expression", str_at(r, {"ScheduleExpression"}));
  const std::string state = str_at(r, {"State"});
  set_string(d, "state", state);
  set_bool(d, "is_enabled",
           state == "ENABLED" || state == "ENABLED_WITH_ALL_CLOUDTRAIL_MANAGEMENT_EVENTS");
  // The provider sets the pattern only when EventBridge returns one.
  if (at(r, {"EventPattern"}))
    set_string(d, "event_pattern", pattern_json(str_at(r, {"EventPattern"})));
  else
    keep_state(d, inst, "event_pattern", rapidjson::kNullType);
}

live_resource read_one(const read_context& ctx, const terraform::resource_instance& inst) {
  const auto [bus, name] = rule_key(inst.id);
  ctx.count();
  auto r = aws::events::describe_rule(ctx.cloud, bus, name);
  if (!r) return gone_or_failed(r.error(), not_found);
  auto d = new_object();
  set_rule(*d, *r, inst, bus);
  if (auto t = read_tags(ctx, *d, inst, str_at(*r, {"Arn"})); !t) return failed(t.error());
  return live_resource::found(d);
}

// The rules of every bus, less those an AWS service manages for itself (ManagedBy).
core::result<std::vector<discovered>, aws::error> list(const read_context& ctx) {
  ctx.count();
  auto buses = aws::events::list_event_buses(ctx.cloud);
  if (!buses) return buses.error();
  std::vector<discovered> out;
  for (const auto& b : *buses) {
    const std::string bus = str_at(b, {"Name"});
    ctx.count();
    auto found = aws::events::list_rules(ctx.cloud, bus);
    if (!found) return found.error();
    for (const auto& r : *found) {
      if (!str_at(r, {"ManagedBy"}).empty()) continue;
      const std::string id = rule_id(bus, str_at(r, {"Name"}));
      out.push_back({id, id, {}});
    }
  }
  return out;
}

const iam_actions permissions{{"events:DescribeRule", "events:ListTagsForResource"},
                              {"events:ListEventBuses", "events:ListRules"}};

}  // namespace

const type_module& aws_cloudwatch_event_rule_module() {
  static const type_module m{"aws_cloudwatch_event_rule",
                             one_by_one(read_one),
                             &rules,
                             10,
                             list,
                             &depth,
                             &permissions,
                             nullptr,
                             /*calls_per_batch=*/0,
                             /*calls_per_instance=*/2};
  return m;
}

}  // namespace scanner::native
