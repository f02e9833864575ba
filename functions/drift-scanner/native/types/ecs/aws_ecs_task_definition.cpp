// aws_ecs_task_definition: one revision of a task definition (DescribeTaskDefinition of the
// state's ARN, with TAGS): its containers, sizes, roles, modes, volumes, constraints and tags.
#include "aws/ecs.h"
#include "container_definitions.h"
#include "ecs_common.h"
#include "registry.h"

namespace scanner::native {
namespace {

using namespace ecs;
using lambda::copy_fields;
using lambda::field_kind;
using lambda::set_block_of;
using lambda::string_array;

const std::vector<rule> rules = {
    {"tags", rule_kind::null_is_empty, "an empty tag map and no tags are the same"},
    {"volume", rule_kind::set_order, "a Terraform set of volumes: order is not a change"},
    {"placement_constraints", rule_kind::set_order,
     "a Terraform set of constraints: order is not a change"},
    {"inference_accelerator", rule_kind::set_order,
     "a Terraform set of accelerators: order is not a change"},
};

const depth_claim depth{
    {"container_definitions", "cpu", "enable_fault_injection", "ephemeral_storage",
     "execution_role_arn", "family", "inference_accelerator", "ipc_mode", "memory", "network_mode",
     "pid_mode", "placement_constraints", "proxy_configuration", "requires_compatibilities",
     "runtime_platform", "tags", "tags_all", "task_role_arn", "volume"},
    {
        {"skip_destroy", skip_kind::provider_only,
         "whether a destroy leaves the revision registered: a provider setting"},
        {"track_latest", skip_kind::provider_only,
         "whether the provider follows the family's latest revision: a provider setting"},
    },
};

using alloc_t = rapidjson::Document::AllocatorType;

// [block] when `src` is an object, else []: the provider's one-element lists.
rapidjson::Value one_block(const rapidjson::Value* src, std::initializer_list<lambda::field> fields,
                           alloc_t& a) {
  rapidjson::Value list(rapidjson::kArrayType);
  if (!src || !src->IsObject()) return list;
  rapidjson::Value b(rapidjson::kObjectType);
  copy_fields(b, *src, fields, a);
  list.PushBack(b, a);
  return list;
}

rapidjson::Value string_object(const rapidjson::Value* m, alloc_t& a) {
  rapidjson::Value o(rapidjson::kObjectType);
  if (m && m->IsObject())
    for (auto it = m->MemberBegin(); it != m->MemberEnd(); ++it)
      if (it->value.IsString())
        o.AddMember(string_value(it->name.GetString(), a), string_value(it->value.GetString(), a),
                    a);
  return o;
}

rapidjson::Value volume(const rapidjson::Value& v, alloc_t& a) {
  rapidjson::Value out(rapidjson::kObjectType);
  copy_fields(out, v,
              {{"name", "name", field_kind::string},
               {"configure_at_launch", "configuredAtLaunch", field_kind::boolean}},
              a);
  out.AddMember("host_path", string_value(str_at(v, {"host", "sourcePath"}), a), a);
  rapidjson::Value docker(rapidjson::kArrayType);
  if (const auto* d = at(v, {"dockerVolumeConfiguration"}); d && d->IsObject()) {
    rapidjson::Value b(rapidjson::kObjectType);
    copy_fields(b, *d,
                {{"autoprovision", "autoprovision", field_kind::boolean},
                 {"driver", "driver", field_kind::string},
                 {"scope", "scope", field_kind::string}},
                a);
    b.AddMember("driver_opts", string_object(at(*d, {"driverOpts"}), a), a);
    b.AddMember("labels", string_object(at(*d, {"labels"}), a), a);
    docker.PushBack(b, a);
  }
  out.AddMember("docker_volume_configuration", docker, a);
  rapidjson::Value efs(rapidjson::kArrayType);
  if (const auto* e = at(v, {"efsVolumeConfiguration"}); e && e->IsObject()) {
    rapidjson::Value b(rapidjson::kObjectType);
    copy_fields(b, *e,
                {{"file_system_id", "fileSystemId", field_kind::string},
                 {"root_directory", "rootDirectory", field_kind::string},
                 {"transit_encryption", "transitEncryption", field_kind::string},
                 {"transit_encryption_port", "transitEncryptionPort", field_kind::integer}},
                a);
    b.AddMember("authorization_config",
                one_block(at(*e, {"authorizationConfig"}),
                          {{"access_point_id", "accessPointId", field_kind::string},
                           {"iam", "iam", field_kind::string}},
                          a),
                a);
    efs.PushBack(b, a);
  }
  out.AddMember("efs_volume_configuration", efs, a);
  rapidjson::Value fsx(rapidjson::kArrayType);
  if (const auto* f = at(v, {"fsxWindowsFileServerVolumeConfiguration"}); f && f->IsObject()) {
    rapidjson::Value b(rapidjson::kObjectType);
    copy_fields(b, *f,
                {{"file_system_id", "fileSystemId", field_kind::string},
                 {"root_directory", "rootDirectory", field_kind::string}},
                a);
    b.AddMember("authorization_config",
                one_block(at(*f, {"authorizationConfig"}),
                          {{"credentials_parameter", "credentialsParameter", field_kind::string},
                           {"domain", "domain", field_kind::string}},
                          a),
                a);
    fsx.PushBack(b, a);
  }
  out.AddMember("fsx_windows_file_server_volume_configuration", fsx, a);
  return out;
}

// A list of objects under `path`, each copied by `fields`, in Terraform's set order.
rapidjson::Value object_set(const rapidjson::Value& src, const char* path,
                            std::initializer_list<lambda::field> fields, alloc_t& a) {
  rapidjson::Value list(rapidjson::kArrayType);
  if (const auto* l = at(src, {path}); l && l->IsArray())
    for (const auto& e : l->GetArray()) {
      rapidjson::Value b(rapidjson::kObjectType);
      copy_fields(b, e, fields, a);
      list.PushBack(b, a);
    }
  to_set_order(list, a);
  return list;
}

live_resource read_one(const read_context& ctx, const terraform::resource_instance& inst) {
  // The provider reads the revision its state names (the ARN), not the family's latest.
  std::string which = state_string(inst, "arn");
  if (which.empty()) which = inst.id;
  ctx.count();
  auto r = aws::ecs::describe_task_definition(ctx.cloud, which);
  // ECS answers an unknown revision with a ClientException.
  if (!r)
    return gone_or_failed(r.error(),
                          [](const aws::error& e) { return e.code == "ClientException"; });
  const auto* td = at(*r, {"taskDefinition"});
  // A deregistered revision stays described as INACTIVE: the provider reads it as gone.
  if (!td || !td->IsObject() || str_at(*td, {"status"}) == "INACTIVE") return live_resource::gone();
  auto d = new_object();
  auto& a = d->GetAllocator();
  const std::string arn = str_at(*td, {"taskDefinitionArn"});
  set_string(*d, "arn", arn);
  const auto colon = arn.rfind(':');
  set_string(*d, "arn_without_revision", colon == std::string::npos ? arn : arn.substr(0, colon));
  set_int(*d, "revision", int_at(*td, {"revision"}));
  set_string(*d, "family", str_at(*td, {"family"}));
  set_string(*d, "cpu", str_at(*td, {"cpu"}));
  set_string(*d, "memory", str_at(*td, {"memory"}));
  const std::string network_mode = str_at(*td, {"networkMode"});
  set_string(*d, "network_mode", network_mode);
  set_string(*d, "pid_mode", str_at(*td, {"pidMode"}));
  set_string(*d, "ipc_mode", str_at(*td, {"ipcMode"}));
  set_string(*d, "execution_role_arn", str_at(*td, {"executionRoleArn"}));
  set_string(*d, "task_role_arn", str_at(*td, {"taskRoleArn"}));
  set_bool(*d, "enable_fault_injection", bool_at(*td, {"enableFaultInjection"}));
  auto compat = string_array(strings_at(*td, {"requiresCompatibilities"}), true, a);
  set_value(*d, "requires_compatibilities", compat);
  static const rapidjson::Value no_containers(rapidjson::kArrayType);
  const auto* containers = at(*td, {"containerDefinitions"});
  set_string(*d, "container_definitions",
             container_definitions_text(containers ? *containers : no_containers,
                                        state_string(inst, "container_definitions"),
                                        network_mode == "awsvpc"));
  set_block_of(*d, "ephemeral_storage", at(*td, {"ephemeralStorage"}),
               {{"size_in_gib", "sizeInGiB", field_kind::integer}});
  set_block_of(*d, "runtime_platform", at(*td, {"runtimePlatform"}),
               {{"cpu_architecture", "cpuArchitecture", field_kind::string},
                {"operating_system_family", "operatingSystemFamily", field_kind::string}});
  // proxy_configuration: its properties are a name/value list in ECS, a map in Terraform.
  rapidjson::Value proxy(rapidjson::kArrayType);
  if (const auto* p = at(*td, {"proxyConfiguration"}); p && p->IsObject()) {
    rapidjson::Value b(rapidjson::kObjectType);
    copy_fields(b, *p,
                {{"container_name", "containerName", field_kind::string},
                 {"type", "type", field_kind::string}},
                a);
    rapidjson::Value props(rapidjson::kObjectType);
    if (const auto* l = at(*p, {"properties"}); l && l->IsArray())
      for (const auto& kv : l->GetArray())
        props.AddMember(string_value(str_at(kv, {"name"}), a),
                        string_value(str_at(kv, {"value"}), a), a);
    b.AddMember("properties", props, a);
    proxy.PushBack(b, a);
  }
  set_value(*d, "proxy_configuration", proxy);
  auto constraints = object_set(
      *td, "placementConstraints",
      {{"expression", "expression", field_kind::string}, {"type", "type", field_kind::string}}, a);
  set_value(*d, "placement_constraints", constraints);
  auto accelerators = object_set(*td, "inferenceAccelerators",
                                 {{"device_name", "deviceName", field_kind::string},
                                  {"device_type", "deviceType", field_kind::string}},
                                 a);
  set_value(*d, "inference_accelerator", accelerators);
  rapidjson::Value volumes(rapidjson::kArrayType);
  if (const auto* l = at(*td, {"volumes"}); l && l->IsArray())
    for (const auto& v : l->GetArray()) volumes.PushBack(volume(v, a), a);
  to_set_order(volumes, a);
  set_value(*d, "volume", volumes);
  set_tags(*d, inst, tags_of(at(*r, {"tags"})));
  return live_resource::found(d);
}

// Every ACTIVE family: the provider's id of a task definition is its family.
core::result<std::vector<discovered>, aws::error> list(const read_context& ctx) {
  return list_ids(ctx, aws::ecs::list_task_definition_families);
}

const iam_actions permissions{{"ecs:DescribeTaskDefinition"}, {"ecs:ListTaskDefinitionFamilies"}};

// A task definition's id is its family: arn:...:task-definition/<family>:<revision>.
const change_locator changes{
    "ecs.amazonaws.com",
    {"TagResource", "UntagResource", "DeregisterTaskDefinition"},
    [](const change_call& c) {
      std::string family = string_at(c.response, {"taskDefinition", "family"});
      if (family.empty()) {
        family =
            last_part(changed_arn(c, "taskDefinition", "taskDefinitionArn", "task-definition"));
        family = family.substr(0, family.rfind(':'));
      }
      return targets_of({family});
    }};

}  // namespace

const type_module& aws_ecs_task_definition_module() {
  static const type_module m{"aws_ecs_task_definition",
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
