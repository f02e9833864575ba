// aws_sns_topic offline: GetTopicAttributes and ListTagsForResource recorded from moto
// (recorded/aws_sns_topic).
#include <gtest/gtest.h>

#include "core/json.h"
#include "offline_case.h"

using namespace drift_test;

namespace {

const std::string kType = "aws_sns_topic";

std::string state(const offline_case& c) { return R"({"id":")" + c.resource("id") + R"("})"; }

}  // namespace

TEST(AwsSnsTopic, FoundReadsTheTopicWithPoliciesKeyAndTags) {
  expect_found_golden(kType, state, 2);
}

TEST(AwsSnsTopic, DeletedTopicIsGone) { expect_gone(kType, state); }

TEST(AwsSnsTopic, ThrottledIsNotCheckedAfterTheRetries) {
  expect_throttled(kType, state, "Throttled");
}

TEST(AwsSnsTopic, AccessDeniedIsNotChecked) { expect_denied(kType, state, "AuthorizationError"); }

TEST(AwsSnsTopic, OnlyAChangedAttributeIsDrift) {
  expect_drift_only_on_change(kType, state, "kms_master_key_id", R"("alias/other")");
}

TEST(AwsSnsTopic, PolicyWrittenAnotherWayIsNoDrift) {
  // The recorded policy with its keys in another order, Action's two elements swapped,
  // Resource as a one-element list, and whitespace.
  expect_hidden_by(
      kType,
      [](const offline_case& c) {
        return with(
            golden_state(kType, c, state), "policy",
            R"("{\"Version\": \"2012-10-17\", \"Statement\": [{\"Resource\": [\"arn:aws:sns:us-east-1:123456789012:alerts\"], \"Action\": [\"SNS:Subscribe\", \"SNS:Publish\"], \"Principal\": {\"AWS\": \"arn:aws:iam::123456789012:root\"}, \"Effect\": \"Allow\", \"Sid\": \"OwnerPublish\"}]}")");
      },
      "policy:policy_json");
}

TEST(AwsSnsTopic, NullTagsEqualAnEmptyMap) {
  expect_hidden_by(
      kType,
      [](const offline_case& c) { return with(golden_state(kType, c, state), "tags", "null"); },
      "tags:null_is_empty", [](rapidjson::Document& live) { live["tags"].SetObject(); });
}

TEST(AwsSnsTopic, DeliveryPolicyEqualAsJsonKeepsTheStatesText) {
  // The provider keeps the stored delivery policy while it is JSON-equal to the topic's.
  offline_case c(kType, "found");
  const std::string stored =
      R"({"http": {"disableSubscriptionOverrides": false, "defaultHealthyRetryPolicy": {"numRetries": 3, "minDelayTarget": 20, "maxDelayTarget": 20, "numMaxDelayRetries": 0, "numNoDelayRetries": 0, "numMinDelayRetries": 0, "backoffFunction": "linear"}}})";
  rapidjson::Document s;
  s.SetString(stored.c_str(), static_cast<rapidjson::SizeType>(stored.size()));
  auto r = c.read(with(state(c), "delivery_policy", core::json::to_text(s)));
  ASSERT_EQ(r.st, scanner::native::live_resource::status::found) << r.reason;
  EXPECT_EQ(std::string((*r.attrs)["delivery_policy"].GetString()), stored);
}
