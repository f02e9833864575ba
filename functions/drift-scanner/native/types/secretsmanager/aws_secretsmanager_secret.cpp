// aws_secretsmanager_secret: the secret's description, KMS key, resource policy, replicas and
// tags (DescribeSecret and GetResourcePolicy per secret). The secret's value is never read.
#include "../kms/keys_util.h"
#include "core/time.h"
#include "registry.h"

namespace scanner::native {
namespace {

const std::vector<rule> rules = {
    {"policy", rule_kind::policy_json,
     "key order, statement order, scalar vs one-element list and whitespace are not changes"},
    {"replica", rule_kind::set_order, "a Terraform set of replica Regions"},
    {"tags", rule_kind::null_is_empty, "no tags: null in state, {} from Secrets Manager"},
};

const depth_claim depth{
    {"description", "kms_key_id", "name", "name_prefix", "policy", "replica", "tags", "tags_all"},
    {
        {"force_overwrite_replica_secret", skip_kind::provider_only,
         "a flag of the ReplicateSecretToRegions request"},
        {"recovery_window_in_days", skip_kind::provider_only,
         "used only by the DeleteSecret request"},
    },
};

live_resource read_one(const read_context& ctx, const terraform::resource_instance& inst) {
  using keys::str;
  const auto& svc = aws::services::secretsmanager;
  auto s = keys::call(ctx, svc, "DescribeSecret", {{"SecretId", inst.id}});
  if (!s) {
    if (s.error().code == "ResourceNotFoundException") return live_resource::gone();
    return failed(s.error());
  }
  // Scheduled for deletion: the provider reads it as gone.
  if (const auto* del = member(*s, "DeletedDate"); del && !del->IsNull())
    return live_resource::gone();
  auto d = new_object();
  auto& a = d->GetAllocator();
  const std::string name = str(*s, "Name");
  set_string(*d, "arn", str(*s, "ARN"));
  set_string(*d, "name", name);
  set_string(*d, "name_prefix", keys::name_prefix_of(name));
  set_string(*d, "description", str(*s, "Description"));
  set_string(*d, "kms_key_id", str(*s, "KmsKeyId"));
  rapidjson::Value replicas(rapidjson::kArrayType);
  if (const auto* rs = member(*s, "ReplicationStatus"); rs && rs->IsArray())
    for (const auto& r : rs->GetArray()) {
      rapidjson::Value o(rapidjson::kObjectType);
      o.AddMember("kms_key_id", string_value(str(r, "KmsKeyId"), a), a);
      const auto* last = member(r, "LastAccessedDate");
      o.AddMember("last_accessed_date",
                  string_value(
                      last && last->IsNumber()
                          ? core::time::iso8601(std::chrono::system_clock::time_point(
                                std::chrono::seconds(static_cast<std::int64_t>(last->GetDouble()))))
                          : "",
                      a),
                  a);
      o.AddMember("region", string_value(str(r, "Region"), a), a);
      o.AddMember("status", string_value(str(r, "Status"), a), a);
      o.AddMember("status_message", string_value(str(r, "StatusMessage"), a), a);
      replicas.PushBack(o, a);
    }
  set_value(*d, "replica", replicas);
  set_tags(*d, inst, keys::tag_list(member(*s, "Tags"), "Key", "Value"));

  auto pol = keys::call(ctx, svc, "GetResourcePolicy", {{"SecretId", inst.id}});
  if (!pol) {
    if (pol.error().code == "ResourceNotFoundException") return live_resource::gone();
    return failed(pol.error());
  }
  const std::string policy = str(*pol, "ResourcePolicy");
  set_string(*d, "policy", policy.empty() ? "" : keys::go_policy(policy));
  return live_resource::found(d);
}

core::result<std::vector<discovered>, aws::error> list(const read_context& ctx) {
  std::vector<discovered> out;
  std::string token;
  do {
    auto page = token.empty() ? keys::call(ctx, aws::services::secretsmanager, "ListSecrets", {})
                              : keys::call(ctx, aws::services::secretsmanager, "ListSecrets",
                                           {{"NextToken", token}});
    if (!page) return page.error();
    if (const auto* ss = member(*page, "SecretList"); ss && ss->IsArray())
      for (const auto& x : ss->GetArray()) {
        // Secrets a service manages for itself (RDS master passwords) carry OwningService.
        const auto* del = member(x, "DeletedDate");
        if (!keys::str(x, "OwningService").empty() || (del && !del->IsNull())) continue;
        const std::string arn = keys::str(x, "ARN");
        out.push_back({arn, arn, keys::tag_list(member(x, "Tags"), "Key", "Value")});
      }
    token = keys::str(*page, "NextToken");
  } while (!token.empty());
  return out;
}

const iam_actions permissions{{"secretsmanager:DescribeSecret", "secretsmanager:GetResourcePolicy"},
                              {"secretsmanager:ListSecrets"}};

}  // namespace

const type_module& aws_secretsmanager_secret_module() {
  static const type_module m{"aws_secretsmanager_secret",
                             one_by_one(read_one),
                             &rules,
                             10,
                             list,
                             &depth,
                             &permissions,
                             nullptr,
                             /*calls_per_batch=*/0,
                             /*calls_per_instance=*/2};
  return m;
}

}  // namespace scanner::native
