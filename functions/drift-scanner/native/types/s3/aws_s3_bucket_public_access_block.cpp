// aws_s3_bucket_public_access_block: the four block settings; none means gone.
#include "registry.h"
#include "s3_common.h"

namespace scanner::native {
namespace {

const depth_claim depth{
    {"block_public_acls", "block_public_policy", "ignore_public_acls", "restrict_public_buckets"},
    {{"bucket", skip_kind::create_only, s3::bucket_why}},
};

const std::vector<rule> rules = {};

core::result<std::optional<doc_ptr>, aws::error> read(const read_context& ctx,
                                                      const terraform::resource_instance&,
                                                      const std::string& bucket) {
  auto pab = s3::config(ctx, bucket, "publicAccessBlock");
  if (!pab) return pab.error();
  if (!*pab) return std::optional<doc_ptr>{};
  const auto& x = (*pab)->result;
  auto d = new_object();
  set_bool(*d, "block_public_acls", xbool(x, "BlockPublicAcls"));
  set_bool(*d, "block_public_policy", xbool(x, "BlockPublicPolicy"));
  set_bool(*d, "ignore_public_acls", xbool(x, "IgnorePublicAcls"));
  set_bool(*d, "restrict_public_buckets", xbool(x, "RestrictPublicBuckets"));
  return std::optional<doc_ptr>(d);
}

const iam_actions permissions{{"s3:GetBucketPublicAccessBlock"}, {}};

// The block is its own sub-resource (the aws_s3_bucket type does not compare it). CloudTrail
// names the calls PutBucketPublicAccessBlock/DeleteBucketPublicAccessBlock; the API names are
// declared too.
const change_locator changes =
    s3::bucket_changes({"PutBucketPublicAccessBlock", "DeleteBucketPublicAccessBlock",
                        "PutPublicAccessBlock", "DeletePublicAccessBlock", "DeleteBucket"});

}  // namespace

const type_module& aws_s3_bucket_public_access_block_module() {
  static const type_module m = s3::bucket_part_module("aws_s3_bucket_public_access_block", read,
                                                      &rules, &depth, &permissions, &changes);
  return m;
}

}  // namespace scanner::native
