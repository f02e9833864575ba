// aws_sqs_queue_redrive_policy offline: GetQueueAttributes recorded from moto
// (recorded/aws_sqs_queue_redrive_policy).
#include <gtest/gtest.h>

#include "core/json.h"
#include "offline_case.h"

using namespace drift_test;

namespace {

const std::string kType = "aws_sqs_queue_redrive_policy";

std::string state(const offline_case& c) {
  return R"({"id":")" + c.resource("id") + R"(","queue_url":")" + c.resource("id") + R"("})";
}

}  // namespace

TEST(AwsSqsQueueRedrivePolicy, FoundReadsTheRedrivePolicyInTerraformsShape) {
  expect_found_golden(kType, state, 1);
}

TEST(AwsSqsQueueRedrivePolicy, RemovedRedrivePolicyIsGone) { expect_gone(kType, state); }

TEST(AwsSqsQueueRedrivePolicy, ThrottledIsNotCheckedAfterTheRetries) {
  expect_throttled(kType, state, "RequestThrottled");
}

TEST(AwsSqsQueueRedrivePolicy, AccessDeniedIsNotChecked) {
  expect_denied(kType, state, "AccessDeniedException");
}

TEST(AwsSqsQueueRedrivePolicy, OnlyAChangedAttributeIsDrift) {
  expect_drift_only_on_change(
      kType, state, "redrive_policy",
      R"("{\"deadLetterTargetArn\":\"arn:aws:sqs:us-east-1:123456789012:jobs-dlq\",\"maxReceiveCount\":10}")");
}

TEST(AwsSqsQueueRedrivePolicy, HasNoRules) {
  offline_case c(kType, "found");
  ASSERT_NE(c.module().rules, nullptr);
  EXPECT_TRUE(c.module().rules->empty());
}

TEST(AwsSqsQueueRedrivePolicy, EqualAsJsonKeepsTheStatesText) {
  // Stored as the provider normalised it at creation; SQS writes it with spaces: no change.
  offline_case c(kType, "found");
  const std::string stored =
      R"({"deadLetterTargetArn":"arn:aws:sqs:us-east-1:123456789012:jobs-dlq","maxReceiveCount":3})";
  rapidjson::Document s;
  s.SetString(stored.c_str(), static_cast<rapidjson::SizeType>(stored.size()));
  auto r = c.read(with(state(c), "redrive_policy", core::json::to_text(s)));
  ASSERT_EQ(r.st, scanner::native::live_resource::status::found) << r.reason;
  EXPECT_EQ(std::string((*r.attrs)["redrive_policy"].GetString()), stored);
  std::map<std::string, int> suppressed;
  EXPECT_TRUE(c.compare(suppressed).empty());
}
