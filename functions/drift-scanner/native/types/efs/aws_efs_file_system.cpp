// aws_efs_file_system: performance and throughput modes, encryption, placement, lifecycle
// policies, replication protection and tags, from DescribeFileSystems (by id) and
// DescribeLifecycleConfiguration.
#include "aws/efs.h"
#include "module_util.h"
#include "registry.h"

namespace scanner::native {
namespace {

const std::vector<rule> rules = {
    {"tags", rule_kind::null_is_empty, "no tags: null in state, {} from EFS"},
};

const depth_claim depth{
    {"availability_zone_name", "creation_token", "encrypted", "kms_key_id", "lifecycle_policy",
     "performance_mode", "protection", "provisioned_throughput_in_mibps", "tags", "tags_all",
     "throughput_mode"},
    {},
    false,
    // moto's UpdateFileSystem fails: a throughput change is proved offline.
    {"throughput_mode", "provisioned_throughput_in_mibps"},
};

const iam_actions permissions{
    {"elasticfilesystem:DescribeFileSystems", "elasticfilesystem:DescribeLifecycleConfiguration"},
    {}};

std::string str(const rapidjson::Value& o, const char* name) {
  auto it = o.FindMember(name);
  return it != o.MemberEnd() && it->value.IsString() ? it->value.GetString() : "";
}

// The provider's lifecycle_policy: one object per policy, each with the transition it holds
// and the others "".
void set_lifecycle(rapidjson::Document& d, const rapidjson::Value& config) {
  auto& a = d.GetAllocator();
  rapidjson::Value list(rapidjson::kArrayType);
  auto policies = config.FindMember("LifecyclePolicies");
  if (policies != config.MemberEnd() && policies->value.IsArray())
    for (const auto& p : policies->value.GetArray()) {
      rapidjson::Value e(rapidjson::kObjectType);
      for (auto [name, field] :
           {std::pair{"transition_to_archive", "TransitionToArchive"},
            std::pair{"transition_to_ia", "TransitionToIA"},
            std::pair{"transition_to_primary_storage_class", "TransitionToPrimaryStorageClass"}}) {
        e.AddMember(rapidjson::StringRef(name), string_value(str(p, field), a), a);
      }
      list.PushBack(e, a);
    }
  set_value(d, "lifecycle_policy", list);
}

doc_ptr build(const rapidjson::Value& fs) {
  auto d = new_object();
  auto& a = d->GetAllocator();
  set_string(*d, "arn", str(fs, "FileSystemArn"));
  set_string(*d, "creation_token", str(fs, "CreationToken"));
  set_string(*d, "performance_mode", str(fs, "PerformanceMode"));
  set_string(*d, "throughput_mode", str(fs, "ThroughputMode"));
  set_string(*d, "kms_key_id", str(fs, "KmsKeyId"));
  set_string(*d, "availability_zone_name", str(fs, "AvailabilityZoneName"));
  auto enc = fs.FindMember("Encrypted");
  set_bool(*d, "encrypted", enc != fs.MemberEnd() && enc->value.IsBool() && enc->value.GetBool());
  auto tp = fs.FindMember("ProvisionedThroughputInMibps");
  rapidjson::Value mibps(0);
  if (tp != fs.MemberEnd() && tp->value.IsNumber()) mibps.CopyFrom(tp->value, a);
  set_value(*d, "provisioned_throughput_in_mibps", mibps);
  rapidjson::Value protection(rapidjson::kArrayType);
  auto p = fs.FindMember("FileSystemProtection");
  if (p != fs.MemberEnd() && p->value.IsObject()) {
    rapidjson::Value e(rapidjson::kObjectType);
    e.AddMember("replication_overwrite",
                string_value(str(p->value, "ReplicationOverwriteProtection"), a), a);
    protection.PushBack(e, a);
  }
  set_value(*d, "protection", protection);
  return d;
}

std::map<std::string, std::string> tags_of(const rapidjson::Value& fs) {
  std::map<std::string, std::string> tags;
  auto t = fs.FindMember("Tags");
  if (t != fs.MemberEnd() && t->value.IsArray())
    for (const auto& kv : t->value.GetArray()) tags[str(kv, "Key")] = str(kv, "Value");
  return tags;
}

live_resource read_one(const read_context& ctx, const terraform::resource_instance& inst) {
  ctx.count();
  auto r = aws::efs::describe_file_system(ctx.cloud, inst.id);
  if (!r) return gone_or_failed(r.error(), aws::efs::is_not_found);
  auto list = r->FindMember("FileSystems");
  if (list == r->MemberEnd() || !list->value.IsArray() || list->value.Empty())
    return live_resource::gone();
  const auto& fs = list->value[0];
  if (str(fs, "LifeCycleState") == "deleted" || str(fs, "LifeCycleState") == "deleting")
    return live_resource::gone();
  auto d = build(fs);
  ctx.count();
  auto lc = aws::efs::describe_lifecycle_configuration(ctx.cloud, inst.id);
  if (!lc) return gone_or_failed(lc.error(), aws::efs::is_not_found);
  set_lifecycle(*d, *lc);
  set_tags(*d, inst, tags_of(fs));
  return live_resource::found(d);
}

}  // namespace

const type_module& aws_efs_file_system_module() {
  static const type_module m{
      "aws_efs_file_system",
      one_by_one(read_one),
      &rules,
      20,
      [](const read_context& ctx) {
        return list_ids(ctx, aws::efs::list_file_systems,
                        [](const rapidjson::Document& fs) { return str(fs, "FileSystemId"); });
      },
      &depth,
      &permissions,
      nullptr,
      /*calls_per_batch=*/0,
      /*calls_per_instance=*/2};
  return m;
}

}  // namespace scanner::native
