// aws_eks_node_group: a managed node group's sizes, instance types, AMI, labels, taints, subnets,
// launch template, update and repair settings and tags, as the provider refreshes them from
// DescribeNodegroup (one call per node group; the state id is "<cluster>:<node group>").
#include "aws/eks.h"
#include "aws/eks_nodegroups.h"
#include "eks_common.h"
#include "registry.h"

namespace scanner::native {
namespace {

using namespace eks;

const std::vector<rule> rules = {
    {"tags", rule_kind::null_is_empty, "an empty tag map and no tags are the same"},
    {"labels", rule_kind::null_is_empty, "no labels and an empty label map are the same"},
    {"taint", rule_kind::set_order,
     "a Terraform set of {key, value, effect}: order is not a change"},
};

const depth_claim depth{
    {"ami_type", "capacity_type", "cluster_name", "disk_size", "instance_types", "labels",
     "launch_template", "node_group_name", "node_repair_config", "node_role_arn", "release_version",
     "remote_access", "scaling_config", "subnet_ids", "tags", "tags_all", "taint", "update_config",
     "version"},
    {
        {"node_group_name_prefix", skip_kind::create_only,
         "only used to generate the name at creation"},
        {"force_update_version", skip_kind::provider_only,
         "an instruction for a version update, never read from AWS"},
    },
    false,
    // moto returns no updateConfig, nodeRepairConfig or launchTemplate: proved by the edited
    // recording.
    {"launch_template", "node_repair_config", "update_config"},
};

// "<cluster>:<node group>", the provider's id.
std::pair<std::string, std::string> split_id(const std::string& id) {
  const auto colon = id.find(':');
  if (colon == std::string::npos) return {id, ""};
  return {id.substr(0, colon), id.substr(colon + 1)};
}

void taints(rapidjson::Document& d, const rapidjson::Value& ng) {
  auto& a = d.GetAllocator();
  rapidjson::Value list(rapidjson::kArrayType);
  if (const auto* t = at(ng, {"taints"}); t && t->IsArray())
    for (const auto& one : t->GetArray()) {
      rapidjson::Value o(rapidjson::kObjectType);
      copy_fields(o, one,
                  {{"effect", "effect", field_kind::string},
                   {"key", "key", field_kind::string},
                   {"value", "value", field_kind::string}},
                  a);
      list.PushBack(o, a);
    }
  to_set_order(list, a);
  set_value(d, "taint", list);
}

void resources(rapidjson::Document& d, const rapidjson::Value& ng) {
  auto& a = d.GetAllocator();
  rapidjson::Value list(rapidjson::kArrayType);
  if (const auto* r = at(ng, {"resources"}); r && r->IsObject()) {
    rapidjson::Value o(rapidjson::kObjectType);
    rapidjson::Value groups(rapidjson::kArrayType);
    if (const auto* g = at(*r, {"autoScalingGroups"}); g && g->IsArray())
      for (const auto& one : g->GetArray()) {
        rapidjson::Value go(rapidjson::kObjectType);
        go.AddMember("name", string_value(str_at(one, {"name"}), a), a);
        groups.PushBack(go, a);
      }
    o.AddMember("autoscaling_groups", groups, a);
    o.AddMember("remote_access_security_group_id",
                string_value(str_at(*r, {"remoteAccessSecurityGroup"}), a), a);
    list.PushBack(o, a);
  }
  set_value(d, "resources", list);
}

live_resource found_node_group(const rapidjson::Value& ng,
                               const terraform::resource_instance& inst) {
  auto d = new_object();
  set_string(*d, "arn", str_at(ng, {"nodegroupArn"}));
  set_string(*d, "cluster_name", str_at(ng, {"clusterName"}));
  set_string(*d, "node_group_name", str_at(ng, {"nodegroupName"}));
  set_string(*d, "node_role_arn", str_at(ng, {"nodeRole"}));
  set_string(*d, "ami_type", str_at(ng, {"amiType"}));
  set_string(*d, "capacity_type", str_at(ng, {"capacityType"}));
  set_int(*d, "disk_size", int_at(ng, {"diskSize"}));
  set_string_list(*d, "instance_types", strings_at(ng, {"instanceTypes"}));
  std::map<std::string, std::string> labels;
  if (const auto* l = at(ng, {"labels"}); l && l->IsObject()) labels = string_map(l);
  set_map(*d, "labels", labels);
  lambda::set_block_of(*d, "launch_template", at(ng, {"launchTemplate"}),
                       {{"id", "id", field_kind::string},
                        {"name", "name", field_kind::string},
                        {"version", "version", field_kind::string}});
  lambda::set_block_of(*d, "node_repair_config", at(ng, {"nodeRepairConfig"}),
                       {{"enabled", "enabled", field_kind::boolean}});
  set_string(*d, "release_version", str_at(ng, {"releaseVersion"}));
  lambda::set_block_of(
      *d, "remote_access", at(ng, {"remoteAccess"}),
      {{"ec2_ssh_key", "ec2SshKey", field_kind::string},
       {"source_security_group_ids", "sourceSecurityGroups", field_kind::string_set}});
  resources(*d, ng);
  lambda::set_block_of(*d, "scaling_config", at(ng, {"scalingConfig"}),
                       {{"desired_size", "desiredSize", field_kind::integer},
                        {"max_size", "maxSize", field_kind::integer},
                        {"min_size", "minSize", field_kind::integer}});
  set_string(*d, "status", str_at(ng, {"status"}));
  auto subnets = string_array(strings_at(ng, {"subnets"}), true, d->GetAllocator());
  set_value(*d, "subnet_ids", subnets);
  taints(*d, ng);
  lambda::set_block_of(
      *d, "update_config", at(ng, {"updateConfig"}),
      {{"max_unavailable", "maxUnavailable", field_kind::integer},
       {"max_unavailable_percentage", "maxUnavailablePercentage", field_kind::integer}});
  set_string(*d, "version", str_at(ng, {"version"}));
  std::map<std::string, std::string> tags;
  if (const auto* t = at(ng, {"tags"}); t && t->IsObject()) tags = string_map(t);
  set_tags(*d, inst, tags);
  return live_resource::found(d);
}

live_resource read_one(const read_context& ctx, const terraform::resource_instance& inst) {
  const auto [cluster, name] = split_id(inst.id);
  ctx.count();
  auto r = aws::eks::describe_nodegroup(ctx.cloud, cluster, name);
  if (!r) return gone_or_failed(r.error(), not_found);
  const auto* ng = at(*r, {"nodegroup"});
  if (!ng || !ng->IsObject()) return live_resource::gone();
  return found_node_group(*ng, inst);
}

// Every node group of every cluster, as "<cluster>:<node group>" (also the import id).
core::result<std::vector<discovered>, aws::error> list(const read_context& ctx) {
  ctx.count();
  auto clusters = aws::eks::list_clusters(ctx.cloud);
  if (!clusters) return clusters.error();
  std::vector<std::string> ids;
  for (const auto& c : *clusters) {
    ctx.count();
    auto groups = aws::eks::list_nodegroups(ctx.cloud, c);
    if (!groups) return groups.error();
    for (const auto& g : *groups) ids.push_back(c + ":" + g);
  }
  return discovered_ids(ids);
}

const iam_actions permissions{{"eks:DescribeNodegroup"},
                              {"eks:ListClusters", "eks:ListNodegroups"}};

}  // namespace

const type_module& aws_eks_node_group_module() {
  static const type_module m{"aws_eks_node_group",
                             one_by_one(read_one),
                             &rules,
                             10,
                             list,
                             &depth,
                             &permissions,
                             nullptr,
                             /*calls_per_batch=*/0,
                             /*calls_per_instance=*/1};
  return m;
}

}  // namespace scanner::native
