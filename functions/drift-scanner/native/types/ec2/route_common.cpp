#include "route_common.h"

#include <algorithm>

namespace scanner::native::ec2 {

core::result<std::map<std::string, pugi::xml_node>, aws::error> route_tables_where(
    const read_context& ctx, const std::string& filter, const std::vector<std::string>& values,
    aws::xml_response& keep) {
  // An empty filter would ask for every table of the region.
  if (values.empty()) return std::map<std::string, pugi::xml_node>{};
  aws::ec2::describe_request req;
  req.filters.push_back({filter, values});
  ctx.count();
  auto r = aws::ec2::describe(ctx.cloud, "DescribeRouteTables", "", "routeTableSet", req);
  if (!r) return r.error();
  keep = std::move(r).value();
  std::map<std::string, pugi::xml_node> out;
  for (auto item : keep.result.children("item")) out[xtext(item, "routeTableId")] = item;
  return out;
}

bool provider_skips_route(const pugi::xml_node& route) {
  const std::string gateway = xtext(route, "gatewayId");
  if (gateway == "local" || gateway == "VpcLattice") return true;
  if (!xtext(route, "destinationPrefixListId").empty() && gateway.starts_with("vpce-")) return true;
  return xtext(route, "origin") == "EnableVgwRoutePropagation";
}

rapidjson::Value route_object(const pugi::xml_node& route, rapidjson::Document::AllocatorType& a) {
  const std::string gateway = xtext(route, "gatewayId");
  const bool endpoint = gateway.starts_with("vpce-");
  // Keys in the schema's order; the provider stores "" for each target the route lacks.
  const std::pair<const char*, std::string> fields[] = {
      {"carrier_gateway_id", xtext(route, "carrierGatewayId")},
      {"cidr_block", xtext(route, "destinationCidrBlock")},
      {"core_network_arn", xtext(route, "coreNetworkArn")},
      {"destination_prefix_list_id", xtext(route, "destinationPrefixListId")},
      {"egress_only_gateway_id", xtext(route, "egressOnlyInternetGatewayId")},
      {"gateway_id", endpoint ? "" : gateway},
      {"ipv6_cidr_block", xtext(route, "destinationIpv6CidrBlock")},
      {"local_gateway_id", xtext(route, "localGatewayId")},
      {"nat_gateway_id", xtext(route, "natGatewayId")},
      {"network_interface_id", xtext(route, "networkInterfaceId")},
      {"transit_gateway_id", xtext(route, "transitGatewayId")},
      {"vpc_endpoint_id", endpoint ? gateway : ""},
      {"vpc_peering_connection_id", xtext(route, "vpcPeeringConnectionId")},
  };
  rapidjson::Value o(rapidjson::kObjectType);
  for (const auto& [name, value] : fields)
    o.AddMember(rapidjson::StringRef(name), string_value(value, a), a);
  return o;
}

pugi::xml_node association_of(const pugi::xml_node& table, const std::string& id) {
  for (auto a : table.child("associationSet").children("item")) {
    if (xtext(a, "routeTableAssociationId") != id) continue;
    const std::string state = xtext(a, "associationState/state");
    if (state == "disassociated" || state == "disassociating") return {};
    return a;
  }
  return {};
}

std::vector<live_resource> read_associations(const read_context& ctx, const instance_list& batch,
                                             const association_build_fn& build) {
  // The tables the states name, not the association ids: an association keeps its id only
  // while it stays with its table (a replacement gets a new id), so it is in that table or
  // gone. moto matches a several-valued association-id filter only against tables whose
  // every association is listed, which would drop the others.
  std::vector<std::string> tables;
  std::vector<bool> named;
  for (const auto* inst : batch) {
    rapidjson::Document st;
    st.Parse(inst->attributes.c_str(), inst->attributes.size());
    auto table = string_member(st, "route_table_id");
    named.push_back(!table.empty());
    if (!table.empty() && std::find(tables.begin(), tables.end(), table) == tables.end())
      tables.push_back(std::move(table));
  }
  aws::xml_response keep;
  auto found = route_tables_where(ctx, "route-table-id", tables, keep);
  if (!found) return all_failed(batch.size(), found.error());
  std::vector<live_resource> out;
  for (size_t i = 0; i < batch.size(); ++i) {
    const auto* inst = batch[i];
    if (!named[i]) {
      out.push_back(live_resource::unchecked("the state names no route_table_id"));
      continue;
    }
    doc_ptr d;
    for (const auto& [table_id, table] : *found) {
      if (auto a = association_of(table, inst->id)) {
        d = build(a, table);
        break;
      }
    }
    out.push_back(d ? live_resource::found(std::move(d)) : live_resource::gone());
  }
  return out;
}

core::result<std::vector<discovered>, aws::error> list_paged(
    const read_context& ctx, const std::string& action, const std::string& set_name,
    const std::string& id_field, int page_size,
    const std::function<bool(const pugi::xml_node&)>& keep) {
  ctx.count();
  aws::ec2::describe_request req;
  req.page_size = page_size;
  auto r = aws::ec2::describe(ctx.cloud, action, "", set_name, req);
  if (!r) return r.error();
  std::vector<discovered> out;
  for (auto item : r->result.children("item")) {
    if (keep && !keep(item)) continue;
    std::string id = xtext(item, id_field.c_str());
    out.push_back({id, id, aws::ec2::tags_of(item)});
  }
  return out;
}

}  // namespace scanner::native::ec2
