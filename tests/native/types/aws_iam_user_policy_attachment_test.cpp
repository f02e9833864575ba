// aws_iam_user_policy_attachment offline: GetAccountAuthorizationDetails (users) recorded from moto
// (recorded/aws_iam_user_policy_attachment).
#include <gtest/gtest.h>

#include "offline_case.h"

using namespace drift_test;

namespace {

const std::string kType = "aws_iam_user_policy_attachment";

std::string state(const offline_case& c) {
  return R"({"id":")" + c.resource("id") + R"(","user":")" + c.resource("user") +
         R"(","policy_arn":")" + c.resource("policy_arn") + R"("})";
}

}  // namespace

TEST(AwsIamUserPolicyAttachment, FoundReadsTheAttachmentInTerraformsShape) {
  expect_found_golden(kType, state, 1);
}

TEST(AwsIamUserPolicyAttachment, DetachedPolicyIsGone) { expect_gone(kType, state); }

TEST(AwsIamUserPolicyAttachment, AnotherPolicyThanTheOneAttachedIsGone) {
  offline_case c(kType, "found");
  auto r = c.read(with(state(c), "policy_arn", R"("arn:aws:iam::aws:policy/ReadOnlyAccess")"));
  EXPECT_EQ(r.st, scanner::native::live_resource::status::gone) << r.reason;
}

TEST(AwsIamUserPolicyAttachment, ThrottledIsNotCheckedAfterTheRetries) {
  expect_throttled(kType, state, "Throttling");
}

TEST(AwsIamUserPolicyAttachment, AccessDeniedIsNotChecked) {
  expect_denied(kType, state, "AccessDenied");
}

TEST(AwsIamUserPolicyAttachment, AFoundAttachmentIsNoDriftAndHasNoRules) {
  // Its two attributes are what finds it: an attachment either is there or is gone.
  offline_case c(kType, "found");
  EXPECT_TRUE(c.module().rules->empty());
  auto r = c.read(state(c));
  ASSERT_EQ(r.st, scanner::native::live_resource::status::found) << r.reason;
  std::map<std::string, int> suppressed;
  EXPECT_TRUE(c.compare(suppressed).empty());
}
