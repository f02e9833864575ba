// aws_s3_bucket_ownership_controls: the bucket's object ownership rule; no controls means gone.
#include "registry.h"
#include "s3_common.h"

namespace scanner::native {
namespace {

const depth_claim depth{
    {"rule"},
    {{"bucket", skip_kind::create_only, s3::bucket_why}},
};

const std::vector<rule> rules = {};

core::result<std::optional<doc_ptr>, aws::error> read(const read_context& ctx,
                                                      const terraform::resource_instance&,
                                                      const std::string& bucket) {
  auto oc = s3::config_or(ctx, bucket, "ownershipControls", "OwnershipControlsNotFoundError");
  if (!oc) return oc.error();
  if (!*oc) return std::optional<doc_ptr>{};
  auto d = new_object();
  auto& a = d->GetAllocator();
  rapidjson::Value rules_v(rapidjson::kArrayType);
  for (auto r : (*oc)->result.children("Rule")) {
    rapidjson::Value o(rapidjson::kObjectType);
    o.AddMember("object_ownership", string_value(xtext(r, "ObjectOwnership"), a), a);
    rules_v.PushBack(o, a);
  }
  set_value(*d, "rule", rules_v);
  return std::optional<doc_ptr>(d);
}

const iam_actions permissions{{"s3:GetBucketOwnershipControls"}, {}};

const change_locator changes = s3::bucket_changes(
    {"PutBucketOwnershipControls", "DeleteBucketOwnershipControls", "DeleteBucket"});

}  // namespace

const type_module& aws_s3_bucket_ownership_controls_module() {
  static const type_module m = s3::bucket_part_module("aws_s3_bucket_ownership_controls", read,
                                                      &rules, &depth, &permissions, &changes);
  return m;
}

}  // namespace scanner::native
