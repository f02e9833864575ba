// aws_sqs_queue offline: GetQueueAttributes and ListQueueTags recorded from moto
// (recorded/aws_sqs_queue).
#include <gtest/gtest.h>

#include "offline_case.h"

using namespace drift_test;

namespace {

const std::string kType = "aws_sqs_queue";

std::string state(const offline_case& c) { return R"({"id":")" + c.resource("id") + R"("})"; }

}  // namespace

TEST(AwsSqsQueue, FoundReadsTheQueueWithPolicyRedriveEncryptionAndTags) {
  expect_found_golden(kType, state, 2);
}

TEST(AwsSqsQueue, DeletedQueueIsGone) { expect_gone(kType, state); }

TEST(AwsSqsQueue, ThrottledIsNotCheckedAfterTheRetries) {
  expect_throttled(kType, state, "RequestThrottled");
}

TEST(AwsSqsQueue, AccessDeniedIsNotChecked) {
  expect_denied(kType, state, "AccessDeniedException");
}

TEST(AwsSqsQueue, OnlyAChangedAttributeIsDrift) {
  expect_drift_only_on_change(kType, state, "visibility_timeout_seconds", "30");
}

TEST(AwsSqsQueue, PolicyWrittenAnotherWayIsNoDrift) {
  // The recorded policy with its keys in another order, Action as a one-element list and no
  // whitespace.
  expect_hidden_by(
      kType,
      [](const offline_case& c) {
        return with(
            golden_state(kType, c, state), "policy",
            R"("{\"Statement\":[{\"Action\":[\"sqs:SendMessage\"],\"Resource\":\"arn:aws:sqs:us-east-1:123456789012:jobs\",\"Effect\":\"Allow\",\"Principal\":{\"AWS\":\"arn:aws:iam::123456789012:root\"},\"Sid\":\"OwnerSend\"}],\"Version\":\"2012-10-17\"}")");
      },
      "policy:policy_json");
}

TEST(AwsSqsQueue, NullTagsEqualAnEmptyMap) {
  expect_hidden_by(
      kType,
      [](const offline_case& c) { return with(golden_state(kType, c, state), "tags", "null"); },
      "tags:null_is_empty", [](rapidjson::Document& live) { live["tags"].SetObject(); });
}

TEST(AwsSqsQueue, RedrivePolicyIsComparedAsSqsWritesIt) {
  // No rule for the redrive policy: the provider stores SQS's text, so a state holding it in
  // another key order differs, as Terraform's refresh shows it.
  offline_case c(kType, "found");
  c.read(with(
      golden_state(kType, c, state), "redrive_policy",
      R"("{\"maxReceiveCount\":5,\"deadLetterTargetArn\":\"arn:aws:sqs:us-east-1:123456789012:jobs-dlq\"}")"));
  std::map<std::string, int> suppressed;
  EXPECT_EQ(names(c.compare(suppressed)), std::vector<std::string>{"redrive_policy"});
  EXPECT_TRUE(suppressed.empty());
}
