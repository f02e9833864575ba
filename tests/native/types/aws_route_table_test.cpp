// aws_route_table offline: DescribeRouteTables recorded from moto (recorded/aws_route_table),
// the routes in the provider's `route` set shape (the local route and a VPC endpoint's left
// out; a VGW's propagated route in an edited response).
#include <gtest/gtest.h>

#include "core/json.h"
#include "offline_case.h"
#include "registry.h"

using namespace drift_test;

namespace {

const std::string kType = "aws_route_table";

std::string state(const offline_case& c) { return R"({"id":")" + c.resource("id") + R"("})"; }

std::string reversed_routes(const offline_case& c) {
  rapidjson::Document d;
  d.Parse(golden_state(kType, c, state).c_str());
  auto arr = d["route"].GetArray();
  EXPECT_GE(arr.Size(), 2u) << "the recording needs two routes to change their order";
  for (rapidjson::SizeType i = 0, j = arr.Size() - 1; i < j; ++i, --j) arr[i].Swap(arr[j]);
  return core::json::to_text(d);
}

}  // namespace

TEST(AwsRouteTable, FoundReadsTheRoutesTheProviderKeeps) {
  offline_case c(kType, "found");
  auto r = c.read(state(c));
  ASSERT_EQ(r.st, scanner::native::live_resource::status::found) << r.reason;
  expect_golden(*r.attrs, kType);
  // Two routes through the gateway; neither the VPC's local route nor the S3 endpoint's.
  const auto& routes = (*r.attrs)["route"];
  ASSERT_EQ(routes.Size(), 2u);
  for (const auto& route : routes.GetArray())
    EXPECT_EQ(core::json::string_member(route, "gateway_id"), c.resource("igw"));
  EXPECT_TRUE(c.transport().unused().empty());
}

TEST(AwsRouteTable, PropagatedRoutesAreLeftOutAndTheGatewayRead) {
  // Edited after DescribeRouteTables' documented shape: moto cannot propagate a VGW's routes.
  offline_case c(kType, "vgw_propagated");
  auto r = c.read(state(c));
  ASSERT_EQ(r.st, scanner::native::live_resource::status::found) << r.reason;
  // The same two routes as found: neither the propagated one nor the endpoint's.
  rapidjson::Document golden;
  golden.Parse(golden_text(kType).c_str());
  EXPECT_EQ(core::json::to_text((*r.attrs)["route"]), core::json::to_text(golden["route"]));
  ASSERT_EQ((*r.attrs)["propagating_vgws"].Size(), 1u);
  EXPECT_STREQ((*r.attrs)["propagating_vgws"][0].GetString(), "vgw-0e5d1f6c2a8b7c9d0");
}

TEST(AwsRouteTable, DeletedTableIsGone) { expect_gone(kType, state); }

TEST(AwsRouteTable, ThrottledIsNotCheckedAfterTheRetries) {
  expect_throttled(kType, state, "RequestLimitExceeded");
}

TEST(AwsRouteTable, AccessDeniedIsNotChecked) {
  expect_denied(kType, state, "UnauthorizedOperation");
}

TEST(AwsRouteTable, ARouteAddedByHandIsDrift) {
  // The state knows only the default route: the 192.168.0.0/16 one was added outside.
  offline_case c(kType, "found");
  rapidjson::Document st;
  st.Parse(golden_state(kType, c, state).c_str());
  auto& routes = st["route"];
  for (auto it = routes.Begin(); it != routes.End();) {
    if (core::json::string_member(*it, "cidr_block") == "192.168.0.0/16")
      it = routes.Erase(it);
    else
      ++it;
  }
  ASSERT_EQ(routes.Size(), 1u);
  auto r = c.read(core::json::to_text(st));
  ASSERT_EQ(r.st, scanner::native::live_resource::status::found) << r.reason;
  std::map<std::string, int> suppressed;
  EXPECT_EQ(names(c.compare(suppressed)), std::vector<std::string>{"route"});
}

TEST(AwsRouteTable, OnlyAChangedAttributeIsDrift) {
  expect_drift_only_on_change(kType, state, "vpc_id", R"("vpc-0123456789abcdef0")");
}

TEST(AwsRouteTable, RoutesInAnotherOrderAreNoDrift) {
  expect_hidden_by(kType, reversed_routes, "route:set_order");
}

TEST(AwsRouteTable, PropagatingGatewaysInAnotherOrderAreNoDrift) {
  expect_hidden_by(
      kType,
      [](const offline_case& c) {
        return with(golden_state(kType, c, state), "propagating_vgws",
                    R"(["vgw-0bbbbbbbbbbbbbbbb","vgw-0aaaaaaaaaaaaaaaa"])");
      },
      "propagating_vgws:set_order",
      [](rapidjson::Document& live) {
        rapidjson::Document v;
        v.Parse(R"(["vgw-0aaaaaaaaaaaaaaaa","vgw-0bbbbbbbbbbbbbbbb"])");
        live["propagating_vgws"].CopyFrom(v, live.GetAllocator());
      });
}

TEST(AwsRouteTable, NullTagsEqualAnEmptyMap) {
  expect_hidden_by(
      kType,
      [](const offline_case& c) { return with(golden_state(kType, c, state), "tags", "null"); },
      "tags:null_is_empty", [](rapidjson::Document& live) { live["tags"].SetObject(); });
}

TEST(AwsRouteTable, ListingSkipsMainTablesAndTheOneAMainAssociationReplaced) {
  offline_case c(kType, "listed");
  const std::string main_association =
      R"({"id":"rtbassoc-0123456789abcdef0","route_table_id":")" + c.resource("private_rt") +
      R"(","original_route_table_id":")" + c.resource("original_route_table_id") + R"("})";
  const auto ids =
      listed_ids(kType, state_of("aws_main_route_table_association", main_association));
  EXPECT_TRUE(has(ids, c.resource("id")));                        // the public table
  EXPECT_FALSE(has(ids, c.resource("private_rt")));               // the VPC's main table now
  EXPECT_FALSE(has(ids, c.resource("default_main")));             // the default VPC's own
  EXPECT_FALSE(has(ids, c.resource("original_route_table_id")));  // replaced by the association

  // Without the association in the scanned state, the replaced table is listed.
  const auto without = listed_ids(kType, state_of(kType, state(c)));
  EXPECT_TRUE(has(without, c.resource("original_route_table_id")));
}

TEST(AwsRouteTable, CloudTrailCallsLocateTheTableTheyName) {
  EXPECT_EQ(located(kType, "CreateRoute",
                    R"({"routeTableId":"rtb-1","destinationCidrBlock":"10.99.0.0/16"})"),
            std::vector<std::string>{"rtb-1"});
  EXPECT_EQ(located(kType, "DeleteTags", R"({"resourcesSet":{"items":[{"resourceId":"rtb-2"}]}})"),
            std::vector<std::string>{"rtb-2"});
}
