// What the routing types share (route tables, routes, their associations, internet gateways,
// Elastic IPs, NAT gateways): route tables found by a filter, the provider's shape of a
// table's routes, associations by id, and listings whose page size each Describe accepts.
#pragma once

#include <map>
#include <string>
#include <vector>

#include "ec2_common.h"

namespace scanner::native::ec2 {

// Every route table a DescribeRouteTables filtered by `filter` = `values` answers, by id.
// `keep` holds the response the nodes point into.
core::result<std::map<std::string, pugi::xml_node>, aws::error> route_tables_where(
    const read_context& ctx, const std::string& filter, const std::vector<std::string>& values,
    aws::xml_response& keep);

// Whether the provider leaves the route out of aws_route_table's `route` set: the VPC's local
// route (and VPC Lattice's), a VPC endpoint's prefix-list route (aws_vpc_endpoint owns it)
// and routes a virtual private gateway propagates.
bool provider_skips_route(const pugi::xml_node& route);

// One route in the provider's `route` object shape: all thirteen keys, absent ones "".
rapidjson::Value route_object(const pugi::xml_node& route, rapidjson::Document::AllocatorType& a);

// The association `id` of a route table (main or not); an empty node when the table has no
// such association or AWS reports it disassociated (the provider's NotFound).
pugi::xml_node association_of(const pugi::xml_node& table, const std::string& id);

// The route-table association reads of aws_route_table_association and
// aws_main_route_table_association: one DescribeRouteTables per batch filtered by the
// route_table_id the states hold, each association found there by its id; `build` gets the
// association and its table (gone when it returns null).
using association_build_fn =
    std::function<doc_ptr(const pugi::xml_node& association, const pugi::xml_node& table)>;
std::vector<live_resource> read_associations(const read_context& ctx, const instance_list& batch,
                                             const association_build_fn& build);

// Every item of an unfiltered Describe, as list_all, with the page size the action accepts
// (0: the action does not paginate, as DescribeAddresses).
core::result<std::vector<discovered>, aws::error> list_paged(
    const read_context& ctx, const std::string& action, const std::string& set_name,
    const std::string& id_field, int page_size,
    const std::function<bool(const pugi::xml_node&)>& keep = {});

}  // namespace scanner::native::ec2
