// aws_launch_template: the template (name, default and latest version, tags) from
// DescribeLaunchTemplates by id, and the settings of its latest version from
// DescribeLaunchTemplateVersions, as the provider refreshes them: it always reads `$Latest`,
// whatever the default version is, so a version added from the console is drift of the
// template's settings and of `latest_version`, and making it the default is drift of
// `default_version`.
#include <algorithm>
#include <cmath>
#include <cstdlib>

#include "aws/query_protocol.h"
#include "aws/service.h"
#include "ec2_common.h"
#include "registry.h"

namespace scanner::native {
namespace {

const std::vector<rule> rules = {
    {"tags", rule_kind::null_is_empty, "no tags: null in state, {} from EC2"},
    {"security_group_names", rule_kind::set_order, "a set of names"},
    {"vpc_security_group_ids", rule_kind::set_order, "a set of ids"},
    {"license_specification", rule_kind::set_order, "a set of license configurations"},
};

const depth_claim depth{
    {"block_device_mappings",
     "capacity_reservation_specification",
     "cpu_options",
     "default_version",
     "description",
     "disable_api_stop",
     "disable_api_termination",
     "ebs_optimized",
     "elastic_gpu_specifications",
     "elastic_inference_accelerator",
     "enclave_options",
     "hibernation_options",
     "iam_instance_profile",
     "image_id",
     "instance_initiated_shutdown_behavior",
     "instance_market_options",
     "instance_requirements",
     "instance_type",
     "kernel_id",
     "key_name",
     "license_specification",
     "maintenance_options",
     "metadata_options",
     "monitoring",
     "name",
     "network_interfaces",
     "placement",
     "private_dns_name_options",
     "ram_disk_id",
     "security_group_names",
     "tag_specifications",
     "tags",
     "tags_all",
     "user_data",
     "vpc_security_group_ids"},
    {{"credit_specification", skip_kind::not_read,
      "the provider writes it only when DescribeInstanceTypes says the instance type is "
      "burstable, and otherwise keeps the configured value"},
     {"name_prefix", skip_kind::create_only, "only used to generate the name at creation"},
     {"update_default_version", skip_kind::provider_only,
      "an instruction to the provider's update, never read from EC2"}},
};

// How one Terraform name is read from the version's launchTemplateData, with the provider's
// values for what the answer leaves out ("" for strings, 0, false, [] for blocks and sets).
enum class kind {
  text,       // a string
  number,     // an integer or a float
  flag,       // a bool
  flag_text,  // a bool the provider keeps as "true"/"false" ("" when absent)
  texts,      // a set of strings: <xml><item>[<item>]</item>, in Terraform's (sorted) order
  block,      // a nested block: [ {fields} ] when present
  blocks,     // a list of nested blocks, one per <item>
  tag_map,    // a <tagSet> as a map
};

struct field {
  const char* name;
  const char* xml;
  kind k;
  const std::vector<field>* fields = nullptr;  // block(s)
  const char* item = nullptr;                  // texts: the element under <item>, if any
};

const std::vector<field> min_max_int = {{"min", "min", kind::number}, {"max", "max", kind::number}};

const std::vector<field> ebs = {
    {"delete_on_termination", "deleteOnTermination", kind::flag_text},
    {"encrypted", "encrypted", kind::flag_text},
    {"iops", "iops", kind::number},
    {"kms_key_id", "kmsKeyId", kind::text},
    {"snapshot_id", "snapshotId", kind::text},
    {"throughput", "throughput", kind::number},
    {"volume_initialization_rate", "volumeInitializationRate", kind::number},
    {"volume_size", "volumeSize", kind::number},
    {"volume_type", "volumeType", kind::text},
};

const std::vector<field> block_device = {
    {"device_name", "deviceName", kind::text},
    {"ebs", "ebs", kind::block, &ebs},
    {"no_device", "noDevice", kind::text},
    {"virtual_name", "virtualName", kind::text},
};

const std::vector<field> reservation_target = {
    {"capacity_reservation_id", "capacityReservationId", kind::text},
    {"capacity_reservation_resource_group_arn", "capacityReservationResourceGroupArn", kind::text},
};

const std::vector<field> capacity_reservation = {
    {"capacity_reservation_preference", "capacityReservationPreference", kind::text},
    {"capacity_reservation_target", "capacityReservationTarget", kind::block, &reservation_target},
};

const std::vector<field> cpu = {
    {"amd_sev_snp", "amdSevSnp", kind::text},
    {"core_count", "coreCount", kind::number},
    {"threads_per_core", "threadsPerCore", kind::number},
};

const std::vector<field> type_only = {{"type", "type", kind::text}};
const std::vector<field> enabled = {{"enabled", "enabled", kind::flag}};
const std::vector<field> configured = {{"configured", "configured", kind::flag}};

const std::vector<field> instance_profile = {
    {"arn", "arn", kind::text},
    {"name", "name", kind::text},
};

const std::vector<field> spot = {
    {"block_duration_minutes", "blockDurationMinutes", kind::number},
    {"instance_interruption_behavior", "instanceInterruptionBehavior", kind::text},
    {"max_price", "maxPrice", kind::text},
    {"spot_instance_type", "spotInstanceType", kind::text},
    {"valid_until", "validUntil", kind::text},
};

const std::vector<field> market = {
    {"market_type", "marketType", kind::text},
    {"spot_options", "spotOptions", kind::block, &spot},
};

const std::vector<field> requirements = {
    {"accelerator_count", "acceleratorCount", kind::block, &min_max_int},
    {"accelerator_manufacturers", "acceleratorManufacturerSet", kind::texts},
    {"accelerator_names", "acceleratorNameSet", kind::texts},
    {"accelerator_total_memory_mib", "acceleratorTotalMemoryMiB", kind::block, &min_max_int},
    {"accelerator_types", "acceleratorTypeSet", kind::texts},
    {"allowed_instance_types", "allowedInstanceTypeSet", kind::texts},
    {"bare_metal", "bareMetal", kind::text},
    {"baseline_ebs_bandwidth_mbps", "baselineEbsBandwidthMbps", kind::block, &min_max_int},
    {"burstable_performance", "burstablePerformance", kind::text},
    {"cpu_manufacturers", "cpuManufacturerSet", kind::texts},
    {"excluded_instance_types", "excludedInstanceTypeSet", kind::texts},
    {"instance_generations", "instanceGenerationSet", kind::texts},
    {"local_storage", "localStorage", kind::text},
    {"local_storage_types", "localStorageTypeSet", kind::texts},
    {"max_spot_price_as_percentage_of_optimal_on_demand_price",
     "maxSpotPriceAsPercentageOfOptimalOnDemandPrice", kind::number},
    {"memory_gib_per_vcpu", "memoryGiBPerVCpu", kind::block, &min_max_int},
    {"memory_mib", "memoryMiB", kind::block, &min_max_int},
    {"network_bandwidth_gbps", "networkBandwidthGbps", kind::block, &min_max_int},
    {"network_interface_count", "networkInterfaceCount", kind::block, &min_max_int},
    {"on_demand_max_price_percentage_over_lowest_price",
     "onDemandMaxPricePercentageOverLowestPrice", kind::number},
    {"require_hibernate_support", "requireHibernateSupport", kind::flag},
    {"spot_max_price_percentage_over_lowest_price", "spotMaxPricePercentageOverLowestPrice",
     kind::number},
    {"total_local_storage_gb", "totalLocalStorageGB", kind::block, &min_max_int},
    {"vcpu_count", "vCpuCount", kind::block, &min_max_int},
};

const std::vector<field> license = {
    {"license_configuration_arn", "licenseConfigurationArn", kind::text}};
const std::vector<field> maintenance = {{"auto_recovery", "autoRecovery", kind::text}};

const std::vector<field> metadata = {
    {"http_endpoint", "httpEndpoint", kind::text},
    {"http_protocol_ipv6", "httpProtocolIpv6", kind::text},
    {"http_put_response_hop_limit", "httpPutResponseHopLimit", kind::number},
    {"http_tokens", "httpTokens", kind::text},
    {"instance_metadata_tags", "instanceMetadataTags", kind::text},
};

const std::vector<field> tracking = {
    {"tcp_established_timeout", "tcpEstablishedTimeout", kind::number},
    {"udp_stream_timeout", "udpStreamTimeout", kind::number},
    {"udp_timeout", "udpTimeout", kind::number},
};
const std::vector<field> ena_srd_udp = {{"ena_srd_udp_enabled", "enaSrdUdpEnabled", kind::flag}};
const std::vector<field> ena_srd = {
    {"ena_srd_enabled", "enaSrdEnabled", kind::flag},
    {"ena_srd_udp_specification", "enaSrdUdpSpecification", kind::block, &ena_srd_udp},
};

const std::vector<field> interface = {
    {"associate_carrier_ip_address", "associateCarrierIpAddress", kind::flag_text},
    {"associate_public_ip_address", "associatePublicIpAddress", kind::flag_text},
    {"connection_tracking_specification", "connectionTrackingSpecification", kind::block,
     &tracking},
    {"delete_on_termination", "deleteOnTermination", kind::flag_text},
    {"description", "description", kind::text},
    {"device_index", "deviceIndex", kind::number},
    {"ena_srd_specification", "enaSrdSpecification", kind::block, &ena_srd},
    {"interface_type", "interfaceType", kind::text},
    {"ipv4_address_count", "secondaryPrivateIpAddressCount", kind::number},
    {"ipv4_addresses", "privateIpAddressesSet", kind::texts, nullptr, "privateIpAddress"},
    {"ipv4_prefix_count", "ipv4PrefixCount", kind::number},
    {"ipv4_prefixes", "ipv4PrefixSet", kind::texts, nullptr, "ipv4Prefix"},
    {"ipv6_address_count", "ipv6AddressCount", kind::number},
    {"ipv6_addresses", "ipv6AddressesSet", kind::texts, nullptr, "ipv6Address"},
    {"ipv6_prefix_count", "ipv6PrefixCount", kind::number},
    {"ipv6_prefixes", "ipv6PrefixSet", kind::texts, nullptr, "ipv6Prefix"},
    {"network_card_index", "networkCardIndex", kind::number},
    {"network_interface_id", "networkInterfaceId", kind::text},
    {"primary_ipv6", "primaryIpv6", kind::flag_text},
    {"private_ip_address", "privateIpAddress", kind::text},
    {"security_groups", "groupSet", kind::texts},
    {"subnet_id", "subnetId", kind::text},
};

const std::vector<field> placement = {
    {"affinity", "affinity", kind::text},
    {"availability_zone", "availabilityZone", kind::text},
    {"group_name", "groupName", kind::text},
    {"host_id", "hostId", kind::text},
    {"host_resource_group_arn", "hostResourceGroupArn", kind::text},
    {"partition_number", "partitionNumber", kind::number},
    {"spread_domain", "spreadDomain", kind::text},
    {"tenancy", "tenancy", kind::text},
};

const std::vector<field> private_dns = {
    {"enable_resource_name_dns_a_record", "enableResourceNameDnsARecord", kind::flag},
    {"enable_resource_name_dns_aaaa_record", "enableResourceNameDnsAAAARecord", kind::flag},
    {"hostname_type", "hostnameType", kind::text},
};

const std::vector<field> tag_specification = {
    {"resource_type", "resourceType", kind::text},
    {"tags", "tagSet", kind::tag_map},
};

// The settings of launchTemplateData, by Terraform name.
const std::vector<field> template_data = {
    {"block_device_mappings", "blockDeviceMappingSet", kind::blocks, &block_device},
    {"capacity_reservation_specification", "capacityReservationSpecification", kind::block,
     &capacity_reservation},
    {"cpu_options", "cpuOptions", kind::block, &cpu},
    {"disable_api_stop", "disableApiStop", kind::flag},
    {"disable_api_termination", "disableApiTermination", kind::flag},
    {"ebs_optimized", "ebsOptimized", kind::flag_text},
    {"elastic_gpu_specifications", "elasticGpuSpecificationSet", kind::blocks, &type_only},
    {"elastic_inference_accelerator", "elasticInferenceAcceleratorSet", kind::blocks, &type_only},
    {"enclave_options", "enclaveOptions", kind::block, &enabled},
    {"hibernation_options", "hibernationOptions", kind::block, &configured},
    {"iam_instance_profile", "iamInstanceProfile", kind::block, &instance_profile},
    {"image_id", "imageId", kind::text},
    {"instance_initiated_shutdown_behavior", "instanceInitiatedShutdownBehavior", kind::text},
    {"instance_market_options", "instanceMarketOptions", kind::block, &market},
    {"instance_requirements", "instanceRequirements", kind::block, &requirements},
    {"instance_type", "instanceType", kind::text},
    {"kernel_id", "kernelId", kind::text},
    {"key_name", "keyName", kind::text},
    {"license_specification", "licenseSet", kind::blocks, &license},
    {"maintenance_options", "maintenanceOptions", kind::block, &maintenance},
    {"metadata_options", "metadataOptions", kind::block, &metadata},
    {"monitoring", "monitoring", kind::block, &enabled},
    {"network_interfaces", "networkInterfaceSet", kind::blocks, &interface},
    {"placement", "placement", kind::block, &placement},
    {"private_dns_name_options", "privateDnsNameOptions", kind::block, &private_dns},
    {"ram_disk_id", "ramDiskId", kind::text},
    {"security_group_names", "securityGroupSet", kind::texts},
    {"tag_specifications", "tagSpecificationSet", kind::blocks, &tag_specification},
    {"user_data", "userData", kind::text},
    {"vpc_security_group_ids", "securityGroupIdSet", kind::texts},
};

using allocator = rapidjson::Document::AllocatorType;

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
  rapidjson::Value v;
  switch (f.k) {
    case kind::text:
      return string_value(n.child_value(), a);
    case kind::number:
      return n ? number_of(n.child_value()) : rapidjson::Value(0);
    case kind::flag:
      return rapidjson::Value(std::string_view(n.child_value()) == "true");
    case kind::flag_text:
      return string_value(n ? (std::string_view(n.child_value()) == "true" ? "true" : "false") : "",
                          a);
    case kind::texts: {
      std::vector<std::string> items;
      // Members are <item>s, or named after the member (a network interface's <groupSet>
      // holds <groupId>s): every child element counts.
      for (auto it : n.children())
        if (it.type() == pugi::node_element)
          items.emplace_back(f.item ? it.child_value(f.item) : it.child_value());
      std::sort(items.begin(), items.end());
      v.SetArray();
      for (const auto& s : items) v.PushBack(string_value(s, a), a);
      return v;
    }
    case kind::block:
      v.SetArray();
      if (n) v.PushBack(object_of(n, *f.fields, a), a);
      return v;
    case kind::blocks:
      v.SetArray();
      for (auto it : n.children("item")) v.PushBack(object_of(it, *f.fields, a), a);
      return v;
    case kind::tag_map: {
      const auto tags = aws::ec2::tags_of(parent);
      if (tags.empty()) return v;  // null, as the provider leaves an empty map
      v.SetObject();
      for (const auto& [k, val] : tags)
        if (k.rfind("aws:", 0) != 0) v.AddMember(string_value(k, a), string_value(val, a), a);
      return v;
    }
  }
  return v;
}

rapidjson::Value object_of(const pugi::xml_node& n, const std::vector<field>& fields,
                           allocator& a) {
  rapidjson::Value o(rapidjson::kObjectType);
  for (const auto& f : fields) o.AddMember(rapidjson::StringRef(f.name), value_of(n, f, a), a);
  return o;
}

const iam_actions permissions{{"ec2:DescribeLaunchTemplates", "ec2:DescribeLaunchTemplateVersions"},
                              {}};

bool template_missing(const aws::error& e) {
  return e.code.rfind("InvalidLaunchTemplateId.", 0) == 0 ||
         e.code.rfind("InvalidLaunchTemplateName.", 0) == 0;
}

// The templates of `ids` (DescribeLaunchTemplates by id), keyed by id. AWS refuses the whole
// call when one id does not exist: each id is then asked alone, and the missing ones are left
// out (gone).
core::result<std::map<std::string, pugi::xml_node>, aws::error> templates(
    const read_context& ctx, const std::vector<std::string>& ids,
    std::vector<aws::xml_response>& keep) {
  aws::ec2::describe_request req;
  req.ids = ids;
  ctx.count();
  auto r = aws::ec2::describe(ctx.cloud, "DescribeLaunchTemplates", "LaunchTemplateId",
                              "launchTemplates", req);
  std::map<std::string, pugi::xml_node> out;
  if (!r && template_missing(r.error()) && ids.size() > 1) {
    for (const auto& id : ids) {
      auto one = templates(ctx, {id}, keep);
      if (!one) return one.error();
      out.insert(one->begin(), one->end());
    }
    return out;
  }
  if (!r) {
    if (template_missing(r.error())) return out;
    return r.error();
  }
  keep.push_back(std::move(r).value());
  for (auto item : keep.back().result.children("item")) out[xtext(item, "launchTemplateId")] = item;
  return out;
}

live_resource read_one(const read_context& ctx, const terraform::resource_instance& inst,
                       const pugi::xml_node& lt) {
  const std::string latest = xtext(lt, "latestVersionNumber");
  ctx.count();
  auto r = aws::query_call(ctx.cloud, aws::services::ec2, "DescribeLaunchTemplateVersions",
                           {{"LaunchTemplateId", inst.id}, {"LaunchTemplateVersion.1", latest}});
  if (!r) return gone_or_failed(r.error(), template_missing);
  pugi::xml_node version;
  for (auto item : r->result.child("launchTemplateVersionSet").children("item"))
    if (xtext(item, "versionNumber") == latest) version = item;
  if (!version) return live_resource::gone();
  auto d = new_object();
  auto& a = d->GetAllocator();
  set_string(*d, "name", xtext(lt, "launchTemplateName"));
  set_int(*d, "default_version", xint(lt, "defaultVersionNumber"));
  set_int(*d, "latest_version", xint(lt, "latestVersionNumber"));
  set_string(*d, "description", xtext(version, "versionDescription"));
  const pugi::xml_node data = version.child("launchTemplateData");
  for (const auto& f : template_data) {
    rapidjson::Value v = value_of(data, f, a);
    set_value(*d, f.name, v);
  }
  set_tags(*d, inst, aws::ec2::tags_of(lt));
  return live_resource::found(d);
}

std::vector<live_resource> read(const read_context& ctx, const instance_list& batch) {
  std::vector<std::string> ids;
  for (const auto* inst : batch) ids.push_back(inst->id);
  std::vector<aws::xml_response> keep;
  auto found = templates(ctx, ids, keep);
  if (!found) return all_failed(batch.size(), found.error());
  return each_instance(ctx, batch, [&](const terraform::resource_instance& inst) {
    auto it = found->find(inst.id);
    return it == found->end() ? live_resource::gone() : read_one(ctx, inst, it->second);
  });
}

core::result<std::vector<discovered>, aws::error> list(const read_context& ctx) {
  ctx.count();
  aws::ec2::describe_request req;
  req.page_size = 200;
  auto r = aws::ec2::describe(ctx.cloud, "DescribeLaunchTemplates", "", "launchTemplates", req);
  if (!r) return r.error();
  std::vector<discovered> out;
  for (auto item : r->result.children("item")) {
    std::string id = xtext(item, "launchTemplateId");
    out.push_back({id, id, aws::ec2::tags_of(item)});
  }
  return out;
}

const change_locator changes{
    ec2::event_source,
    {"CreateLaunchTemplateVersion", "ModifyLaunchTemplate", "DeleteLaunchTemplate",
     "DeleteLaunchTemplateVersions", "CreateTags", "DeleteTags"},
    [](const change_call& c) {
      if (ec2::is_tagging(c)) return targets_of(ec2::tagged_ids(c, "lt-"));
      return targets_of({ec2::request_param(c, "launchTemplateId")});
    }};

}  // namespace

const type_module& aws_launch_template_module() {
  static const type_module m{
      "aws_launch_template",   read, &rules, 100, list, &depth, &permissions, &changes,
      /*calls_per_batch=*/1,
      /*calls_per_instance=*/1};
  return m;
}

}  // namespace scanner::native
