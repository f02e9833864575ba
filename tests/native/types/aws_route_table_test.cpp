// aws_route_table offline: DescribeRouteTables recorded from moto (recorded/aws_route_table),
// the routes in the provider's `route` set shape (the local route left out).
#include <gtest/gtest.h>

#include "core/json.h"
#include "offline_case.h"

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
  // Two routes through the gateway; the VPC's local route is not one of them.
  const auto& routes = (*r.attrs)["route"];
  ASSERT_EQ(routes.Size(), 2u);
  for (const auto& route : routes.GetArray())
    EXPECT_EQ(core::json::string_member(route, "gateway_id"), c.resource("igw"));
  EXPECT_TRUE(c.transport().unused().empty());
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
