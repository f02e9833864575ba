// aws_s3_bucket_public_access_block offline: GetPublicAccessBlock recorded from moto
// (recorded/aws_s3_bucket_public_access_block).
#include <gtest/gtest.h>

#include "offline_case.h"

using namespace drift_test;

namespace {

const std::string kType = "aws_s3_bucket_public_access_block";

std::string state(const offline_case& c) {
  return R"({"id":")" + c.resource("id") + R"(","bucket":")" + c.resource("bucket") + R"("})";
}

}  // namespace

TEST(AwsS3BucketPublicAccessBlock, FoundReadsTheConfigurationInTerraformsShape) {
  expect_found_golden(kType, state, 1);
}

TEST(AwsS3BucketPublicAccessBlock, RemovedBlockIsGone) { expect_gone(kType, state); }

TEST(AwsS3BucketPublicAccessBlock, ThrottledIsNotCheckedAfterTheRetries) {
  expect_throttled(kType, state, "SlowDown");
}

TEST(AwsS3BucketPublicAccessBlock, AccessDeniedIsNotChecked) {
  expect_denied(kType, state, "AccessDenied");
}

TEST(AwsS3BucketPublicAccessBlock, OnlyAChangedAttributeIsDrift) {
  expect_drift_only_on_change(kType, state, "restrict_public_buckets", "true");
}

TEST(AwsS3BucketPublicAccessBlock, HasNoNormalisationRules) {
  // Every difference in the configuration is drift: nothing to hide, so nothing to test.
  EXPECT_TRUE(offline_case(kType, "found").module().rules->empty());
}
