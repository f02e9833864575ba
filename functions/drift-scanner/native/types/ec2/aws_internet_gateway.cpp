// aws_internet_gateway: the VPC it is attached to and tags, from DescribeInternetGateways.
#include "registry.h"
#include "route_common.h"

namespace scanner::native {
namespace {

const std::vector<rule> rules = {
    {"tags", rule_kind::null_is_empty, "no tags: null in state, {} from EC2"},
};

const depth_claim depth{{"tags", "tags_all", "vpc_id"}, {}};

doc_ptr build(const read_context&, const terraform::resource_instance& inst,
              const pugi::xml_node& item) {
  auto d = new_object();
  // A detached gateway reads "" (the provider's own value for no attachment).
  set_string(*d, "vpc_id", xtext(item, "attachmentSet/item/vpcId"));
  set_tags(*d, inst, aws::ec2::tags_of(item));
  return d;
}

// The default VPC's gateway is AWS's own, as the default VPC itself.
core::result<std::vector<discovered>, aws::error> list(const read_context& ctx) {
  aws::ec2::describe_request defaults;
  defaults.filters.push_back({"is-default", {"true"}});
  ctx.count();
  auto vpcs = aws::ec2::describe_vpcs(ctx.cloud, defaults);
  if (!vpcs) return vpcs.error();
  std::set<std::string> default_vpcs;
  for (auto v : vpcs->result.children("item")) default_vpcs.insert(xtext(v, "vpcId"));
  return ec2::list_paged(ctx, "DescribeInternetGateways", "internetGatewaySet", "internetGatewayId",
                         1000, [&](const pugi::xml_node& i) {
                           return !default_vpcs.count(xtext(i, "attachmentSet/item/vpcId"));
                         });
}

const iam_actions permissions{{"ec2:DescribeInternetGateways"}, {"ec2:DescribeVpcs"}};

const change_locator changes{ec2::event_source,
                             {"AttachInternetGateway", "DetachInternetGateway",
                              "DeleteInternetGateway", "CreateTags", "DeleteTags"},
                             [](const change_call& c) {
                               if (ec2::is_tagging(c))
                                 return targets_of(ec2::tagged_ids(c, "igw-"));
                               return targets_of({ec2::request_param(c, "internetGatewayId")});
                             }};

}  // namespace

const type_module& aws_internet_gateway_module() {
  static const type_module m{"aws_internet_gateway",
                             [](const read_context& ctx, const instance_list& batch) {
                               return ec2::read_batch(ctx, batch, "DescribeInternetGateways",
                                                      "internetGatewaySet", "internet-gateway-id",
                                                      "internetGatewayId", build);
                             },
                             &rules,
                             100,
                             list,
                             &depth,
                             &permissions,
                             &changes};
  return m;
}

}  // namespace scanner::native
