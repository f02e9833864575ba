// aws_instance offline: DescribeInstances recorded from moto (recorded/aws_instance).
#include <gtest/gtest.h>

#include "core/json.h"
#include "offline_case.h"

using namespace drift_test;

namespace {

const std::string kType = "aws_instance";

std::string state(const offline_case& c) { return R"({"id":")" + c.resource("id") + R"("})"; }

std::string golden_with(const offline_case& c, const char* name, const std::string& value) {
  return with(golden_state(kType, c, state), name, value);
}

}  // namespace

TEST(AwsInstance, FoundReadsTheInstanceInTerraformsShape) {
  offline_case c(kType, "found");
  auto r = c.read(state(c));
  ASSERT_EQ(r.st, scanner::native::live_resource::status::found) << r.reason;
  expect_golden(*r.attrs, kType);
  EXPECT_EQ(core::json::string_member(*r.attrs, "ami"), c.resource("ami"));
  EXPECT_EQ(core::json::string_member(*r.attrs, "subnet_id"), c.resource("subnet_id"));
  EXPECT_TRUE(c.transport().unused().empty());
}

TEST(AwsInstance, TerminatedInstanceIsGone) { expect_gone(kType, state); }

TEST(AwsInstance, ThrottledIsNotCheckedAfterTheRetries) {
  expect_throttled(kType, state, "RequestLimitExceeded");
}

TEST(AwsInstance, AccessDeniedIsNotChecked) {
  expect_denied(kType, state, "UnauthorizedOperation");
}

TEST(AwsInstance, OnlyAChangedAttributeIsDrift) {
  expect_drift_only_on_change(kType, state, "instance_type", R"("t3.small")");
}

TEST(AwsInstance, NewPublicIpAfterAStopStartIsNoDrift) {
  expect_hidden_by(
      kType, [](const offline_case& c) { return golden_with(c, "public_ip", R"("54.1.2.3")"); },
      "public_ip:ignore");
}

TEST(AwsInstance, NewPublicDnsAfterAStopStartIsNoDrift) {
  expect_hidden_by(
      kType,
      [](const offline_case& c) {
        return golden_with(c, "public_dns", R"("ec2-54-1-2-3.compute-1.amazonaws.com")");
      },
      "public_dns:ignore");
}

TEST(AwsInstance, SecurityGroupsInAnotherOrderAreNoDrift) {
  expect_hidden_by(
      kType,
      [](const offline_case& c) -> std::string {
        rapidjson::Document d;
        d.Parse(golden_state(kType, c, state).c_str());
        auto groups = d["vpc_security_group_ids"].GetArray();
        EXPECT_EQ(groups.Size(), 2u);
        groups[0].Swap(groups[1]);
        return core::json::to_text(d);
      },
      "vpc_security_group_ids:set_order");
}

TEST(AwsInstance, NullTagsEqualAnEmptyMap) {
  expect_hidden_by(
      kType, [](const offline_case& c) { return golden_with(c, "tags", "null"); },
      "tags:null_is_empty", [](rapidjson::Document& live) { live["tags"].SetObject(); });
}
