// aws_s3_bucket_ownership_controls offline: GetBucketOwnershipControls recorded from moto
// (recorded/aws_s3_bucket_ownership_controls).
#include <gtest/gtest.h>

#include "offline_case.h"

using namespace drift_test;

namespace {

const std::string kType = "aws_s3_bucket_ownership_controls";

std::string state(const offline_case& c) {
  return R"({"id":")" + c.resource("id") + R"(","bucket":")" + c.resource("bucket") + R"("})";
}

}  // namespace

TEST(AwsS3BucketOwnershipControls, FoundReadsTheRuleInTerraformsShape) {
  expect_found_golden(kType, state, 1);
}

TEST(AwsS3BucketOwnershipControls, ControlsRemovedAreGone) { expect_gone(kType, state); }

TEST(AwsS3BucketOwnershipControls, ThrottledIsNotCheckedAfterTheRetries) {
  expect_throttled(kType, state, "SlowDown");
}

TEST(AwsS3BucketOwnershipControls, AccessDeniedIsNotChecked) {
  expect_denied(kType, state, "AccessDenied");
}

TEST(AwsS3BucketOwnershipControls, OnlyAChangedAttributeIsDrift) {
  expect_drift_only_on_change(kType, state, "rule", R"([{"object_ownership":"ObjectWriter"}])");
}

TEST(AwsS3BucketOwnershipControls, HasNoNormalisationRules) {
  EXPECT_TRUE(offline_case(kType, "found").module().rules->empty());
}
