// aws_lb_target_group offline: DescribeTargetGroups, DescribeTags and
// DescribeTargetGroupAttributes recorded from moto (recorded/aws_lb_target_group).
#include <gtest/gtest.h>

#include "core/json.h"
#include "offline_case.h"
#include "registry.h"

using namespace drift_test;

namespace {

const std::string kType = "aws_lb_target_group";

std::string state(const offline_case& c) { return R"({"id":")" + c.resource("id") + R"("})"; }

}  // namespace

TEST(AwsLbTargetGroup, FoundReadsTheGroupWithHealthCheckStickinessAndTags) {
  expect_found_golden(kType, state, 3);
  offline_case c(kType, "found");
  auto r = c.read(state(c));
  ASSERT_EQ(r.st, scanner::native::live_resource::status::found) << r.reason;
  EXPECT_EQ(core::json::string_member(*r.attrs, "vpc_id"), c.resource("vpc_id"));
  EXPECT_EQ(core::json::string_member(*r.attrs, "deregistration_delay"), "30");
  EXPECT_EQ(core::json::to_text((*r.attrs)["stickiness"]),
            R"([{"cookie_duration":3600,"cookie_name":"","enabled":true,"type":"lb_cookie"}])");
}

TEST(AwsLbTargetGroup, DeletedGroupIsGone) { expect_gone(kType, state); }

TEST(AwsLbTargetGroup, ThrottledIsNotCheckedAfterTheRetries) {
  expect_throttled(kType, state, "Throttling");
}

TEST(AwsLbTargetGroup, AccessDeniedIsNotChecked) { expect_denied(kType, state, "AccessDenied"); }

TEST(AwsLbTargetGroup, OnlyAChangedAttributeIsDrift) {
  expect_drift_only_on_change(kType, state, "deregistration_delay", R"("300")");
}

TEST(AwsLbTargetGroup, AChangedHealthCheckIsDrift) {
  offline_case c(kType, "found");
  rapidjson::Document g;
  g.Parse(golden_state(kType, c, state).c_str());
  g["health_check"][0]["path"].SetString("/ready");
  c.read(core::json::to_text(g));
  std::map<std::string, int> suppressed;
  EXPECT_EQ(names(c.compare(suppressed)), (std::vector<std::string>{"health_check"}));
}

TEST(AwsLbTargetGroup, NullTagsEqualAnEmptyMap) {
  expect_hidden_by(
      kType,
      [](const offline_case& c) { return with(golden_state(kType, c, state), "tags", "null"); },
      "tags:null_is_empty", [](rapidjson::Document& live) { live["tags"].SetObject(); });
}

TEST(AwsLbTargetGroup, LoadBalancersInAnotherOrderAreNoDrift) {
  const std::string a =
      R"("arn:aws:elasticloadbalancing:us-east-1:123456789012:loadbalancer/app/a/1")";
  const std::string b =
      R"("arn:aws:elasticloadbalancing:us-east-1:123456789012:loadbalancer/app/b/2")";
  expect_hidden_by(
      kType,
      [&](const offline_case& c) {
        return with(golden_state(kType, c, state), "load_balancer_arns", "[" + a + "," + b + "]");
      },
      "load_balancer_arns:set_order",
      [&](rapidjson::Document& live) {
        rapidjson::Document g;
        g.Parse(("[" + b + "," + a + "]").c_str());
        live["load_balancer_arns"].CopyFrom(g, live.GetAllocator());
      });
}

TEST(AwsLbTargetGroup, ConsoleCallsLocateTheGroup) {
  const std::string tg = "arn:aws:elasticloadbalancing:us-east-1:123456789012:targetgroup/web/2";
  EXPECT_EQ(located(kType, "ModifyTargetGroup",
                    R"({"targetGroupArn":")" + tg + R"(","healthCheckPath":"/ready"})"),
            std::vector<std::string>{tg});
}

TEST(AwsLbTargetGroup, TcpGroupReadsItsHealthStateAndNetworkSettings) {
  // recorded/aws_lb_target_group/tcp.json: the blocks and attributes of a network target group.
  offline_case c(kType, "tcp", "aws_lb_target_group");
  auto r = c.read(state(c));
  ASSERT_EQ(r.st, scanner::native::live_resource::status::found) << r.reason;
  const auto& a = *r.attrs;
  EXPECT_EQ(
      core::json::to_text(a["target_health_state"]),
      R"([{"enable_unhealthy_connection_termination":false,"unhealthy_draining_interval":120}])");
  EXPECT_EQ(
      core::json::to_text(a["target_group_health"]),
      R"([{"dns_failover":[{"minimum_healthy_targets_count":"2","minimum_healthy_targets_percentage":null}],"unhealthy_state_routing":[{"minimum_healthy_targets_count":null,"minimum_healthy_targets_percentage":"50"}]}])");
  // Cookie settings belong to HTTP(S) groups only; failover to GENEVE groups only.
  EXPECT_EQ(core::json::to_text(a["stickiness"]),
            R"([{"cookie_duration":0,"cookie_name":"","enabled":false,"type":"source_ip"}])");
  EXPECT_EQ(core::json::to_text(a["target_failover"]),
            R"([{"on_deregistration":null,"on_unhealthy":null}])");
  EXPECT_TRUE(a["proxy_protocol_v2"].GetBool());
  EXPECT_EQ(core::json::string_member(a, "preserve_client_ip"), "true");
  EXPECT_TRUE(a["connection_termination"].GetBool());
  EXPECT_EQ(core::json::string_member(a, "protocol"), "TCP");
}
