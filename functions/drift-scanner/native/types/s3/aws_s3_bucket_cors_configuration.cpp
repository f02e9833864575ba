// aws_s3_bucket_cors_configuration: the bucket's CORS rules; no CORS configuration means gone.
#include "registry.h"
#include "s3_common.h"

namespace scanner::native {
namespace {

const depth_claim depth{
    {"cors_rule"},
    {{"bucket", skip_kind::create_only, s3::bucket_why},
     {"expected_bucket_owner", skip_kind::create_only, s3::owner_why}},
};

const std::vector<rule> rules = {
    {"cors_rule", rule_kind::set_order, "a Terraform set of rules"},
};

using alloc_t = rapidjson::Document::AllocatorType;

// A set of strings under repeated `name` elements, in Terraform's set order.
rapidjson::Value string_set(const pugi::xml_node& n, const char* name, alloc_t& a) {
  rapidjson::Value list(rapidjson::kArrayType);
  for (auto x : n.children(name)) list.PushBack(string_value(x.child_value(), a), a);
  to_set_order(list, a);
  return list;
}

core::result<std::optional<doc_ptr>, aws::error> read(const read_context& ctx,
                                                      const terraform::resource_instance&,
                                                      const std::string& bucket) {
  auto cors = s3::config_or(ctx, bucket, "cors", "NoSuchCORSConfiguration");
  if (!cors) return cors.error();
  if (!*cors) return std::optional<doc_ptr>{};
  auto d = new_object();
  auto& a = d->GetAllocator();
  rapidjson::Value list(rapidjson::kArrayType);
  for (auto r : (*cors)->result.children("CORSRule")) {
    rapidjson::Value o(rapidjson::kObjectType);
    o.AddMember("allowed_headers", string_set(r, "AllowedHeader", a), a);
    o.AddMember("allowed_methods", string_set(r, "AllowedMethod", a), a);
    o.AddMember("allowed_origins", string_set(r, "AllowedOrigin", a), a);
    o.AddMember("expose_headers", string_set(r, "ExposeHeader", a), a);
    o.AddMember("id", string_value(xtext(r, "ID"), a), a);
    o.AddMember("max_age_seconds", rapidjson::Value(static_cast<int64_t>(xint(r, "MaxAgeSeconds"))),
                a);
    list.PushBack(o, a);
  }
  to_set_order(list, a);
  set_value(*d, "cors_rule", list);
  return std::optional<doc_ptr>(d);
}

const iam_actions permissions{{"s3:GetBucketCORS"}, {}};

const change_locator changes =
    s3::bucket_changes({"PutBucketCors", "DeleteBucketCors", "DeleteBucket"});

}  // namespace

const type_module& aws_s3_bucket_cors_configuration_module() {
  static const type_module m = s3::shared_with_bucket(s3::bucket_part_module(
      "aws_s3_bucket_cors_configuration", read, &rules, &depth, &permissions, &changes));
  return m;
}

}  // namespace scanner::native
