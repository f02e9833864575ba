// aws_security_group_rule offline: the group recorded from moto
// (recorded/aws_security_group_rule: DescribeSecurityGroups), each state rule matched to one of
// its permissions as the provider matches it.
#include <gtest/gtest.h>

#include <atomic>

#include "aws/credential_providers.h"
#include "core/json.h"
#include "offline_case.h"

using namespace drift_test;
using status = scanner::native::live_resource::status;

namespace {

const std::string kType = "aws_security_group_rule";

// An ingress rule of the recorded group; `source` holds its source members.
std::string rule(const offline_case& c, int port, const std::string& source) {
  return R"({"id":"sgrule-1","type":"ingress","protocol":"tcp","from_port":)" +
         std::to_string(port) + R"(,"to_port":)" + std::to_string(port) +
         R"(,"security_group_id":")" + c.resource("security_group_id") + R"(",)" + source + "}";
}

// https from both CIDRs of the recorded permission: one state rule covering two CIDRs.
std::string state(const offline_case& c) {
  return rule(c, 443,
              R"("cidr_blocks":["10.0.0.0/8","192.168.0.0/16"],"ipv6_cidr_blocks":null,)"
              R"("prefix_list_ids":[],"self":false,"source_security_group_id":null,)"
              R"("description":"https")");
}

std::string description_of(const scanner::native::live_resource& r) {
  return r.attrs ? core::json::string_member(*r.attrs, "description") : "(not read)";
}

}  // namespace

TEST(AwsSecurityGroupRule, FoundMatchesTheRuleToItsGroupsPermission) {
  offline_case c(kType, "found");
  auto r = c.read(state(c));
  ASSERT_EQ(r.st, status::found) << r.reason;
  expect_golden(*r.attrs, kType);
  EXPECT_EQ(c.calls(), 1);
  EXPECT_TRUE(c.transport().unused().empty());
}

TEST(AwsSecurityGroupRule, OneCidrOfAPermissionIsARuleOfItsOwn) {
  offline_case c(kType, "found");
  auto r = c.read(rule(c, 443, R"("cidr_blocks":["192.168.0.0/16"])"));
  ASSERT_EQ(r.st, status::found) << r.reason;
  EXPECT_EQ(description_of(r), "https");
}

TEST(AwsSecurityGroupRule, SelfAndSourceGroupRulesAreFoundWithTheirDescriptions) {
  offline_case self(kType, "found");
  auto s = self.read(rule(self, 8080, R"("self":true)"));
  ASSERT_EQ(s.st, status::found) << s.reason;
  EXPECT_EQ(description_of(s), "self");
  offline_case peer(kType, "found");
  auto p = peer.read(
      rule(peer, 8080, R"("source_security_group_id":")" + peer.resource("peer_group_id") + "\""));
  ASSERT_EQ(p.st, status::found) << p.reason;
  EXPECT_EQ(description_of(p), "from lb");
  // Another account's form of the same group.
  offline_case other(kType, "found");
  auto o = other.read(rule(
      other, 8080,
      R"("source_security_group_id":"123456789012/)" + other.resource("peer_group_id") + "\""));
  EXPECT_EQ(o.st, status::found) << o.reason;
}

TEST(AwsSecurityGroupRule, ARuleWithoutDescriptionReadsTheStatesEmptyForm) {
  // The provider sets nothing then: the state keeps its null (or "").
  offline_case c(kType, "found");
  auto r = c.read(rule(c, 22, R"("cidr_blocks":["10.1.0.0/16"],"description":null)"));
  ASSERT_EQ(r.st, status::found) << r.reason;
  EXPECT_TRUE((*r.attrs)["description"].IsNull());
  std::map<std::string, int> suppressed;
  EXPECT_TRUE(c.compare(suppressed).empty());
  offline_case e(kType, "found");
  auto empty = e.read(rule(e, 22, R"("cidr_blocks":["10.1.0.0/16"],"description":"")"));
  ASSERT_EQ(empty.st, status::found) << empty.reason;
  EXPECT_EQ(description_of(empty), "");
}

TEST(AwsSecurityGroupRule, ADescriptionDroppedInTheCloudIsKeptAsTheProviderKeepsIt) {
  // The provider sets a nil description, which leaves the state's value: Terraform's refresh
  // reports no change when a rule is authorized again without its description.
  offline_case c(kType, "found");
  auto r = c.read(rule(c, 22, R"("cidr_blocks":["10.1.0.0/16"],"description":"ssh")"));
  ASSERT_EQ(r.st, status::found) << r.reason;
  EXPECT_EQ(description_of(r), "ssh");
}

TEST(AwsSecurityGroupRule, ARuleTheGroupDoesNotHoldIsGone) {
  offline_case port(kType, "found");
  EXPECT_EQ(port.read(rule(port, 2222, R"("cidr_blocks":["10.1.0.0/16"])")).st, status::gone);
  // One CIDR of the state's rule is not in the permission.
  offline_case cidr(kType, "found");
  EXPECT_EQ(cidr.read(rule(cidr, 443, R"("cidr_blocks":["10.0.0.0/8","172.16.0.0/12"])")).st,
            status::gone);
  offline_case egress(kType, "found");
  EXPECT_EQ(egress.read(with(state(egress), "type", R"("egress")")).st, status::gone);
}

TEST(AwsSecurityGroupRule, ACidrRevokedFromThePermissionMakesTheRuleGone) {
  expect_gone(kType, state);
}

TEST(AwsSecurityGroupRule, ThrottledIsNotCheckedAfterTheRetries) {
  expect_throttled(kType, state, "RequestLimitExceeded");
}

TEST(AwsSecurityGroupRule, AccessDeniedIsNotChecked) {
  expect_denied(kType, state, "UnauthorizedOperation");
}

TEST(AwsSecurityGroupRule, AChangedDescriptionIsDrift) {
  expect_drift_only_on_change(kType, state, "description", R"("changed by hand")");
}

TEST(AwsSecurityGroupRule, HasNoRules) {
  offline_case c(kType, "found");
  EXPECT_TRUE(c.module().rules->empty());
}

TEST(AwsSecurityGroupRule, RulesOfOneGroupAreReadWithOneCall) {
  offline_case c(kType, "found");
  const std::string group = c.resource("security_group_id");
  auto instance = [&](int i, const std::string& attrs) {
    return R"({"index_key":)" + std::to_string(i) + R"(,"schema_version":2,"attributes":)" + attrs +
           R"(,"sensitive_attributes":[]})";
  };
  auto st = terraform::parse_state(
      R"({"version":4,"terraform_version":"1.11.0","serial":1,"lineage":"offline","outputs":{},)"
      R"("resources":[{"mode":"managed","type":"aws_security_group_rule","name":"r",)"
      R"("provider":"provider[\"registry.terraform.io/hashicorp/aws\"]","instances":[)" +
      instance(0, state(c)) + "," + instance(1, rule(c, 8080, R"("self":true)")) + "," +
      instance(2, rule(c, 2222, R"("cidr_blocks":["10.1.0.0/16"])")) + "]}]}");
  ASSERT_TRUE(static_cast<bool>(st)) << st.error().message;
  auto transport = recorded_transport::load(std::string(DRIFT_TYPES_TEST_DIR) + "/recorded/" +
                                            kType + "/found.json");
  aws::session::options o;
  o.region = "us-east-1";
  o.credentials = aws::static_credentials({"AKIDOFFLINE", "offline-secret", "", std::nullopt});
  o.transport = transport;
  o.endpoint_url = "http://recorded.invalid";
  aws::session s(std::move(o));
  std::atomic<int> calls{0};
  scanner::native::read_context ctx{s, *st, "123456789012", "us-east-1", &calls};
  auto out = c.module().read(ctx, {&st->resources[0], &st->resources[1], &st->resources[2]});
  ASSERT_EQ(out.size(), 3u);
  EXPECT_EQ(out[0].st, status::found) << out[0].reason;
  EXPECT_EQ(out[1].st, status::found) << out[1].reason;
  EXPECT_EQ(out[2].st, status::gone);
  EXPECT_EQ(calls.load(), 1);
  EXPECT_TRUE(transport->unused().empty());
}
