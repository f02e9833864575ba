// aws_s3_bucket_object_lock_configuration: object lock on the bucket and its default
// retention; a bucket without object lock has no configuration: gone.
#include "registry.h"
#include "s3_common.h"

namespace scanner::native {
namespace {

const depth_claim depth{
    {"object_lock_enabled", "rule"},
    {{"bucket", skip_kind::create_only, s3::bucket_why},
     {"expected_bucket_owner", skip_kind::create_only, s3::owner_why},
     {"token", skip_kind::provider_only,
      "a one-time token S3 asks for when object lock is turned on for an existing bucket; sent "
      "by the provider, never returned"}},
};

const std::vector<rule> rules = {};

core::result<std::optional<doc_ptr>, aws::error> read(const read_context& ctx,
                                                      const terraform::resource_instance&,
                                                      const std::string& bucket) {
  auto lock = s3::config_or(ctx, bucket, "object-lock", "ObjectLockConfigurationNotFoundError");
  if (!lock) return lock.error();
  if (!*lock) return std::optional<doc_ptr>{};
  const auto cfg = (*lock)->result;
  auto d = new_object();
  auto& a = d->GetAllocator();
  set_string(*d, "object_lock_enabled", xtext(cfg, "ObjectLockEnabled"));
  rapidjson::Value rules_v(rapidjson::kArrayType);
  if (auto r = cfg.child("Rule")) {
    rapidjson::Value retention(rapidjson::kArrayType);
    if (auto x = r.child("DefaultRetention")) {
      rapidjson::Value o(rapidjson::kObjectType);
      o.AddMember("days", rapidjson::Value(static_cast<int64_t>(xint(x, "Days"))), a);
      o.AddMember("mode", string_value(xtext(x, "Mode"), a), a);
      o.AddMember("years", rapidjson::Value(static_cast<int64_t>(xint(x, "Years"))), a);
      retention.PushBack(o, a);
    }
    rapidjson::Value o(rapidjson::kObjectType);
    o.AddMember("default_retention", retention, a);
    rules_v.PushBack(o, a);
  }
  set_value(*d, "rule", rules_v);
  return std::optional<doc_ptr>(d);
}

const iam_actions permissions{{"s3:GetBucketObjectLockConfiguration"}, {}};

const change_locator changes = s3::bucket_changes(
    {"PutObjectLockConfiguration", "PutBucketObjectLockConfiguration", "DeleteBucket"});

}  // namespace

const type_module& aws_s3_bucket_object_lock_configuration_module() {
  static const type_module m = s3::shared_with_bucket(s3::bucket_part_module(
      "aws_s3_bucket_object_lock_configuration", read, &rules, &depth, &permissions, &changes));
  return m;
}

}  // namespace scanner::native
