// aws_db_parameter_group: family, description, the parameters the provider keeps, and tags,
// from one DescribeDBParameterGroups listing per batch (matched by name, the state's id) and
// DescribeDBParameters per group.
#include <cctype>

#include "rds_common.h"
#include "registry.h"

namespace scanner::native {
namespace {

const std::vector<rule> rules = {
    {"parameter", rule_kind::set_order, "a Terraform set"},
    {"tags", rule_kind::null_is_empty, "no tags: null in state, {} from RDS"},
};

const depth_claim depth{
    {"description", "family", "name", "parameter", "tags", "tags_all"},
    {{"name_prefix", skip_kind::create_only,
      "derived into the name at creation; the name itself is compared"},
     {"skip_destroy", skip_kind::provider_only, "a deletion option of the provider"}},
};

const iam_actions permissions{
    {"rds:DescribeDBParameterGroups", "rds:DescribeDBParameters", "rds:ListTagsForResource"}, {}};

std::string lower(std::string s) {
  for (auto& c : s) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return s;
}

// The parameter names the state holds (lower case, as the provider stores them).
std::set<std::string> state_parameters(const rapidjson::Document& st) {
  std::set<std::string> out;
  const auto* p = member(st, "parameter");
  if (p && p->IsArray())
    for (const auto& e : p->GetArray()) out.insert(lower(string_member(e, "name")));
  return out;
}

// The provider's choice: with no parameter in the state it asks RDS for the user-set ones
// only (Source=user) and keeps them all; otherwise it reads every parameter and keeps those
// RDS says the user set plus those the state names. A parameter without a Source is kept only
// in the first case, as the provider does.
core::result<std::vector<pugi::xml_node>, aws::error> kept_parameters(
    const read_context& ctx, const std::string& group, const std::set<std::string>& configured,
    aws::xml_response& keep) {
  aws::query_params q{{"DBParameterGroupName", group}};
  if (configured.empty()) q.emplace_back("Source", "user");
  auto all = rds::describe_all(ctx, "DescribeDBParameters", q, "Parameters", "Parameter", keep);
  if (!all || configured.empty()) return all;
  std::vector<pugi::xml_node> kept;
  for (const auto& p : *all) {
    if (!p.child("Source") || !p.child("ParameterName")) continue;
    if (lower(xtext(p, "Source")) == "user" || configured.count(lower(xtext(p, "ParameterName"))))
      kept.push_back(p);
  }
  return kept;
}

// The `parameter` set: name lower-cased and apply_method lower-cased as the provider stores
// them, in Terraform's set order.
void set_parameters(rapidjson::Document& d, const std::vector<pugi::xml_node>& params) {
  auto& a = d.GetAllocator();
  rapidjson::Value set(rapidjson::kArrayType);
  for (const auto& p : params) {
    if (!p.child("ParameterName")) continue;
    rapidjson::Value e(rapidjson::kObjectType);
    const std::string method = xtext(p, "ApplyMethod");
    if (method.empty())
      e.AddMember("apply_method", rapidjson::Value(), a);
    else
      e.AddMember("apply_method", string_value(lower(method), a), a);
    e.AddMember("name", string_value(lower(xtext(p, "ParameterName")), a), a);
    e.AddMember("value", string_value(xtext(p, "ParameterValue"), a), a);
    set.PushBack(e, a);
  }
  to_set_order(set, a);
  set_value(d, "parameter", set);
}

live_resource read_group(const read_context& ctx, const terraform::resource_instance& inst,
                         const pugi::xml_node& g) {
  const std::string name = xtext(g, "DBParameterGroupName");
  auto d = new_object();
  set_string(*d, "name", name);
  set_string(*d, "family", xtext(g, "DBParameterGroupFamily"));
  set_string(*d, "description", xtext(g, "Description"));
  set_string(*d, "arn", xtext(g, "DBParameterGroupArn"));
  aws::xml_response keep;
  auto params = kept_parameters(ctx, name, state_parameters(rds::state_of(inst)), keep);
  if (!params) return failed(params.error());
  set_parameters(*d, *params);
  return rds::found_with_rds_tags(ctx, d, inst, g, xtext(g, "DBParameterGroupArn"));
}

core::result<std::vector<pugi::xml_node>, aws::error> all_groups(const read_context& ctx,
                                                                 aws::xml_response& keep) {
  return rds::describe_all(ctx, "DescribeDBParameterGroups", {}, "DBParameterGroups",
                           "DBParameterGroup", keep);
}

}  // namespace

const type_module& aws_db_parameter_group_module() {
  static const type_module m{
      "aws_db_parameter_group",
      [](const read_context& ctx, const instance_list& batch) {
        aws::xml_response keep;
        auto all = all_groups(ctx, keep);
        if (!all) return all_failed(batch.size(), all.error());
        const auto by_name = rds::by_child(*all, "DBParameterGroupName");
        return each_instance(ctx, batch, [&](const terraform::resource_instance& inst) {
          auto it = by_name.find(inst.id);
          if (it == by_name.end()) return live_resource::gone();
          return read_group(ctx, inst, it->second);
        });
      },
      &rules,
      100,
      [](const read_context& ctx) -> core::result<std::vector<discovered>, aws::error> {
        aws::xml_response keep;
        auto all = all_groups(ctx, keep);
        if (!all) return all.error();
        std::vector<std::string> names;
        // RDS's own groups (default.<family>) are never anyone's resources.
        for (const auto& g : *all)
          if (xtext(g, "DBParameterGroupName").rfind("default.", 0) != 0)
            names.push_back(xtext(g, "DBParameterGroupName"));
        return discovered_ids(names);
      },
      &depth,
      &permissions,
      nullptr,
      /*calls_per_batch=*/1,
      /*calls_per_instance=*/2};
  return m;
}

}  // namespace scanner::native
