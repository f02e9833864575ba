// aws_cloudwatch_event_rule offline: DescribeRule and ListTagsForResource recorded from moto
// (recorded/aws_cloudwatch_event_rule).
#include <gtest/gtest.h>

#include "offline_case.h"

using namespace drift_test;

namespace {

const std::string kType = "aws_cloudwatch_event_rule";

std::string state(const offline_case& c) { return R"({"id":")" + c.resource("id") + R"("})"; }

}  // namespace

TEST(AwsCloudwatchEventRule, FoundReadsPatternStateRoleAndTags) {
  expect_found_golden(kType, state, 2);
}

TEST(AwsCloudwatchEventRule, DeletedRuleIsGone) { expect_gone(kType, state); }

TEST(AwsCloudwatchEventRule, ThrottledIsNotCheckedAfterTheRetries) {
  expect_throttled(kType, state, "ThrottlingException");
}

TEST(AwsCloudwatchEventRule, AccessDeniedIsNotChecked) {
  expect_denied(kType, state, "AccessDeniedException");
}

TEST(AwsCloudwatchEventRule, OnlyAChangedAttributeIsDrift) {
  expect_drift_only_on_change(kType, state, "role_arn", R"("")");
}

TEST(AwsCloudwatchEventRule, PatternWrittenAnotherWayIsNoDrift) {
  // The recorded pattern with its keys in the configured order and spaces between them.
  expect_hidden_by(
      kType,
      [](const offline_case& c) {
        return with(
            golden_state(kType, c, state), "event_pattern",
            R"("{\"source\": [\"shop.orders\"], \"detail-type\": [\"Order Created\"], \"detail\": {\"amount\": [{\"numeric\": [\">\", 100]}]}}")");
      },
      "event_pattern:policy_json");
}

TEST(AwsCloudwatchEventRule, NullTagsEqualAnEmptyMap) {
  expect_hidden_by(
      kType,
      [](const offline_case& c) { return with(golden_state(kType, c, state), "tags", "null"); },
      "tags:null_is_empty", [](rapidjson::Document& live) { live["tags"].SetObject(); });
}
