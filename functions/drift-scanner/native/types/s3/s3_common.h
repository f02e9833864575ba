// What the S3 modules share: a split resource's bucket, one read per bucket, and S3's
// "not found" answers.
#pragma once

#include <functional>
#include <optional>
#include <string>

#include "aws/s3.h"
#include "module_util.h"

namespace scanner::native::s3 {

// The bucket an S3 instance is about: `bucket` for split resources, else the id.
std::string bucket_of(const terraform::resource_instance& inst);

// NoSuchBucket (the whole bucket is gone).
inline bool bucket_gone(const aws::error& e) { return e.code == "NoSuchBucket"; }

// Runs `one` for each instance of the batch (S3 has no batch reads), mapping a missing
// bucket to gone and other failures to not checked.
using read_one = std::function<core::result<std::optional<doc_ptr>, aws::error>(
    const read_context&, const terraform::resource_instance&, const std::string& bucket)>;
std::vector<live_resource> per_bucket(const read_context& ctx, const instance_list& batch,
                                      const read_one& one);

// The module of an S3 type read bucket by bucket (S3 has no batch reads, so slices are kept
// small); not discoverable on its own unless the caller sets `list`.
type_module bucket_part_module(std::string_view type, read_one one, const std::vector<rule>* rules,
                               const depth_claim* depth = nullptr,
                               const iam_actions* permissions = nullptr,
                               const change_locator* changes = nullptr);

// `part`, declared to read configurations aws_s3_bucket reads too: with its bucket in the
// same workspace, the two share each call (read_memo.h), and the work estimate of a mix counts
// it once (native_calls_for_mix).
inline type_module shared_with_bucket(type_module part) {
  part.shares_reads_with = "aws_s3_bucket";
  return part;
}

// The change locator of an S3 type whose id is the bucket's name: `events` (CloudTrail's
// eventNames of S3's bucket calls) locate requestParameters.bucketName. A split resource's id
// is its bucket (with ",<owner>" only when expected_bucket_owner is set, which the call cannot
// say).
change_locator bucket_changes(std::vector<std::string_view> events);

// The skips every split S3 resource shares: the bucket it configures and the owner check.
inline constexpr std::string_view bucket_why =
    "the bucket this configuration belongs to: a change forces a new resource";
inline constexpr std::string_view owner_why =
    "an ownership check sent with each request; a change forces a new resource";

// A sub-resource configuration: nullopt when the bucket has none. `headers`: as
// aws::s3::get_bucket_config.
core::result<std::optional<aws::xml_response>, aws::error> config(
    const read_context& ctx, const std::string& bucket, const char* sub,
    std::map<std::string, std::string>* headers = nullptr);

// As config, for a sub-resource whose "none" S3 answers with an error code of its own
// (NoSuchCORSConfiguration, ObjectLockConfigurationNotFoundError): nullopt then.
core::result<std::optional<aws::xml_response>, aws::error> config_or(const read_context& ctx,
                                                                     const std::string& bucket,
                                                                     const char* sub,
                                                                     std::string_view none_code);

// The provider's normalised policy string (sorted keys, Go escaping) of the bucket's
// policy, or "" when none is set; nullopt inside for none.
core::result<std::optional<std::string>, aws::error> policy(const read_context& ctx,
                                                            const std::string& bucket);

// The Grant elements under `parent` (an ACL's AccessControlList, logging's TargetGrants) in the
// provider's shape: [{grantee: [{display_name, email_address, id, type, uri}], permission}], in
// S3's order.
rapidjson::Value grant_list(const pugi::xml_node& parent, rapidjson::Document::AllocatorType& a);

}  // namespace scanner::native::s3
