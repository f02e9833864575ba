// aws_network_acl_rule offline: the ACL recorded from moto (recorded/aws_network_acl_rule:
// DescribeNetworkAcls by id, ICMP type/code and the default deny entries added as AWS answers
// them), each state rule found by (network_acl_id, rule_number, egress).
#include <gtest/gtest.h>

#include "core/json.h"
#include "offline_case.h"

using namespace drift_test;
using status = scanner::native::live_resource::status;

namespace {

const std::string kType = "aws_network_acl_rule";

std::string rule(const offline_case& c, int number, bool egress, const std::string& rest = "") {
  return R"({"id":"nacl-1","network_acl_id":")" + c.resource("network_acl_id") +
         R"(","rule_number":)" + std::to_string(number) + R"(,"egress":)" +
         (egress ? "true" : "false") + rest + "}";
}

// Ingress 100: tcp 443 from 10.0.0.0/8.
std::string state(const offline_case& c) { return rule(c, 100, false); }

}  // namespace

TEST(AwsNetworkAclRule, FoundReadsTheEntryInTerraformsShape) {
  offline_case c(kType, "found");
  auto r = c.read(state(c));
  ASSERT_EQ(r.st, status::found) << r.reason;
  expect_golden(*r.attrs, kType);
  EXPECT_TRUE(c.transport().unused().empty());
}

TEST(AwsNetworkAclRule, IcmpAndAllProtocolEntriesKeepTheStatesPortsAndCodes) {
  offline_case icmp(kType, "found");
  auto i = icmp.read(rule(icmp, 110, false, R"(,"from_port":0,"to_port":0)"));
  ASSERT_EQ(i.st, status::found) << i.reason;
  EXPECT_EQ(core::json::string_member(*i.attrs, "protocol"), "1");
  EXPECT_EQ((*i.attrs)["icmp_type"].GetInt(), 8);
  EXPECT_EQ((*i.attrs)["icmp_code"].GetInt(), 0);
  // No port range: the state's ports stay.
  EXPECT_EQ((*i.attrs)["from_port"].GetInt(), 0);
  offline_case all(kType, "found");
  auto a = all.read(rule(all, 120, false, R"(,"cidr_block":"","icmp_type":null)"));
  ASSERT_EQ(a.st, status::found) << a.reason;
  EXPECT_EQ(core::json::string_member(*a.attrs, "protocol"), "-1");
  EXPECT_EQ(core::json::string_member(*a.attrs, "ipv6_cidr_block"), "::/0");
  // Absent from the entry: the state keeps its value, as the provider leaves it.
  EXPECT_EQ(core::json::string_member(*a.attrs, "cidr_block"), "");
  EXPECT_TRUE((*a.attrs)["icmp_type"].IsNull());
  offline_case imported(kType, "found");
  auto n = imported.read(rule(imported, 120, false, R"(,"cidr_block":null)"));
  ASSERT_EQ(n.st, status::found) << n.reason;
  EXPECT_TRUE((*n.attrs)["cidr_block"].IsNull());
}

TEST(AwsNetworkAclRule, TheOtherDirectionsEntryOfTheNumberIsItsOwn) {
  offline_case c(kType, "found");
  auto r = c.read(rule(c, 100, true));
  ASSERT_EQ(r.st, status::found) << r.reason;
  EXPECT_EQ(core::json::string_member(*r.attrs, "protocol"), "-1");
  offline_case none(kType, "found");
  EXPECT_EQ(none.read(rule(none, 110, true)).st, status::gone);
}

TEST(AwsNetworkAclRule, DeletedEntryIsGone) { expect_gone(kType, state); }

TEST(AwsNetworkAclRule, ThrottledIsNotCheckedAfterTheRetries) {
  expect_throttled(kType, state, "RequestLimitExceeded");
}

TEST(AwsNetworkAclRule, AccessDeniedIsNotChecked) {
  expect_denied(kType, state, "UnauthorizedOperation");
}

TEST(AwsNetworkAclRule, OnlyAChangedAttributeIsDrift) {
  expect_drift_only_on_change(kType, state, "rule_action", R"("deny")");
}

TEST(AwsNetworkAclRule, HasNoRules) {
  offline_case c(kType, "found");
  EXPECT_TRUE(c.module().rules->empty());
}
