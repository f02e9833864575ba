// aws_s3_bucket_acl: the bucket's access control policy (owner and grants) as GetBucketAcl
// answers it. A bucket always has an ACL, so only a deleted bucket is gone.
#include "registry.h"
#include "s3_common.h"

namespace scanner::native {
namespace {

const depth_claim depth{
    {"access_control_policy"},
    {{"bucket", skip_kind::create_only, s3::bucket_why},
     {"expected_bucket_owner", skip_kind::create_only, s3::owner_why},
     {"acl", skip_kind::provider_only,
      "the canned ACL the provider applied, kept in the resource's id and never read back: S3 "
      "answers the grants it produced, compared in access_control_policy"}},
};

// Grants are a Terraform set inside the one policy block: stored in set order, so a policy
// S3 answers in another order is equal without a rule.
const std::vector<rule> rules = {};

using alloc_t = rapidjson::Document::AllocatorType;

void add_string(rapidjson::Value& o, const char* name, const std::string& v, alloc_t& a) {
  o.AddMember(rapidjson::StringRef(name), string_value(v, a), a);
}

rapidjson::Value grants(const pugi::xml_node& policy, alloc_t& a) {
  auto list = s3::grant_list(policy.child("AccessControlList"), a);
  to_set_order(list, a);
  return list;
}

core::result<std::optional<doc_ptr>, aws::error> read(const read_context& ctx,
                                                      const terraform::resource_instance&,
                                                      const std::string& bucket) {
  auto acl = s3::config(ctx, bucket, "acl");
  if (!acl) return acl.error();
  auto d = new_object();
  auto& a = d->GetAllocator();
  rapidjson::Value list(rapidjson::kArrayType);
  if (*acl) {
    const auto policy = (*acl)->result;
    rapidjson::Value o(rapidjson::kObjectType);
    o.AddMember("grant", grants(policy, a), a);
    rapidjson::Value owners(rapidjson::kArrayType);
    if (auto owner = policy.child("Owner")) {
      rapidjson::Value x(rapidjson::kObjectType);
      add_string(x, "display_name", xtext(owner, "DisplayName"), a);
      add_string(x, "id", xtext(owner, "ID"), a);
      owners.PushBack(x, a);
    }
    o.AddMember("owner", owners, a);
    list.PushBack(o, a);
  }
  set_value(*d, "access_control_policy", list);
  return std::optional<doc_ptr>(d);
}

const iam_actions permissions{{"s3:GetBucketAcl"}, {}};

const change_locator changes = s3::bucket_changes({"PutBucketAcl", "DeleteBucket"});

}  // namespace

const type_module& aws_s3_bucket_acl_module() {
  static const type_module m = s3::shared_with_bucket(
      s3::bucket_part_module("aws_s3_bucket_acl", read, &rules, &depth, &permissions, &changes));
  return m;
}

}  // namespace scanner::native
