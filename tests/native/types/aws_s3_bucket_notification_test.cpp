// aws_s3_bucket_notification offline: GetBucketNotificationConfiguration recorded from moto
// (recorded/aws_s3_bucket_notification): a queue, a topic and a Lambda function told; emptied
// (every notification removed); eventbridge (edited: moto does not keep EventBridge).
#include <gtest/gtest.h>

#include "json_util.h"
#include "offline_case.h"

using namespace drift_test;

namespace {

const std::string kType = "aws_s3_bucket_notification";

std::string state(const offline_case& c) {
  return R"({"id":")" + c.resource("id") + R"(","bucket":")" + c.resource("bucket") + R"("})";
}

}  // namespace

TEST(AwsS3BucketNotification, FoundReadsEveryTargetInTerraformsShape) {
  expect_found_golden(kType, state, 1);
}

TEST(AwsS3BucketNotification, DeletedBucketIsGone) { expect_gone(kType, state); }

// S3 answers an empty configuration once every notification is removed; the provider refreshes
// it as empty lists, so the resource is still there and its lists changed.
TEST(AwsS3BucketNotification, EveryNotificationRemovedIsFoundEmpty) {
  offline_case c(kType, "emptied");
  auto r = c.read(golden_state(kType, c, state));
  ASSERT_EQ(r.st, scanner::native::live_resource::status::found) << r.reason;
  std::map<std::string, int> suppressed;
  EXPECT_EQ(names(c.compare(suppressed)),
            (std::vector<std::string>{"lambda_function", "queue", "topic"}));
  EXPECT_FALSE((*r.attrs)["eventbridge"].GetBool());
}

// moto drops EventBridgeConfiguration: the recorded answer with the element S3 documents.
TEST(AwsS3BucketNotification, EventBridgeToldIsReadAndDrift) {
  offline_case c(kType, "eventbridge");
  auto r = c.read(golden_state(kType, c, state));
  ASSERT_EQ(r.st, scanner::native::live_resource::status::found) << r.reason;
  EXPECT_TRUE((*r.attrs)["eventbridge"].GetBool());
  std::map<std::string, int> suppressed;
  EXPECT_EQ(names(c.compare(suppressed)), std::vector<std::string>{"eventbridge"});
}

TEST(AwsS3BucketNotification, ThrottledIsNotCheckedAfterTheRetries) {
  expect_throttled(kType, state, "SlowDown");
}

TEST(AwsS3BucketNotification, AccessDeniedIsNotChecked) {
  expect_denied(kType, state, "AccessDenied");
}

TEST(AwsS3BucketNotification, OnlyAChangedAttributeIsDrift) {
  expect_drift_only_on_change(kType, state, "topic", "[]");
}

TEST(AwsS3BucketNotification, HasNoNormalisationRules) {
  EXPECT_TRUE(offline_case(kType, "found").module().rules->empty());
}
