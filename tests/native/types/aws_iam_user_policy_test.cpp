// aws_iam_user_policy offline: GetAccountAuthorizationDetails (users) recorded from moto
// (recorded/aws_iam_user_policy).
#include <gtest/gtest.h>

#include "offline_case.h"

using namespace drift_test;

namespace {

const std::string kType = "aws_iam_user_policy";

std::string state(const offline_case& c) {
  return R"({"id":")" + c.resource("id") + R"(","user":")" + c.resource("user") + R"(","name":")" +
         c.resource("name") + R"("})";
}

}  // namespace

TEST(AwsIamUserPolicy, FoundReadsTheInlinePolicyInTerraformsShape) {
  expect_found_golden(kType, state, 1);
}

TEST(AwsIamUserPolicy, DeletedPolicyIsGone) { expect_gone(kType, state); }

TEST(AwsIamUserPolicy, ThrottledIsNotCheckedAfterTheRetries) {
  expect_throttled(kType, state, "Throttling");
}

TEST(AwsIamUserPolicy, AccessDeniedIsNotChecked) { expect_denied(kType, state, "AccessDenied"); }

TEST(AwsIamUserPolicy, OnlyAChangedAttributeIsDrift) {
  expect_drift_only_on_change(kType, state, "policy",
                              R"("{\"Version\":\"2012-10-17\",\"Statement\":[]}")");
}

TEST(AwsIamUserPolicy, PolicyWrittenAnotherWayIsNoDrift) {
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
