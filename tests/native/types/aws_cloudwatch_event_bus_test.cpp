// aws_cloudwatch_event_bus offline: DescribeEventBus and ListTagsForResource recorded from moto
// (recorded/aws_cloudwatch_event_bus). `updated` is `found` edited into a changed description
// and KMS key: moto has no UpdateEventBus, so that change is proved here only.
#include <gtest/gtest.h>

#include "offline_case.h"

using namespace drift_test;

namespace {

const std::string kType = "aws_cloudwatch_event_bus";

std::string state(const offline_case& c) {
  return R"({"id":")" + c.resource("id") + R"(","name":")" + c.resource("id") + R"("})";
}

}  // namespace

TEST(AwsCloudwatchEventBus, FoundReadsDescriptionDeadLettersAndTags) {
  expect_found_golden(kType, state, 2);
}

TEST(AwsCloudwatchEventBus, DeletedBusIsGone) { expect_gone(kType, state); }

TEST(AwsCloudwatchEventBus, ThrottledIsNotCheckedAfterTheRetries) {
  expect_throttled(kType, state, "ThrottlingException");
}

TEST(AwsCloudwatchEventBus, AccessDeniedIsNotChecked) {
  expect_denied(kType, state, "AccessDeniedException");
}

TEST(AwsCloudwatchEventBus, OnlyAChangedAttributeIsDrift) {
  expect_drift_only_on_change(kType, state, "dead_letter_config", R"([])");
}

TEST(AwsCloudwatchEventBus, UpdatedDescriptionAndKeyAreDrift) {
  offline_case c(kType, "updated");
  auto r = c.read(golden_state(kType, c, state));
  ASSERT_EQ(r.st, scanner::native::live_resource::status::found) << r.reason;
  std::map<std::string, int> suppressed;
  EXPECT_EQ(names(c.compare(suppressed)),
            (std::vector<std::string>{"description", "kms_key_identifier"}));
  EXPECT_TRUE(suppressed.empty());
}

TEST(AwsCloudwatchEventBus, NullTagsEqualAnEmptyMap) {
  expect_hidden_by(
      kType,
      [](const offline_case& c) { return with(golden_state(kType, c, state), "tags", "null"); },
      "tags:null_is_empty", [](rapidjson::Document& live) { live["tags"].SetObject(); });
}
