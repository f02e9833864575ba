// aws_lb_target_group: an Elastic Load Balancing v2 target group: DescribeTargetGroups per batch
// of ARNs (protocol, port, VPC, health check, the load balancers using it), DescribeTags for 20
// at a time, then per group its attributes (deregistration, stickiness, algorithm, failover,
// health thresholds) in the provider's blocks.
#include <cstdlib>

#include "elbv2_common.h"
#include "registry.h"
#include "sns/attribute_map.h"

namespace scanner::native {
namespace {

const std::vector<rule> rules = {
    {"tags", rule_kind::null_is_empty, "no tags: null in state, {} from ELB"},
    {"load_balancer_arns", rule_kind::set_order, "a set: ELB answers them in its own order"},
};

const depth_claim depth{
    {"connection_termination",
     "deregistration_delay",
     "health_check",
     "ip_address_type",
     "lambda_multi_value_headers_enabled",
     "load_balancing_algorithm_type",
     "load_balancing_anomaly_mitigation",
     "load_balancing_cross_zone_enabled",
     "name",
     "name_prefix",
     "port",
     "preserve_client_ip",
     "protocol",
     "protocol_version",
     "proxy_protocol_v2",
     "slow_start",
     "stickiness",
     "tags",
     "tags_all",
     "target_failover",
     "target_group_health",
     "target_health_state",
     "target_type",
     "vpc_id"},
    {},
};

struct attribute_spec {
  const char* name;
  const char* key;
  char kind;  // 'b'ool, 'i'nt, 's'tring
};

// The provider's attribute map for instance and IP targets: a key ELB does not return leaves
// the state's value.
const std::vector<attribute_spec> attribute_specs = {
    {"connection_termination", "deregistration_delay.connection_termination.enabled", 'b'},
    {"deregistration_delay", "deregistration_delay.timeout_seconds", 's'},
    {"load_balancing_algorithm_type", "load_balancing.algorithm.type", 's'},
    {"load_balancing_anomaly_mitigation", "load_balancing.algorithm.anomaly_mitigation", 's'},
    {"load_balancing_cross_zone_enabled", "load_balancing.cross_zone.enabled", 's'},
    {"preserve_client_ip", "preserve_client_ip.enabled", 's'},
    {"proxy_protocol_v2", "proxy_protocol_v2.enabled", 'b'},
    {"slow_start", "slow_start.duration_seconds", 'i'},
};

void set_attribute(rapidjson::Document& d, const rapidjson::Document& state,
                   const attribute_spec& s, const elbv2::attribute_map& a) {
  if (s.kind == 'b')
    elbv2::set_bool_attr(d, state, s.name, a, s.key);
  else if (s.kind == 'i')
    elbv2::set_int_attr(d, state, s.name, a, s.key);
  else
    elbv2::set_string_attr(d, state, s.name, a, s.key);
}

long long to_int(const std::optional<std::string>& v) {
  return v ? std::strtoll(v->c_str(), nullptr, 10) : 0;
}

bool http(const std::string& protocol) { return protocol == "HTTP" || protocol == "HTTPS"; }

rapidjson::Value health_check(rapidjson::Document& d, const pugi::xml_node& tg) {
  const std::string grpc = xtext(tg, "Matcher/GrpcCode");
  return elbv2::object(d)
      .boolean("enabled", xbool(tg, "HealthCheckEnabled"))
      .integer("healthy_threshold", xint(tg, "HealthyThresholdCount"))
      .integer("interval", xint(tg, "HealthCheckIntervalSeconds"))
      .str("matcher", grpc.empty() ? xtext(tg, "Matcher/HttpCode") : grpc)
      .str("path", xtext(tg, "HealthCheckPath"))
      .str("port", xtext(tg, "HealthCheckPort"))
      .str("protocol", xtext(tg, "HealthCheckProtocol"))
      .integer("timeout", xint(tg, "HealthCheckTimeoutSeconds"))
      .integer("unhealthy_threshold", xint(tg, "UnhealthyThresholdCount"))
      .take();
}

// Cookie settings only for HTTP(S) groups, those of the configured stickiness type.
rapidjson::Value stickiness(rapidjson::Document& d, const elbv2::attribute_map& a,
                            const std::string& protocol) {
  const std::string type = elbv2::attr(a, "stickiness.type").value_or("");
  long long duration = 0;
  std::string cookie;
  if (http(protocol) && type == "lb_cookie") {
    duration = to_int(elbv2::attr(a, "stickiness.lb_cookie.duration_seconds"));
  } else if (http(protocol) && type == "app_cookie") {
    duration = to_int(elbv2::attr(a, "stickiness.app_cookie.duration_seconds"));
    cookie = elbv2::attr(a, "stickiness.app_cookie.cookie_name").value_or("");
  }
  return elbv2::object(d)
      .integer("cookie_duration", duration)
      .str("cookie_name", cookie)
      .boolean("enabled", elbv2::attr(a, "stickiness.enabled") == "true")
      .str("type", type)
      .take();
}

// Failover settings exist for GENEVE (gateway) groups only.
rapidjson::Value target_failover(rapidjson::Document& d, const elbv2::attribute_map& a,
                                 const std::string& protocol) {
  const bool geneve = protocol == "GENEVE";
  auto get = [&](const char* k) { return geneve ? elbv2::attr(a, k) : std::nullopt; };
  return elbv2::object(d)
      .str_or_null("on_deregistration", get("target_failover.on_deregistration"))
      .str_or_null("on_unhealthy", get("target_failover.on_unhealthy"))
      .take();
}

// DNS failover and unhealthy-state routing thresholds (every protocol but GENEVE).
rapidjson::Value target_group_health(rapidjson::Document& d, const elbv2::attribute_map& a,
                                     const std::string& protocol) {
  const bool supported = protocol != "GENEVE";
  auto get = [&](const char* k) { return supported ? elbv2::attr(a, k) : std::nullopt; };
  const auto routing_count =
      get("target_group_health.unhealthy_state_routing.minimum_healthy_targets.count");
  elbv2::object routing(d);
  if (routing_count)
    routing.integer("minimum_healthy_targets_count", to_int(routing_count));
  else
    routing.null("minimum_healthy_targets_count");
  routing.str_or_null(
      "minimum_healthy_targets_percentage",
      get("target_group_health.unhealthy_state_routing.minimum_healthy_targets.percentage"));
  std::vector<rapidjson::Value> dns, state_routing;
  dns.push_back(
      elbv2::object(d)
          .str_or_null("minimum_healthy_targets_count",
                       get("target_group_health.dns_failover.minimum_healthy_targets.count"))
          .str_or_null("minimum_healthy_targets_percentage",
                       get("target_group_health.dns_failover.minimum_healthy_targets.percentage"))
          .take());
  state_routing.push_back(routing.take());
  return elbv2::object(d)
      .value("dns_failover", elbv2::array_of(std::move(dns), d))
      .value("unhealthy_state_routing", elbv2::array_of(std::move(state_routing), d))
      .take();
}

// Unhealthy-target handling exists for TCP and TLS groups only.
rapidjson::Value target_health_state(rapidjson::Document& d, const elbv2::attribute_map& a,
                                     const std::string& protocol) {
  elbv2::object o(d);
  const bool supported = protocol == "TCP" || protocol == "TLS";
  const auto termination =
      supported ? elbv2::attr(a, "target_health_state.unhealthy.connection_termination.enabled")
                : std::nullopt;
  const auto draining =
      supported ? elbv2::attr(a, "target_health_state.unhealthy.draining_interval_seconds")
                : std::nullopt;
  if (termination)
    o.boolean("enable_unhealthy_connection_termination", *termination == "true");
  else
    o.null("enable_unhealthy_connection_termination");
  if (draining)
    o.integer("unhealthy_draining_interval", to_int(draining));
  else
    o.null("unhealthy_draining_interval");
  return o.take();
}

// Port, protocol, protocol version and VPC: set when ELB returns them, else the state's.
void set_or_keep(rapidjson::Document& d, const rapidjson::Document& state, const char* name,
                 const pugi::xml_node& tg, const char* field, bool integer) {
  auto n = tg.child(field);
  if (!n)
    elbv2::keep_state(d, state, name);
  else if (integer)
    set_int(d, name, std::strtoll(n.child_value(), nullptr, 10));
  else
    set_string(d, name, n.child_value());
}

live_resource build(const read_context& ctx, const terraform::resource_instance& inst,
                    const pugi::xml_node& tg, const elbv2::tag_map& tags) {
  const auto state = elbv2::state_of(inst);
  auto d = new_object();
  const std::string arn = xtext(tg, "TargetGroupArn");
  const std::string name = xtext(tg, "TargetGroupName");
  const std::string target_type = xtext(tg, "TargetType");
  const std::string protocol = xtext(tg, "Protocol");
  set_string(*d, "arn", arn);
  const auto colon = arn.rfind(':');
  set_string(*d, "arn_suffix", colon == std::string::npos ? "" : arn.substr(colon + 1));
  elbv2::set_block(*d, "health_check", health_check(*d, tg));
  set_string(*d, "ip_address_type", xtext(tg, "IpAddressType"));
  set_string_list(*d, "load_balancer_arns", elbv2::members_of(tg, "LoadBalancerArns"));
  set_string(*d, "name", name);
  set_string(*d, "name_prefix", messaging::name_prefix_of(name, ""));
  set_string(*d, "target_type", target_type);
  set_or_keep(*d, state, "port", tg, "Port", true);
  set_or_keep(*d, state, "protocol", tg, "Protocol", false);
  set_or_keep(*d, state, "protocol_version", tg, "ProtocolVersion", false);
  set_or_keep(*d, state, "vpc_id", tg, "VpcId", false);

  auto a = elbv2::attributes(ctx, "DescribeTargetGroupAttributes", "TargetGroupArn", inst.id);
  if (!a) return gone_or_failed(a.error(), aws::elbv2::is_not_found);
  elbv2::set_block(*d, "stickiness", stickiness(*d, *a, protocol));
  elbv2::set_block(*d, "target_failover", target_failover(*d, *a, protocol));
  elbv2::set_block(*d, "target_group_health", target_group_health(*d, *a, protocol));
  elbv2::set_block(*d, "target_health_state", target_health_state(*d, *a, protocol));
  const bool instance_or_ip = target_type == "instance" || target_type == "ip";
  for (const auto& s : attribute_specs) {
    if (instance_or_ip)
      set_attribute(*d, state, s, *a);
    else
      elbv2::keep_state(*d, state, s.name);
  }
  if (target_type == "lambda")
    elbv2::set_bool_attr(*d, state, "lambda_multi_value_headers_enabled", *a,
                         "lambda.multi_value_headers.enabled");
  else
    elbv2::keep_state(*d, state, "lambda_multi_value_headers_enabled");
  set_tags(*d, inst, tags);
  return live_resource::found(d);
}

const iam_actions permissions{
    {"elasticloadbalancing:DescribeTargetGroups", "elasticloadbalancing:DescribeTags",
     "elasticloadbalancing:DescribeTargetGroupAttributes"},
    {}};

const change_locator changes{
    elbv2::event_source,
    {"ModifyTargetGroup", "ModifyTargetGroupAttributes", "DeleteTargetGroup", "AddTags",
     "RemoveTags"},
    [](const change_call& c) { return elbv2::arn_changes(c, "targetGroupArn", ":targetgroup/"); }};

}  // namespace

const type_module& aws_lb_target_group_module() {
  static const type_module m{
      "aws_lb_target_group",
      [](const read_context& ctx, const instance_list& batch) {
        return elbv2::read_batch(ctx, batch, "DescribeTargetGroups", "TargetGroupArns",
                                 "TargetGroups", "TargetGroupArn", build);
      },
      &rules,
      20,
      [](const read_context& ctx) {
        return elbv2::list_all(ctx, "DescribeTargetGroups", "TargetGroups", "TargetGroupArn");
      },
      &depth,
      &permissions,
      &changes,
      /*calls_per_batch=*/2,
      /*calls_per_instance=*/1};
  return m;
}

}  // namespace scanner::native
