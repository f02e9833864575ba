// aws_ecs_cluster: a cluster's execute-command and managed-storage configuration, Service
// Connect default namespace, settings and tags (DescribeClusters with CONFIGURATIONS,
// SETTINGS and TAGS, up to 100 clusters per call).
#include "aws/ecs.h"
#include "ecs_common.h"
#include "registry.h"

namespace scanner::native {
namespace {

using namespace ecs;
using lambda::copy_fields;
using lambda::field;
using lambda::field_kind;

const std::vector<rule> rules = {
    {"tags", rule_kind::null_is_empty, "an empty tag map and no tags are the same"},
    {"setting", rule_kind::set_order, "a Terraform set of {name, value}: order is not a change"},
};

const depth_claim depth{
    {"configuration", "name", "service_connect_defaults", "setting", "tags", "tags_all"},
    {},
};

using alloc_t = rapidjson::Document::AllocatorType;

// One-element list of `obj`, or [] when the answer has no such block.
rapidjson::Value block_list(rapidjson::Value obj, bool present, alloc_t& a) {
  rapidjson::Value list(rapidjson::kArrayType);
  if (present) list.PushBack(obj, a);
  return list;
}

// `configuration` as the provider flattens it: a sub-block only where ECS returns it.
rapidjson::Value configuration(const rapidjson::Value& cluster, alloc_t& a) {
  const auto* conf = at(cluster, {"configuration"});
  rapidjson::Value out(rapidjson::kObjectType);
  if (!conf || !conf->IsObject()) return block_list(std::move(out), false, a);
  const auto* exec = at(*conf, {"executeCommandConfiguration"});
  rapidjson::Value e(rapidjson::kObjectType);
  if (exec && exec->IsObject()) {
    copy_fields(e, *exec,
                {{"kms_key_id", "kmsKeyId", field_kind::string},
                 {"logging", "logging", field_kind::string}},
                a);
    const auto* log = at(*exec, {"logConfiguration"});
    rapidjson::Value l(rapidjson::kObjectType);
    if (log && log->IsObject())
      copy_fields(
          l, *log,
          {{"cloud_watch_encryption_enabled", "cloudWatchEncryptionEnabled", field_kind::boolean},
           {"cloud_watch_log_group_name", "cloudWatchLogGroupName", field_kind::string},
           {"s3_bucket_encryption_enabled", "s3EncryptionEnabled", field_kind::boolean},
           {"s3_bucket_name", "s3BucketName", field_kind::string},
           {"s3_key_prefix", "s3KeyPrefix", field_kind::string}},
          a);
    e.AddMember("log_configuration", block_list(std::move(l), log && log->IsObject(), a), a);
  }
  out.AddMember("execute_command_configuration",
                block_list(std::move(e), exec && exec->IsObject(), a), a);
  const auto* storage = at(*conf, {"managedStorageConfiguration"});
  rapidjson::Value s(rapidjson::kObjectType);
  if (storage && storage->IsObject())
    copy_fields(s, *storage,
                {{"fargate_ephemeral_storage_kms_key_id", "fargateEphemeralStorageKmsKeyId",
                  field_kind::string},
                 {"kms_key_id", "kmsKeyId", field_kind::string}},
                a);
  out.AddMember("managed_storage_configuration",
                block_list(std::move(s), storage && storage->IsObject(), a), a);
  return block_list(std::move(out), true, a);
}

live_resource found_cluster(const rapidjson::Value& c, const terraform::resource_instance& inst) {
  auto d = new_object();
  auto& a = d->GetAllocator();
  set_string(*d, "arn", str_at(c, {"clusterArn"}));
  set_string(*d, "name", str_at(c, {"clusterName"}));
  auto conf = configuration(c, a);
  set_value(*d, "configuration", conf);
  rapidjson::Value ns(rapidjson::kObjectType);
  ns.AddMember("namespace", string_value(str_at(c, {"serviceConnectDefaults", "namespace"}), a), a);
  auto defaults = block_list(std::move(ns), at(c, {"serviceConnectDefaults"}) != nullptr, a);
  set_value(*d, "service_connect_defaults", defaults);
  rapidjson::Value settings(rapidjson::kArrayType);
  if (const auto* list = at(c, {"settings"}); list && list->IsArray())
    for (const auto& s : list->GetArray()) {
      rapidjson::Value one(rapidjson::kObjectType);
      copy_fields(one, s,
                  {{"name", "name", field_kind::string}, {"value", "value", field_kind::string}},
                  a);
      settings.PushBack(one, a);
    }
  to_set_order(settings, a);
  set_value(*d, "setting", settings);
  set_tags(*d, inst, tags_of(at(c, {"tags"})));
  return live_resource::found(d);
}

std::vector<live_resource> read(const read_context& ctx, const instance_list& batch) {
  if (ctx.past_deadline()) return all_deadline_reached(batch.size());
  std::vector<std::string> ids;
  for (const auto* inst : batch) ids.push_back(inst->id);
  ctx.count();
  auto r = aws::ecs::describe_clusters(ctx.cloud, ids);
  if (!r) return all_failed(batch.size(), r.error());
  // Clusters answer by ARN; a state id may be the ARN or (imported by name) the name.
  std::vector<live_resource> out;
  for (const auto* inst : batch) {
    const rapidjson::Value* hit = nullptr;
    if (const auto* list = at(*r, {"clusters"}); list && list->IsArray())
      for (const auto& c : list->GetArray())
        if (str_at(c, {"clusterArn"}) == inst->id || str_at(c, {"clusterName"}) == inst->id)
          hit = &c;
    // A deleted cluster stays described as INACTIVE for a while: the provider reads it as gone.
    if (!hit || str_at(*hit, {"status"}) == "INACTIVE")
      out.push_back(live_resource::gone());
    else
      out.push_back(found_cluster(*hit, *inst));
  }
  return out;
}

core::result<std::vector<discovered>, aws::error> list(const read_context& ctx) {
  ctx.count();
  auto arns = aws::ecs::list_clusters(ctx.cloud);
  if (!arns) return arns.error();
  std::vector<discovered> out;
  // Imported by name.
  for (const auto& arn : *arns) out.push_back({arn, last_part(arn), {}});
  return out;
}

const iam_actions permissions{{"ecs:DescribeClusters"}, {"ecs:ListClusters"}};

const change_locator changes{
    "ecs.amazonaws.com",
    {"UpdateCluster", "UpdateClusterSettings", "PutClusterCapacityProviders", "TagResource",
     "UntagResource", "DeleteCluster"},
    [](const change_call& c) {
      return targets_of({changed_arn(c, "cluster", "clusterArn", "cluster")});
    }};

}  // namespace

const type_module& aws_ecs_cluster_module() {
  static const type_module m{"aws_ecs_cluster", read,    &rules, 100, list, &depth,
                             &permissions,      &changes};
  return m;
}

}  // namespace scanner::native
