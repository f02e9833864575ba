// aws_route_table_association: the subnet or gateway a route table is associated with, found
// by its id in its table's DescribeRouteTables (a replaced or removed association: gone, as the
// provider drops it).
#include "registry.h"
#include "route_common.h"

namespace scanner::native {
namespace {

const std::vector<rule> rules = {};

const depth_claim depth{{"gateway_id", "route_table_id", "subnet_id"}, {}};

doc_ptr build(const pugi::xml_node& association, const pugi::xml_node&) {
  // The VPC's main association is aws_main_route_table_association's.
  if (xbool(association, "main")) return nullptr;
  auto d = new_object();
  set_string(*d, "gateway_id", xtext(association, "gatewayId"));
  set_string(*d, "route_table_id", xtext(association, "routeTableId"));
  set_string(*d, "subnet_id", xtext(association, "subnetId"));
  return d;
}

const iam_actions permissions{{"ec2:DescribeRouteTables"}, {}};

const change_locator changes{
    ec2::event_source,
    {"ReplaceRouteTableAssociation", "DisassociateRouteTable"},
    [](const change_call& c) { return targets_of({ec2::request_param(c, "associationId")}); }};

}  // namespace

const type_module& aws_route_table_association_module() {
  static const type_module m{"aws_route_table_association",
                             [](const read_context& ctx, const instance_list& batch) {
                               return ec2::read_associations(ctx, batch, build);
                             },
                             &rules,
                             100,
                             {},
                             &depth,
                             &permissions,
                             &changes};
  return m;
}

}  // namespace scanner::native
