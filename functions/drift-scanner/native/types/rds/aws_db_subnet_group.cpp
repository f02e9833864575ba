// aws_db_subnet_group: description, subnets, VPC and tags, from one DescribeDBSubnetGroups
// listing per batch (matched by name, the state's id).
#include "rds_common.h"
#include "registry.h"

namespace scanner::native {
namespace {

const std::vector<rule> rules = {
    {"subnet_ids", rule_kind::set_order, "a Terraform set"},
    {"tags", rule_kind::null_is_empty, "no tags: null in state, {} from RDS"},
};

const depth_claim depth{
    {"description", "name", "subnet_ids", "tags", "tags_all"},
    {{"name_prefix", skip_kind::create_only,
      "derived into the name at creation; the name itself is compared"}},
    false,
    // moto's ModifyDBSubnetGroup deletes the group: these changes are proved offline.
    {"description", "subnet_ids"},
};

const iam_actions permissions{{"rds:DescribeDBSubnetGroups", "rds:ListTagsForResource"}, {}};

doc_ptr build(const pugi::xml_node& g) {
  auto d = new_object();
  set_string(*d, "name", xtext(g, "DBSubnetGroupName"));
  set_string(*d, "description", xtext(g, "DBSubnetGroupDescription"));
  set_string(*d, "arn", xtext(g, "DBSubnetGroupArn"));
  set_string(*d, "vpc_id", xtext(g, "VpcId"));
  auto subnets = rds::texts(g.child("Subnets"), "Subnet", "SubnetIdentifier");
  std::sort(subnets.begin(), subnets.end());
  set_string_list(*d, "subnet_ids", subnets);
  return d;
}

core::result<std::vector<pugi::xml_node>, aws::error> all_groups(const read_context& ctx,
                                                                 aws::xml_response& keep) {
  return rds::describe_all(ctx, "DescribeDBSubnetGroups", {}, "DBSubnetGroups", "DBSubnetGroup",
                           keep);
}

}  // namespace

const type_module& aws_db_subnet_group_module() {
  static const type_module m{
      "aws_db_subnet_group",
      [](const read_context& ctx, const instance_list& batch) {
        aws::xml_response keep;
        auto all = all_groups(ctx, keep);
        if (!all) return all_failed(batch.size(), all.error());
        const auto by_name = rds::by_child(*all, "DBSubnetGroupName");
        return each_instance(ctx, batch, [&](const terraform::resource_instance& inst) {
          auto it = by_name.find(inst.id);
          if (it == by_name.end()) return live_resource::gone();
          return rds::found_with_rds_tags(ctx, build(it->second), inst, it->second,
                                          xtext(it->second, "DBSubnetGroupArn"));
        });
      },
      &rules,
      100,
      [](const read_context& ctx) -> core::result<std::vector<discovered>, aws::error> {
        aws::xml_response keep;
        auto all = all_groups(ctx, keep);
        if (!all) return all.error();
        std::vector<std::string> names;
        // RDS's own group of the default VPC is named "default".
        for (const auto& g : *all)
          if (xtext(g, "DBSubnetGroupName") != "default")
            names.push_back(xtext(g, "DBSubnetGroupName"));
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
