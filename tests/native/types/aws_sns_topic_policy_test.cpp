// aws_sns_topic_policy offline: GetTopicAttributes recorded from moto
// (recorded/aws_sns_topic_policy).
#include <gtest/gtest.h>

#include "offline_case.h"

using namespace drift_test;

namespace {

const std::string kType = "aws_sns_topic_policy";

std::string state(const offline_case& c) {
  return R"({"id":")" + c.resource("id") + R"(","arn":")" + c.resource("id") + R"("})";
}

}  // namespace

TEST(AwsSnsTopicPolicy, FoundReadsThePolicyInTerraformsShape) {
  expect_found_golden(kType, state, 1);
}

TEST(AwsSnsTopicPolicy, DeletedTopicIsGone) { expect_gone(kType, state); }

TEST(AwsSnsTopicPolicy, ThrottledIsNotCheckedAfterTheRetries) {
  expect_throttled(kType, state, "Throttled");
}

TEST(AwsSnsTopicPolicy, AccessDeniedIsNotChecked) {
  expect_denied(kType, state, "AuthorizationError");
}

TEST(AwsSnsTopicPolicy, OnlyAChangedAttributeIsDrift) {
  expect_drift_only_on_change(kType, state, "policy",
                              R"("{\"Statement\":[],\"Version\":\"2012-10-17\"}")");
}

TEST(AwsSnsTopicPolicy, PolicyWrittenAnotherWayIsNoDrift) {
  // The recorded policy with keys in another order, Action as a one-element list, whitespace.
  expect_hidden_by(
      kType,
      [](const offline_case& c) {
        return with(
            golden_state(kType, c, state), "policy",
            R"("{\"Version\": \"2012-10-17\", \"Statement\": [{\"Resource\": \"arn:aws:sns:us-east-1:123456789012:events\", \"Action\": [\"SNS:Publish\"], \"Principal\": {\"AWS\": \"arn:aws:iam::123456789012:root\"}, \"Effect\": \"Allow\", \"Sid\": \"OwnerPublish\"}]}")");
      },
      "policy:policy_json");
}
