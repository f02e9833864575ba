// aws_ssm_parameter: per batch of ten, one DescribeParameters (description, key, pattern,
// tier) and one GetParameters without decryption (type, data type, version, plain values),
// then the tags of each parameter. A SecureString is never decrypted: its value is known to
// have changed when its version moved, and is reported redacted on both sides.
#include "../kms/keys_util.h"
#include "registry.h"

namespace scanner::native {
namespace {

const std::vector<rule> rules = {
    {"tags", rule_kind::null_is_empty, "no tags: null in state, {} from SSM"},
};

const depth_claim depth{
    {"allowed_pattern", "arn", "data_type", "description", "insecure_value", "key_id", "name",
     "tags", "tags_all", "tier", "type", "value"},
    {
        {"overwrite", skip_kind::provider_only, "a flag of the PutParameter request"},
        {"value_wo", skip_kind::write_only, "never stored in the state"},
        {"value_wo_version", skip_kind::provider_only,
         "the configuration's trigger to send value_wo again"},
    },
};

constexpr std::size_t kBatch = 10;  // GetParameters takes ten names

// What the module puts in `value` for a SecureString whose version moved: never the value,
// only that it changed (the state marks `value` sensitive, so both sides read redacted).
std::string changed_marker(long long version) {
  return "(SecureString changed: version " + std::to_string(version) + ")";
}

rapidjson::Document state_of(const terraform::resource_instance& inst) {
  rapidjson::Document st;
  st.Parse(inst.attributes.c_str(), inst.attributes.size());
  if (st.HasParseError() || !st.IsObject()) st.SetObject();
  return st;
}

std::vector<live_resource> read(const read_context& ctx, const instance_list& batch) {
  using keys::str;
  if (ctx.past_deadline()) return all_deadline_reached(batch.size());
  const auto& svc = aws::services::ssm;
  rapidjson::Document names;
  names.SetObject();
  auto& na = names.GetAllocator();
  rapidjson::Value list(rapidjson::kArrayType);
  for (const auto* inst : batch) list.PushBack(string_value(inst->id, na), na);
  rapidjson::Value names_copy(list, na);

  // DescribeParameters: the Name filter with every name of the batch.
  rapidjson::Document dp_extra;
  dp_extra.SetObject();
  {
    auto& a = dp_extra.GetAllocator();
    rapidjson::Value f(rapidjson::kObjectType);
    f.AddMember("Key", "Name", a);
    f.AddMember("Option", "Equals", a);
    f.AddMember("Values", rapidjson::Value(list, a), a);
    rapidjson::Value filters(rapidjson::kArrayType);
    filters.PushBack(f, a);
    dp_extra.AddMember("ParameterFilters", filters, a);
    dp_extra.AddMember("MaxResults", 50, a);
  }
  std::map<std::string, rapidjson::Document> described;
  std::string token;
  do {
    auto page = token.empty()
                    ? keys::call(ctx, svc, "DescribeParameters", {}, &dp_extra)
                    : keys::call(ctx, svc, "DescribeParameters", {{"NextToken", token}}, &dp_extra);
    if (!page) return all_failed(batch.size(), page.error());
    if (const auto* ps = member(*page, "Parameters"); ps && ps->IsArray())
      for (const auto& p : ps->GetArray()) {
        rapidjson::Document one;
        one.CopyFrom(p, one.GetAllocator());
        described[str(p, "Name")] = std::move(one);
      }
    token = str(*page, "NextToken");
  } while (!token.empty());

  rapidjson::Document gp_extra;
  gp_extra.SetObject();
  gp_extra.AddMember("Names", rapidjson::Value(names_copy, gp_extra.GetAllocator()),
                     gp_extra.GetAllocator());
  gp_extra.AddMember("WithDecryption", false, gp_extra.GetAllocator());
  auto got = keys::call(ctx, svc, "GetParameters", {}, &gp_extra);
  if (!got) return all_failed(batch.size(), got.error());
  std::map<std::string, const rapidjson::Value*> values;
  if (const auto* ps = member(*got, "Parameters"); ps && ps->IsArray())
    for (const auto& p : ps->GetArray()) values[str(p, "Name")] = &p;

  std::vector<live_resource> out;
  for (const auto* inst : batch) {
    auto di = described.find(inst->id);
    auto vi = values.find(inst->id);
    if (di == described.end() || vi == values.end()) {
      out.push_back(live_resource::gone());
      continue;
    }
    const auto& desc = di->second;
    const auto& p = *vi->second;
    const auto st = state_of(*inst);
    auto d = new_object();
    const std::string type = str(p, "Type");
    set_string(*d, "name", inst->id);
    set_string(*d, "arn", str(p, "ARN"));
    set_string(*d, "type", type);
    set_string(*d, "data_type", str(p, "DataType"));
    const long long version = keys::integer(p, "Version");
    set_int(*d, "version", version);
    set_string(*d, "description", str(desc, "Description"));
    set_string(*d, "allowed_pattern", str(desc, "AllowedPattern"));
    set_string(*d, "tier", str(desc, "Tier"));
    // The provider stores the key only for a SecureString.
    set_string(*d, "key_id", type == "SecureString" ? str(desc, "KeyId") : "");
    const bool insecure = !str(st, "insecure_value").empty();
    const bool write_only = keys::boolean(st, "has_value_wo");
    if (type == "SecureString") {
      const auto* sv = member(st, "version");
      const bool same = sv && sv->IsNumber() && sv->GetInt64() == version;
      if (!write_only) set_string(*d, "value", same ? str(st, "value") : changed_marker(version));
    } else if (insecure) {
      set_string(*d, "insecure_value", str(p, "Value"));
    } else if (!write_only) {
      set_string(*d, "value", str(p, "Value"));
    }

    auto tags = keys::call(ctx, svc, "ListTagsForResource",
                           {{"ResourceType", "Parameter"}, {"ResourceId", inst->id}});
    if (!tags) {
      out.push_back(tags.error().code == "InvalidResourceId" ? live_resource::gone()
                                                             : failed(tags.error()));
      continue;
    }
    set_tags(*d, *inst, keys::tag_list(member(*tags, "TagList"), "Key", "Value"));
    out.push_back(live_resource::found(d));
  }
  return out;
}

core::result<std::vector<discovered>, aws::error> list(const read_context& ctx) {
  std::vector<discovered> out;
  rapidjson::Document extra;
  extra.SetObject();
  extra.AddMember("MaxResults", 50, extra.GetAllocator());
  std::string token;
  do {
    auto page = token.empty()
                    ? keys::call(ctx, aws::services::ssm, "DescribeParameters", {}, &extra)
                    : keys::call(ctx, aws::services::ssm, "DescribeParameters",
                                 {{"NextToken", token}}, &extra);
    if (!page) return page.error();
    if (const auto* ps = member(*page, "Parameters"); ps && ps->IsArray())
      for (const auto& p : ps->GetArray()) {
        const std::string name = keys::str(p, "Name");
        // AWS publishes its own public parameters under /aws/.
        if (name.rfind("/aws/", 0) == 0) continue;
        out.push_back({name, name, {}});
      }
    token = keys::str(*page, "NextToken");
  } while (!token.empty());
  return out;
}

const iam_actions permissions{
    {"ssm:DescribeParameters", "ssm:GetParameters", "ssm:ListTagsForResource"}, {}};

}  // namespace

const type_module& aws_ssm_parameter_module() {
  static const type_module m{
      "aws_ssm_parameter",     read, &rules, kBatch, list, &depth, &permissions, nullptr,
      /*calls_per_batch=*/2,
      /*calls_per_instance=*/1};
  return m;
}

}  // namespace scanner::native
