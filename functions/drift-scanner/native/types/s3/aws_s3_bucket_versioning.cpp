// aws_s3_bucket_versioning: versioning_configuration { status, mfa_delete }.
#include "registry.h"
#include "s3_common.h"

namespace scanner::native {
namespace {

const depth_claim depth{
    {"versioning_configuration"},
    {{"bucket", skip_kind::create_only, s3::bucket_why},
     {"expected_bucket_owner", skip_kind::create_only, s3::owner_why},
     {"mfa", skip_kind::provider_only,
      "the MFA device and code sent with a change; S3 never returns them"}},
};

const std::vector<rule> rules = {};

core::result<std::optional<doc_ptr>, aws::error> read(const read_context& ctx,
                                                      const terraform::resource_instance&,
                                                      const std::string& bucket) {
  auto ver = s3::config(ctx, bucket, "versioning");
  if (!ver) return ver.error();
  const std::string status = *ver ? xtext((*ver)->result, "Status") : "";
  // Never versioned: the provider drops the resource from state.
  if (status.empty()) return std::optional<doc_ptr>{};
  auto d = new_object();
  auto& a = d->GetAllocator();
  rapidjson::Value block(rapidjson::kObjectType);
  block.AddMember("mfa_delete", string_value(xtext((*ver)->result, "MfaDelete"), a), a);
  block.AddMember("status", string_value(status, a), a);
  rapidjson::Value list(rapidjson::kArrayType);
  list.PushBack(block, a);
  set_value(*d, "versioning_configuration", list);
  return std::optional<doc_ptr>(d);
}

const iam_actions permissions{{"s3:GetBucketVersioning"}, {}};

const change_locator changes = s3::bucket_changes({"PutBucketVersioning", "DeleteBucket"});

}  // namespace

const type_module& aws_s3_bucket_versioning_module() {
  static const type_module m = s3::shared_with_bucket(s3::bucket_part_module(
      "aws_s3_bucket_versioning", read, &rules, &depth, &permissions, &changes));
  return m;
}

}  // namespace scanner::native
