// aws_s3_bucket_server_side_encryption_configuration offline: GetBucketEncryption recorded from
// moto (recorded/aws_s3_bucket_server_side_encryption_configuration).
#include <gtest/gtest.h>

#include "core/json.h"
#include "offline_case.h"

using namespace drift_test;

namespace {

const std::string kType = "aws_s3_bucket_server_side_encryption_configuration";

std::string state(const offline_case& c) {
  return R"({"id":")" + c.resource("id") + R"(","bucket":")" + c.resource("bucket") + R"("})";
}

}  // namespace

TEST(AwsS3BucketServerSideEncryptionConfiguration, FoundReadsTheConfigurationInTerraformsShape) {
  expect_found_golden(kType, state, 1);
}

TEST(AwsS3BucketServerSideEncryptionConfiguration, RemovedEncryptionIsGone) {
  expect_gone(kType, state);
}

TEST(AwsS3BucketServerSideEncryptionConfiguration, ThrottledIsNotCheckedAfterTheRetries) {
  expect_throttled(kType, state, "SlowDown");
}

TEST(AwsS3BucketServerSideEncryptionConfiguration, AccessDeniedIsNotChecked) {
  expect_denied(kType, state, "AccessDenied");
}

TEST(AwsS3BucketServerSideEncryptionConfiguration, OnlyAChangedAttributeIsDrift) {
  expect_drift_only_on_change(
      kType, state, "rule",
      R"([{"apply_server_side_encryption_by_default":[{"kms_master_key_id":"","sse_algorithm":"AES256"}],"bucket_key_enabled":null}])");
}

TEST(AwsS3BucketServerSideEncryptionConfiguration, RulesInAnotherOrderAreNoDrift) {
  // S3 holds one rule (moto refuses two), so the read is given a second one, as the set's
  // order matters only with two.
  const std::string aes =
      R"({"apply_server_side_encryption_by_default":[{"kms_master_key_id":"","sse_algorithm":"AES256"}],"bucket_key_enabled":null})";
  expect_hidden_by(
      kType,
      [&](const offline_case& c) {
        rapidjson::Document g;
        g.Parse(golden_text(kType).c_str());
        return with(state(c), "rule", "[" + aes + "," + core::json::to_text(g["rule"][0]) + "]");
      },
      "rule:set_order",
      [&](rapidjson::Document& live) {
        rapidjson::Document extra(&live.GetAllocator());
        extra.Parse(aes.c_str());
        live["rule"].PushBack(rapidjson::Value(extra, live.GetAllocator()), live.GetAllocator());
      });
}
