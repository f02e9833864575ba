// aws_route offline: its table's DescribeRouteTables recorded from moto (recorded/aws_route),
// the route found by its destination (IPv4, IPv6 or prefix list) as the provider finds it.
#include <gtest/gtest.h>

#include "core/json.h"
#include "offline_case.h"
#include "registry.h"

using namespace drift_test;

namespace {

const std::string kType = "aws_route";

// The provider's id names no AWS object: the table and the destination find the route.
std::string state(const offline_case& c) {
  return R"({"id":")" + c.resource("id") + R"(","route_table_id":")" +
         c.resource("route_table_id") + R"(","destination_cidr_block":"0.0.0.0/0"})";
}

}  // namespace

TEST(AwsRoute, FoundReadsTheRouteByItsDestination) {
  offline_case c(kType, "found");
  auto r = c.read(state(c));
  ASSERT_EQ(r.st, scanner::native::live_resource::status::found) << r.reason;
  expect_golden(*r.attrs, kType);
  EXPECT_EQ(core::json::string_member(*r.attrs, "nat_gateway_id"), c.resource("nat"));
  EXPECT_EQ(core::json::string_member(*r.attrs, "gateway_id"), "");
  EXPECT_TRUE(c.transport().unused().empty());
}

TEST(AwsRoute, DeletedRouteIsGone) { expect_gone(kType, state); }

TEST(AwsRoute, ARouteToAnotherDestinationIsNotThisOne) {
  // The same table answers, but no route has the destination the state names.
  offline_case c(kType, "found");
  auto r = c.read(R"({"id":"r-x","route_table_id":")" + c.resource("route_table_id") +
                  R"(","destination_cidr_block":"10.9.0.0/16"})");
  EXPECT_EQ(r.st, scanner::native::live_resource::status::gone);
}

TEST(AwsRoute, AnIpv6RouteIsFoundByItsDestinationHoweverWritten) {
  // "0:0::/0" is the table's "::/0", as the provider's CIDRBlocksEqual has it.
  offline_case c(kType, "found");
  auto r = c.read(R"({"id":"r-v6","route_table_id":")" + c.resource("route_table_id") +
                  R"(","destination_ipv6_cidr_block":"0:0::/0"})");
  ASSERT_EQ(r.st, scanner::native::live_resource::status::found) << r.reason;
  EXPECT_EQ(core::json::string_member(*r.attrs, "destination_ipv6_cidr_block"), "::/0");
  EXPECT_EQ(core::json::string_member(*r.attrs, "egress_only_gateway_id"),
            c.resource("egress_only_gateway"));
  EXPECT_EQ(core::json::string_member(*r.attrs, "destination_cidr_block"), "");
}

TEST(AwsRoute, APrefixListRouteIsFoundByItsList) {
  offline_case c(kType, "found");
  auto r = c.read(R"({"id":"r-pl","route_table_id":")" + c.resource("route_table_id") +
                  R"(","destination_prefix_list_id":")" + c.resource("prefix_list") + R"("})");
  ASSERT_EQ(r.st, scanner::native::live_resource::status::found) << r.reason;
  EXPECT_EQ(core::json::string_member(*r.attrs, "gateway_id"), c.resource("igw"));
  EXPECT_EQ(core::json::string_member(*r.attrs, "nat_gateway_id"), "");
}

TEST(AwsRoute, ThrottledIsNotCheckedAfterTheRetries) {
  expect_throttled(kType, state, "RequestLimitExceeded");
}

TEST(AwsRoute, AccessDeniedIsNotChecked) { expect_denied(kType, state, "UnauthorizedOperation"); }

TEST(AwsRoute, ARetargetedRouteIsDrift) {
  expect_drift_only_on_change(kType, state, "nat_gateway_id", R"("nat-0123456789abcdef0")");
}

TEST(AwsRoute, HasNoRules) {
  offline_case c(kType, "found");
  EXPECT_TRUE(c.module().rules->empty());
}

TEST(AwsRoute, CloudTrailCallsLocateEveryRouteOfTheirTable) {
  // The call names the table and a destination, never the provider's route id.
  EXPECT_EQ(located(kType, "ReplaceRoute",
                    R"({"routeTableId":"rtb-1","destinationCidrBlock":"172.16.0.0/12"})"),
            std::vector<std::string>{"[route_table_id=rtb-1]"});
  EXPECT_TRUE(
      located(kType, "ReplaceRoute", R"({"destinationCidrBlock":"172.16.0.0/12"})").empty());
}

TEST(AwsRoute, AStateNamingNoTableIsNotCheckedAndAsksNothing) {
  offline_case c(kType, "found");
  auto r = c.read(R"({"id":"r-x","destination_cidr_block":"0.0.0.0/0"})");
  EXPECT_EQ(r.st, scanner::native::live_resource::status::not_checked);
  EXPECT_TRUE(c.transport().requests().empty());
}
