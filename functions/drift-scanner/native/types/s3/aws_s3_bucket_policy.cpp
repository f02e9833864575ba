// aws_s3_bucket_policy: the policy document, compared as IAM reads it; none means gone.
#include "registry.h"
#include "s3_common.h"

namespace scanner::native {
namespace {

const depth_claim depth{
    {"policy"},
    {{"bucket", skip_kind::create_only, s3::bucket_why}},
};

const std::vector<rule> rules = {
    {"policy", rule_kind::policy_json,
     "key order, statement order, scalar vs one-element list and whitespace are not changes"},
};

core::result<std::optional<doc_ptr>, aws::error> read(const read_context& ctx,
                                                      const terraform::resource_instance&,
                                                      const std::string& bucket) {
  auto pol = s3::policy(ctx, bucket);
  if (!pol) return pol.error();
  if (!*pol) return std::optional<doc_ptr>{};
  auto d = new_object();
  set_string(*d, "policy", **pol);
  return std::optional<doc_ptr>(d);
}

const iam_actions permissions{{"s3:GetBucketPolicy"}, {}};

const change_locator changes =
    s3::bucket_changes({"PutBucketPolicy", "DeleteBucketPolicy", "DeleteBucket"});

}  // namespace

const type_module& aws_s3_bucket_policy_module() {
  static const type_module m = s3::shared_with_bucket(
      s3::bucket_part_module("aws_s3_bucket_policy", read, &rules, &depth, &permissions, &changes));
  return m;
}

}  // namespace scanner::native
