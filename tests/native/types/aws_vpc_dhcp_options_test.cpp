// aws_vpc_dhcp_options offline: DescribeDhcpOptions recorded from moto
// (recorded/aws_vpc_dhcp_options).
#include <gtest/gtest.h>

#include "core/json.h"
#include "offline_case.h"

using namespace drift_test;
using status = scanner::native::live_resource::status;

namespace {

const std::string kType = "aws_vpc_dhcp_options";

std::string state(const offline_case& c) { return R"({"id":")" + c.resource("id") + R"("})"; }

}  // namespace

TEST(AwsVpcDhcpOptions, FoundReadsEveryOptionInTerraformsShape) {
  offline_case c(kType, "found");
  auto r = c.read(state(c));
  ASSERT_EQ(r.st, status::found) << r.reason;
  expect_golden(*r.attrs, kType);
  EXPECT_TRUE(c.transport().unused().empty());
}

TEST(AwsVpcDhcpOptions, AnOptionTheSetDoesNotHoldKeepsTheStatesValue) {
  // The provider writes only the options the set holds; the set has no IPv6 lease time.
  offline_case c(kType, "found");
  auto r = c.read(with(state(c), "ipv6_address_preferred_lease_time", R"("")"));
  ASSERT_EQ(r.st, status::found) << r.reason;
  EXPECT_EQ(core::json::string_member(*r.attrs, "ipv6_address_preferred_lease_time"), "");
  EXPECT_EQ(core::json::string_member(*r.attrs, "domain_name"), "corp.example");
}

TEST(AwsVpcDhcpOptions, DeletedSetIsGone) { expect_gone(kType, state); }

TEST(AwsVpcDhcpOptions, ThrottledIsNotCheckedAfterTheRetries) {
  expect_throttled(kType, state, "RequestLimitExceeded");
}

TEST(AwsVpcDhcpOptions, AccessDeniedIsNotChecked) {
  expect_denied(kType, state, "UnauthorizedOperation");
}

TEST(AwsVpcDhcpOptions, OnlyAChangedAttributeIsDrift) {
  expect_drift_only_on_change(kType, state, "domain_name_servers", R"(["10.0.0.2"])");
}

TEST(AwsVpcDhcpOptions, NullTagsEqualAnEmptyMap) {
  expect_hidden_by(
      kType,
      [](const offline_case& c) { return with(golden_state(kType, c, state), "tags", "null"); },
      "tags:null_is_empty", [](rapidjson::Document& live) { live["tags"].SetObject(); });
}
