// aws_s3_bucket offline: the thirteen reads of the bucket-level attributes (tagging, policy,
// versioning, encryption, logging, lifecycle, ACL, acceleration, request payment, CORS, object
// lock, website, replication) recorded from moto (recorded/aws_s3_bucket); the copies a managed
// part owns (grant, cors_rule, website, object_lock_configuration, replication_configuration)
// hidden and counted only beside it.
#include <gtest/gtest.h>

#include <map>
#include <string>
#include <vector>

#include "compare.h"
#include "offline_case.h"
#include "registry.h"

using namespace drift_test;

namespace {

const std::string kType = "aws_s3_bucket";

std::string state(const offline_case& c) { return R"({"id":")" + c.resource("id") + R"("})"; }

// `name` holds `a` then `b` in the state and `b` then `a` in the live read.
void expect_set_order(const char* name, const std::string& a, const std::string& b) {
  expect_hidden_by(
      kType,
      [&](const offline_case& c) {
        return with(golden_state(kType, c, state), name, "[" + a + "," + b + "]");
      },
      std::string(name) + ":set_order",
      [&](rapidjson::Document& live) {
        rapidjson::Document g;
        g.Parse(("[" + b + "," + a + "]").c_str());
        live[name].CopyFrom(g, live.GetAllocator());
      });
}

}  // namespace

TEST(AwsS3Bucket, FoundReadsEveryBucketLevelAttribute) { expect_found_golden(kType, state, 13); }

TEST(AwsS3Bucket, DeletedBucketIsGone) { expect_gone(kType, state); }

TEST(AwsS3Bucket, ThrottledIsNotCheckedAfterTheRetries) {
  expect_throttled(kType, state, "SlowDown");
}

TEST(AwsS3Bucket, AccessDeniedIsNotChecked) { expect_denied(kType, state, "AccessDenied"); }

TEST(AwsS3Bucket, OnlyAChangedAttributeIsDrift) {
  expect_drift_only_on_change(kType, state, "tags", R"({"team":"platform"})");
}

TEST(AwsS3Bucket, PolicyWrittenAnotherWayIsNoDrift) {
  expect_hidden_by(
      kType,
      [](const offline_case& c) {
        return with(
            golden_state(kType, c, state), "policy",
            R"("{\"Version\": \"2012-10-17\", \"Statement\": {\"Sid\": \"DenyInsecure\", \"Effect\": \"Deny\", \"Principal\": \"*\", \"Action\": \"s3:*\", \"Resource\": [\"arn:aws:s3:::drift-offline-bucket/*\", \"arn:aws:s3:::drift-offline-bucket\"], \"Condition\": {\"Bool\": {\"aws:SecureTransport\": \"false\"}}}}")");
      },
      "policy:policy_json");
}

TEST(AwsS3Bucket, GrantsInAnotherOrderAreNoDrift) {
  expect_set_order(
      "grant",
      R"({"id":"","permissions":["READ"],"type":"Group",)"
      R"("uri":"http://acs.amazonaws.com/groups/global/AllUsers"})",
      R"({"id":"75aa57f0","permissions":["FULL_CONTROL"],"type":"CanonicalUser","uri":""})");
}

TEST(AwsS3Bucket, NullTagsEqualAnEmptyMap) {
  expect_hidden_by(
      kType,
      [](const offline_case& c) { return with(golden_state(kType, c, state), "tags", "null"); },
      "tags:null_is_empty", [](rapidjson::Document& live) { live["tags"].SetObject(); });
}

namespace {

// The bucket's state: the golden read with another value in each copy a part can manage, as
// after a console change of those parts.
std::string state_with_changed_copies(const offline_case& c) {
  auto attrs = golden_state(kType, c, state);
  attrs = with(attrs, "grant", "[]");
  attrs = with(attrs, "cors_rule",
               R"([{"allowed_headers":[],"allowed_methods":["PUT"],)"
               R"("allowed_origins":["https://old.example.com"],)"
               R"("expose_headers":[],"max_age_seconds":0}])");
  attrs = with(attrs, "website",
               R"([{"error_document":"","index_document":"old.html",)"
               R"("redirect_all_requests_to":"","routing_rules":""}])");
  attrs = with(attrs, "replication_configuration", "[]");
  return with(attrs, "object_lock_configuration",
              R"([{"object_lock_enabled":"Enabled","rule":[]}])");
}

// A state holding the bucket (attributes `bucket_attrs`) and its ACL, CORS, website, object
// lock and replication parts, each naming `part_bucket` in its `bucket`.
terraform::state state_with_parts(const std::string& bucket_attrs, const std::string& part_bucket) {
  auto resource = [](const std::string& type, const std::string& attrs) {
    return R"({"mode":"managed","type":")" + type +
           R"(","name":"site","provider":"provider[\"registry.terraform.io/hashicorp/aws\"]",)"
           R"("instances":[{"schema_version":0,"attributes":)" +
           attrs + "}]}";
  };
  const std::string part = R"({"id":")" + part_bucket + R"(","bucket":")" + part_bucket + R"("})";
  std::string text =
      R"({"version":4,"terraform_version":"1.11.0","serial":1,"lineage":"offline","outputs":{},)"
      R"("resources":[)" +
      resource(kType, bucket_attrs);
  for (const char* t :
       {"aws_s3_bucket_acl", "aws_s3_bucket_cors_configuration",
        "aws_s3_bucket_website_configuration", "aws_s3_bucket_object_lock_configuration",
        "aws_s3_bucket_replication_configuration"})
    text += "," + resource(t, part);
  auto st = terraform::parse_state(text + "]}");
  EXPECT_TRUE(st.ok());
  return st.ok() ? std::move(*st) : terraform::state{};
}

// The bucket (the first resource of `st`) compared with its read `live` through the type's
// rules, parts looked up in `whole`: the attribute names reported.
std::vector<std::string> reported(const terraform::state& st, const rapidjson::Document& live,
                                  const terraform::state* whole,
                                  std::map<std::string, int>& suppressed) {
  rapidjson::Document copy;
  copy.CopyFrom(live, copy.GetAllocator());
  const auto& rules = *scanner::native::find_module(kType)->rules;
  return names(scanner::native::compare(st.resources[0], copy, rules, suppressed, whole));
}

}  // namespace

// A console change of a managed part also shows on the bucket's copy (grant, cors_rule,
// website, object_lock_configuration, replication_configuration). The copy is still read (every
// call made), its difference hidden and counted under managed_by_part, so the change is reported
// once, on the part.
TEST(AwsS3Bucket, EchoOfAManagedPartIsHiddenAndCounted) {
  offline_case c(kType, "found");
  const auto attrs = state_with_changed_copies(c);
  auto r = c.read(attrs);
  ASSERT_EQ(r.st, scanner::native::live_resource::status::found) << r.reason;
  EXPECT_EQ(c.calls(), 13);
  EXPECT_TRUE(c.transport().unused().empty());
  const auto whole = state_with_parts(attrs, c.resource("id"));
  std::map<std::string, int> suppressed;
  EXPECT_TRUE(reported(whole, *r.attrs, &whole, suppressed).empty());
  EXPECT_EQ(suppressed, (std::map<std::string, int>{
                            {"aws_s3_bucket.cors_rule:managed_by_part", 1},
                            {"aws_s3_bucket.grant:managed_by_part", 1},
                            {"aws_s3_bucket.object_lock_configuration:managed_by_part", 1},
                            {"aws_s3_bucket.replication_configuration:managed_by_part", 1},
                            {"aws_s3_bucket.website:managed_by_part", 1},
                        }));
}

// Without the part for this bucket the copy is the bucket's own configuration: its change is
// drift of the bucket (parts of another bucket, or no state to look in, hide nothing).
TEST(AwsS3Bucket, CopyWithoutItsPartIsCompared) {
  offline_case c(kType, "found");
  const auto attrs = state_with_changed_copies(c);
  auto r = c.read(attrs);
  ASSERT_EQ(r.st, scanner::native::live_resource::status::found) << r.reason;
  const std::vector<std::string> copies = {"cors_rule", "grant", "object_lock_configuration",
                                           "replication_configuration", "website"};
  const auto others = state_with_parts(attrs, "another-bucket");
  const auto alone = state_of(kType, attrs);
  std::map<std::string, int> suppressed;
  EXPECT_EQ(reported(others, *r.attrs, &others, suppressed), copies);
  EXPECT_EQ(reported(alone, *r.attrs, &alone, suppressed), copies);
  const auto with_parts = state_with_parts(attrs, c.resource("id"));
  EXPECT_EQ(reported(with_parts, *r.attrs, nullptr, suppressed), copies);
  EXPECT_TRUE(suppressed.empty());
}

// moto keeps no replication filter and never an Enabled delete-marker replication: the
// replication read in the provider's legacy shape is proved on an edited answer
// (recorded/aws_s3_bucket/replication_full.json) holding every setting the block shows.
TEST(AwsS3Bucket, ReplicationReadsEverySettingOfTheLegacyBlock) {
  offline_case c(kType, "replication_full");
  auto r = c.read(golden_state(kType, c, state));
  ASSERT_EQ(r.st, scanner::native::live_resource::status::found) << r.reason;
  EXPECT_TRUE(c.transport().unused().empty());
  expect_golden((*r.attrs)["replication_configuration"], kType + ".replication_full");
}
