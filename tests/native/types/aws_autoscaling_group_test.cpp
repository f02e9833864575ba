// aws_autoscaling_group offline: DescribeAutoScalingGroups answers recorded from moto
// (recorded/aws_autoscaling_group). `traffic_sources` is `found` with two target groups attached
// as traffic sources, edited into the documented shape: moto has none.
#include <gtest/gtest.h>

#include "offline_case.h"
#include "registry.h"

using namespace drift_test;

namespace {

const std::string kType = "aws_autoscaling_group";

std::string state(const offline_case& c) { return R"({"id":")" + c.resource("id") + R"("})"; }

std::string golden_with(const offline_case& c, const char* name, const std::string& value) {
  return with(golden_state(kType, c, state), name, value);
}

}  // namespace

TEST(AwsAutoscalingGroup, FoundReadsTheGroupInTerraformsShape) {
  expect_found_golden(kType, state, 1);
}

TEST(AwsAutoscalingGroup, DeletedGroupIsGone) { expect_gone(kType, state); }

TEST(AwsAutoscalingGroup, ThrottledIsNotCheckedAfterTheRetries) {
  expect_throttled(kType, state, "Throttling");
}

TEST(AwsAutoscalingGroup, AccessDeniedIsNotChecked) { expect_denied(kType, state, "AccessDenied"); }

TEST(AwsAutoscalingGroup, OnlyAChangedAttributeIsDrift) {
  expect_drift_only_on_change(kType, state, "max_size", "8");
}

TEST(AwsAutoscalingGroup, AScaledDesiredCapacityIsReported) {
  // Reported as Terraform reports it; the severity table grades it (autoscaled-count).
  expect_drift_only_on_change(kType, state, "desired_capacity", "5");
}

TEST(AwsAutoscalingGroup, AttachedTrafficSourcesAreDrift) {
  offline_case c(kType, "traffic_sources");
  auto r = c.read(golden_state(kType, c, state));
  ASSERT_EQ(r.st, scanner::native::live_resource::status::found) << r.reason;
  std::map<std::string, int> suppressed;
  const auto changed = c.compare(suppressed);
  ASSERT_EQ(names(changed), (std::vector<std::string>{"traffic_source"}));
  EXPECT_NE(changed[0].actual.find("targetgroup/web-a/"), std::string::npos);
  EXPECT_NE(changed[0].actual.find(R"("type":"elbv2")"), std::string::npos);
}

TEST(AwsAutoscalingGroup, TagsAreASet) {
  // The cloud answers the two tags in the other order than the state holds them.
  expect_hidden_by(
      kType, [](const offline_case& c) { return golden_state(kType, c, state); }, "tag:set_order",
      [](rapidjson::Document& live) {
        auto& tags = live["tag"];
        ASSERT_EQ(tags.Size(), 2u);
        tags[0].Swap(tags[1]);
      });
}

TEST(AwsAutoscalingGroup, TrafficSourcesAreASet) {
  // The state holds the two sources in the other order than the cloud answers them.
  offline_case c(kType, "traffic_sources");
  const std::string a =
      R"({"identifier":"arn:aws:elasticloadbalancing:us-east-1:123456789012:targetgroup/web-a/fedcba9876543210","type":"elbv2"})";
  const std::string b =
      R"({"identifier":"arn:aws:elasticloadbalancing:us-east-1:123456789012:targetgroup/web-b/0123456789abcdef","type":"elbv2"})";
  auto r = c.read(golden_with(c, "traffic_source", "[" + a + "," + b + "]"));
  ASSERT_EQ(r.st, scanner::native::live_resource::status::found) << r.reason;
  std::map<std::string, int> suppressed;
  EXPECT_TRUE(c.compare(suppressed).empty());
  EXPECT_EQ(suppressed["aws_autoscaling_group.traffic_source:set_order"], 1);
}

TEST(AwsAutoscalingGroup, AMixedInstancesPolicyReadsAsTerraformStoresIt) {
  // The policy as Terraform 1.11 with the provider 5.100.0 stored it after creating the same
  // group in moto: absent strings "", absent numbers 0, absent blocks [].
  offline_case c(kType, "mixed");
  const std::string policy =
      R"([{"instances_distribution":[{"on_demand_allocation_strategy":"","on_demand_base_capacity":0,)"
      R"("on_demand_percentage_above_base_capacity":25,"spot_allocation_strategy":"capacity-optimized",)"
      R"("spot_instance_pools":0,"spot_max_price":""}],"launch_template":[{"launch_template_specification":)"
      R"([{"launch_template_id":")" +
      c.resource("launch_template_id") +
      R"(","launch_template_name":"web","version":"$Latest"}],"override":[)"
      R"({"instance_requirements":[],"instance_type":"t3.micro","launch_template_specification":[],"weighted_capacity":"1"},)"
      R"({"instance_requirements":[],"instance_type":"t3.small","launch_template_specification":[],"weighted_capacity":"2"}]}]}])";
  auto r = c.read(R"({"id":"spot","mixed_instances_policy":)" + policy + "}");
  ASSERT_EQ(r.st, scanner::native::live_resource::status::found) << r.reason;
  std::map<std::string, int> suppressed;
  for (const auto& a : c.compare(suppressed))
    EXPECT_NE(a.name, "mixed_instances_policy") << a.expected << " -> " << a.actual;
  // A changed on-demand share is drift of the policy.
  auto changed = policy;
  changed.replace(changed.find("25"), 2, "50");
  offline_case again(kType, "mixed");
  again.read(R"({"id":"spot","mixed_instances_policy":)" + changed + "}");
  bool reported = false;
  for (const auto& a : again.compare(suppressed)) reported |= a.name == "mixed_instances_policy";
  EXPECT_TRUE(reported);
}

TEST(AwsAutoscalingGroup, AnUnconfiguredDefaultTerminationPolicyIsClearedAsTheProviderDoes) {
  // The group `spot` answers AWS's own ["Default"].
  offline_case unconfigured(kType, "mixed");
  auto r = unconfigured.read(R"({"id":"spot","termination_policies":[]})");
  ASSERT_EQ(r.st, scanner::native::live_resource::status::found) << r.reason;
  EXPECT_TRUE((*r.attrs)["termination_policies"].IsArray());
  EXPECT_TRUE((*r.attrs)["termination_policies"].Empty());
  offline_case configured(kType, "mixed");
  r = configured.read(R"({"id":"spot","termination_policies":["Default"]})");
  ASSERT_EQ(r.st, scanner::native::live_resource::status::found) << r.reason;
  ASSERT_EQ((*r.attrs)["termination_policies"].Size(), 1u);
  EXPECT_STREQ((*r.attrs)["termination_policies"][0].GetString(), "Default");
}

TEST(AwsAutoscalingGroup, CloudTrailCallsLocateTheGroupsTheyName) {
  const auto& m = *scanner::native::find_module(kType);
  ASSERT_TRUE(m.changes);
  EXPECT_EQ(m.changes->source, "autoscaling.amazonaws.com");
  rapidjson::Document none;
  rapidjson::Document scaled;
  scaled.Parse(R"({"autoScalingGroupName":"web","desiredCapacity":3,"honorCooldown":false})");
  auto where = m.changes->locate({"SetDesiredCapacity", scaled, none});
  ASSERT_EQ(where.size(), 1u);
  EXPECT_EQ(where[0].id, "web");
  rapidjson::Document tagged;
  tagged.Parse(R"({"tags":[{"resourceId":"web","resourceType":"auto-scaling-group","key":"a"},)"
               R"({"resourceId":"api","resourceType":"auto-scaling-group","key":"a"}]})");
  where = m.changes->locate({"CreateOrUpdateTags", tagged, none});
  ASSERT_EQ(where.size(), 2u);
  EXPECT_EQ(where[1].id, "api");
}
