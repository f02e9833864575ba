// aws_lb offline: DescribeLoadBalancers, DescribeTags, DescribeLoadBalancerAttributes and
// DescribeCapacityReservation recorded from moto (recorded/aws_lb); `edited` holds the
// answers moto cannot give (scheme, capacity units, IPAM pool) in the API reference's shape.
#include <gtest/gtest.h>

#include <atomic>

#include "aws/credential_providers.h"
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

TEST(AwsLbBatch, ADeletedLoadBalancerLeavesTheRestOfItsBatchRead) {
  // ELB refuses a whole DescribeLoadBalancers when one ARN is gone: each ARN is then asked
  // alone, the deleted one is gone and the other reads as usual (recorded/aws_lb/batch.json).
  auto transport = drift_test::recorded_transport::load(std::string(DRIFT_TYPES_TEST_DIR) +
                                                        "/recorded/aws_lb/batch.json");
  const std::string id = core::json::string_member(transport->resource(), "id");
  const std::string deleted = core::json::string_member(transport->resource(), "deleted");
  const std::string instance = R"({"schema_version":0,"attributes":{"id":")";
  auto st = terraform::parse_state(
      R"({"version":4,"terraform_version":"1.11.0","serial":1,"lineage":"offline","outputs":{},)"
      R"("resources":[{"mode":"managed","type":"aws_lb","name":"r","provider":)"
      R"("provider[\"registry.terraform.io/hashicorp/aws\"]","instances":[)" +
      instance + id + R"("},"sensitive_attributes":[]},)" + R"({"index_key":1,)" +
      instance.substr(1) + deleted + R"("},"sensitive_attributes":[]}]}]})");
  ASSERT_TRUE(st) << st.error().message;
  ASSERT_EQ(st->resources.size(), 2u);
  aws::session::options o;
  o.region = "us-east-1";
  o.credentials = aws::static_credentials({"AKIDOFFLINE", "offline-secret", "", std::nullopt});
  o.transport = transport;
  o.endpoint_url = "http://recorded.invalid";
  aws::session session(std::move(o));
  std::atomic<int> calls{0};
  scanner::native::read_context ctx{session, *st, "123456789012", "us-east-1", &calls};
  const auto* m = scanner::native::find_module(kType);
  ASSERT_NE(m, nullptr);
  auto out = m->read(ctx, {&st->resources[0], &st->resources[1]});
  ASSERT_EQ(out.size(), 2u);
  EXPECT_EQ(out[0].st, scanner::native::live_resource::status::found) << out[0].reason;
  EXPECT_EQ(out[1].st, scanner::native::live_resource::status::gone) << out[1].reason;
  EXPECT_EQ(calls.load(), 6);
  EXPECT_TRUE(transport->unused().empty());
}
