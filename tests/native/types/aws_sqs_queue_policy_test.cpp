// aws_sqs_queue_policy offline: GetQueueAttributes recorded from moto
// (recorded/aws_sqs_queue_policy).
#include <gtest/gtest.h>

#include "offline_case.h"

using namespace drift_test;

namespace {

const std::string kType = "aws_sqs_queue_policy";

std::string state(const offline_case& c) {
  return R"({"id":")" + c.resource("id") + R"(","queue_url":")" + c.resource("id") + R"("})";
}

}  // namespace

TEST(AwsSqsQueuePolicy, FoundReadsThePolicyInTerraformsShape) {
  expect_found_golden(kType, state, 1);
}

TEST(AwsSqsQueuePolicy, RemovedPolicyIsGone) { expect_gone(kType, state); }

TEST(AwsSqsQueuePolicy, ThrottledIsNotCheckedAfterTheRetries) {
  expect_throttled(kType, state, "RequestThrottled");
}

TEST(AwsSqsQueuePolicy, AccessDeniedIsNotChecked) {
  expect_denied(kType, state, "AccessDeniedException");
}

TEST(AwsSqsQueuePolicy, OnlyAChangedAttributeIsDrift) {
  expect_drift_only_on_change(kType, state, "policy",
                              R"("{\"Statement\":[],\"Version\":\"2012-10-17\"}")");
}

TEST(AwsSqsQueuePolicy, PolicyWrittenAnotherWayIsNoDrift) {
  // The recorded policy with keys in another order, Action as a one-element list, whitespace.
  expect_hidden_by(
      kType,
      [](const offline_case& c) {
        return with(
            golden_state(kType, c, state), "policy",
            R"("{\"Version\": \"2012-10-17\", \"Statement\": [{\"Condition\": {\"ArnEquals\": {\"aws:SourceArn\": \"arn:aws:sns:us-east-1:123456789012:events\"}}, \"Resource\": \"arn:aws:sqs:us-east-1:123456789012:work\", \"Action\": [\"sqs:SendMessage\"], \"Principal\": {\"Service\": \"sns.amazonaws.com\"}, \"Effect\": \"Allow\", \"Sid\": \"TopicSend\"}]}")");
      },
      "policy:policy_json");
}
