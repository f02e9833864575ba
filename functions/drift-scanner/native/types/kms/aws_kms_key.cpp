// aws_kms_key: the key's metadata (description, state, usage, spec, multi-Region, key store),
// its default policy, rotation and tags (four calls per key: KMS has no batch describe).
#include "keys_util.h"
#include "registry.h"

namespace scanner::native {
namespace {

const std::vector<rule> rules = {
    {"policy", rule_kind::policy_json,
     "key order, statement order, scalar vs one-element list and whitespace are not changes"},
    {"tags", rule_kind::null_is_empty, "no tags: null in state, {} from KMS"},
};

const depth_claim depth{
    {"custom_key_store_id", "customer_master_key_spec", "description", "enable_key_rotation",
     "is_enabled", "key_usage", "multi_region", "policy", "rotation_period_in_days", "tags",
     "tags_all", "xks_key_id"},
    {
        {"bypass_policy_lockout_safety_check", skip_kind::provider_only,
         "a flag of the PutKeyPolicy request, never stored by KMS"},
        {"deletion_window_in_days", skip_kind::provider_only,
         "used only when the key is scheduled for deletion"},
    },
};

live_resource read_one(const read_context& ctx, const terraform::resource_instance& inst) {
  using keys::str;
  auto key = keys::call(ctx, aws::services::kms, "DescribeKey", {{"KeyId", inst.id}});
  if (!key) {
    if (key.error().code == "NotFoundException") return live_resource::gone();
    return failed(key.error());
  }
  const auto* md = member(*key, "KeyMetadata");
  // The provider reads a key pending deletion as gone (Terraform plans to create it again).
  if (!md || str(*md, "KeyState") == "PendingDeletion") return live_resource::gone();
  const std::string key_id = str(*md, "KeyId");
  auto d = new_object();
  set_string(*d, "arn", str(*md, "Arn"));
  set_string(*d, "key_id", key_id);
  set_string(*d, "description", str(*md, "Description"));
  set_bool(*d, "is_enabled", keys::boolean(*md, "Enabled"));
  set_string(*d, "key_usage", str(*md, "KeyUsage"));
  std::string spec = str(*md, "KeySpec");
  if (spec.empty()) spec = str(*md, "CustomerMasterKeySpec");
  set_string(*d, "customer_master_key_spec", spec);
  set_bool(*d, "multi_region", keys::boolean(*md, "MultiRegion"));
  set_string(*d, "custom_key_store_id", str(*md, "CustomKeyStoreId"));
  const auto* xks = member(*md, "XksKeyConfiguration");
  set_string(*d, "xks_key_id", xks ? str(*xks, "Id") : "");

  auto pol = keys::call(ctx, aws::services::kms, "GetKeyPolicy",
                        {{"KeyId", key_id}, {"PolicyName", "default"}});
  if (!pol) return failed(pol.error());
  set_string(*d, "policy", keys::go_policy(str(*pol, "Policy")));

  auto rot = keys::call(ctx, aws::services::kms, "GetKeyRotationStatus", {{"KeyId", key_id}});
  if (!rot) {
    // Asymmetric, HMAC and imported keys cannot rotate: KMS refuses the question.
    if (rot.error().code != "UnsupportedOperationException") return failed(rot.error());
    set_bool(*d, "enable_key_rotation", false);
    set_int(*d, "rotation_period_in_days", 0);
  } else {
    set_bool(*d, "enable_key_rotation", keys::boolean(*rot, "KeyRotationEnabled"));
    // KMS answers a period only while rotation is on; the provider keeps its value otherwise.
    if (member(*rot, "RotationPeriodInDays")) {
      set_int(*d, "rotation_period_in_days", keys::integer(*rot, "RotationPeriodInDays"));
    } else {
      rapidjson::Document st;
      st.Parse(inst.attributes.c_str(), inst.attributes.size());
      const auto* kept = st.IsObject() ? member(st, "rotation_period_in_days") : nullptr;
      set_int(*d, "rotation_period_in_days", kept && kept->IsNumber() ? kept->GetInt64() : 0);
    }
  }

  std::map<std::string, std::string> tags;
  std::string marker;
  do {
    auto t = marker.empty()
                 ? keys::call(ctx, aws::services::kms, "ListResourceTags", {{"KeyId", key_id}})
                 : keys::call(ctx, aws::services::kms, "ListResourceTags",
                              {{"KeyId", key_id}, {"Marker", marker}});
    if (!t) return failed(t.error());
    for (const auto& [k, v] : keys::tag_list(member(*t, "Tags"), "TagKey", "TagValue")) tags[k] = v;
    marker = keys::boolean(*t, "Truncated") ? str(*t, "NextMarker") : "";
  } while (!marker.empty());
  set_tags(*d, inst, tags);
  return live_resource::found(d);
}

// Customer managed keys of the region (AWS managed keys belong to AWS: never unmanaged).
core::result<std::vector<discovered>, aws::error> list(const read_context& ctx) {
  std::vector<discovered> out;
  std::string marker;
  do {
    auto page = marker.empty()
                    ? keys::call(ctx, aws::services::kms, "ListKeys", {})
                    : keys::call(ctx, aws::services::kms, "ListKeys", {{"Marker", marker}});
    if (!page) return page.error();
    if (const auto* ks = member(*page, "Keys"); ks && ks->IsArray())
      for (const auto& k : ks->GetArray()) {
        const std::string id = keys::str(k, "KeyId");
        if (ctx.managed_ids && ctx.managed_ids->count(id)) {
          out.push_back({id, id, {}});
          continue;
        }
        auto md = keys::call(ctx, aws::services::kms, "DescribeKey", {{"KeyId", id}});
        if (!md) return md.error();
        const auto* m = member(*md, "KeyMetadata");
        if (!m || keys::str(*m, "KeyManager") != "CUSTOMER" ||
            keys::str(*m, "KeyState") == "PendingDeletion")
          continue;
        out.push_back({id, id, {}});
      }
    marker = keys::boolean(*page, "Truncated") ? keys::str(*page, "NextMarker") : "";
  } while (!marker.empty());
  return out;
}

const iam_actions permissions{
    {"kms:DescribeKey", "kms:GetKeyPolicy", "kms:GetKeyRotationStatus", "kms:ListResourceTags"},
    {"kms:ListKeys"}};

}  // namespace

const type_module& aws_kms_key_module() {
  static const type_module m{"aws_kms_key",
                             one_by_one(read_one),
                             &rules,
                             10,
                             list,
                             &depth,
                             &permissions,
                             nullptr,
                             /*calls_per_batch=*/0,
                             /*calls_per_instance=*/4};
  return m;
}

}  // namespace scanner::native
