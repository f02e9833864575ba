// aws_iam_group offline: GetAccountAuthorizationDetails (groups) recorded from moto
// (recorded/aws_iam_group).
#include <gtest/gtest.h>

#include "offline_case.h"

using namespace drift_test;

namespace {

const std::string kType = "aws_iam_group";

std::string state(const offline_case& c) { return R"({"id":")" + c.resource("id") + R"("})"; }

}  // namespace

TEST(AwsIamGroup, FoundReadsTheGroupInTerraformsShape) { expect_found_golden(kType, state, 1); }

TEST(AwsIamGroup, DeletedGroupIsGone) { expect_gone(kType, state); }

TEST(AwsIamGroup, ThrottledIsNotCheckedAfterTheRetries) {
  expect_throttled(kType, state, "Throttling");
}

TEST(AwsIamGroup, AccessDeniedIsNotChecked) { expect_denied(kType, state, "AccessDenied"); }

TEST(AwsIamGroup, OnlyAChangedAttributeIsDrift) {
  expect_drift_only_on_change(kType, state, "path", R"("/")");
}

TEST(AwsIamGroup, HasNoRules) {
  offline_case c(kType, "found");
  EXPECT_TRUE(c.module().rules->empty());
}
