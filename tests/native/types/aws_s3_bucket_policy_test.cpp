// aws_s3_bucket_policy offline: GetBucketPolicy recorded from moto (recorded/aws_s3_bucket_policy).
#include <gtest/gtest.h>

#include "offline_case.h"

using namespace drift_test;

namespace {

const std::string kType = "aws_s3_bucket_policy";

std::string state(const offline_case& c) {
  return R"({"id":")" + c.resource("id") + R"(","bucket":")" + c.resource("bucket") + R"("})";
}

}  // namespace

TEST(AwsS3BucketPolicy, FoundReadsTheConfigurationInTerraformsShape) {
  expect_found_golden(kType, state, 1);
}

TEST(AwsS3BucketPolicy, RemovedPolicyIsGone) { expect_gone(kType, state); }

TEST(AwsS3BucketPolicy, ThrottledIsNotCheckedAfterTheRetries) {
  expect_throttled(kType, state, "SlowDown");
}

TEST(AwsS3BucketPolicy, AccessDeniedIsNotChecked) { expect_denied(kType, state, "AccessDenied"); }

TEST(AwsS3BucketPolicy, OnlyAChangedAttributeIsDrift) {
  expect_drift_only_on_change(kType, state, "policy",
                              R"("{\"Statement\":[],\"Version\":\"2012-10-17\"}")");
}

TEST(AwsS3BucketPolicy, PolicyWrittenAnotherWayIsNoDrift) {
  // The same document as configured: keys in another order, a one-element list for Action,
  // the resources swapped, whitespace.
  expect_hidden_by(
      kType,
      [](const offline_case& c) {
        return with(
            state(c), "policy",
            R"("{\"Version\": \"2012-10-17\", \"Statement\": [{\"Sid\": \"DenyInsecure\", \"Effect\": \"Deny\", \"Principal\": \"*\", \"Action\": [\"s3:*\"], \"Resource\": [\"arn:aws:s3:::drift-offline-bucket/*\", \"arn:aws:s3:::drift-offline-bucket\"], \"Condition\": {\"Bool\": {\"aws:SecureTransport\": \"false\"}}}]}")");
      },
      "policy:policy_json");
}
