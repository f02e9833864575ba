// aws_iam_group_membership offline: GetAccountAuthorizationDetails (users and groups)
// recorded from moto (recorded/aws_iam_group_membership).
#include <gtest/gtest.h>

#include "offline_case.h"

using namespace drift_test;

namespace {

const std::string kType = "aws_iam_group_membership";

std::string state(const offline_case& c) {
  return R"({"id":")" + c.resource("id") + R"(","group":")" + c.resource("group") + R"("})";
}

}  // namespace

TEST(AwsIamGroupMembership, FoundReadsTheGroupsUsersInTerraformsShape) {
  expect_found_golden(kType, state, 1);
}

TEST(AwsIamGroupMembership, DeletedGroupIsGone) { expect_gone(kType, state); }

TEST(AwsIamGroupMembership, ThrottledIsNotCheckedAfterTheRetries) {
  expect_throttled(kType, state, "Throttling");
}

TEST(AwsIamGroupMembership, AccessDeniedIsNotChecked) {
  expect_denied(kType, state, "AccessDenied");
}

TEST(AwsIamGroupMembership, OnlyAChangedAttributeIsDrift) {
  expect_drift_only_on_change(kType, state, "users", R"(["alice","bob","carol"])");
}

TEST(AwsIamGroupMembership, UsersInAnotherOrderAreNoDrift) {
  expect_hidden_by(
      kType,
      [](const offline_case& c) {
        return with(golden_state(kType, c, state), "users", R"(["carol","alice"])");
      },
      "users:set_order");
}
