// aws_cloudwatch_event_target: a rule's target, its input and every target-specific block
// (ListTargetsByRule: one listing per rule serves all of that rule's targets in a batch).
#include <functional>
#include <map>
#include <utility>

#include "aws/events_read.h"
#include "events_common.h"
#include "registry.h"

namespace scanner::native {
namespace {

using namespace events;
using alloc_t = rapidjson::Document::AllocatorType;

const std::vector<rule> rules = {};

const depth_claim depth{
    {"appsync_target", "arn", "batch_target", "dead_letter_config", "ecs_target", "http_target",
     "input", "input_path", "input_transformer", "kinesis_target", "redshift_target",
     "retry_policy", "role_arn", "run_command_targets", "sagemaker_pipeline_target", "sqs_target",
     "target_id"},
    {
        {"event_bus_name", skip_kind::create_only,
         "the bus of the rule the target is read from: a change replaces the target"},
        {"rule", skip_kind::create_only,
         "the rule the target is read from: a change replaces the target"},
        {"force_destroy", skip_kind::provider_only,
         "whether a destroy removes a managed rule's target: the provider keeps the "
         "configured value"},
    },
    false,
    {"batch_target", "ecs_target", "http_target", "kinesis_target", "run_command_targets"},
};

// One member of a flattened block: its Terraform name, where EventBridge holds it, and the
// zero value the provider stores when EventBridge leaves it out.
enum class kind { str, num, boolean };
struct field {
  const char* name;
  std::vector<const char*> path;
  kind k = kind::str;
};

const rapidjson::Value* walk(const rapidjson::Value& v, const std::vector<const char*>& path) {
  const rapidjson::Value* cur = &v;
  for (const char* p : path)
    if (!(cur = member(*cur, p))) return nullptr;
  return cur;
}

rapidjson::Value object_of(const rapidjson::Value& api, const std::vector<field>& fields,
                           alloc_t& a) {
  rapidjson::Value o(rapidjson::kObjectType);
  for (const auto& f : fields) {
    const auto* v = walk(api, f.path);
    rapidjson::Value out;
    if (f.k == kind::str)
      out = string_value(v && v->IsString() ? v->GetString() : "", a);
    else if (f.k == kind::num)
      out.SetInt64(v && v->IsInt64() ? v->GetInt64() : 0);
    else
      out.SetBool(v && v->IsBool() && v->GetBool());
    o.AddMember(rapidjson::StringRef(f.name), out, a);
  }
  return o;
}

// [object_of(each element of api[list])], in Terraform's set order when `set`.
rapidjson::Value objects_of(const rapidjson::Value& api, const char* list,
                            const std::vector<field>& fields, bool set, alloc_t& a) {
  rapidjson::Value arr(rapidjson::kArrayType);
  if (const auto* l = member(api, list); l && l->IsArray())
    for (const auto& e : l->GetArray()) arr.PushBack(object_of(e, fields, a), a);
  if (set) to_set_order(arr, a);
  return arr;
}

std::map<std::string, std::string> tag_list(const rapidjson::Value& api, const char* list) {
  std::map<std::string, std::string> out;
  if (const auto* l = member(api, list); l && l->IsArray())
    for (const auto& t : l->GetArray())
      if (auto k = str_at(t, {"Key"}); k.rfind("aws:", 0) != 0) out[k] = str_at(t, {"Value"});
  return out;
}

rapidjson::Value ecs_network(const rapidjson::Value& ecs, alloc_t& a) {
  rapidjson::Value list(rapidjson::kArrayType);
  const auto* vpc = at(ecs, {"NetworkConfiguration", "awsvpcConfiguration"});
  if (!vpc) return list;
  rapidjson::Value o(rapidjson::kObjectType);
  o.AddMember("assign_public_ip", str_at(*vpc, {"AssignPublicIp"}) == "ENABLED", a);
  o.AddMember("security_groups", string_array(strings_at(*vpc, {"SecurityGroups"}), true, a), a);
  o.AddMember("subnets", string_array(strings_at(*vpc, {"Subnets"}), true, a), a);
  list.PushBack(o, a);
  return list;
}

rapidjson::Value ecs_block(const rapidjson::Value& ecs, alloc_t& a) {
  rapidjson::Value o =
      object_of(ecs,
                {{"enable_ecs_managed_tags", {"EnableECSManagedTags"}, kind::boolean},
                 {"enable_execute_command", {"EnableExecuteCommand"}, kind::boolean},
                 {"group", {"Group"}},
                 {"launch_type", {"LaunchType"}},
                 {"platform_version", {"PlatformVersion"}},
                 {"propagate_tags", {"PropagateTags"}},
                 {"task_count", {"TaskCount"}, kind::num},
                 {"task_definition_arn", {"TaskDefinitionArn"}}},
                a);
  o.AddMember("capacity_provider_strategy",
              objects_of(ecs, "CapacityProviderStrategy",
                         {{"base", {"base"}, kind::num},
                          {"capacity_provider", {"capacityProvider"}},
                          {"weight", {"weight"}, kind::num}},
                         true, a),
              a);
  o.AddMember("network_configuration", ecs_network(ecs, a), a);
  o.AddMember(
      "ordered_placement_strategy",
      objects_of(ecs, "PlacementStrategy", {{"field", {"field"}}, {"type", {"type"}}}, false, a),
      a);
  o.AddMember("placement_constraint",
              objects_of(ecs, "PlacementConstraints",
                         {{"expression", {"expression"}}, {"type", {"type"}}}, true, a),
              a);
  o.AddMember("tags", string_object(tag_list(ecs, "Tags"), a), a);
  return o;
}

rapidjson::Value http_block(const rapidjson::Value& http, alloc_t& a) {
  rapidjson::Value o(rapidjson::kObjectType);
  o.AddMember("header_parameters", string_object(string_map_at(http, {"HeaderParameters"}), a), a);
  o.AddMember("path_parameter_values",
              string_array(strings_at(http, {"PathParameterValues"}), false, a), a);
  o.AddMember("query_string_parameters",
              string_object(string_map_at(http, {"QueryStringParameters"}), a), a);
  return o;
}

rapidjson::Value run_command_block(const rapidjson::Value& run, alloc_t& a) {
  rapidjson::Value arr(rapidjson::kArrayType);
  if (const auto* l = member(run, "RunCommandTargets"); l && l->IsArray())
    for (const auto& t : l->GetArray()) {
      rapidjson::Value o(rapidjson::kObjectType);
      o.AddMember("key", string_value(str_at(t, {"Key"}), a), a);
      o.AddMember("values", string_array(strings_at(t, {"Values"}), false, a), a);
      arr.PushBack(o, a);
    }
  return arr;
}

// A block of one object the provider sets only when EventBridge returns `api_name`.
struct block {
  const char* name;
  const char* api_name;
  std::function<rapidjson::Value(const rapidjson::Value&, alloc_t&)> flatten;
};

rapidjson::Value fields_block(const rapidjson::Value& api, std::vector<field> fields, alloc_t& a) {
  return object_of(api, fields, a);
}

const std::vector<block>& blocks() {
  static const std::vector<block> all = {
      {"appsync_target", "AppSyncParameters",
       [](const auto& v, auto& a) {
         return fields_block(v, {{"graphql_operation", {"GraphQLOperation"}}}, a);
       }},
      {"batch_target", "BatchParameters",
       [](const auto& v, auto& a) {
         return fields_block(v,
                             {{"array_size", {"ArrayProperties", "Size"}, kind::num},
                              {"job_attempts", {"RetryStrategy", "Attempts"}, kind::num},
                              {"job_definition", {"JobDefinition"}},
                              {"job_name", {"JobName"}}},
                             a);
       }},
      {"dead_letter_config", "DeadLetterConfig",
       [](const auto& v, auto& a) {
         return fields_block(v, {{"arn", {"Arn"}}}, a);
       }},
      {"ecs_target", "EcsParameters", ecs_block},
      {"input_transformer", "InputTransformer",
       [](const auto& v, auto& a) {
         rapidjson::Value o = fields_block(v, {{"input_template", {"InputTemplate"}}}, a);
         o.AddMember("input_paths", string_object(string_map_at(v, {"InputPathsMap"}), a), a);
         return o;
       }},
      {"kinesis_target", "KinesisParameters",
       [](const auto& v, auto& a) {
         return fields_block(v, {{"partition_key_path", {"PartitionKeyPath"}}}, a);
       }},
      {"redshift_target", "RedshiftDataParameters",
       [](const auto& v, auto& a) {
         return fields_block(v,
                             {{"database", {"Database"}},
                              {"db_user", {"DbUser"}},
                              {"secrets_manager_arn", {"SecretManagerArn"}},
                              {"sql", {"Sql"}},
                              {"statement_name", {"StatementName"}},
                              {"with_event", {"WithEvent"}, kind::boolean}},
                             a);
       }},
      {"retry_policy", "RetryPolicy",
       [](const auto& v, auto& a) {
         return fields_block(
             v,
             {{"maximum_event_age_in_seconds", {"MaximumEventAgeInSeconds"}, kind::num},
              {"maximum_retry_attempts", {"MaximumRetryAttempts"}, kind::num}},
             a);
       }},
      {"sagemaker_pipeline_target", "SageMakerPipelineParameters",
       [](const auto& v, auto& a) {
         rapidjson::Value o(rapidjson::kObjectType);
         o.AddMember("pipeline_parameter_list",
                     objects_of(v, "PipelineParameterList",
                                {{"name", {"Name"}}, {"value", {"Value"}}}, true, a),
                     a);
         return o;
       }},
      {"sqs_target", "SqsParameters",
       [](const auto& v, auto& a) {
         return fields_block(v, {{"message_group_id", {"MessageGroupId"}}}, a);
       }},
  };
  return all;
}

doc_ptr read_target(const rapidjson::Value& t, const terraform::resource_instance& inst) {
  auto d = new_object();
  auto& a = d->GetAllocator();
  set_string(*d, "arn", str_at(t, {"Arn"}));
  set_string(*d, "target_id", str_at(t, {"Id"}));
  set_string(*d, "input", str_at(t, {"Input"}));
  set_string(*d, "input_path", str_at(t, {"InputPath"}));
  set_string(*d, "role_arn", str_at(t, {"RoleArn"}));
  for (const auto& b : blocks()) {
    const auto* v = member(t, b.api_name);
    if (!v || !v->IsObject()) {
      keep_state(*d, inst, b.name);
      continue;
    }
    rapidjson::Value o = b.flatten(*v, a);
    set_block(*d, b.name, &o);
  }
  // Unlike the other blocks, the provider clears these when EventBridge has none.
  const auto* http = member(t, "HttpParameters");
  rapidjson::Value h = http && http->IsObject() ? http_block(*http, a) : rapidjson::Value();
  set_block(*d, "http_target", http && http->IsObject() ? &h : nullptr);
  if (const auto* run = member(t, "RunCommandParameters"); run && run->IsObject()) {
    rapidjson::Value r = run_command_block(*run, a);
    set_value(*d, "run_command_targets", r);
  } else {
    keep_state(*d, inst, "run_command_targets");
  }
  return d;
}

using rule_ref = std::pair<std::string, std::string>;  // {bus, rule}
using targets_result = core::result<std::vector<rapidjson::Document>, aws::error>;

rule_ref rule_of(const terraform::resource_instance& inst) {
  std::string bus = state_string(inst, "event_bus_name");
  return {bus.empty() ? "default" : bus, state_string(inst, "rule")};
}

// A rule that is gone takes its targets with it: the provider's read counts a validation
// error or a missing rule as the target not found.
bool rule_gone(const aws::error& e) { return not_found(e) || e.code == "ValidationException"; }

live_resource answer(const targets_result& listed, const terraform::resource_instance& inst) {
  if (!listed) return gone_or_failed(listed.error(), rule_gone);
  const std::string id = state_string(inst, "target_id");
  for (const auto& t : *listed)
    if (str_at(t, {"Id"}) == id) return live_resource::found(read_target(t, inst));
  return live_resource::gone();
}

std::vector<live_resource> read_batch(const read_context& ctx, const instance_list& batch) {
  std::map<rule_ref, targets_result> listed;
  std::vector<live_resource> out;
  for (const auto* inst : batch) {
    const rule_ref ref = rule_of(*inst);
    auto it = listed.find(ref);
    if (it == listed.end()) {
      if (ctx.past_deadline()) {
        out.push_back(deadline_reached());
        continue;
      }
      ctx.count();
      it = listed.emplace(ref, aws::events::list_targets_by_rule(ctx.cloud, ref.first, ref.second))
               .first;
    }
    out.push_back(answer(it->second, *inst));
  }
  return out;
}

const iam_actions permissions{{"events:ListTargetsByRule"}, {}};

}  // namespace

const type_module& aws_cloudwatch_event_target_module() {
  static const type_module m{
      "aws_cloudwatch_event_target",
      read_batch,
      &rules,
      100,
      {},
      &depth,
      &permissions,
      nullptr,
      // one ListTargetsByRule per rule the batch names: at most one per instance
      /*calls_per_batch=*/0,
      /*calls_per_instance=*/1};
  return m;
}

}  // namespace scanner::native
