// aws_route_table_association offline: DescribeRouteTables by association id recorded from
// moto (recorded/aws_route_table_association).
#include <gtest/gtest.h>

#include "core/json.h"
#include "offline_case.h"
#include "registry.h"

using namespace drift_test;

namespace {

const std::string kType = "aws_route_table_association";

// The association is looked for in the table the state names.
std::string state(const offline_case& c) {
  return R"({"id":")" + c.resource("id") + R"(","route_table_id":")" +
         c.resource("route_table_id") + R"("})";
}

}  // namespace

TEST(AwsRouteTableAssociation, FoundReadsTheSubnetAndTable) {
  offline_case c(kType, "found");
  auto r = c.read(state(c));
  ASSERT_EQ(r.st, scanner::native::live_resource::status::found) << r.reason;
  expect_golden(*r.attrs, kType);
  EXPECT_EQ(core::json::string_member(*r.attrs, "subnet_id"), c.resource("subnet_id"));
  EXPECT_EQ(core::json::string_member(*r.attrs, "route_table_id"), c.resource("route_table_id"));
  EXPECT_TRUE(c.transport().unused().empty());
}

TEST(AwsRouteTableAssociation, DisassociatedIsGone) { expect_gone(kType, state); }

TEST(AwsRouteTableAssociation, TheMainAssociationIsNotOne) {
  // A VPC's main association is aws_main_route_table_association's, never this type's.
  offline_case c(kType, "found", "aws_main_route_table_association");
  auto r = c.read(state(c));
  EXPECT_EQ(r.st, scanner::native::live_resource::status::gone);
}

TEST(AwsRouteTableAssociation, ThrottledIsNotCheckedAfterTheRetries) {
  expect_throttled(kType, state, "RequestLimitExceeded");
}

TEST(AwsRouteTableAssociation, AccessDeniedIsNotChecked) {
  expect_denied(kType, state, "UnauthorizedOperation");
}

TEST(AwsRouteTableAssociation, OnlyAChangedAttributeIsDrift) {
  expect_drift_only_on_change(kType, state, "subnet_id", R"("subnet-0123456789abcdef0")");
}

TEST(AwsRouteTableAssociation, HasNoRules) {
  offline_case c(kType, "found");
  EXPECT_TRUE(c.module().rules->empty());
}

TEST(AwsRouteTableAssociation, CloudTrailCallsLocateTheAssociationTheyName) {
  EXPECT_EQ(located(kType, "DisassociateRouteTable", R"({"associationId":"rtbassoc-1"})"),
            std::vector<std::string>{"rtbassoc-1"});
  EXPECT_EQ(located(kType, "ReplaceRouteTableAssociation",
                    R"({"associationId":"rtbassoc-2","routeTableId":"rtb-1"})"),
            std::vector<std::string>{"rtbassoc-2"});
}

TEST(AwsRouteTableAssociation, AStateNamingNoTableIsNotCheckedAndAsksNothing) {
  offline_case c(kType, "found");
  auto r = c.read(R"({"id":")" + c.resource("id") + R"("})");
  EXPECT_EQ(r.st, scanner::native::live_resource::status::not_checked);
  EXPECT_TRUE(c.transport().requests().empty());
}
