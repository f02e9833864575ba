// aws_lb_listener_rule: a rule of a load balancer's listener: DescribeRules per batch of ARNs
// (priority, conditions, actions), DescribeTags for 20 at a time. Rules are parts of their
// listener and are not listed.
#include <algorithm>
#include <cstdlib>

#include "elbv2_common.h"
#include "listener_actions.h"
#include "registry.h"

namespace scanner::native {
namespace {

const std::vector<rule> rules = {
    {"tags", rule_kind::null_is_empty, "no tags: null in state, {} from ELB"},
    {"condition", rule_kind::set_order, "a set of conditions: ELB answers them in its own order"},
};

const depth_claim depth{
    {"action", "condition", "listener_arn", "priority", "tags", "tags_all"},
    {},
};

// The values of a condition, as a Terraform set of strings (sorted).
rapidjson::Value values(rapidjson::Document& d, const pugi::xml_node& config,
                        const pugi::xml_node& condition) {
  auto v = elbv2::members_of(config, "Values");
  // Old rules carry the values on the condition itself.
  if (v.empty()) v = elbv2::members_of(condition, "Values");
  std::sort(v.begin(), v.end());
  v.erase(std::unique(v.begin(), v.end()), v.end());
  rapidjson::Value out(rapidjson::kArrayType);
  for (const auto& s : v) out.PushBack(string_value(s, d.GetAllocator()), d.GetAllocator());
  return out;
}

std::vector<rapidjson::Value> single(rapidjson::Value v) {
  std::vector<rapidjson::Value> out;
  out.push_back(std::move(v));
  return out;
}

// One condition in the provider's shape: every kind present, the condition's own one filled.
rapidjson::Value condition(rapidjson::Document& d, const pugi::xml_node& c) {
  const std::string field = xtext(c, "Field");
  std::vector<rapidjson::Value> host, header, method, path, query, source;
  auto values_block = [&](const char* config) {
    return elbv2::object(d).value("values", values(d, c.child(config), c)).take();
  };
  if (field == "host-header") {
    host = single(values_block("HostHeaderConfig"));
  } else if (field == "http-header") {
    auto h = c.child("HttpHeaderConfig");
    header = single(elbv2::object(d)
                        .str("http_header_name", xtext(h, "HttpHeaderName"))
                        .value("values", values(d, h, c))
                        .take());
  } else if (field == "http-request-method") {
    method = single(values_block("HttpRequestMethodConfig"));
  } else if (field == "path-pattern") {
    path = single(values_block("PathPatternConfig"));
  } else if (field == "query-string") {
    for (auto kv : c.child("QueryStringConfig").child("Values").children("member"))
      query.push_back(
          elbv2::object(d).str("key", xtext(kv, "Key")).str("value", xtext(kv, "Value")).take());
  } else if (field == "source-ip") {
    source = single(values_block("SourceIpConfig"));
  }
  rapidjson::Value q = elbv2::array_of(std::move(query), d);
  to_set_order(q, d.GetAllocator());
  return elbv2::object(d)
      .value("host_header", elbv2::array_of(std::move(host), d))
      .value("http_header", elbv2::array_of(std::move(header), d))
      .value("http_request_method", elbv2::array_of(std::move(method), d))
      .value("path_pattern", elbv2::array_of(std::move(path), d))
      .value("query_string", std::move(q))
      .value("source_ip", elbv2::array_of(std::move(source), d))
      .take();
}

// arn:...:listener-rule/app/<lb>/<lb id>/<listener id>/<rule id> -> arn:...:listener/app/...
std::string listener_of(const std::string& rule_arn) {
  std::string arn = rule_arn;
  const std::string from = ":listener-rule/";
  if (auto at = arn.find(from); at != std::string::npos) arn.replace(at, from.size(), ":listener/");
  if (auto slash = arn.rfind('/'); slash != std::string::npos) arn.erase(slash);
  return arn;
}

live_resource build(const read_context&, const terraform::resource_instance& inst,
                    const pugi::xml_node& r, const elbv2::tag_map& tags) {
  const auto state = elbv2::state_of(inst);
  auto d = new_object();
  const std::string arn = xtext(r, "RuleArn");
  set_string(*d, "arn", arn);
  set_string(*d, "listener_arn", listener_of(arn));
  const std::string priority = xtext(r, "Priority");
  // The listener's default rule has priority "default", which the provider stores as 99999.
  set_int(*d, "priority",
          priority == "default" ? 99999 : std::strtoll(priority.c_str(), nullptr, 10));
  auto acts = elbv2::actions(*d, r.child("Actions"), member(state, "action"), false);
  set_value(*d, "action", acts);
  std::vector<rapidjson::Value> conditions;
  for (auto c : r.child("Conditions").children("member")) conditions.push_back(condition(*d, c));
  elbv2::set_list(*d, "condition", std::move(conditions));
  set_tags(*d, inst, tags);
  return live_resource::found(d);
}

const iam_actions permissions{
    {"elasticloadbalancing:DescribeRules", "elasticloadbalancing:DescribeTags"}, {}};

// SetRulePriorities names each rule it moves in rulePriorities[].ruleArn.
const change_locator changes{
    elbv2::event_source,
    {"ModifyRule", "DeleteRule", "SetRulePriorities", "AddTags", "RemoveTags"},
    [](const change_call& c) {
      if (c.event_name == "SetRulePriorities")
        return targets_of(elbv2::arns_in(c.request, "rulePriorities", "ruleArn"));
      return elbv2::arn_changes(c, "ruleArn", ":listener-rule/");
    }};

}  // namespace

const type_module& aws_lb_listener_rule_module() {
  static const type_module m{"aws_lb_listener_rule",
                             [](const read_context& ctx, const instance_list& batch) {
                               return elbv2::read_batch(ctx, batch, "DescribeRules", "RuleArns",
                                                        "Rules", "RuleArn", build);
                             },
                             &rules,
                             20,
                             {},
                             &depth,
                             &permissions,
                             &changes,
                             /*calls_per_batch=*/2,
                             /*calls_per_instance=*/0};
  return m;
}

}  // namespace scanner::native
