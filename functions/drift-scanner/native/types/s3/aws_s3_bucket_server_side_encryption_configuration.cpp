// aws_s3_bucket_server_side_encryption_configuration: the encryption rules; none at all
// means the resource is gone.
#include "registry.h"
#include "s3_common.h"

namespace scanner::native {
namespace {

const depth_claim depth{
    {"rule"},
    {{"bucket", skip_kind::create_only, s3::bucket_why},
     {"expected_bucket_owner", skip_kind::create_only, s3::owner_why}},
};

const std::vector<rule> rules = {
    {"rule", rule_kind::set_order, "a Terraform set of rule blocks"},
};

core::result<std::optional<doc_ptr>, aws::error> read(const read_context& ctx,
                                                      const terraform::resource_instance& inst,
                                                      const std::string& bucket) {
  auto enc = s3::config(ctx, bucket, "encryption");
  if (!enc) return enc.error();
  if (!*enc || !(*enc)->result.child("Rule")) return std::optional<doc_ptr>{};
  rapidjson::Document state;
  state.Parse(inst.attributes.c_str(), inst.attributes.size());
  auto d = new_object();
  auto& a = d->GetAllocator();
  rapidjson::Value list(rapidjson::kArrayType);
  for (auto r : (*enc)->result.children("Rule")) {
    auto def = r.child("ApplyServerSideEncryptionByDefault");
    rapidjson::Value by_default(rapidjson::kObjectType);
    by_default.AddMember("kms_master_key_id", string_value(xtext(def, "KMSMasterKeyID"), a), a);
    by_default.AddMember("sse_algorithm", string_value(xtext(def, "SSEAlgorithm"), a), a);
    rapidjson::Value defs(rapidjson::kArrayType);
    defs.PushBack(by_default, a);
    rapidjson::Value rule_v(rapidjson::kObjectType);
    rule_v.AddMember("apply_server_side_encryption_by_default", defs, a);
    // Unset in the answer: the provider keeps null.
    if (r.child("BucketKeyEnabled"))
      rule_v.AddMember("bucket_key_enabled", xbool(r, "BucketKeyEnabled"), a);
    else
      rule_v.AddMember("bucket_key_enabled", rapidjson::Value(), a);
    list.PushBack(rule_v, a);
  }
  set_value(*d, "rule", list);
  return std::optional<doc_ptr>(d);
}

const iam_actions permissions{{"s3:GetEncryptionConfiguration"}, {}};

const change_locator changes =
    s3::bucket_changes({"PutBucketEncryption", "DeleteBucketEncryption", "DeleteBucket"});

}  // namespace

const type_module& aws_s3_bucket_server_side_encryption_configuration_module() {
  static const type_module m = s3::shared_with_bucket(
      s3::bucket_part_module("aws_s3_bucket_server_side_encryption_configuration", read, &rules,
                             &depth, &permissions, &changes));
  return m;
}

}  // namespace scanner::native
