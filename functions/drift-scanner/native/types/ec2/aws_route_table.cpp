// aws_route_table: VPC, tags, the VGWs propagating into it and its routes in the provider's
// `route` set shape, from DescribeRouteTables.
#include "registry.h"
#include "route_common.h"

namespace scanner::native {
namespace {

const std::vector<rule> rules = {
    {"route", rule_kind::set_order, "a Terraform set: route order is not a change"},
    {"propagating_vgws", rule_kind::set_order, "a Terraform set of gateway ids"},
    {"tags", rule_kind::null_is_empty, "no tags: null in state, {} from EC2"},
};

const depth_claim depth{{"propagating_vgws", "route", "tags", "tags_all", "vpc_id"}, {}};

doc_ptr build(const read_context&, const terraform::resource_instance& inst,
              const pugi::xml_node& item) {
  auto d = new_object();
  auto& a = d->GetAllocator();
  set_string(*d, "vpc_id", xtext(item, "vpcId"));
  set_string_list(*d, "propagating_vgws", xitems(item, "propagatingVgwSet", "gatewayId"));
  rapidjson::Value routes(rapidjson::kArrayType);
  for (auto r : item.child("routeSet").children("item"))
    if (!ec2::provider_skips_route(r)) routes.PushBack(ec2::route_object(r, a), a);
  set_value(*d, "route", routes);
  set_tags(*d, inst, aws::ec2::tags_of(item));
  return d;
}

// The main table of a VPC is AWS's own (created with the VPC); a table made main by an
// aws_main_route_table_association is managed, so its id is in a state anyway.
bool not_main(const pugi::xml_node& table) {
  for (auto a : table.child("associationSet").children("item"))
    if (xbool(a, "main")) return false;
  return true;
}

// The VPCs' own main tables that an aws_main_route_table_association of the scanned state
// replaced: AWS made them, and Terraform gives them their main role back on destroy.
std::set<std::string> replaced_main_tables(const terraform::state& st) {
  std::set<std::string> out;
  for (const auto& r : st.resources) {
    if (r.type != "aws_main_route_table_association") continue;
    rapidjson::Document d;
    d.Parse(r.attributes.c_str(), r.attributes.size());
    if (auto id = string_member(d, "original_route_table_id"); !id.empty()) out.insert(id);
  }
  return out;
}

core::result<std::vector<discovered>, aws::error> list(const read_context& ctx) {
  const auto originals = replaced_main_tables(ctx.state);
  return ec2::list_paged(ctx, "DescribeRouteTables", "routeTableSet", "routeTableId", 100,
                         [&](const pugi::xml_node& t) {
                           return not_main(t) && !originals.count(xtext(t, "routeTableId"));
                         });
}

const iam_actions permissions{{"ec2:DescribeRouteTables"}, {}};

const change_locator changes{
    ec2::event_source,
    {"CreateRoute", "ReplaceRoute", "DeleteRoute", "EnableVgwRoutePropagation",
     "DisableVgwRoutePropagation", "DeleteRouteTable", "CreateTags", "DeleteTags"},
    [](const change_call& c) {
      if (ec2::is_tagging(c)) return targets_of(ec2::tagged_ids(c, "rtb-"));
      return targets_of({ec2::request_param(c, "routeTableId")});
    }};

}  // namespace

const type_module& aws_route_table_module() {
  static const type_module m{"aws_route_table",
                             [](const read_context& ctx, const instance_list& batch) {
                               return ec2::read_batch(ctx, batch, "DescribeRouteTables",
                                                      "routeTableSet", "route-table-id",
                                                      "routeTableId", build);
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
