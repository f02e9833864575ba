// aws_lb offline: DescribeLoadBalancers, DescribeTags, DescribeLoadBalancerAttributes and
// DescribeCapacityReservation recorded from moto (recorded/aws_lb); `edited` holds the
// answers moto cannot give (scheme, capacity units, IPAM pool) in the API reference's shape.
#include <gtest/gtest.h>

#include <algorithm>

#include "core/json.h"
#include "offline_case.h"
#include "registry.h"

using namespace drift_test;

namespace {

const std::string kType = "aws_lb";

std::string state(const offline_case& c) { return R"({"id":")" + c.resource("id") + R"("})"; }

// The golden state with the array `name` in reverse order.
std::string reversed(const offline_case& c, const char* name) {
  rapidjson::Document d;
  d.Parse(golden_state(kType, c, state).c_str());
  auto& a = d[name];
  std::reverse(a.Begin(), a.End());
  return core::json::to_text(d);
}

// The targets the module's change locator finds in a CloudTrail call of `event` whose
// requestParameters are `request`: ids, or attribute lists for generated ids.
std::vector<std::string> located(const std::string& type, const char* event,
                                 const std::string& request) {
  rapidjson::Document req;
  req.Parse(request.c_str());
  rapidjson::Value none;
  const auto* m = scanner::native::find_module(type);
  std::vector<std::string> out;
  if (!m || !m->changes) return out;
  for (const auto& t : m->changes->locate({event, req, none})) {
    std::string s = t.id;
    for (const auto& [k, v] : t.attributes) s += "[" + k + "=" + v + "]";
    out.push_back(s);
  }
  return out;
}

}  // namespace

TEST(AwsLb, FoundReadsTheLoadBalancerWithAttributesAndTags) {
  expect_found_golden(kType, state, 4);
  offline_case c(kType, "found");
  auto r = c.read(state(c));
  ASSERT_EQ(r.st, scanner::native::live_resource::status::found) << r.reason;
  EXPECT_EQ(core::json::string_member(*r.attrs, "vpc_id"), c.resource("vpc_id"));
  EXPECT_EQ((*r.attrs)["idle_timeout"].GetInt(), 90);
  EXPECT_EQ(core::json::to_text((*r.attrs)["security_groups"]),
            "[\"" + c.resource("security_group") + "\"]");
}

TEST(AwsLb, DeletedLoadBalancerIsGone) { expect_gone(kType, state); }

TEST(AwsLb, ThrottledIsNotCheckedAfterTheRetries) { expect_throttled(kType, state, "Throttling"); }

TEST(AwsLb, AccessDeniedIsNotChecked) { expect_denied(kType, state, "AccessDenied"); }

TEST(AwsLb, OnlyAChangedAttributeIsDrift) {
  expect_drift_only_on_change(kType, state, "idle_timeout", "60");
}

TEST(AwsLb, AttributesElbDoesNotReturnKeepTheStatesValue) {
  // moto answers no client_keep_alive.seconds: the provider keeps what the state holds.
  offline_case c(kType, "found");
  auto r = c.read(with(state(c), "client_keep_alive", "3600"));
  ASSERT_EQ(r.st, scanner::native::live_resource::status::found) << r.reason;
  EXPECT_EQ((*r.attrs)["client_keep_alive"].GetInt(), 3600);
}

TEST(AwsLb, SchemeCapacityAndIpamPoolAreRead) {
  // moto returns no Scheme, capacity units or IPAM pools: the edited answers of the API
  // reference's shape show them read and their change reported.
  offline_case c(kType, "edited");
  auto r = c.read(state(c));
  ASSERT_EQ(r.st, scanner::native::live_resource::status::found) << r.reason;
  EXPECT_TRUE((*r.attrs)["internal"].GetBool());
  EXPECT_EQ(core::json::to_text((*r.attrs)["minimum_load_balancer_capacity"]),
            R"([{"capacity_units":100}])");
  EXPECT_EQ(core::json::to_text((*r.attrs)["ipam_pools"]),
            R"([{"ipv4_ipam_pool_id":"ipam-pool-0123456789abcdef0"}])");
  std::map<std::string, int> suppressed;
  offline_case g(kType, "edited");
  g.read(golden_state(kType, g, state));
  EXPECT_EQ(names(g.compare(suppressed)),
            (std::vector<std::string>{"internal", "ipam_pools", "minimum_load_balancer_capacity"}));
}

TEST(AwsLb, NullTagsEqualAnEmptyMap) {
  expect_hidden_by(
      kType,
      [](const offline_case& c) { return with(golden_state(kType, c, state), "tags", "null"); },
      "tags:null_is_empty", [](rapidjson::Document& live) { live["tags"].SetObject(); });
}

TEST(AwsLb, SubnetsInAnotherOrderAreNoDrift) {
  expect_hidden_by(
      kType, [](const offline_case& c) { return reversed(c, "subnets"); }, "subnets:set_order");
}

TEST(AwsLb, SubnetMappingsInAnotherOrderAreNoDrift) {
  expect_hidden_by(
      kType, [](const offline_case& c) { return reversed(c, "subnet_mapping"); },
      "subnet_mapping:set_order");
}

TEST(AwsLb, SecurityGroupsInAnotherOrderAreNoDrift) {
  expect_hidden_by(
      kType,
      [](const offline_case& c) {
        return with(golden_state(kType, c, state), "security_groups",
                    R"(["sg-0000000000000000a","sg-0000000000000000b"])");
      },
      "security_groups:set_order",
      [](rapidjson::Document& live) {
        rapidjson::Document g;
        g.Parse(R"(["sg-0000000000000000b","sg-0000000000000000a"])");
        live["security_groups"].CopyFrom(g, live.GetAllocator());
      });
}

TEST(AwsLb, ConsoleCallsLocateTheLoadBalancer) {
  const std::string lb =
      "arn:aws:elasticloadbalancing:us-east-1:123456789012:loadbalancer/app/web/1";
  EXPECT_EQ(
      located(kType, "ModifyLoadBalancerAttributes", R"({"loadBalancerArn":")" + lb + R"("})"),
      std::vector<std::string>{lb});
  // AddTags on a load balancer and a target group at once: only the load balancer is this type's.
  EXPECT_EQ(
      located(kType, "AddTags",
              R"({"resourceArns":[")" + lb +
                  R"(","arn:aws:elasticloadbalancing:us-east-1:123456789012:targetgroup/web/2"]})"),
      std::vector<std::string>{lb});
}
