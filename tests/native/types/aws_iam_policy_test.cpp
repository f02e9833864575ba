// aws_iam_policy offline: GetAccountAuthorizationDetails (local policies) and ListPolicyTags
// recorded from moto (recorded/aws_iam_policy).
#include <gtest/gtest.h>

#include "offline_case.h"

using namespace drift_test;

namespace {

const std::string kType = "aws_iam_policy";

std::string state(const offline_case& c) { return R"({"id":")" + c.resource("id") + R"("})"; }

}  // namespace

TEST(AwsIamPolicy, FoundReadsTheDefaultVersionInTerraformsShape) {
  offline_case c(kType, "found");
  auto r = c.read(state(c));
  ASSERT_EQ(r.st, scanner::native::live_resource::status::found) << r.reason;
  expect_golden(*r.attrs, kType);
  EXPECT_TRUE(c.transport().unused().empty());
  EXPECT_EQ(c.calls(), 2);
  // v2 is the default: its second action is there.
  EXPECT_NE(std::string((*r.attrs)["policy"].GetString()).find("sqs:GetQueueUrl"),
            std::string::npos);
}

TEST(AwsIamPolicy, DeletedPolicyIsGone) { expect_gone(kType, state); }

TEST(AwsIamPolicy, ThrottledIsNotCheckedAfterTheRetries) {
  expect_throttled(kType, state, "Throttling");
}

TEST(AwsIamPolicy, AccessDeniedIsNotChecked) { expect_denied(kType, state, "AccessDenied"); }

TEST(AwsIamPolicy, OnlyAChangedAttributeIsDrift) {
  expect_drift_only_on_change(kType, state, "description", R"("configured")");
}

TEST(AwsIamPolicy, PolicyWrittenAnotherWayIsNoDrift) {
  expect_hidden_by(
      kType,
      [](const offline_case& c) {
        return with(
            golden_state(kType, c, state), "policy",
            R"("{\"Version\": \"2012-10-17\", \"Statement\": [{\"Resource\": [\"arn:aws:sqs:us-east-1:123456789012:drift-events\"], \"Action\": [\"sqs:GetQueueUrl\", \"sqs:SendMessage\"], \"Effect\": \"Allow\", \"Sid\": \"Send\"}]}")");
      },
      "policy:policy_json");
}

TEST(AwsIamPolicy, NullTagsEqualAnEmptyMap) {
  expect_hidden_by(
      kType,
      [](const offline_case& c) { return with(golden_state(kType, c, state), "tags", "null"); },
      "tags:null_is_empty", [](rapidjson::Document& live) { live["tags"].SetObject(); });
}
