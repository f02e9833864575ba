// aws_lb: an Elastic Load Balancing v2 load balancer (application, network or gateway):
// DescribeLoadBalancers per batch of ARNs (scheme, type, subnets and their addresses, security
// groups, IPAM pools), DescribeTags for 20 at a time, then per load balancer its attributes
// (logs, timeouts, HTTP handling, deletion protection) and its minimum capacity.
#include <cstdlib>

#include "elbv2_common.h"
#include "registry.h"
#include "sns/attribute_map.h"

namespace scanner::native {
namespace {

const std::vector<rule> rules = {
    {"tags", rule_kind::null_is_empty, "no tags: null in state, {} from ELB"},
    {"security_groups", rule_kind::set_order, "a set: ELB answers the groups in its own order"},
    {"subnets", rule_kind::set_order, "a set: ELB answers the zones in its own order"},
    {"subnet_mapping", rule_kind::set_order, "a set of objects, one per zone"},
};

const depth_claim depth{
    {"access_logs",
     "client_keep_alive",
     "connection_logs",
     "customer_owned_ipv4_pool",
     "desync_mitigation_mode",
     "dns_record_client_routing_policy",
     "drop_invalid_header_fields",
     "enable_cross_zone_load_balancing",
     "enable_deletion_protection",
     "enable_http2",
     "enable_tls_version_and_cipher_suite_headers",
     "enable_waf_fail_open",
     "enable_xff_client_port",
     "enable_zonal_shift",
     "enforce_security_group_inbound_rules_on_private_link_traffic",
     "idle_timeout",
     "internal",
     "ip_address_type",
     "ipam_pools",
     "load_balancer_type",
     "minimum_load_balancer_capacity",
     "name",
     "name_prefix",
     "preserve_host_header",
     "security_groups",
     "subnet_mapping",
     "subnets",
     "tags",
     "tags_all",
     "xff_header_processing_mode"},
    {},
    false,
    // moto returns no Scheme, no capacity reservation units, IPAM pools or subnet addresses.
    {"internal", "minimum_load_balancer_capacity", "ipam_pools"},
};

struct attribute_spec {
  const char* name;
  const char* key;
  char kind;  // 'b'ool, 'i'nt, 's'tring
};

// The provider's attribute map: a key ELB does not return leaves the state's value.
const std::vector<attribute_spec> attribute_specs = {
    {"client_keep_alive", "client_keep_alive.seconds", 'i'},
    {"desync_mitigation_mode", "routing.http.desync_mitigation_mode", 's'},
    {"dns_record_client_routing_policy", "dns_record.client_routing_policy", 's'},
    {"drop_invalid_header_fields", "routing.http.drop_invalid_header_fields.enabled", 'b'},
    {"enable_cross_zone_load_balancing", "load_balancing.cross_zone.enabled", 'b'},
    {"enable_deletion_protection", "deletion_protection.enabled", 'b'},
    {"enable_http2", "routing.http2.enabled", 'b'},
    {"enable_tls_version_and_cipher_suite_headers",
     "routing.http.x_amzn_tls_version_and_cipher_suite.enabled", 'b'},
    {"enable_waf_fail_open", "waf.fail_open.enabled", 'b'},
    {"enable_xff_client_port", "routing.http.xff_client_port.enabled", 'b'},
    {"enable_zonal_shift", "zonal_shift.config.enabled", 'b'},
    {"idle_timeout", "idle_timeout.timeout_seconds", 'i'},
    {"preserve_host_header", "routing.http.preserve_host_header.enabled", 'b'},
    {"xff_header_processing_mode", "routing.http.xff_header_processing.mode", 's'},
};

// access_logs / connection_logs: {bucket, enabled, prefix} from `<prefix>.s3.*`.
rapidjson::Value logs(rapidjson::Document& d, const elbv2::attribute_map& a,
                      const std::string& prefix) {
  return elbv2::object(d)
      .str("bucket", elbv2::attr(a, (prefix + ".s3.bucket").c_str()).value_or(""))
      .boolean("enabled", elbv2::attr(a, (prefix + ".s3.enabled").c_str()) == "true")
      .str("prefix", elbv2::attr(a, (prefix + ".s3.prefix").c_str()).value_or(""))
      .take();
}

// One element per zone: its subnet, Outpost and first address (Elastic IP, private IPv4, IPv6).
std::vector<rapidjson::Value> subnet_mappings(rapidjson::Document& d, const pugi::xml_node& lb) {
  std::vector<rapidjson::Value> out;
  for (auto z : lb.child("AvailabilityZones").children("member")) {
    auto addr = z.child("LoadBalancerAddresses").child("member");
    out.push_back(elbv2::object(d)
                      .str("allocation_id", xtext(addr, "AllocationId"))
                      .str("ipv6_address", xtext(addr, "IPv6Address"))
                      .str("outpost_id", xtext(z, "OutpostId"))
                      .str("private_ipv4_address", xtext(addr, "PrivateIPv4Address"))
                      .str("subnet_id", xtext(z, "SubnetId"))
                      .take());
  }
  return out;
}

std::vector<std::string> subnets(const pugi::xml_node& lb) {
  std::vector<std::string> out;
  for (auto z : lb.child("AvailabilityZones").children("member"))
    out.emplace_back(z.child_value("SubnetId"));
  return out;
}

live_resource build(const read_context& ctx, const terraform::resource_instance& inst,
                    const pugi::xml_node& lb, const elbv2::tag_map& tags) {
  const auto state = elbv2::state_of(inst);
  auto d = new_object();
  const std::string type = xtext(lb, "Type");
  const std::string name = xtext(lb, "LoadBalancerName");
  const std::string arn = xtext(lb, "LoadBalancerArn");
  set_string(*d, "arn", arn);
  const auto slash = arn.find(":loadbalancer/");
  set_string(*d, "arn_suffix", slash == std::string::npos ? "" : arn.substr(slash + 14));
  set_string(*d, "customer_owned_ipv4_pool", xtext(lb, "CustomerOwnedIpv4Pool"));
  set_string(*d, "dns_name", xtext(lb, "DNSName"));
  set_string(*d, "enforce_security_group_inbound_rules_on_private_link_traffic",
             xtext(lb, "EnforceSecurityGroupInboundRulesOnPrivateLinkTraffic"));
  set_bool(*d, "internal", xtext(lb, "Scheme") == "internal");
  set_string(*d, "ip_address_type", xtext(lb, "IpAddressType"));
  std::vector<rapidjson::Value> pools;
  if (auto p = lb.child("IpamPools"); p && !xtext(p, "Ipv4IpamPoolId").empty())
    pools.push_back(elbv2::object(*d).str("ipv4_ipam_pool_id", xtext(p, "Ipv4IpamPoolId")).take());
  elbv2::set_list(*d, "ipam_pools", std::move(pools));
  set_string(*d, "load_balancer_type", type);
  set_string(*d, "name", name);
  set_string(*d, "name_prefix", messaging::name_prefix_of(name, ""));
  set_string_list(*d, "security_groups", elbv2::members_of(lb, "SecurityGroups"));
  elbv2::set_list(*d, "subnet_mapping", subnet_mappings(*d, lb));
  set_string_list(*d, "subnets", subnets(lb));
  set_string(*d, "vpc_id", xtext(lb, "VpcId"));
  set_string(*d, "zone_id", xtext(lb, "CanonicalHostedZoneId"));

  auto a = elbv2::attributes(ctx, "DescribeLoadBalancerAttributes", "LoadBalancerArn", inst.id);
  if (!a) return gone_or_failed(a.error(), aws::elbv2::is_not_found);
  elbv2::set_block(*d, "access_logs", logs(*d, *a, "access_logs"));
  if (type == "application")
    elbv2::set_block(*d, "connection_logs", logs(*d, *a, "connection_logs"));
  else
    elbv2::keep_state(*d, state, "connection_logs");
  for (const auto& s : attribute_specs) {
    if (s.kind == 'b')
      elbv2::set_bool_attr(*d, state, s.name, *a, s.key);
    else if (s.kind == 'i')
      elbv2::set_int_attr(*d, state, s.name, *a, s.key);
    else
      elbv2::set_string_attr(*d, state, s.name, *a, s.key);
  }

  // Gateway load balancers have no capacity reservation: the state's value stays.
  if (type == "application" || type == "network") {
    ctx.count();
    auto c = aws::query_call(ctx.cloud, aws::elbv2::api, "DescribeCapacityReservation",
                             {{"LoadBalancerArn", inst.id}});
    std::vector<rapidjson::Value> capacity;
    if (c) {
      const std::string units = xtext(c->result, "MinimumLoadBalancerCapacity/CapacityUnits");
      if (!units.empty())
        capacity.push_back(elbv2::object(*d)
                               .integer("capacity_units", std::strtoll(units.c_str(), nullptr, 10))
                               .take());
    } else if (c.error().code != "AccessDenied" && c.error().code != "InvalidAction") {
      // The provider reads no capacity (an empty block) where the call is denied or unknown.
      return gone_or_failed(c.error(), aws::elbv2::is_not_found);
    }
    elbv2::set_list(*d, "minimum_load_balancer_capacity", std::move(capacity));
  } else {
    elbv2::keep_state(*d, state, "minimum_load_balancer_capacity");
  }
  set_tags(*d, inst, tags);
  return live_resource::found(d);
}

const iam_actions permissions{
    {"elasticloadbalancing:DescribeLoadBalancers", "elasticloadbalancing:DescribeTags",
     "elasticloadbalancing:DescribeLoadBalancerAttributes",
     "elasticloadbalancing:DescribeCapacityReservation"},
    {}};

// The calls that change what the module compares, each naming the load balancer's ARN (the
// state's id); tags by the ARNs AddTags and RemoveTags list.
const change_locator changes{
    elbv2::event_source,
    {"ModifyLoadBalancerAttributes", "SetSecurityGroups", "SetSubnets", "SetIpAddressType",
     "ModifyCapacityReservation", "ModifyIpPools", "DeleteLoadBalancer", "AddTags", "RemoveTags"},
    [](const change_call& c) {
      return elbv2::arn_changes(c, "loadBalancerArn", ":loadbalancer/");
    }};

}  // namespace

const type_module& aws_lb_module() {
  static const type_module m{
      "aws_lb",
      [](const read_context& ctx, const instance_list& batch) {
        return elbv2::read_batch(ctx, batch, "DescribeLoadBalancers", "LoadBalancerArns",
                                 "LoadBalancers", "LoadBalancerArn", build);
      },
      &rules,
      20,
      [](const read_context& ctx) {
        return elbv2::list_all(ctx, "DescribeLoadBalancers", "LoadBalancers", "LoadBalancerArn");
      },
      &depth,
      &permissions,
      &changes,
      /*calls_per_batch=*/2,
      /*calls_per_instance=*/2};
  return m;
}

}  // namespace scanner::native
