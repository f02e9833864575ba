// aws_elasticache_subnet_group: description, subnets, VPC and tags, from one
// DescribeCacheSubnetGroups listing per batch (matched by name, the state's id) and
// ListTagsForResource.
#include "aws/elasticache.h"
#include "module_util.h"
#include "registry.h"

namespace scanner::native {
namespace {

const std::vector<rule> rules = {
    {"subnet_ids", rule_kind::set_order, "a Terraform set"},
    {"tags", rule_kind::null_is_empty, "no tags: null in state, {} from ElastiCache"},
};

const depth_claim depth{
    {"description", "name", "subnet_ids", "tags", "tags_all"},
    {},
    false,
    // moto has no ModifyCacheSubnetGroup: these changes are proved offline.
    {"description", "subnet_ids"},
};

const iam_actions permissions{
    {"elasticache:DescribeCacheSubnetGroups", "elasticache:ListTagsForResource"}, {}};

core::result<std::vector<pugi::xml_node>, aws::error> all_groups(const read_context& ctx,
                                                                 aws::xml_response& keep) {
  return aws::elasticache::describe_all(ctx.cloud, "DescribeCacheSubnetGroups", {},
                                        "CacheSubnetGroups", "CacheSubnetGroup", keep,
                                        [&] { ctx.count(); });
}

live_resource read_group(const read_context& ctx, const terraform::resource_instance& inst,
                         const pugi::xml_node& g) {
  auto d = new_object();
  set_string(*d, "name", xtext(g, "CacheSubnetGroupName"));
  set_string(*d, "description", xtext(g, "CacheSubnetGroupDescription"));
  set_string(*d, "arn", xtext(g, "ARN"));
  set_string(*d, "vpc_id", xtext(g, "VpcId"));
  std::vector<std::string> subnets;
  for (auto s : g.child("Subnets").children("Subnet"))
    subnets.push_back(xtext(s, "SubnetIdentifier"));
  std::sort(subnets.begin(), subnets.end());
  set_string_list(*d, "subnet_ids", subnets);
  ctx.count();
  return found_with_tags(d, inst,
                         aws::elasticache::list_tags_for_resource(ctx.cloud, xtext(g, "ARN")));
}

}  // namespace

const type_module& aws_elasticache_subnet_group_module() {
  static const type_module m{
      "aws_elasticache_subnet_group",
      [](const read_context& ctx, const instance_list& batch) {
        aws::xml_response keep;
        auto all = all_groups(ctx, keep);
        if (!all) return all_failed(batch.size(), all.error());
        std::map<std::string, pugi::xml_node> by_name;
        for (const auto& g : *all) by_name[xtext(g, "CacheSubnetGroupName")] = g;
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
        // ElastiCache's own group of the default VPC is named "default".
        for (const auto& g : *all)
          if (xtext(g, "CacheSubnetGroupName") != "default")
            names.push_back(xtext(g, "CacheSubnetGroupName"));
        return discovered_ids(names);
      },
      &depth,
      &permissions,
      nullptr,
      /*calls_per_batch=*/1,
      /*calls_per_instance=*/1};
  return m;
}

}  // namespace scanner::native
