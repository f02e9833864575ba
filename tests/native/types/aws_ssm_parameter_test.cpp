// aws_ssm_parameter offline: DescribeParameters, GetParameters (without decryption) and
// ListTagsForResource recorded from moto (recorded/aws_ssm_parameter): a SecureString at
// version 2.
#include <gtest/gtest.h>

#include "compare.h"
#include "core/json.h"
#include "offline_case.h"

using namespace drift_test;

namespace {

const std::string kType = "aws_ssm_parameter";

std::string state(const offline_case& c) {
  return R"({"id":")" + c.resource("id") + R"(","value":"second-secret","version":2})";
}

// The state as Terraform writes it: `value` listed as sensitive.
terraform::resource_instance sensitive_state(const std::string& attrs) {
  const std::string text =
      R"({"version":4,"terraform_version":"1.11.0","serial":1,"lineage":"offline","outputs":{},)"
      R"("resources":[{"mode":"managed","type":"aws_ssm_parameter","name":"r",)"
      R"("provider":"provider[\"registry.terraform.io/hashicorp/aws\"]",)"
      R"("instances":[{"schema_version":0,"attributes":)" +
      attrs + R"(,"sensitive_attributes":[[{"type":"get_attr","value":"value"}]]}]}]})";
  auto st = terraform::parse_state(text);
  EXPECT_TRUE(st) << text;
  return st->resources.at(0);
}

}  // namespace

TEST(AwsSsmParameter, FoundReadsTheParameterWithoutDecrypting) {
  offline_case c(kType, "found");
  auto r = c.read(state(c));
  ASSERT_EQ(r.st, scanner::native::live_resource::status::found) << r.reason;
  expect_golden(*r.attrs, kType);
  EXPECT_TRUE(c.transport().unused().empty());
  EXPECT_EQ(c.calls(), 3);
  // moto's stand-in ciphertext carries the plain value: it must not be read into the result.
  EXPECT_EQ(core::json::to_text(*r.attrs).find("kms:alias"), std::string::npos);
}

TEST(AwsSsmParameter, DeletedParameterIsGone) { expect_gone(kType, state); }

TEST(AwsSsmParameter, ThrottledIsNotCheckedAfterTheRetries) {
  expect_throttled(kType, state, "ThrottlingException");
}

TEST(AwsSsmParameter, AccessDeniedIsNotChecked) {
  expect_denied(kType, state, "AccessDeniedException");
}

TEST(AwsSsmParameter, OnlyAChangedAttributeIsDrift) {
  expect_drift_only_on_change(kType, state, "description", R"("old description")");
}

TEST(AwsSsmParameter, SecureStringOfANewerVersionIsAChangedValueRedactedOnBothSides) {
  offline_case c(kType, "found");
  std::string attrs = golden_state(kType, c, state);
  attrs = with(attrs, "version", "1");
  attrs = with(attrs, "value", R"("first-secret")");
  auto r = c.read(attrs);
  ASSERT_EQ(r.st, scanner::native::live_resource::status::found) << r.reason;
  auto inst = sensitive_state(attrs);
  std::map<std::string, int> suppressed;
  auto changed = scanner::native::compare(inst, *r.attrs, *c.module().rules, suppressed);
  ASSERT_EQ(names(changed), (std::vector<std::string>{"value", "version"}));
  EXPECT_TRUE(changed[0].sensitive);
  EXPECT_EQ(changed[0].expected.find("first-secret"), std::string::npos) << changed[0].expected;
  EXPECT_EQ(changed[0].actual.find("second-secret"), std::string::npos) << changed[0].actual;
  EXPECT_EQ(changed[1].actual, "2");
}

TEST(AwsSsmParameter, NullTagsEqualAnEmptyMap) {
  expect_hidden_by(
      kType,
      [](const offline_case& c) { return with(golden_state(kType, c, state), "tags", "null"); },
      "tags:null_is_empty", [](rapidjson::Document& live) { live["tags"].SetObject(); });
}
