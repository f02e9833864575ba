// aws_secretsmanager_secret offline: DescribeSecret and GetResourcePolicy recorded from moto
// (recorded/aws_secretsmanager_secret). The secret's value is never asked for.
#include <gtest/gtest.h>

#include "core/json.h"
#include "offline_case.h"

using namespace drift_test;

namespace {

const std::string kType = "aws_secretsmanager_secret";

std::string state(const offline_case& c) { return R"({"id":")" + c.resource("id") + R"("})"; }

}  // namespace

TEST(AwsSecretsmanagerSecret, FoundReadsTheSecretsSettingsNotItsValue) {
  offline_case c(kType, "found");
  auto r = c.read(state(c));
  ASSERT_EQ(r.st, scanner::native::live_resource::status::found) << r.reason;
  expect_golden(*r.attrs, kType);
  EXPECT_TRUE(c.transport().unused().empty());
  EXPECT_EQ(c.calls(), 2);
  EXPECT_EQ(core::json::to_text(*r.attrs).find("not-read"), std::string::npos);
}

TEST(AwsSecretsmanagerSecret, DeletedSecretIsGone) { expect_gone(kType, state); }

TEST(AwsSecretsmanagerSecret, ThrottledIsNotCheckedAfterTheRetries) {
  expect_throttled(kType, state, "ThrottlingException");
}

TEST(AwsSecretsmanagerSecret, AccessDeniedIsNotChecked) {
  expect_denied(kType, state, "AccessDeniedException");
}

TEST(AwsSecretsmanagerSecret, OnlyAChangedAttributeIsDrift) {
  expect_drift_only_on_change(kType, state, "description", R"("rotated by hand")");
}

TEST(AwsSecretsmanagerSecret, PolicyWithKeysReorderedIsNoDrift) {
  expect_hidden_by(
      kType,
      [](const offline_case& c) {
        return with(golden_state(kType, c, state), "policy",
                    R"("{\"Statement\":[{\"Resource\":[\"*\"],)"
                    R"(\"Action\":\"secretsmanager:GetSecretValue\",)"
                    R"(\"Principal\":{\"AWS\":\"arn:aws:iam::123456789012:role/scanner\"},)"
                    R"(\"Effect\":\"Allow\",\"Sid\":\"ReadByScanner\"}],)"
                    R"(\"Version\":\"2012-10-17\"}")");
      },
      "policy:policy_json");
}

TEST(AwsSecretsmanagerSecret, ReplicasInAnotherOrderAreNoDrift) {
  const std::string a =
      R"({"kms_key_id":"","last_accessed_date":"","region":"eu-west-1","status":"InSync","status_message":""})";
  const std::string b =
      R"({"kms_key_id":"","last_accessed_date":"","region":"us-west-2","status":"InSync","status_message":""})";
  expect_hidden_by(
      kType,
      [&](const offline_case& c) {
        return with(golden_state(kType, c, state), "replica", "[" + b + "," + a + "]");
      },
      "replica:set_order",
      [&](rapidjson::Document& live) {
        rapidjson::Document x;
        x.Parse(("[" + a + "," + b + "]").c_str());
        live["replica"].CopyFrom(x, live.GetAllocator());
      });
}

TEST(AwsSecretsmanagerSecret, NullTagsEqualAnEmptyMap) {
  expect_hidden_by(
      kType,
      [](const offline_case& c) { return with(golden_state(kType, c, state), "tags", "null"); },
      "tags:null_is_empty", [](rapidjson::Document& live) { live["tags"].SetObject(); });
}
