// aws_instance: type, image, placement, network, instance profile, metadata service (IMDS),
// CPU, hibernation, enclave, maintenance and DNS-name options, state and tags from
// DescribeInstances; the root and other EBS volumes and their tags from one DescribeVolumes
// per batch; termination and stop protection, shutdown behaviour and user data from one
// DescribeInstanceAttribute call each. A terminated instance is gone, as the provider treats
// it.
#include "aws/crypto.h"
#include "aws/service.h"
#include "ec2_common.h"
#include "registry.h"

namespace scanner::native {
namespace {

const std::vector<rule> rules = {
    {"public_ip", rule_kind::ignore,
     "AWS-assigned: a stop/start gives a new public address (computed-only)"},
    {"public_dns", rule_kind::ignore, "AWS-assigned with public_ip (computed-only)"},
    {"vpc_security_group_ids", rule_kind::set_order, "a Terraform set"},
    {"secondary_private_ips", rule_kind::set_order, "a Terraform set"},
    {"tags", rule_kind::null_is_empty, "no tags: null in state, {} from EC2"},
    {"ebs_block_device", rule_kind::set_order, "a Terraform set"},
};

const depth_claim depth{
    {"ami",
     "availability_zone",
     "capacity_reservation_specification",
     "cpu_core_count",
     "cpu_options",
     "cpu_threads_per_core",
     "credit_specification",
     "disable_api_stop",
     "disable_api_termination",
     "ebs_block_device",
     "ebs_optimized",
     "enable_primary_ipv6",
     "enclave_options",
     "hibernation",
     "host_id",
     "iam_instance_profile",
     "instance_initiated_shutdown_behavior",
     "instance_type",
     "key_name",
     "maintenance_options",
     "metadata_options",
     "monitoring",
     "placement_group",
     "placement_partition_number",
     "private_dns_name_options",
     "private_ip",
     "root_block_device",
     "secondary_private_ips",
     "source_dest_check",
     "subnet_id",
     "tags",
     "tags_all",
     "tenancy",
     "user_data",
     "user_data_base64",
     "volume_tags",
     "vpc_security_group_ids"},
    {{"associate_public_ip_address", skip_kind::create_only,
      "set on the primary interface at launch; a change forces a new instance"},
     {"user_data_replace_on_change", skip_kind::provider_only,
      "how the provider applies a user data change, never read from EC2"},
     {"get_password_data", skip_kind::provider_only,
      "asks the provider to fetch the password data; not a setting of the instance"},
     {"ephemeral_block_device", skip_kind::create_only,
      "instance store mappings are fixed at launch; a change forces a new instance"},
     {"network_interface", skip_kind::create_only,
      "interfaces attached at launch; a change forces a new instance"},
     {"ipv6_address_count", skip_kind::create_only,
      "addresses assigned at launch; a change forces a new instance"},
     {"ipv6_addresses", skip_kind::create_only,
      "addresses assigned at launch; a change forces a new instance"},
     {"host_resource_group_arn", skip_kind::create_only,
      "placement at launch; a change forces a new instance"},
     {"instance_market_options", skip_kind::create_only,
      "spot or on-demand at launch; a change forces a new instance"},
     {"launch_template", skip_kind::create_only,
      "the template launched from; a change forces a new instance"},
     {"security_groups", skip_kind::create_only,
      "group names at launch (a change forces a new instance); the same groups are compared "
      "by id in vpc_security_group_ids"}},
};

using alloc_t = rapidjson::Document::AllocatorType;

// A one-element list of `o`, the shape of the provider's single nested blocks.
void set_block(rapidjson::Document& d, const char* name, rapidjson::Value o) {
  rapidjson::Value list(rapidjson::kArrayType);
  list.PushBack(o, d.GetAllocator());
  set_value(d, name, list);
}

void add_string(rapidjson::Value& o, const char* name, const std::string& v, alloc_t& a) {
  o.AddMember(rapidjson::StringRef(name), string_value(v, a), a);
}

// The profile's name, as the provider stores it: the last part of the profile's ARN.
std::string profile_name(const std::string& arn) {
  const auto slash = arn.rfind('/');
  return slash == std::string::npos ? arn : arn.substr(slash + 1);
}

// The optional blocks below are set only when EC2 answers them: left out otherwise, so
// never reported on a guess.
void set_options(rapidjson::Document& d, const pugi::xml_node& item) {
  auto& a = d.GetAllocator();
  if (auto m = item.child("metadataOptions")) {
    rapidjson::Value o(rapidjson::kObjectType);
    add_string(o, "http_endpoint", xtext(m, "httpEndpoint"), a);
    add_string(o, "http_protocol_ipv6", xtext(m, "httpProtocolIpv6"), a);
    o.AddMember("http_put_response_hop_limit",
                rapidjson::Value(static_cast<int64_t>(xint(m, "httpPutResponseHopLimit"))), a);
    add_string(o, "http_tokens", xtext(m, "httpTokens"), a);
    add_string(o, "instance_metadata_tags", xtext(m, "instanceMetadataTags"), a);
    set_block(d, "metadata_options", std::move(o));
  }
  if (auto c = item.child("cpuOptions")) {
    rapidjson::Value o(rapidjson::kObjectType);
    add_string(o, "amd_sev_snp", xtext(c, "amdSevSnp"), a);
    o.AddMember("core_count", rapidjson::Value(static_cast<int64_t>(xint(c, "coreCount"))), a);
    o.AddMember("threads_per_core",
                rapidjson::Value(static_cast<int64_t>(xint(c, "threadsPerCore"))), a);
    set_block(d, "cpu_options", std::move(o));
    set_int(d, "cpu_core_count", xint(c, "coreCount"));
    set_int(d, "cpu_threads_per_core", xint(c, "threadsPerCore"));
  }
  if (auto e = item.child("enclaveOptions")) {
    rapidjson::Value o(rapidjson::kObjectType);
    o.AddMember("enabled", xbool(e, "enabled"), a);
    set_block(d, "enclave_options", std::move(o));
  }
  if (auto m = item.child("maintenanceOptions")) {
    rapidjson::Value o(rapidjson::kObjectType);
    add_string(o, "auto_recovery", xtext(m, "autoRecovery"), a);
    set_block(d, "maintenance_options", std::move(o));
  }
  if (auto p = item.child("privateDnsNameOptions")) {
    rapidjson::Value o(rapidjson::kObjectType);
    o.AddMember("enable_resource_name_dns_a_record", xbool(p, "enableResourceNameDnsARecord"), a);
    o.AddMember("enable_resource_name_dns_aaaa_record", xbool(p, "enableResourceNameDnsAAAARecord"),
                a);
    add_string(o, "hostname_type", xtext(p, "hostnameType"), a);
    set_block(d, "private_dns_name_options", std::move(o));
  }
  if (auto c = item.child("capacityReservationSpecification")) {
    rapidjson::Value o(rapidjson::kObjectType);
    add_string(o, "capacity_reservation_preference", xtext(c, "capacityReservationPreference"), a);
    rapidjson::Value targets(rapidjson::kArrayType);
    if (auto t = c.child("capacityReservationTarget")) {
      rapidjson::Value x(rapidjson::kObjectType);
      add_string(x, "capacity_reservation_id", xtext(t, "capacityReservationId"), a);
      add_string(x, "capacity_reservation_resource_group_arn",
                 xtext(t, "capacityReservationResourceGroupArn"), a);
      targets.PushBack(x, a);
    }
    o.AddMember("capacity_reservation_target", targets, a);
    set_block(d, "capacity_reservation_specification", std::move(o));
  }
}

// The primary interface's other private addresses (the provider reads them there).
std::vector<std::string> secondary_ips(const pugi::xml_node& item) {
  std::vector<std::string> out;
  for (auto eni : item.child("networkInterfaceSet").children("item")) {
    if (xint(eni, "attachment/deviceIndex") != 0) continue;
    for (auto ip : eni.child("privateIpAddressesSet").children("item"))
      if (!xbool(ip, "primary")) out.push_back(xtext(ip, "privateIpAddress"));
  }
  std::sort(out.begin(), out.end());
  return out;
}

// One attribute's <value> from DescribeInstanceAttribute; nullopt when EC2 does not answer it.
std::optional<std::string> attribute(const read_context& ctx, const std::string& id,
                                     const char* name) {
  ctx.count();
  auto r = aws::query_call(ctx.cloud, aws::services::ec2, "DescribeInstanceAttribute",
                           {{"InstanceId", id}, {"Attribute", name}});
  if (!r) return std::nullopt;
  auto v = r->result.child(name).child("value");
  if (!v) return std::string();
  return std::string(v.child_value());
}

// The provider's user_data: the SHA-1 hex digest of the decoded text (decoded once more when
// that text is itself base64, as the provider guards against double encoding).
std::string user_data_digest(const std::string& b64) {
  std::string data = aws::crypto::unbase64(b64).value_or(b64);
  if (auto again = aws::crypto::unbase64(data)) data = std::move(*again);
  return aws::crypto::hex(aws::crypto::sha1(data));
}

// CPU credits by instance id: EC2 answers them for burstable (T) instances and for those once
// launched as such, and no item for the others. One call for a whole batch; nullopt when it
// failed.
using credit_map = std::optional<std::map<std::string, std::string>>;

credit_map credits_of(const read_context& ctx, const std::vector<std::string>& ids) {
  if (ids.empty()) return std::map<std::string, std::string>{};
  aws::ec2::describe_request req;
  req.ids = ids;
  ctx.count();
  auto r = aws::ec2::describe(ctx.cloud, "DescribeInstanceCreditSpecifications", "InstanceId",
                              "instanceCreditSpecificationSet", req);
  if (!r) return std::nullopt;
  std::map<std::string, std::string> out;
  for (auto item : r->result.children("item"))
    out[xtext(item, "instanceId")] = xtext(item, "cpuCredits");
  return out;
}

// An instance without an item holds an empty block, as the provider holds then. Unreadable:
// left out, so never reported on a guess.
void set_credits(rapidjson::Document& d, const std::string& id, const credit_map& credits) {
  if (!credits) return;
  auto& a = d.GetAllocator();
  rapidjson::Value list(rapidjson::kArrayType);
  if (auto it = credits->find(id); it != credits->end()) {
    rapidjson::Value o(rapidjson::kObjectType);
    add_string(o, "cpu_credits", it->second, a);
    list.PushBack(o, a);
  }
  set_value(d, "credit_specification", list);
}

// Whether the primary interface's first IPv6 address is the primary IPv6 address. Without
// IPv6 addresses there is none to compare.
void set_primary_ipv6(rapidjson::Document& d, const pugi::xml_node& item) {
  for (auto eni : item.child("networkInterfaceSet").children("item")) {
    if (xint(eni, "attachment/deviceIndex") != 0) continue;
    auto addrs = eni.child("ipv6AddressesSet").children("item");
    if (addrs.begin() == addrs.end()) return;
    bool primary = false;
    for (auto x : addrs) primary = primary || xbool(x, "isPrimaryIpv6");
    set_bool(d, "enable_primary_ipv6", primary);
  }
}

// Protection, shutdown behaviour and user data. An attribute EC2 does not answer is left
// out, so never reported on a guess.
void set_attributes(const read_context& ctx, rapidjson::Document& d,
                    const terraform::resource_instance& inst) {
  if (auto v = attribute(ctx, inst.id, "disableApiTermination"))
    set_bool(d, "disable_api_termination", *v == "true");
  if (auto v = attribute(ctx, inst.id, "disableApiStop"))
    set_bool(d, "disable_api_stop", *v == "true");
  if (auto v = attribute(ctx, inst.id, "instanceInitiatedShutdownBehavior"))
    set_string(d, "instance_initiated_shutdown_behavior", *v);
  auto v = attribute(ctx, inst.id, "userData");
  // No user data: the provider leaves both attributes as they were.
  if (!v || v->empty()) return;
  rapidjson::Document st;
  st.Parse(inst.attributes.c_str(), inst.attributes.size());
  // The provider sets the one of the two the configuration uses.
  if (!string_member(st, "user_data_base64").empty())
    set_string(d, "user_data_base64", *v);
  else
    set_string(d, "user_data", user_data_digest(*v));
}

// The instances' EBS volumes by volume id.
using volume_map = std::map<std::string, pugi::xml_node>;

void add_int(rapidjson::Value& o, const char* name, long long v, alloc_t& a) {
  o.AddMember(rapidjson::StringRef(name), rapidjson::Value(static_cast<int64_t>(v)), a);
}

void add_tags(rapidjson::Value& o, const char* name, const std::map<std::string, std::string>& m,
              alloc_t& a) {
  rapidjson::Value t(rapidjson::kObjectType);
  for (const auto& [k, v] : m) t.AddMember(string_value(k, a), string_value(v, a), a);
  o.AddMember(rapidjson::StringRef(name), t, a);
}

std::map<std::string, std::string> own_tags(const pugi::xml_node& vol) {
  std::map<std::string, std::string> out;
  for (const auto& [k, v] : aws::ec2::tags_of(vol))
    if (k.rfind("aws:", 0) != 0) out[k] = v;
  return out;
}

bool has_entries(const rapidjson::Value* v) {
  return v && ((v->IsObject() && v->MemberCount() > 0) || (v->IsArray() && !v->Empty()));
}

// Whether a block of `blocks` (root_block_device, ebs_block_device) carries tags in the state:
// the provider then leaves volume_tags alone.
bool block_tags_in(const rapidjson::Value* blocks) {
  if (!blocks || !blocks->IsArray()) return false;
  for (const auto& b : blocks->GetArray())
    if (b.IsObject() && has_entries(member(b, "tags"))) return true;
  return false;
}

// One volume as the provider stores a block device: the volume's settings, the mapping's
// device name and delete-on-termination, and (unless volume_tags manages them) its tags; an
// absent IOPS, throughput, key or snapshot is 0 or "". Keys in Terraform's order.
rapidjson::Value block_device(const pugi::xml_node& mapping, const pugi::xml_node& vol, bool root,
                              bool volume_tags, alloc_t& a) {
  rapidjson::Value o(rapidjson::kObjectType);
  o.AddMember("delete_on_termination", xbool(mapping, "ebs/deleteOnTermination"), a);
  add_string(o, "device_name", xtext(mapping, "deviceName"), a);
  o.AddMember("encrypted", xbool(vol, "encrypted"), a);
  add_int(o, "iops", xint(vol, "iops"), a);
  add_string(o, "kms_key_id", xtext(vol, "kmsKeyId"), a);
  if (!root) add_string(o, "snapshot_id", xtext(vol, "snapshotId"), a);
  const auto tags = volume_tags ? std::map<std::string, std::string>{} : own_tags(vol);
  add_tags(o, "tags", tags, a);
  add_tags(o, "tags_all", tags, a);
  add_int(o, "throughput", xint(vol, "throughput"), a);
  add_string(o, "volume_id", xtext(vol, "volumeId"), a);
  add_int(o, "volume_size", xint(vol, "size"), a);
  add_string(o, "volume_type", xtext(vol, "volumeType"), a);
  return o;
}

// What the provider's refresh leaves as it was: the state's own value.
void keep_state(rapidjson::Document& d, const rapidjson::Document& st, const char* name) {
  rapidjson::Value v;
  if (const auto* x = member(st, name)) v.CopyFrom(*x, d.GetAllocator());
  set_value(d, name, v);
}

// root_block_device, ebs_block_device and volume_tags as the provider refreshes them from the
// instance's mappings and its volumes.
void set_block_devices(rapidjson::Document& d, const terraform::resource_instance& inst,
                       const pugi::xml_node& item, const volume_map& volumes) {
  auto& a = d.GetAllocator();
  rapidjson::Document st;
  st.Parse(inst.attributes.c_str(), inst.attributes.size());
  const bool volume_tags = has_entries(member(st, "volume_tags"));
  const std::string root_name = xtext(item, "rootDeviceName");
  rapidjson::Value root, ebs(rapidjson::kArrayType);
  std::map<std::string, std::string> all_tags;
  std::string root_snapshot;
  for (auto m : item.child("blockDeviceMapping").children("item")) {
    auto v = volumes.find(xtext(m, "ebs/volumeId"));
    if (v == volumes.end()) continue;
    for (const auto& [k, val] : own_tags(v->second)) all_tags[k] = val;
    const bool is_root = !root_name.empty() && xtext(m, "deviceName") == root_name;
    auto bd = block_device(m, v->second, is_root, volume_tags, a);
    if (!is_root) {
      ebs.PushBack(bd, a);
      continue;
    }
    root = std::move(bd);
    root_snapshot = xtext(v->second, "snapshotId");
  }
  // A root device configured as the only ebs_block_device is stored there too.
  if (ebs.Empty() && root.IsObject() && has_entries(member(st, "ebs_block_device"))) {
    rapidjson::Value copy(root, a);
    copy.AddMember("snapshot_id", string_value(root_snapshot, a), a);
    ebs.PushBack(copy, a);
  }
  set_value(d, "ebs_block_device", ebs);
  if (root.IsObject()) {
    set_block(d, "root_block_device", std::move(root));
  } else if (has_entries(member(st, "root_block_device"))) {
    keep_state(d, st, "root_block_device");
  } else {
    rapidjson::Value none(rapidjson::kArrayType);
    set_value(d, "root_block_device", none);
  }
  // The provider reads volume_tags only where the state manages volumes' tags that way.
  if (volume_tags && !block_tags_in(member(st, "root_block_device")) &&
      !block_tags_in(member(st, "ebs_block_device")))
    set_map(d, "volume_tags", all_tags);
  else
    keep_state(d, st, "volume_tags");
}

doc_ptr build(const read_context& ctx, const terraform::resource_instance& inst,
              const pugi::xml_node& item, const volume_map& volumes, const credit_map& credits) {
  const std::string state = xtext(item, "instanceState/name");
  if (state == "terminated" || state == "shutting-down") return nullptr;
  auto d = new_object();
  set_string(*d, "ami", xtext(item, "imageId"));
  set_string(*d, "instance_type", xtext(item, "instanceType"));
  set_string(*d, "availability_zone", xtext(item, "placement/availabilityZone"));
  set_string(*d, "tenancy", xtext(item, "placement/tenancy"));
  set_string(*d, "subnet_id", xtext(item, "subnetId"));
  set_string(*d, "private_ip", xtext(item, "privateIpAddress"));
  set_string(*d, "public_ip", xtext(item, "ipAddress"));
  set_string(*d, "public_dns", xtext(item, "dnsName"));
  set_string(*d, "key_name", xtext(item, "keyName"));
  set_string(*d, "instance_state", state);
  set_bool(*d, "monitoring", xtext(item, "monitoring/state") == "enabled");
  set_bool(*d, "ebs_optimized", xbool(item, "ebsOptimized"));
  set_bool(*d, "source_dest_check", xtext(item, "sourceDestCheck") != "false");
  auto groups = xitems(item, "groupSet", "groupId");
  std::sort(groups.begin(), groups.end());
  set_string_list(*d, "vpc_security_group_ids", groups);
  set_string_list(*d, "secondary_private_ips", secondary_ips(item));
  // No profile, placement group or host: "" in the provider's state, no partition 0.
  set_string(*d, "iam_instance_profile", profile_name(xtext(item, "iamInstanceProfile/arn")));
  set_string(*d, "placement_group", xtext(item, "placement/groupName"));
  set_int(*d, "placement_partition_number", xint(item, "placement/partitionNumber"));
  set_string(*d, "host_id", xtext(item, "placement/hostId"));
  set_bool(*d, "hibernation", xbool(item, "hibernationOptions/configured"));
  set_options(*d, item);
  set_primary_ipv6(*d, item);
  set_block_devices(*d, inst, item, volumes);
  set_credits(*d, inst.id, credits);
  set_attributes(ctx, *d, inst);
  set_tags(*d, inst, aws::ec2::tags_of(item));
  return d;
}

const iam_actions permissions{
    {"ec2:DescribeInstances", "ec2:DescribeVolumes", "ec2:DescribeInstanceAttribute",
     "ec2:DescribeInstanceCreditSpecifications"},
    {}};

// Calls that change what the instance compares (attributes, metadata options, monitoring,
// profile, tags) or its state. The ids: `instanceId` (also in a request wrapper),
// instancesSet.items[].instanceId, or the tagged resources starting "i-".
const change_locator changes{
    ec2::event_source,
    {"ModifyInstanceAttribute", "ModifyInstanceMetadataOptions", "StopInstances", "StartInstances",
     "TerminateInstances", "MonitorInstances", "UnmonitorInstances", "AssociateIamInstanceProfile",
     "CreateTags", "DeleteTags"},
    [](const change_call& c) {
      if (ec2::is_tagging(c)) return targets_of(ec2::tagged_ids(c, "i-"));
      auto ids = ec2::item_ids(c.request, "instancesSet", "instanceId");
      ids.push_back(ec2::request_param(c, "instanceId"));
      return targets_of(ids);
    }};

}  // namespace

const type_module& aws_instance_module() {
  static const type_module m{
      "aws_instance",
      [](const read_context& ctx, const instance_list& batch) {
        // DescribeInstances nests instances in reservations: flatten them for the reader.
        aws::ec2::describe_request req;
        aws::ec2::filter f{"instance-id", {}};
        for (const auto* i : batch) f.values.push_back(i->id);
        req.filters.push_back(std::move(f));
        ctx.count();
        auto r = aws::ec2::describe_instances(ctx.cloud, req);
        if (!r) return all_failed(batch.size(), r.error());
        std::map<std::string, pugi::xml_node> by_id;
        for (auto res : r->result.children("item"))
          for (auto i : res.child("instancesSet").children("item"))
            by_id[xtext(i, "instanceId")] = i;
        // Every volume of the batch's instances in one call; without them the block devices
        // cannot be compared, so the batch is not checked rather than passed.
        aws::xml_response keep;
        auto volumes = ec2_by_id(ctx, "DescribeVolumes", "volumeSet", "attachment.instance-id",
                                 "volumeId", batch, keep);
        if (!volumes) return all_failed(batch.size(), volumes.error());
        // Credits of the instances that are there: an id EC2 no longer knows fails the call.
        std::vector<std::string> live;
        for (const auto& [id, item] : by_id) {
          const std::string st = xtext(item, "instanceState/name");
          if (st != "terminated" && st != "shutting-down") live.push_back(id);
        }
        const credit_map credits = credits_of(ctx, live);
        std::vector<live_resource> out;
        for (const auto* inst : batch) {
          auto it = by_id.find(inst->id);
          doc_ptr d =
              it == by_id.end() ? nullptr : build(ctx, *inst, it->second, *volumes, credits);
          out.push_back(d ? live_resource::found(std::move(d)) : live_resource::gone());
        }
        return out;
      },
      &rules,
      100,
      [](const read_context& ctx) -> core::result<std::vector<discovered>, aws::error> {
        ctx.count();
        aws::ec2::describe_request req;
        req.page_size = 1000;
        auto r = aws::ec2::describe_instances(ctx.cloud, req);
        if (!r) return r.error();
        std::vector<discovered> out;
        for (auto res : r->result.children("item"))
          for (auto i : res.child("instancesSet").children("item")) {
            const std::string st = xtext(i, "instanceState/name");
            if (st == "terminated" || st == "shutting-down") continue;
            const std::string id = xtext(i, "instanceId");
            out.push_back({id, id, aws::ec2::tags_of(i)});
          }
        return out;
      },
      &depth,
      &permissions,
      &changes,
      /*calls_per_batch=*/3,
      /*calls_per_instance=*/4};
  return m;
}

}  // namespace scanner::native
