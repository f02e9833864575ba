// aws_s3_bucket_object_lock_configuration offline: GetObjectLockConfiguration recorded from moto
// (recorded/aws_s3_bucket_object_lock_configuration): a bucket created with object lock,
// retaining in COMPLIANCE mode for a year.
#include <gtest/gtest.h>

#include "offline_case.h"

using namespace drift_test;

namespace {

const std::string kType = "aws_s3_bucket_object_lock_configuration";

std::string state(const offline_case& c) {
  return R"({"id":")" + c.resource("id") + R"(","bucket":")" + c.resource("bucket") + R"("})";
}

}  // namespace

TEST(AwsS3BucketObjectLockConfiguration, FoundReadsTheRetentionInTerraformsShape) {
  expect_found_golden(kType, state, 1);
}

TEST(AwsS3BucketObjectLockConfiguration, BucketWithoutObjectLockIsGone) {
  expect_gone(kType, state);
}

TEST(AwsS3BucketObjectLockConfiguration, ThrottledIsNotCheckedAfterTheRetries) {
  expect_throttled(kType, state, "SlowDown");
}

TEST(AwsS3BucketObjectLockConfiguration, AccessDeniedIsNotChecked) {
  expect_denied(kType, state, "AccessDenied");
}

// The state before the retention was switched from 30 days of GOVERNANCE.
TEST(AwsS3BucketObjectLockConfiguration, OnlyAChangedAttributeIsDrift) {
  expect_drift_only_on_change(kType, state, "rule",
                              R"([{"default_retention":[{"days":30,"mode":"GOVERNANCE",)"
                              R"("years":0}]}])");
}

TEST(AwsS3BucketObjectLockConfiguration, HasNoNormalisationRules) {
  EXPECT_TRUE(offline_case(kType, "found").module().rules->empty());
}
