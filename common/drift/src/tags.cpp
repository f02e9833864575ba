#include "drift/tags.h"

#include "json.h"

namespace drift {

namespace {

std::string attribute(const terraform::resource_instance& r, const char* name) {
  rapidjson::Document doc;
  if (detail::parse_json(r.attributes, doc)) return {};
  return detail::string_member(doc, name);
}

std::string partition_of(const std::string& arn) {
  // arn:<partition>:...
  if (arn.rfind("arn:", 0) != 0) return "aws";
  const auto end = arn.find(':', 4);
  return end == std::string::npos ? "aws" : arn.substr(4, end - 4);
}

}  // namespace

std::optional<split_parent> split_parent_of(std::string_view type) {
  if (type.rfind("aws_s3_bucket_", 0) == 0)
    return split_parent{"aws_s3_bucket", "bucket", "bucket"};
  if (type == "aws_security_group_rule" || type == "aws_vpc_security_group_ingress_rule" ||
      type == "aws_vpc_security_group_egress_rule") {
    return split_parent{"aws_security_group", "security_group_id", "id"};
  }
  return std::nullopt;
}

std::map<std::string, std::string> tags_of(const terraform::resource_instance& r) {
  std::map<std::string, std::string> out;
  rapidjson::Document doc;
  if (detail::parse_json(r.redacted_attributes(), doc)) return out;
  const auto* tags = detail::member(doc, "tags_all");
  if (!tags || !tags->IsObject() || tags->ObjectEmpty()) tags = detail::member(doc, "tags");
  if (!tags || !tags->IsObject()) return out;
  for (auto it = tags->MemberBegin(); it != tags->MemberEnd(); ++it) {
    if (it->value.IsString()) out[it->name.GetString()] = it->value.GetString();
  }
  return out;
}

resource_identity identity_of(const terraform::resource_instance& r, const terraform::state& st) {
  resource_identity out;
  const auto split = split_parent_of(r.type);
  if (!split) {
    out.arn = r.arn;
    out.tags = tags_of(r);
    return out;
  }
  const std::string key = attribute(r, split->child_key.c_str());
  for (const auto& p : st.resources) {
    if (p.type != split->parent_type || p.mode != terraform::resource_mode::managed ||
        !p.deposed.empty()) {
      continue;
    }
    // A split resource lives beside its parent: prefer the parent in the same module.
    if (!key.empty() && attribute(p, split->parent_key.c_str()) == key) {
      if (out.parent_address.empty() || p.module == r.module) {
        out.parent_address = p.address;
        out.arn = p.arn;
        out.tags = tags_of(p);
      }
    }
  }
  if (out.arn.empty() && split->parent_type == "aws_s3_bucket" && !key.empty()) {
    out.arn = "arn:" + partition_of(r.arn) + ":s3:::" + key;
  }
  return out;
}

}  // namespace drift
