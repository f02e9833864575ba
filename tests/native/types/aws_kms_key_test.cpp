// aws_kms_key offline: DescribeKey, GetKeyPolicy, GetKeyRotationStatus and ListResourceTags
// recorded from moto (recorded/aws_kms_key).
#include <gtest/gtest.h>

#include "core/json.h"
#include "offline_case.h"

using namespace drift_test;

namespace {

const std::string kType = "aws_kms_key";

std::string state(const offline_case& c) { return R"({"id":")" + c.resource("id") + R"("})"; }

}  // namespace

TEST(AwsKmsKey, FoundReadsTheKeyWithPolicyRotationAndTags) {
  offline_case c(kType, "found");
  auto r = c.read(R"({"id":")" + c.resource("id") + R"(","rotation_period_in_days":365})");
  ASSERT_EQ(r.st, scanner::native::live_resource::status::found) << r.reason;
  expect_golden(*r.attrs, kType);
  EXPECT_TRUE(c.transport().unused().empty());
  EXPECT_EQ(c.calls(), 4);
}

TEST(AwsKmsKey, RotationPeriodKeepsTheStatesWhereKmsAnswersNone) {
  offline_case c(kType, "found");
  auto r = c.read(R"({"id":")" + c.resource("id") + R"(","rotation_period_in_days":90})");
  ASSERT_EQ(r.st, scanner::native::live_resource::status::found) << r.reason;
  EXPECT_EQ((*r.attrs)["rotation_period_in_days"].GetInt64(), 90);
}

TEST(AwsKmsKey, KeyPendingDeletionIsGone) { expect_gone(kType, state); }

TEST(AwsKmsKey, ThrottledIsNotCheckedAfterTheRetries) {
  expect_throttled(kType, state, "ThrottlingException");
}

TEST(AwsKmsKey, AccessDeniedIsNotChecked) { expect_denied(kType, state, "AccessDeniedException"); }

TEST(AwsKmsKey, OnlyAChangedAttributeIsDrift) {
  expect_drift_only_on_change(kType, state, "enable_key_rotation", "false");
}

TEST(AwsKmsKey, PolicyWithKeysReorderedIsNoDrift) {
  expect_hidden_by(
      kType,
      [](const offline_case& c) {
        return with(golden_state(kType, c, state), "policy",
                    R"("{\"Statement\":[{\"Resource\":\"*\",\"Action\":[\"kms:*\"],)"
                    R"(\"Principal\":{\"AWS\":\"arn:aws:iam::123456789012:root\"},)"
                    R"(\"Effect\":\"Allow\",\"Sid\":\"Enable IAM User Permissions\"}],)"
                    R"(\"Id\":\"key-default-1\",\"Version\":\"2012-10-17\"}")");
      },
      "policy:policy_json");
}

TEST(AwsKmsKey, NullTagsEqualAnEmptyMap) {
  expect_hidden_by(
      kType,
      [](const offline_case& c) { return with(golden_state(kType, c, state), "tags", "null"); },
      "tags:null_is_empty", [](rapidjson::Document& live) { live["tags"].SetObject(); });
}
