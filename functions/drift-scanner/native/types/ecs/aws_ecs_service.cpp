// aws_ecs_service: a service's task definition, count, deployment settings, placement,
// networking, load balancers, registries and tags (DescribeServices with TAGS on the state's
// cluster). `desired_count` is read and reported like any attribute: the severity table's
// autoscaled-count rule grades it.
#include "aws/ecs.h"
#include "ecs_common.h"
#include "registry.h"

namespace scanner::native {
namespace {

using namespace ecs;
using lambda::copy_fields;
using lambda::field_kind;
using lambda::string_array;

const std::vector<rule> rules = {
    {"tags", rule_kind::null_is_empty, "an empty tag map and no tags are the same"},
    {"capacity_provider_strategy", rule_kind::set_order,
     "a Terraform set of strategy items: order is not a change"},
    {"load_balancer", rule_kind::set_order,
     "a Terraform set of load balancers: order is not a change"},
    {"placement_constraints", rule_kind::set_order,
     "a Terraform set of constraints: order is not a change"},
    {"vpc_lattice_configurations", rule_kind::set_order,
     "a Terraform set of Lattice configurations: order is not a change"},
};

const depth_claim depth{
    {"alarms",
     "availability_zone_rebalancing",
     "capacity_provider_strategy",
     "cluster",
     "deployment_circuit_breaker",
     "deployment_controller",
     "deployment_maximum_percent",
     "deployment_minimum_healthy_percent",
     "desired_count",
     "enable_ecs_managed_tags",
     "enable_execute_command",
     "health_check_grace_period_seconds",
     "iam_role",
     "launch_type",
     "load_balancer",
     "name",
     "network_configuration",
     "ordered_placement_strategy",
     "placement_constraints",
     "platform_version",
     "propagate_tags",
     "scheduling_strategy",
     "service_registries",
     "tags",
     "tags_all",
     "task_definition",
     "vpc_lattice_configurations"},
    {
        {"force_delete", skip_kind::provider_only, "how a destroy deletes the service"},
        {"force_new_deployment", skip_kind::provider_only,
         "asks the provider for a new deployment on apply: nothing ECS holds"},
        {"wait_for_steady_state", skip_kind::provider_only, "how the provider waits on apply"},
        {"triggers", skip_kind::provider_only,
         "arbitrary values that make the provider redeploy: nothing ECS holds"},
        {"service_connect_configuration", skip_kind::not_read,
         "the provider reads it from the PRIMARY deployment (only when ECS returns one); its "
         "nested client aliases, TLS and log blocks are not read yet"},
        {"volume_configuration", skip_kind::not_read,
         "the provider reads the PRIMARY deployment's managed EBS volume (only when ECS "
         "returns one); not read yet"},
    },
    false,
    // moto's services have no deploymentConfiguration: proved offline (`updated`, edited).
    {"alarms", "deployment_circuit_breaker", "deployment_maximum_percent",
     "deployment_minimum_healthy_percent"},
};

using alloc_t = rapidjson::Document::AllocatorType;

rapidjson::Value objects(const rapidjson::Value& src, std::initializer_list<const char*> path,
                         std::initializer_list<lambda::field> fields, bool set, alloc_t& a) {
  rapidjson::Value list(rapidjson::kArrayType);
  if (const auto* l = at(src, path); l && l->IsArray())
    for (const auto& e : l->GetArray()) {
      rapidjson::Value b(rapidjson::kObjectType);
      copy_fields(b, e, fields, a);
      list.PushBack(b, a);
    }
  if (set) to_set_order(list, a);
  return list;
}

// The state's form of a reference ECS answers as an ARN: the ARN when the state holds one,
// else `short_form` of it (a cluster's name, a task definition's family:revision).
std::string as_in_state(const std::string& arn, const std::string& in_state,
                        const std::string& short_form) {
  return in_state.rfind("arn:", 0) == 0 ? arn : short_form;
}

live_resource found_service(const rapidjson::Value& s, const terraform::resource_instance& inst) {
  auto d = new_object();
  auto& a = d->GetAllocator();
  set_string(*d, "name", str_at(s, {"serviceName"}));
  const std::string cluster = str_at(s, {"clusterArn"});
  set_string(*d, "cluster",
             as_in_state(cluster, state_string(inst, "cluster"), last_part(cluster)));
  const std::string td = str_at(s, {"taskDefinition"});
  set_string(*d, "task_definition",
             as_in_state(td, state_string(inst, "task_definition"), last_part(td)));
  set_int(*d, "desired_count", int_at(s, {"desiredCount"}));
  set_string(*d, "availability_zone_rebalancing", str_at(s, {"availabilityZoneRebalancing"}));
  set_string(*d, "launch_type", str_at(s, {"launchType"}));
  set_string(*d, "platform_version", str_at(s, {"platformVersion"}));
  set_string(*d, "propagate_tags", str_at(s, {"propagateTags"}));
  set_string(*d, "scheduling_strategy", str_at(s, {"schedulingStrategy"}));
  // Set only when ECS names a role.
  if (const std::string role = str_at(s, {"roleArn"}); !role.empty())
    set_string(*d, "iam_role", role);
  else
    keep_state(*d, inst, "iam_role");
  set_bool(*d, "enable_ecs_managed_tags", bool_at(s, {"enableECSManagedTags"}));
  set_bool(*d, "enable_execute_command", bool_at(s, {"enableExecuteCommand"}));
  set_int(*d, "health_check_grace_period_seconds", int_at(s, {"healthCheckGracePeriodSeconds"}));
  // The provider sets the deployment settings only when ECS returns a deployment
  // configuration (moto never does): else the state's values stay.
  if (const auto* conf = at(s, {"deploymentConfiguration"}); conf && conf->IsObject()) {
    set_int(*d, "deployment_maximum_percent", int_at(*conf, {"maximumPercent"}));
    set_int(*d, "deployment_minimum_healthy_percent", int_at(*conf, {"minimumHealthyPercent"}));
    lambda::set_block_of(
        *d, "deployment_circuit_breaker", at(*conf, {"deploymentCircuitBreaker"}),
        {{"enable", "enable", field_kind::boolean}, {"rollback", "rollback", field_kind::boolean}});
    lambda::set_block_of(*d, "alarms", at(*conf, {"alarms"}),
                         {{"alarm_names", "alarmNames", field_kind::string_set},
                          {"enable", "enable", field_kind::boolean},
                          {"rollback", "rollback", field_kind::boolean}});
  } else {
    for (const char* name : {"deployment_maximum_percent", "deployment_minimum_healthy_percent",
                             "deployment_circuit_breaker", "alarms"})
      keep_state(*d, inst, name);
  }
  lambda::set_block_of(*d, "deployment_controller", at(s, {"deploymentController"}),
                       {{"type", "type", field_kind::string}});
  auto strategy = objects(s, {"capacityProviderStrategy"},
                          {{"base", "base", field_kind::integer},
                           {"capacity_provider", "capacityProvider", field_kind::string},
                           {"weight", "weight", field_kind::integer}},
                          true, a);
  set_value(*d, "capacity_provider_strategy", strategy);
  auto balancers = objects(s, {"loadBalancers"},
                           {{"container_name", "containerName", field_kind::string},
                            {"container_port", "containerPort", field_kind::integer},
                            {"elb_name", "loadBalancerName", field_kind::string},
                            {"target_group_arn", "targetGroupArn", field_kind::string}},
                           true, a);
  set_value(*d, "load_balancer", balancers);
  auto placement = objects(
      s, {"placementStrategy"},
      {{"field", "field", field_kind::string}, {"type", "type", field_kind::string}}, false, a);
  set_value(*d, "ordered_placement_strategy", placement);
  auto constraints = objects(
      s, {"placementConstraints"},
      {{"expression", "expression", field_kind::string}, {"type", "type", field_kind::string}},
      true, a);
  set_value(*d, "placement_constraints", constraints);
  auto registries = objects(s, {"serviceRegistries"},
                            {{"container_name", "containerName", field_kind::string},
                             {"container_port", "containerPort", field_kind::integer},
                             {"port", "port", field_kind::integer},
                             {"registry_arn", "registryArn", field_kind::string}},
                            false, a);
  set_value(*d, "service_registries", registries);
  // network_configuration: ECS's ENABLED/DISABLED is the provider's boolean.
  rapidjson::Value net(rapidjson::kArrayType);
  if (const auto* vpc = at(s, {"networkConfiguration", "awsvpcConfiguration"});
      vpc && vpc->IsObject()) {
    rapidjson::Value b(rapidjson::kObjectType);
    b.AddMember("assign_public_ip", str_at(*vpc, {"assignPublicIp"}) == "ENABLED", a);
    b.AddMember("security_groups", string_array(strings_at(*vpc, {"securityGroups"}), true, a), a);
    b.AddMember("subnets", string_array(strings_at(*vpc, {"subnets"}), true, a), a);
    net.PushBack(b, a);
  }
  set_value(*d, "network_configuration", net);
  // vpc_lattice_configurations: the provider reads the PRIMARY deployment's (none: the
  // state's value stays).
  const rapidjson::Value* primary = nullptr;
  if (const auto* deployments = at(s, {"deployments"}); deployments && deployments->IsArray())
    for (const auto& dep : deployments->GetArray())
      if (str_at(dep, {"status"}) == "PRIMARY") primary = &dep;
  if (primary) {
    auto lattice = objects(*primary, {"vpcLatticeConfigurations"},
                           {{"port_name", "portName", field_kind::string},
                            {"role_arn", "roleArn", field_kind::string},
                            {"target_group_arn", "targetGroupArn", field_kind::string}},
                           true, a);
    set_value(*d, "vpc_lattice_configurations", lattice);
  } else {
    keep_state(*d, inst, "vpc_lattice_configurations");
  }
  set_tags(*d, inst, tags_of(at(s, {"tags"})));
  return live_resource::found(d);
}

live_resource read_one(const read_context& ctx, const terraform::resource_instance& inst) {
  ctx.count();
  auto r = aws::ecs::describe_services(ctx.cloud, state_string(inst, "cluster"), {inst.id});
  if (!r)
    return gone_or_failed(r.error(), [](const aws::error& e) {
      return e.code == "ClusterNotFoundException" || e.code == "ServiceNotFoundException";
    });
  const auto* list = at(*r, {"services"});
  if (list && list->IsArray())
    for (const auto& s : list->GetArray())
      if (str_at(s, {"serviceArn"}) == inst.id || str_at(s, {"serviceName"}) == inst.id)
        // A deleted service stays described as INACTIVE (DRAINING first): gone for the provider.
        return str_at(s, {"status"}) == "INACTIVE" ? live_resource::gone() : found_service(s, inst);
  return live_resource::gone();
}

// Every service of every cluster: the provider's id of a service is its ARN; it is imported
// as cluster-name/service-name.
core::result<std::vector<discovered>, aws::error> list(const read_context& ctx) {
  ctx.count();
  auto clusters = aws::ecs::list_clusters(ctx.cloud);
  if (!clusters) return clusters.error();
  std::vector<discovered> out;
  for (const auto& cluster : *clusters) {
    ctx.count();
    auto services = aws::ecs::list_services(ctx.cloud, cluster);
    if (!services) return services.error();
    for (const auto& arn : *services)
      out.push_back({arn, last_part(cluster) + "/" + last_part(arn), {}});
  }
  return out;
}

const iam_actions permissions{{"ecs:DescribeServices"}, {"ecs:ListClusters", "ecs:ListServices"}};

const change_locator changes{
    "ecs.amazonaws.com",
    {"UpdateService", "TagResource", "UntagResource", "DeleteService"},
    [](const change_call& c) {
      return targets_of({changed_arn(c, "service", "serviceArn", "service")});
    }};

}  // namespace

const type_module& aws_ecs_service_module() {
  static const type_module m{"aws_ecs_service",
                             one_by_one(read_one),
                             &rules,
                             10,
                             list,
                             &depth,
                             &permissions,
                             &changes,
                             /*calls_per_batch=*/0,
                             /*calls_per_instance=*/1};
  return m;
}

}  // namespace scanner::native
