// aws_autoscaling_group: sizes (desired capacity included: an autoscaled count is drift,
// graded INFO and never auto-remediated by the `autoscaled-count` severity rule), zones and
// subnets, health checks, launch template, load balancers, target groups, traffic sources,
// processes, metrics, warm pool, maintenance policy and tags, from one DescribeAutoScalingGroups
// per batch of 100 names, as the provider refreshes them.
#include <algorithm>
#include <cmath>
#include <cstdlib>

#include "autoscaling_common.h"
#include "registry.h"

namespace scanner::native {
namespace {

const std::vector<rule> rules = {
    {"tag", rule_kind::set_order, "a set of {key, value, propagate_at_launch}"},
    {"traffic_source", rule_kind::set_order, "a set of {identifier, type}"},
};

const depth_claim depth{
    {"availability_zones",
     "capacity_rebalance",
     "context",
     "default_cooldown",
     "default_instance_warmup",
     "desired_capacity",
     "desired_capacity_type",
     "enabled_metrics",
     "health_check_grace_period",
     "health_check_type",
     "instance_maintenance_policy",
     "launch_configuration",
     "launch_template",
     "load_balancers",
     "max_instance_lifetime",
     "max_size",
     "metrics_granularity",
     "min_size",
     "mixed_instances_policy",
     "name",
     "placement_group",
     "protect_from_scale_in",
     "service_linked_role_arn",
     "suspended_processes",
     "tag",
     "target_group_arns",
     "termination_policies",
     "traffic_source",
     "vpc_zone_identifier",
     "warm_pool"},
    {{"availability_zone_distribution", skip_kind::not_read,
      "the emulator does not return it, so its refreshed shape cannot be held to Terraform's"},
     {"capacity_reservation_specification", skip_kind::not_read,
      "the emulator does not return it, so its refreshed shape cannot be held to Terraform's"},
     {"name_prefix", skip_kind::create_only, "only used to generate the name at creation"},
     {"force_delete", skip_kind::provider_only, "a deletion option of the provider"},
     {"force_delete_warm_pool", skip_kind::provider_only, "a deletion option of the provider"},
     {"ignore_failed_scaling_activities", skip_kind::provider_only,
      "how the provider waits for capacity, never read"},
     {"min_elb_capacity", skip_kind::provider_only, "how the provider waits for capacity"},
     {"wait_for_capacity_timeout", skip_kind::provider_only, "how the provider waits for capacity"},
     {"wait_for_elb_capacity", skip_kind::provider_only, "how the provider waits for capacity"},
     {"initial_lifecycle_hook", skip_kind::provider_only,
      "hooks created with the group; the provider never reads them back"},
     {"instance_refresh", skip_kind::provider_only,
      "how the provider rolls instances on an update, never read"}},
    false,
    // moto's groups never carry traffic sources (it lacks DescribeTrafficSources and
    // AttachTrafficSources): proved by the offline test's edited recording.
    {"traffic_source"},
};

using allocator = rapidjson::Document::AllocatorType;

rapidjson::Value strings(std::vector<std::string> v, allocator& a, bool sorted = true) {
  if (sorted) std::sort(v.begin(), v.end());
  rapidjson::Value out(rapidjson::kArrayType);
  for (const auto& s : v) out.PushBack(string_value(s, a), a);
  return out;
}

void set_strings(rapidjson::Document& d, const char* name, std::vector<std::string> v) {
  auto x = strings(std::move(v), d.GetAllocator());
  set_value(d, name, x);
}

// A one-element list of `fields` when `n` is present, else [] (the provider's nil block).
rapidjson::Value block(const pugi::xml_node& n, allocator& a,
                       const std::function<void(rapidjson::Value&)>& fields) {
  rapidjson::Value out(rapidjson::kArrayType);
  if (!n) return out;
  rapidjson::Value o(rapidjson::kObjectType);
  fields(o);
  out.PushBack(o, a);
  return out;
}

void add_int(rapidjson::Value& o, const char* name, const pugi::xml_node& n, const char* path,
             allocator& a) {
  o.AddMember(rapidjson::StringRef(name), rapidjson::Value(static_cast<int64_t>(xint(n, path))), a);
}

// How one Terraform name of mixed_instances_policy is read from the Auto Scaling answer, with
// the provider's values for what the answer leaves out ("", 0, false, []).
enum class kind { text, number, flag, texts, block, blocks };

struct field {
  const char* name;
  const char* xml;
  kind k;
  const std::vector<field>* fields = nullptr;
};

const std::vector<field> min_max = {{"max", "Max", kind::number}, {"min", "Min", kind::number}};

const std::vector<field> requirements = {
    {"accelerator_count", "AcceleratorCount", kind::block, &min_max},
    {"accelerator_manufacturers", "AcceleratorManufacturers", kind::texts},
    {"accelerator_names", "AcceleratorNames", kind::texts},
    {"accelerator_total_memory_mib", "AcceleratorTotalMemoryMiB", kind::block, &min_max},
    {"accelerator_types", "AcceleratorTypes", kind::texts},
    {"allowed_instance_types", "AllowedInstanceTypes", kind::texts},
    {"bare_metal", "BareMetal", kind::text},
    {"baseline_ebs_bandwidth_mbps", "BaselineEbsBandwidthMbps", kind::block, &min_max},
    {"burstable_performance", "BurstablePerformance", kind::text},
    {"cpu_manufacturers", "CpuManufacturers", kind::texts},
    {"excluded_instance_types", "ExcludedInstanceTypes", kind::texts},
    {"instance_generations", "InstanceGenerations", kind::texts},
    {"local_storage", "LocalStorage", kind::text},
    {"local_storage_types", "LocalStorageTypes", kind::texts},
    {"max_spot_price_as_percentage_of_optimal_on_demand_price",
     "MaxSpotPriceAsPercentageOfOptimalOnDemandPrice", kind::number},
    {"memory_gib_per_vcpu", "MemoryGiBPerVCpu", kind::block, &min_max},
    {"memory_mib", "MemoryMiB", kind::block, &min_max},
    {"network_bandwidth_gbps", "NetworkBandwidthGbps", kind::block, &min_max},
    {"network_interface_count", "NetworkInterfaceCount", kind::block, &min_max},
    {"on_demand_max_price_percentage_over_lowest_price",
     "OnDemandMaxPricePercentageOverLowestPrice", kind::number},
    {"require_hibernate_support", "RequireHibernateSupport", kind::flag},
    {"spot_max_price_percentage_over_lowest_price", "SpotMaxPricePercentageOverLowestPrice",
     kind::number},
    {"total_local_storage_gb", "TotalLocalStorageGB", kind::block, &min_max},
    {"vcpu_count", "VCpuCount", kind::block, &min_max},
};

const std::vector<field> template_specification = {
    {"launch_template_id", "LaunchTemplateId", kind::text},
    {"launch_template_name", "LaunchTemplateName", kind::text},
    {"version", "Version", kind::text},
};

const std::vector<field> override_fields = {
    {"instance_requirements", "InstanceRequirements", kind::block, &requirements},
    {"instance_type", "InstanceType", kind::text},
    {"launch_template_specification", "LaunchTemplateSpecification", kind::block,
     &template_specification},
    {"weighted_capacity", "WeightedCapacity", kind::text},
};

const std::vector<field> policy_template = {
    {"launch_template_specification", "LaunchTemplateSpecification", kind::block,
     &template_specification},
    {"override", "Overrides", kind::blocks, &override_fields},
};

const std::vector<field> distribution = {
    {"on_demand_allocation_strategy", "OnDemandAllocationStrategy", kind::text},
    {"on_demand_base_capacity", "OnDemandBaseCapacity", kind::number},
    {"on_demand_percentage_above_base_capacity", "OnDemandPercentageAboveBaseCapacity",
     kind::number},
    {"spot_allocation_strategy", "SpotAllocationStrategy", kind::text},
    {"spot_instance_pools", "SpotInstancePools", kind::number},
    {"spot_max_price", "SpotMaxPrice", kind::text},
};

const std::vector<field> mixed_policy = {
    {"instances_distribution", "InstancesDistribution", kind::block, &distribution},
    {"launch_template", "LaunchTemplate", kind::block, &policy_template},
};

rapidjson::Value number_of(const std::string& s) {
  const double v = std::strtod(s.c_str(), nullptr);
  rapidjson::Value out;
  if (std::floor(v) == v && std::fabs(v) < 9e15)
    out.SetInt64(static_cast<int64_t>(v));
  else
    out.SetDouble(v);
  return out;
}

rapidjson::Value object_of(const pugi::xml_node& n, const std::vector<field>& fields, allocator& a);

rapidjson::Value value_of(const pugi::xml_node& parent, const field& f, allocator& a) {
  const pugi::xml_node n = parent.child(f.xml);
  rapidjson::Value v(rapidjson::kArrayType);
  switch (f.k) {
    case kind::text:
      return string_value(n.child_value(), a);
    case kind::number:
      return n ? number_of(n.child_value()) : rapidjson::Value(0);
    case kind::flag:
      return rapidjson::Value(std::string_view(n.child_value()) == "true");
    case kind::texts: {
      std::vector<std::string> items;
      for (auto m : n.children("member")) items.emplace_back(m.child_value());
      return strings(std::move(items), a);
    }
    case kind::block:
      if (n) v.PushBack(object_of(n, *f.fields, a), a);
      return v;
    case kind::blocks:
      for (auto m : n.children("member")) v.PushBack(object_of(m, *f.fields, a), a);
      return v;
  }
  return v;
}

rapidjson::Value object_of(const pugi::xml_node& n, const std::vector<field>& fields,
                           allocator& a) {
  rapidjson::Value o(rapidjson::kObjectType);
  for (const auto& f : fields) o.AddMember(rapidjson::StringRef(f.name), value_of(n, f, a), a);
  return o;
}

const std::string kDefaultGranularity = "1Minute";

doc_ptr build(const terraform::resource_instance& inst, const pugi::xml_node& g) {
  using autoscaling::members;
  auto d = new_object();
  auto& a = d->GetAllocator();
  set_string(*d, "name", xtext(g, "AutoScalingGroupName"));
  set_strings(*d, "availability_zones", members(g, "AvailabilityZones"));
  set_bool(*d, "capacity_rebalance", xbool(g, "CapacityRebalance"));
  set_string(*d, "context", xtext(g, "Context"));
  set_int(*d, "default_cooldown", xint(g, "DefaultCooldown"));
  set_int(*d, "default_instance_warmup", xint(g, "DefaultInstanceWarmup"));
  set_int(*d, "desired_capacity", xint(g, "DesiredCapacity"));
  set_string(*d, "desired_capacity_type", xtext(g, "DesiredCapacityType"));
  const auto metrics = members(g, "EnabledMetrics", "Metric");
  set_strings(*d, "enabled_metrics", metrics);
  // Without metrics the provider stores its default granularity.
  set_string(*d, "metrics_granularity",
             metrics.empty()
                 ? kDefaultGranularity
                 : g.child("EnabledMetrics").child("member").child_value("Granularity"));
  set_int(*d, "health_check_grace_period", xint(g, "HealthCheckGracePeriod"));
  set_string(*d, "health_check_type", xtext(g, "HealthCheckType"));
  const auto policy = g.child("InstanceMaintenancePolicy");
  auto maintenance = block(policy, a, [&](rapidjson::Value& o) {
    add_int(o, "max_healthy_percentage", policy, "MaxHealthyPercentage", a);
    add_int(o, "min_healthy_percentage", policy, "MinHealthyPercentage", a);
  });
  set_value(*d, "instance_maintenance_policy", maintenance);
  set_string(*d, "launch_configuration", xtext(g, "LaunchConfigurationName"));
  const auto lt = g.child("LaunchTemplate");
  auto launch_template = block(lt, a, [&](rapidjson::Value& o) {
    o.AddMember("id", string_value(xtext(lt, "LaunchTemplateId"), a), a);
    o.AddMember("name", string_value(xtext(lt, "LaunchTemplateName"), a), a);
    o.AddMember("version", string_value(xtext(lt, "Version"), a), a);
  });
  set_value(*d, "launch_template", launch_template);
  set_strings(*d, "load_balancers", members(g, "LoadBalancerNames"));
  set_int(*d, "max_instance_lifetime", xint(g, "MaxInstanceLifetime"));
  set_int(*d, "max_size", xint(g, "MaxSize"));
  set_int(*d, "min_size", xint(g, "MinSize"));
  const field mixed_field{"mixed_instances_policy", "MixedInstancesPolicy", kind::block,
                          &mixed_policy};
  auto mixed = value_of(g, mixed_field, a);
  set_value(*d, "mixed_instances_policy", mixed);
  set_string(*d, "placement_group", xtext(g, "PlacementGroup"));
  set_int(*d, "predicted_capacity", xint(g, "PredictedCapacity"));
  set_bool(*d, "protect_from_scale_in", xbool(g, "NewInstancesProtectedFromScaleIn"));
  set_string(*d, "service_linked_role_arn", xtext(g, "ServiceLinkedRoleARN"));
  set_strings(*d, "suspended_processes", members(g, "SuspendedProcesses", "ProcessName"));
  set_strings(*d, "target_group_arns", members(g, "TargetGroupARNs"));
  // Not configured and AWS's own ["Default"]: the provider clears it (an empty list, as its
  // refresh stores a cleared list).
  auto policies = members(g, "TerminationPolicies");
  rapidjson::Document state;
  state.Parse(inst.attributes.c_str(), inst.attributes.size());
  const auto* configured = member(state, "termination_policies");
  const bool none_configured =
      !configured || configured->IsNull() || (configured->IsArray() && configured->Empty());
  if (none_configured && policies == std::vector<std::string>{"Default"}) policies.clear();
  auto policy_list = strings(policies, a, false);
  set_value(*d, "termination_policies", policy_list);
  rapidjson::Value sources(rapidjson::kArrayType);
  for (auto m : g.child("TrafficSources").children("member")) {
    rapidjson::Value o(rapidjson::kObjectType);
    o.AddMember("identifier", string_value(xtext(m, "Identifier"), a), a);
    o.AddMember("type", string_value(xtext(m, "Type"), a), a);
    sources.PushBack(o, a);
  }
  set_value(*d, "traffic_source", sources);
  // A comma-separated list in the API, a set of subnet ids in Terraform.
  std::vector<std::string> subnets;
  const std::string zones = xtext(g, "VPCZoneIdentifier");
  for (size_t start = 0; !zones.empty() && start <= zones.size();) {
    const size_t comma = std::min(zones.find(',', start), zones.size());
    subnets.push_back(zones.substr(start, comma - start));
    start = comma + 1;
  }
  set_strings(*d, "vpc_zone_identifier", subnets);
  const auto pool = g.child("WarmPoolConfiguration");
  auto warm_pool = block(pool, a, [&](rapidjson::Value& o) {
    add_int(o, "max_group_prepared_capacity", pool, "MaxGroupPreparedCapacity", a);
    add_int(o, "min_size", pool, "MinSize", a);
    o.AddMember("pool_state", string_value(xtext(pool, "PoolState"), a), a);
    const auto reuse = pool.child("InstanceReusePolicy");
    auto r = block(reuse, a, [&](rapidjson::Value& x) {
      x.AddMember("reuse_on_scale_in", xbool(reuse, "ReuseOnScaleIn"), a);
    });
    o.AddMember("instance_reuse_policy", r, a);
  });
  set_value(*d, "warm_pool", warm_pool);
  set_int(*d, "warm_pool_size", xint(g, "WarmPoolSize"));
  rapidjson::Value tags(rapidjson::kArrayType);
  for (auto m : g.child("Tags").children("member")) {
    const std::string key = xtext(m, "Key");
    if (key.rfind("aws:", 0) == 0) continue;
    rapidjson::Value o(rapidjson::kObjectType);
    o.AddMember("key", string_value(key, a), a);
    o.AddMember("propagate_at_launch", xbool(m, "PropagateAtLaunch"), a);
    o.AddMember("value", string_value(xtext(m, "Value"), a), a);
    tags.PushBack(o, a);
  }
  set_value(*d, "tag", tags);
  return d;
}

std::vector<live_resource> read(const read_context& ctx, const instance_list& batch) {
  std::vector<std::string> names;
  for (const auto* inst : batch) names.push_back(inst->id);
  auto pages = autoscaling::describe_groups(ctx, names);
  if (!pages) return all_failed(batch.size(), pages.error());
  std::map<std::string, pugi::xml_node> groups;
  for (const auto& page : *pages)
    for (auto g : page.result.child("AutoScalingGroups").children("member"))
      groups[xtext(g, "AutoScalingGroupName")] = g;
  std::vector<live_resource> out;
  for (const auto* inst : batch) {
    auto it = groups.find(inst->id);
    // A group being deleted is gone, as the provider's finder treats it.
    if (it == groups.end() || !xtext(it->second, "Status").empty())
      out.push_back(live_resource::gone());
    else
      out.push_back(live_resource::found(build(*inst, it->second)));
  }
  return out;
}

core::result<std::vector<discovered>, aws::error> list(const read_context& ctx) {
  auto pages = autoscaling::describe_groups(ctx, {});
  if (!pages) return pages.error();
  std::vector<discovered> out;
  for (const auto& page : *pages) {
    for (auto g : page.result.child("AutoScalingGroups").children("member")) {
      discovered x;
      x.id = x.import_id = xtext(g, "AutoScalingGroupName");
      for (auto t : g.child("Tags").children("member")) x.tags[xtext(t, "Key")] = xtext(t, "Value");
      out.push_back(std::move(x));
    }
  }
  return out;
}

const iam_actions permissions{{"autoscaling:DescribeAutoScalingGroups"}, {}};

const change_locator changes{
    autoscaling::event_source,
    {"UpdateAutoScalingGroup", "SetDesiredCapacity", "DeleteAutoScalingGroup", "SuspendProcesses",
     "ResumeProcesses", "EnableMetricsCollection", "DisableMetricsCollection",
     "AttachLoadBalancers", "DetachLoadBalancers", "AttachLoadBalancerTargetGroups",
     "DetachLoadBalancerTargetGroups", "AttachTrafficSources", "DetachTrafficSources",
     "PutWarmPool", "DeleteWarmPool", "CreateOrUpdateTags", "DeleteTags"},
    autoscaling::groups_of};

}  // namespace

const type_module& aws_autoscaling_group_module() {
  static const type_module m{"aws_autoscaling_group",
                             read,
                             &rules,
                             autoscaling::kMaxNames,
                             list,
                             &depth,
                             &permissions,
                             &changes};
  return m;
}

}  // namespace scanner::native
