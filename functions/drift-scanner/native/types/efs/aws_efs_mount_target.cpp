// aws_efs_mount_target: file system, subnet, IP address and security groups, from
// DescribeMountTargets (by id) and DescribeMountTargetSecurityGroups.
#include "aws/efs.h"
#include "module_util.h"
#include "registry.h"

namespace scanner::native {
namespace {

const std::vector<rule> rules = {
    {"security_groups", rule_kind::set_order, "a Terraform set"},
};

const depth_claim depth{{"file_system_id", "ip_address", "security_groups", "subnet_id"}, {}};

const iam_actions permissions{{"elasticfilesystem:DescribeMountTargets",
                               "elasticfilesystem:DescribeMountTargetSecurityGroups"},
                              {"elasticfilesystem:DescribeFileSystems"}};

std::string str(const rapidjson::Value& o, const char* name) {
  auto it = o.FindMember(name);
  return it != o.MemberEnd() && it->value.IsString() ? it->value.GetString() : "";
}

live_resource read_one(const read_context& ctx, const terraform::resource_instance& inst) {
  ctx.count();
  auto r = aws::efs::describe_mount_target(ctx.cloud, inst.id);
  if (!r) return gone_or_failed(r.error(), aws::efs::is_not_found);
  auto list = r->FindMember("MountTargets");
  if (list == r->MemberEnd() || !list->value.IsArray() || list->value.Empty())
    return live_resource::gone();
  const auto& mt = list->value[0];
  if (str(mt, "LifeCycleState") == "deleted" || str(mt, "LifeCycleState") == "deleting")
    return live_resource::gone();
  auto d = new_object();
  set_string(*d, "file_system_id", str(mt, "FileSystemId"));
  set_string(*d, "subnet_id", str(mt, "SubnetId"));
  set_string(*d, "ip_address", str(mt, "IpAddress"));
  set_string(*d, "network_interface_id", str(mt, "NetworkInterfaceId"));
  set_string(*d, "availability_zone_name", str(mt, "AvailabilityZoneName"));
  ctx.count();
  auto sg = aws::efs::describe_mount_target_security_groups(ctx.cloud, inst.id);
  if (!sg) return gone_or_failed(sg.error(), aws::efs::is_not_found);
  std::vector<std::string> groups;
  auto g = sg->FindMember("SecurityGroups");
  if (g != sg->MemberEnd() && g->value.IsArray())
    for (const auto& v : g->value.GetArray())
      if (v.IsString()) groups.emplace_back(v.GetString());
  std::sort(groups.begin(), groups.end());
  set_string_list(*d, "security_groups", groups);
  return live_resource::found(d);
}

// Mount targets are listed per file system.
core::result<std::vector<discovered>, aws::error> list_all(const read_context& ctx) {
  ctx.count();
  auto systems = aws::efs::list_file_systems(ctx.cloud);
  if (!systems) return systems.error();
  std::vector<std::string> ids;
  for (const auto& fs : *systems) {
    ctx.count();
    auto targets = aws::efs::list_mount_targets(ctx.cloud, str(fs, "FileSystemId"));
    if (!targets) return targets.error();
    for (const auto& mt : *targets) ids.push_back(str(mt, "MountTargetId"));
  }
  return discovered_ids(ids);
}

}  // namespace

const type_module& aws_efs_mount_target_module() {
  static const type_module m{"aws_efs_mount_target",
                             one_by_one(read_one),
                             &rules,
                             20,
                             list_all,
                             &depth,
                             &permissions,
                             nullptr,
                             /*calls_per_batch=*/0,
                             /*calls_per_instance=*/2};
  return m;
}

}  // namespace scanner::native
