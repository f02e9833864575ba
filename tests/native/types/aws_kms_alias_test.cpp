// aws_kms_alias offline: ListAliases recorded from moto (recorded/aws_kms_alias).
#include <gtest/gtest.h>

#include "offline_case.h"

using namespace drift_test;

namespace {

const std::string kType = "aws_kms_alias";

std::string state(const offline_case& c) { return R"({"id":")" + c.resource("id") + R"("})"; }

}  // namespace

TEST(AwsKmsAlias, FoundReadsTheAliasAndItsKey) {
  offline_case c(kType, "found");
  auto r = c.read(state(c));
  ASSERT_EQ(r.st, scanner::native::live_resource::status::found) << r.reason;
  expect_golden(*r.attrs, kType);
  EXPECT_EQ(std::string((*r.attrs)["target_key_id"].GetString()), c.resource("key"));
  EXPECT_TRUE(c.transport().unused().empty());
  EXPECT_EQ(c.calls(), 1);
}

TEST(AwsKmsAlias, DeletedAliasIsGone) { expect_gone(kType, state); }

TEST(AwsKmsAlias, ThrottledIsNotCheckedAfterTheRetries) {
  expect_throttled(kType, state, "ThrottlingException");
}

TEST(AwsKmsAlias, AccessDeniedIsNotChecked) {
  expect_denied(kType, state, "AccessDeniedException");
}

TEST(AwsKmsAlias, AliasMovedToAnotherKeyIsDrift) {
  expect_drift_only_on_change(kType, state, "target_key_id",
                              R"("1b8a2c3d-0000-4000-8000-000000000001")");
}

TEST(AwsKmsAlias, HasNoRules) {
  offline_case c(kType, "found");
  EXPECT_TRUE(c.module().rules->empty());
}
