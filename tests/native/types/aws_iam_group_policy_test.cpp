// aws_iam_group_policy offline: GetAccountAuthorizationDetails (groups) recorded from moto
// (recorded/aws_iam_group_policy).
#include <gtest/gtest.h>

#include "offline_case.h"

using namespace drift_test;

namespace {

const std::string kType = "aws_iam_group_policy";

std::string state(const offline_case& c) {
  return R"({"id":")" + c.resource("id") + R"(","group":")" + c.resource("group") +
         R"(","name":")" + c.resource("name") + R"("})";
}

}  // namespace

TEST(AwsIamGroupPolicy, FoundReadsTheInlinePolicyInTerraformsShape) {
  expect_found_golden(kType, state, 1);
}

TEST(AwsIamGroupPolicy, DeletedPolicyIsGone) { expect_gone(kType, state); }

TEST(AwsIamGroupPolicy, ThrottledIsNotCheckedAfterTheRetries) {
  expect_throttled(kType, state, "Throttling");
}

TEST(AwsIamGroupPolicy, AccessDeniedIsNotChecked) { expect_denied(kType, state, "AccessDenied"); }

TEST(AwsIamGroupPolicy, OnlyAChangedAttributeIsDrift) {
  expect_drift_only_on_change(kType, state, "policy",
                              R"("{\"Version\":\"2012-10-17\",\"Statement\":[]}")");
}

TEST(AwsIamGroupPolicy, PolicyWrittenAnotherWayIsNoDrift) {
  // The same document as IAM holds: keys in another order, the actions swapped, the
  // resource as a one-element list, whitespace.
  expect_hidden_by(
      kType,
      [](const offline_case& c) {
        return with(
            state(c), "policy",
            R"("{\"Statement\": [{\"Resource\": [\"arn:aws:logs:us-east-1:123456789012:log-group:/drift/*\"], \"Effect\": \"Allow\", \"Action\": [\"logs:FilterLogEvents\", \"logs:GetLogEvents\"]}], \"Version\": \"2012-10-17\"}")");
      },
      "policy:policy_json");
}
