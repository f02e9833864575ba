// aws_route: one route of a route table, found as the provider finds it: in its table's
// DescribeRouteTables answer (one call per batch, filtered by the tables' ids), by its
// destination (IPv4 CIDR, IPv6 CIDR or prefix list). Its id (r-<table><hash>) is the
// provider's own and names nothing AWS knows.
#include <arpa/inet.h>

#include <algorithm>
#include <cstring>

#include "registry.h"
#include "route_common.h"

namespace scanner::native {
namespace {

const std::vector<rule> rules = {};

const depth_claim depth{
    {"carrier_gateway_id", "core_network_arn", "destination_cidr_block",
     "destination_ipv6_cidr_block", "destination_prefix_list_id", "egress_only_gateway_id",
     "gateway_id", "local_gateway_id", "nat_gateway_id", "network_interface_id", "route_table_id",
     "transit_gateway_id", "vpc_endpoint_id", "vpc_peering_connection_id"},
    {},
};

struct wanted {
  std::string table, field, destination;  // field: the XML name of the destination
};

// The table and destination a state instance names, as the provider's
// routeDestinationAttribute picks the destination: the first of the three that is set.
wanted wanted_of(const terraform::resource_instance& inst) {
  rapidjson::Document st;
  st.Parse(inst.attributes.c_str(), inst.attributes.size());
  wanted w{string_member(st, "route_table_id"), "", ""};
  const std::pair<const char*, const char*> kinds[] = {
      {"destination_cidr_block", "destinationCidrBlock"},
      {"destination_ipv6_cidr_block", "destinationIpv6CidrBlock"},
      {"destination_prefix_list_id", "destinationPrefixListId"},
  };
  for (const auto& [attr, field] : kinds) {
    auto v = string_member(st, attr);
    if (!v.empty()) return {w.table, field, v};
  }
  return w;
}

// Two CIDR blocks are the same when their addresses and prefix lengths are, however written
// ("2001:DB8::/56", "2001:db8:0::/56"), as the provider's CIDRBlocksEqual has it.
bool same_cidr(const std::string& a, const std::string& b) {
  if (a == b) return true;
  const auto slash_a = a.find('/'), slash_b = b.find('/');
  if (slash_a == std::string::npos || slash_b == std::string::npos) return false;
  if (a.substr(slash_a) != b.substr(slash_b)) return false;
  const int family = a.find(':') == std::string::npos ? AF_INET : AF_INET6;
  unsigned char bytes_a[sizeof(in6_addr)] = {}, bytes_b[sizeof(in6_addr)] = {};
  return inet_pton(family, a.substr(0, slash_a).c_str(), bytes_a) == 1 &&
         inet_pton(family, b.substr(0, slash_b).c_str(), bytes_b) == 1 &&
         std::memcmp(bytes_a, bytes_b, sizeof bytes_a) == 0;
}

pugi::xml_node find_route(const pugi::xml_node& table, const wanted& w) {
  if (w.field.empty()) return {};
  const bool cidr = w.field != "destinationPrefixListId";
  for (auto r : table.child("routeSet").children("item")) {
    const std::string destination = xtext(r, w.field.c_str());
    if (destination.empty()) continue;
    if (cidr ? same_cidr(destination, w.destination) : destination == w.destination) return r;
  }
  return {};
}

doc_ptr build(const std::string& table_id, const pugi::xml_node& r) {
  auto d = new_object();
  const std::string gateway = xtext(r, "gatewayId");
  // A VPC endpoint's route names the endpoint in gatewayId; the provider moves it.
  const bool endpoint = gateway.starts_with("vpce-");
  set_string(*d, "carrier_gateway_id", xtext(r, "carrierGatewayId"));
  set_string(*d, "core_network_arn", xtext(r, "coreNetworkArn"));
  set_string(*d, "destination_cidr_block", xtext(r, "destinationCidrBlock"));
  set_string(*d, "destination_ipv6_cidr_block", xtext(r, "destinationIpv6CidrBlock"));
  set_string(*d, "destination_prefix_list_id", xtext(r, "destinationPrefixListId"));
  set_string(*d, "egress_only_gateway_id", xtext(r, "egressOnlyInternetGatewayId"));
  set_string(*d, "gateway_id", endpoint ? "" : gateway);
  set_string(*d, "local_gateway_id", xtext(r, "localGatewayId"));
  set_string(*d, "nat_gateway_id", xtext(r, "natGatewayId"));
  set_string(*d, "network_interface_id", xtext(r, "networkInterfaceId"));
  set_string(*d, "route_table_id", table_id);
  set_string(*d, "transit_gateway_id", xtext(r, "transitGatewayId"));
  set_string(*d, "vpc_endpoint_id", endpoint ? gateway : "");
  set_string(*d, "vpc_peering_connection_id", xtext(r, "vpcPeeringConnectionId"));
  // Computed-only, but refreshed: a route whose target was deleted turns `blackhole`.
  set_string(*d, "instance_id", xtext(r, "instanceId"));
  set_string(*d, "instance_owner_id", xtext(r, "instanceOwnerId"));
  set_string(*d, "origin", xtext(r, "origin"));
  set_string(*d, "state", xtext(r, "state"));
  return d;
}

std::vector<live_resource> read(const read_context& ctx, const instance_list& batch) {
  std::vector<wanted> want;
  std::vector<std::string> tables;
  for (const auto* inst : batch) {
    want.push_back(wanted_of(*inst));
    if (!want.back().table.empty() &&
        std::find(tables.begin(), tables.end(), want.back().table) == tables.end())
      tables.push_back(want.back().table);
  }
  aws::xml_response keep;
  auto found = ec2::route_tables_where(ctx, "route-table-id", tables, keep);
  if (!found) return all_failed(batch.size(), found.error());
  std::vector<live_resource> out;
  for (const auto& w : want) {
    if (w.table.empty() || w.field.empty()) {
      out.push_back(live_resource::unchecked("the state names no route table or destination"));
      continue;
    }
    auto t = found->find(w.table);
    auto r = t == found->end() ? pugi::xml_node() : find_route(t->second, w);
    out.push_back(r ? live_resource::found(build(w.table, r)) : live_resource::gone());
  }
  return out;
}

const iam_actions permissions{{"ec2:DescribeRouteTables"}, {}};

// The call names the table and the destination, not the provider's route id: every route of
// the table is re-read (each instance is located by its route_table_id).
const change_locator changes{ec2::event_source,
                             {"CreateRoute", "ReplaceRoute", "DeleteRoute", "DeleteRouteTable"},
                             [](const change_call& c) -> std::vector<change_target> {
                               const auto table = ec2::request_param(c, "routeTableId");
                               if (table.empty()) return {};
                               return {{"", {{"route_table_id", table}}}};
                             }};

}  // namespace

const type_module& aws_route_module() {
  static const type_module m{"aws_route", read, &rules, 100, {}, &depth, &permissions, &changes};
  return m;
}

}  // namespace scanner::native
