// aws_lambda_function: the function's configuration, environment, layers, VPC config, role,
// runtime, handler, memory, timeout, architectures, code hash, concurrency and tags, from one
// GetFunction per function (Lambda has no batch read that carries tags and concurrency).
#include "aws/lambda_read.h"
#include "lambda_common.h"
#include "registry.h"

namespace scanner::native {
namespace {

using namespace lambda;

const std::vector<rule> rules = {
    {"tags", rule_kind::null_is_empty, "no tags: null in state, {} from Lambda"},
    // Environment variables often hold secrets and the provider does not mark them sensitive:
    // a change is reported with both values redacted.
    {"environment", rule_kind::sensitive_values,
     "variable values are often secrets the provider does not mark sensitive"},
};

const depth_claim depth{
    {"architectures",
     "dead_letter_config",
     "description",
     "environment",
     "ephemeral_storage",
     "file_system_config",
     "function_name",
     "handler",
     "image_config",
     "image_uri",
     "kms_key_arn",
     "layers",
     "logging_config",
     "memory_size",
     "reserved_concurrent_executions",
     "role",
     "runtime",
     "snap_start",
     "tags",
     "tags_all",
     "timeout",
     "tracing_config",
     "vpc_config"},
    {
        {"code_signing_config_arn", skip_kind::not_read,
         "needs GetFunctionCodeSigningConfig, a second call per function"},
        {"package_type", skip_kind::create_only, "Zip or Image is chosen at creation"},
        {"filename", skip_kind::provider_only, "a local path; code drift shows as code_sha256"},
        {"s3_bucket", skip_kind::provider_only, "where the code was uploaded from"},
        {"s3_key", skip_kind::provider_only, "where the code was uploaded from"},
        {"s3_object_version", skip_kind::provider_only, "where the code was uploaded from"},
        {"source_code_hash", skip_kind::provider_only,
         "the configuration's hash of the package; code drift shows as code_sha256"},
        {"publish", skip_kind::provider_only, "an instruction to publish a version on change"},
        {"skip_destroy", skip_kind::provider_only, "destroy-time behaviour"},
        {"replace_security_groups_on_destroy", skip_kind::provider_only, "destroy-time behaviour"},
        {"replacement_security_group_ids", skip_kind::provider_only, "destroy-time behaviour"},
    },
};

rapidjson::Value object() { return rapidjson::Value(rapidjson::kObjectType); }

live_resource read_one(const read_context& ctx, const terraform::resource_instance& inst) {
  ctx.count();
  auto r = aws::lambda::get_function(ctx.cloud, inst.id);
  if (!r) return gone_or_failed(r.error(), not_found);
  const auto* cfg = member(*r, "Configuration");
  if (!cfg || !cfg->IsObject()) return live_resource::gone();
  auto d = new_object();
  auto& a = d->GetAllocator();

  auto arch = strings_at(*cfg, {"Architectures"});
  if (arch.empty()) arch.push_back("x86_64");
  auto arch_v = string_array(arch, false, a);
  set_value(*d, "architectures", arch_v);
  set_string(*d, "code_sha256", str_at(*cfg, {"CodeSha256"}));

  const std::string dlq = str_at(*cfg, {"DeadLetterConfig", "TargetArn"});
  rapidjson::Value dlq_v = object();
  dlq_v.AddMember("target_arn", string_value(dlq, a), a);
  set_block(*d, "dead_letter_config", dlq.empty() ? nullptr : &dlq_v);
  set_string(*d, "description", str_at(*cfg, {"Description"}));

  // The provider keeps an Environment block whenever Lambda returns one.
  rapidjson::Value env_v = object();
  const auto* env = member(*cfg, "Environment");
  if (env) {
    const auto* vars = member(*env, "Variables");
    rapidjson::Value vars_v;
    if (vars && vars->IsObject()) {
      vars_v.SetObject();
      for (const auto& [k, v] : string_map_at(*env, {"Variables"}))
        vars_v.AddMember(string_value(k, a), string_value(v, a), a);
    }
    env_v.AddMember("variables", vars_v, a);
  }
  set_block(*d, "environment", env ? &env_v : nullptr);

  rapidjson::Value eph_v = object();
  eph_v.AddMember(
      "size",
      rapidjson::Value(static_cast<int64_t>(int_at(*cfg, {"EphemeralStorage", "Size"}, 512))), a);
  set_block(*d, "ephemeral_storage", &eph_v);

  rapidjson::Value fs_v = object();
  const auto* fs = member(*cfg, "FileSystemConfigs");
  const bool has_fs = fs && fs->IsArray() && !fs->Empty();
  if (has_fs) {
    fs_v.AddMember("arn", string_value(str_at((*fs)[0], {"Arn"}), a), a);
    fs_v.AddMember("local_mount_path", string_value(str_at((*fs)[0], {"LocalMountPath"}), a), a);
  }
  set_block(*d, "file_system_config", has_fs ? &fs_v : nullptr);
  set_string(*d, "function_name", str_at(*cfg, {"FunctionName"}));
  set_string(*d, "handler", str_at(*cfg, {"Handler"}));

  rapidjson::Value img_v = object();
  const auto* img = at(*cfg, {"ImageConfigResponse", "ImageConfig"});
  if (img) {
    auto cmd = string_array(strings_at(*img, {"Command"}), false, a);
    auto entry = string_array(strings_at(*img, {"EntryPoint"}), false, a);
    img_v.AddMember("command", cmd, a);
    img_v.AddMember("entry_point", entry, a);
    img_v.AddMember("working_directory", string_value(str_at(*img, {"WorkingDirectory"}), a), a);
  }
  set_block(*d, "image_config", img ? &img_v : nullptr);
  set_string(*d, "image_uri", str_at(*r, {"Code", "ImageUri"}));
  set_string(*d, "kms_key_arn", str_at(*cfg, {"KMSKeyArn"}));

  std::vector<std::string> layers;
  if (const auto* l = member(*cfg, "Layers"); l && l->IsArray())
    for (const auto& x : l->GetArray()) layers.push_back(str_at(x, {"Arn"}));
  auto layers_v = string_array(layers, false, a);
  set_value(*d, "layers", layers_v);

  rapidjson::Value log_v = object();
  const auto* log = member(*cfg, "LoggingConfig");
  if (log) {
    for (auto [tf, aws_name] :
         {std::pair{"application_log_level", "ApplicationLogLevel"},
          std::pair{"log_format", "LogFormat"}, std::pair{"log_group", "LogGroup"},
          std::pair{"system_log_level", "SystemLogLevel"}})
      log_v.AddMember(rapidjson::StringRef(tf), string_value(str_at(*log, {aws_name}), a), a);
  }
  set_block(*d, "logging_config", log ? &log_v : nullptr);
  set_int(*d, "memory_size", int_at(*cfg, {"MemorySize"}, 128));
  set_int(*d, "reserved_concurrent_executions",
          int_at(*r, {"Concurrency", "ReservedConcurrentExecutions"}, -1));
  set_string(*d, "role", str_at(*cfg, {"Role"}));
  set_string(*d, "runtime", str_at(*cfg, {"Runtime"}));

  // The provider drops a SnapStart that applies to nothing.
  const std::string apply_on = str_at(*cfg, {"SnapStart", "ApplyOn"});
  rapidjson::Value snap_v = object();
  snap_v.AddMember("apply_on", string_value(apply_on, a), a);
  snap_v.AddMember("optimization_status",
                   string_value(str_at(*cfg, {"SnapStart", "OptimizationStatus"}), a), a);
  set_block(*d, "snap_start", apply_on.empty() || apply_on == "None" ? nullptr : &snap_v);

  std::map<std::string, std::string> cloud_tags = string_map_at(*r, {"Tags"});
  set_tags(*d, inst, cloud_tags);
  set_int(*d, "timeout", int_at(*cfg, {"Timeout"}, 3));

  const std::string mode = str_at(*cfg, {"TracingConfig", "Mode"});
  rapidjson::Value tr_v = object();
  tr_v.AddMember("mode", string_value(mode.empty() ? "PassThrough" : mode, a), a);
  set_block(*d, "tracing_config", &tr_v);

  // The provider drops a VPC config with neither subnets nor security groups; both are sets.
  const auto* vpc = member(*cfg, "VpcConfig");
  auto subnets = vpc ? strings_at(*vpc, {"SubnetIds"}) : std::vector<std::string>{};
  auto groups = vpc ? strings_at(*vpc, {"SecurityGroupIds"}) : std::vector<std::string>{};
  rapidjson::Value vpc_v = object();
  if (vpc) {
    vpc_v.AddMember("ipv6_allowed_for_dual_stack",
                    bool_at(*vpc, {"Ipv6AllowedForDualStack"}, false), a);
    auto g = string_array(groups, true, a);
    auto s = string_array(subnets, true, a);
    vpc_v.AddMember("security_group_ids", g, a);
    vpc_v.AddMember("subnet_ids", s, a);
    vpc_v.AddMember("vpc_id", string_value(str_at(*vpc, {"VpcId"}), a), a);
  }
  set_block(*d, "vpc_config", subnets.empty() && groups.empty() ? nullptr : &vpc_v);
  return live_resource::found(d);
}

const iam_actions permissions{{"lambda:GetFunction"}, {"lambda:ListFunctions"}};

}  // namespace

const type_module& aws_lambda_function_module() {
  static const type_module m{"aws_lambda_function",
                             one_by_one(read_one),
                             &rules,
                             10,
                             [](const read_context& ctx) {
                               return list_ids(ctx, aws::lambda::list_functions, [](const auto& f) {
                                 return string_member(f, "FunctionName");
                               });
                             },
                             &depth,
                             &permissions,
                             nullptr,
                             /*calls_per_batch=*/0,
                             /*calls_per_instance=*/1};
  return m;
}

}  // namespace scanner::native
