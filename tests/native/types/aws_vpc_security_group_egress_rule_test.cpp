// aws_vpc_security_group_egress_rule offline: DescribeSecurityGroupRules recorded from moto
// (recorded/aws_vpc_security_group_egress_rule).
#include <gtest/gtest.h>

#include "core/json.h"
#include "offline_case.h"

using namespace drift_test;

namespace {

const std::string kType = "aws_vpc_security_group_egress_rule";

std::string state(const offline_case& c) { return R"({"id":")" + c.resource("id") + R"("})"; }

}  // namespace

TEST(AwsVpcSecurityGroupEgressRule, FoundReadsTheRuleInTerraformsShape) {
  offline_case c(kType, "found");
  auto r = c.read(state(c));
  ASSERT_EQ(r.st, scanner::native::live_resource::status::found) << r.reason;
  expect_golden(*r.attrs, kType);
  EXPECT_EQ(core::json::string_member(*r.attrs, "security_group_id"),
            c.resource("security_group_id"));
  EXPECT_TRUE(c.transport().unused().empty());
}

TEST(AwsVpcSecurityGroupEgressRule, AnEgressRuleIsNotReadAsAnIngressRule) {
  // The recorded egress rule read by the ingress module: not its resource.
  offline_case c("aws_vpc_security_group_ingress_rule", "found", kType);
  auto r = c.read(state(c));
  EXPECT_EQ(r.st, scanner::native::live_resource::status::gone) << r.reason;
}

TEST(AwsVpcSecurityGroupEgressRule, RevokedRuleIsGone) { expect_gone(kType, state); }

TEST(AwsVpcSecurityGroupEgressRule, ThrottledIsNotCheckedAfterTheRetries) {
  expect_throttled(kType, state, "RequestLimitExceeded");
}

TEST(AwsVpcSecurityGroupEgressRule, AccessDeniedIsNotChecked) {
  expect_denied(kType, state, "UnauthorizedOperation");
}

TEST(AwsVpcSecurityGroupEgressRule, OnlyAChangedAttributeIsDrift) {
  expect_drift_only_on_change(kType, state, "cidr_ipv4", R"("10.9.0.0/16")");
}

TEST(AwsVpcSecurityGroupEgressRule, NullTagsEqualAnEmptyMap) {
  expect_hidden_by(
      kType,
      [](const offline_case& c) { return with(golden_state(kType, c, state), "tags", "null"); },
      "tags:null_is_empty", [](rapidjson::Document& live) { live["tags"].SetObject(); });
}
