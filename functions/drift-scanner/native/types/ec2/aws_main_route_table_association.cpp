// aws_main_route_table_association: which route table is the VPC's main one, read as the
// provider reads it: the association by its id (in its table's DescribeRouteTables), which
// must still be the main one. Replacing the main table gives the association a new id, so the
// managed one is gone (what Terraform's refresh reports).
#include "registry.h"
#include "route_common.h"

namespace scanner::native {
namespace {

const std::vector<rule> rules = {};

const depth_claim depth{{"route_table_id", "vpc_id"}, {}};

doc_ptr build(const pugi::xml_node& association, const pugi::xml_node& table) {
  if (!xbool(association, "main")) return nullptr;
  auto d = new_object();
  set_string(*d, "route_table_id", xtext(association, "routeTableId"));
  set_string(*d, "vpc_id", xtext(table, "vpcId"));
  return d;
}

const iam_actions permissions{{"ec2:DescribeRouteTables"}, {}};

const change_locator changes{
    ec2::event_source, {"ReplaceRouteTableAssociation"}, [](const change_call& c) {
      return targets_of({ec2::request_param(c, "associationId")});
    }};

}  // namespace

const type_module& aws_main_route_table_association_module() {
  static const type_module m{"aws_main_route_table_association",
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
