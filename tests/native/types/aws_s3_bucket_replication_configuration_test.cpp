// aws_s3_bucket_replication_configuration offline: GetBucketReplication recorded from moto
// (recorded/aws_s3_bucket_replication_configuration): two rules to a replica bucket; full
// (edited): the rules as put, with the filters and settings moto does not keep.
#include <gtest/gtest.h>

#include "json_util.h"
#include "offline_case.h"

using namespace drift_test;

namespace {

const std::string kType = "aws_s3_bucket_replication_configuration";

std::string state(const offline_case& c) {
  return R"({"id":")" + c.resource("id") + R"(","bucket":")" + c.resource("bucket") + R"("})";
}

}  // namespace

TEST(AwsS3BucketReplicationConfiguration, FoundReadsTheRulesInTerraformsShape) {
  expect_found_golden(kType, state, 1);
}

// Every block of a rule, from a response in the S3 API's documented shape (moto keeps only
// the destination): held to its own golden file.
TEST(AwsS3BucketReplicationConfiguration, EveryBlockOfARuleIsRead) {
  offline_case c(kType, "full");
  auto r = c.read(state(c));
  ASSERT_EQ(r.st, scanner::native::live_resource::status::found) << r.reason;
  expect_golden(*r.attrs, kType + ".full");
}

TEST(AwsS3BucketReplicationConfiguration, ConfigurationRemovedIsGone) { expect_gone(kType, state); }

TEST(AwsS3BucketReplicationConfiguration, ThrottledIsNotCheckedAfterTheRetries) {
  expect_throttled(kType, state, "SlowDown");
}

TEST(AwsS3BucketReplicationConfiguration, AccessDeniedIsNotChecked) {
  expect_denied(kType, state, "AccessDenied");
}

TEST(AwsS3BucketReplicationConfiguration, OnlyAChangedAttributeIsDrift) {
  expect_drift_only_on_change(kType, state, "role",
                              R"("arn:aws:iam::123456789012:role/old-replication")");
}

TEST(AwsS3BucketReplicationConfiguration, HasNoNormalisationRules) {
  EXPECT_TRUE(offline_case(kType, "found").module().rules->empty());
}
