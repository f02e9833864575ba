// aws_s3_bucket_logging offline: GetBucketLogging recorded from moto
// (recorded/aws_s3_bucket_logging).
#include <gtest/gtest.h>

#include "offline_case.h"

using namespace drift_test;

namespace {

const std::string kType = "aws_s3_bucket_logging";

std::string state(const offline_case& c) {
  return R"({"id":")" + c.resource("id") + R"(","bucket":")" + c.resource("bucket") + R"("})";
}

}  // namespace

TEST(AwsS3BucketLogging, FoundReadsTheConfigurationInTerraformsShape) {
  offline_case c(kType, "found");
  auto r = c.read(state(c));
  ASSERT_EQ(r.st, scanner::native::live_resource::status::found) << r.reason;
  expect_golden(*r.attrs, kType);
  EXPECT_TRUE(c.transport().unused().empty());
  EXPECT_EQ(c.calls(), 1);
}

TEST(AwsS3BucketLogging, LoggingTurnedOffIsGone) { expect_gone(kType, state); }

TEST(AwsS3BucketLogging, ThrottledIsNotCheckedAfterTheRetries) {
  expect_throttled(kType, state, "SlowDown");
}

TEST(AwsS3BucketLogging, AccessDeniedIsNotChecked) { expect_denied(kType, state, "AccessDenied"); }

TEST(AwsS3BucketLogging, OnlyAChangedAttributeIsDrift) {
  expect_drift_only_on_change(kType, state, "target_prefix", R"("old/")");
}

TEST(AwsS3BucketLogging, HasNoNormalisationRules) {
  // Every difference in the configuration is drift: nothing to hide, so nothing to test.
  EXPECT_TRUE(offline_case(kType, "found").module().rules->empty());
}
