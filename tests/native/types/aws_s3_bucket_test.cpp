// aws_s3_bucket offline: the twelve reads of the bucket-level attributes (tagging, policy,
// versioning, encryption, logging, lifecycle, ACL, acceleration, request payment, CORS, object
// lock, website) recorded from moto (recorded/aws_s3_bucket).
#include <gtest/gtest.h>

#include "offline_case.h"

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

TEST(AwsS3Bucket, FoundReadsEveryBucketLevelAttribute) { expect_found_golden(kType, state, 12); }

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
