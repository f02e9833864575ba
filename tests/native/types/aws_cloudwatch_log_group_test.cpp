// aws_cloudwatch_log_group offline: DescribeLogGroups and ListTagsForResource recorded from moto
// (recorded/aws_cloudwatch_log_group). `kms_changed` is `found` rewritten after the API
// reference's DescribeLogGroups example with another key: moto has no AssociateKmsKey, so a
// changed kms_key_id is proved here only.
#include <gtest/gtest.h>

#include "offline_case.h"

using namespace drift_test;

namespace {

const std::string kType = "aws_cloudwatch_log_group";

std::string state(const offline_case& c) { return R"({"id":")" + c.resource("id") + R"("})"; }

}  // namespace

TEST(AwsCloudwatchLogGroup, FoundReadsTheExactGroupNotItsPrefixSibling) {
  expect_found_golden(kType, state, 2);
}

TEST(AwsCloudwatchLogGroup, DeletedGroupIsGoneThoughItsPrefixStillAnswers) {
  expect_gone(kType, state);
}

TEST(AwsCloudwatchLogGroup, ThrottledIsNotCheckedAfterTheRetries) {
  expect_throttled(kType, state, "ThrottlingException");
}

TEST(AwsCloudwatchLogGroup, AccessDeniedIsNotChecked) {
  expect_denied(kType, state, "AccessDeniedException");
}

TEST(AwsCloudwatchLogGroup, OnlyAChangedAttributeIsDrift) {
  expect_drift_only_on_change(kType, state, "retention_in_days", "7");
}

TEST(AwsCloudwatchLogGroup, AnotherKmsKeyIsDrift) {
  offline_case c(kType, "kms_changed");
  auto r = c.read(golden_state(kType, c, state));
  ASSERT_EQ(r.st, scanner::native::live_resource::status::found) << r.reason;
  std::map<std::string, int> suppressed;
  const auto changed = c.compare(suppressed);
  ASSERT_EQ(names(changed), (std::vector<std::string>{"kms_key_id"}));
  EXPECT_EQ(changed[0].actual,
            R"("arn:aws:kms:us-east-1:123456789012:key/1234abcd-12ab-34cd-56ef-1234567890ab")");
  EXPECT_TRUE(suppressed.empty());
}

TEST(AwsCloudwatchLogGroup, NullTagsEqualAnEmptyMap) {
  expect_hidden_by(
      kType,
      [](const offline_case& c) { return with(golden_state(kType, c, state), "tags", "null"); },
      "tags:null_is_empty", [](rapidjson::Document& live) { live["tags"].SetObject(); });
}
