// aws_s3_bucket_versioning offline: GetBucketVersioning recorded from moto
// (recorded/aws_s3_bucket_versioning).
#include <gtest/gtest.h>

#include "offline_case.h"

using namespace drift_test;

namespace {

const std::string kType = "aws_s3_bucket_versioning";

std::string state(const offline_case& c) {
  return R"({"id":")" + c.resource("id") + R"(","bucket":")" + c.resource("bucket") + R"("})";
}

}  // namespace

TEST(AwsS3BucketVersioning, FoundReadsTheConfigurationInTerraformsShape) {
  expect_found_golden(kType, state, 1);
}

TEST(AwsS3BucketVersioning, NeverVersionedBucketIsGone) { expect_gone(kType, state); }

TEST(AwsS3BucketVersioning, ThrottledIsNotCheckedAfterTheRetries) {
  expect_throttled(kType, state, "SlowDown");
}

TEST(AwsS3BucketVersioning, AccessDeniedIsNotChecked) {
  expect_denied(kType, state, "AccessDenied");
}

TEST(AwsS3BucketVersioning, OnlyAChangedAttributeIsDrift) {
  expect_drift_only_on_change(kType, state, "versioning_configuration",
                              R"([{"mfa_delete":"","status":"Suspended"}])");
}

TEST(AwsS3BucketVersioning, HasNoNormalisationRules) {
  // Every difference in the configuration is drift: nothing to hide, so nothing to test.
  EXPECT_TRUE(offline_case(kType, "found").module().rules->empty());
}
