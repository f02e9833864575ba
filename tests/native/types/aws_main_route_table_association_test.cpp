// aws_main_route_table_association offline: DescribeRouteTables by association id recorded
// from moto (recorded/aws_main_route_table_association).
#include <gtest/gtest.h>

#include "core/json.h"
#include "offline_case.h"
#include "registry.h"

using namespace drift_test;

namespace {

const std::string kType = "aws_main_route_table_association";

// The association is looked for in the table the state names.
std::string state(const offline_case& c) {
  return R"({"id":")" + c.resource("id") + R"(","route_table_id":")" +
         c.resource("route_table_id") + R"("})";
}

}  // namespace

TEST(AwsMainRouteTableAssociation, FoundReadsTheMainTable) {
  offline_case c(kType, "found");
  auto r = c.read(state(c));
  ASSERT_EQ(r.st, scanner::native::live_resource::status::found) << r.reason;
  expect_golden(*r.attrs, kType);
  EXPECT_EQ(core::json::string_member(*r.attrs, "route_table_id"), c.resource("route_table_id"));
  EXPECT_EQ(core::json::string_member(*r.attrs, "vpc_id"), c.resource("vpc_id"));
  EXPECT_TRUE(c.transport().unused().empty());
}

// Another table made the main one: the association has a new id, the managed one is gone.
TEST(AwsMainRouteTableAssociation, ReplacedMainTableIsGone) { expect_gone(kType, state); }

TEST(AwsMainRouteTableAssociation, ASubnetAssociationIsNotTheMainOne) {
  // The provider's "is not the association with the main route table": NotFound.
  offline_case c(kType, "found", "aws_route_table_association");
  auto r = c.read(state(c));
  EXPECT_EQ(r.st, scanner::native::live_resource::status::gone);
}

TEST(AwsMainRouteTableAssociation, ThrottledIsNotCheckedAfterTheRetries) {
  expect_throttled(kType, state, "RequestLimitExceeded");
}

TEST(AwsMainRouteTableAssociation, AccessDeniedIsNotChecked) {
  expect_denied(kType, state, "UnauthorizedOperation");
}

TEST(AwsMainRouteTableAssociation, OnlyAChangedAttributeIsDrift) {
  expect_drift_only_on_change(kType, state, "vpc_id", R"("vpc-0123456789abcdef0")");
}

TEST(AwsMainRouteTableAssociation, HasNoRules) {
  offline_case c(kType, "found");
  EXPECT_TRUE(c.module().rules->empty());
}

TEST(AwsMainRouteTableAssociation, CloudTrailCallsLocateTheReplacedAssociation) {
  EXPECT_EQ(located(kType, "ReplaceRouteTableAssociation",
                    R"({"associationId":"rtbassoc-1","routeTableId":"rtb-2"})"),
            std::vector<std::string>{"rtbassoc-1"});
}
