// aws_ecs_service offline: DescribeServices (with TAGS) recorded from moto
// (recorded/aws_ecs_service). moto returns no deployment configuration: `updated` is `found`
// with one added after the ECS API reference, so the deployment settings are proved here only.
#include <gtest/gtest.h>

#include "offline_case.h"
#include "registry.h"

using namespace drift_test;
using scanner::native::live_resource;

namespace {

const std::string kType = "aws_ecs_service";

std::string state(const offline_case& c) {
  return R"({"id":")" + c.resource("id") + R"(","cluster":")" + c.resource("cluster") +
         R"(","task_definition":")" + c.resource("task_definition") + R"("})";
}

}  // namespace

TEST(AwsEcsService, FoundReadsCountNetworkingDeploymentAndTags) {
  expect_found_golden(kType, state, 1);
}

TEST(AwsEcsService, DeletedServiceIsGone) { expect_gone(kType, state); }

TEST(AwsEcsService, ThrottledIsNotCheckedAfterTheRetries) {
  expect_throttled(kType, state, "ThrottlingException");
}

TEST(AwsEcsService, AccessDeniedIsNotChecked) {
  expect_denied(kType, state, "AccessDeniedException");
}

TEST(AwsEcsService, ScaledCountIsReportedAsDrift) {
  // An autoscaled count is drift as Terraform reports it; its grading is the severity table's.
  expect_drift_only_on_change(kType, state, "desired_count", "3");
}

TEST(AwsEcsService, ReferencesKeepTheStatesForm) {
  // A state naming the task definition by family:revision reads it that way.
  offline_case c(kType, "found");
  std::string s = with(golden_state(kType, c, state), "task_definition", R"("shop-api:1")");
  auto r = c.read(s);
  ASSERT_EQ(r.st, live_resource::status::found) << r.reason;
  std::map<std::string, int> suppressed;
  EXPECT_TRUE(c.compare(suppressed).empty());
}

TEST(AwsEcsService, EditedDeploymentSettingsAreDrift) {
  offline_case c(kType, "updated");
  std::string s = with(golden_state(kType, c, state), "deployment_maximum_percent", "200");
  s = with(s, "deployment_minimum_healthy_percent", "100");
  s = with(s, "deployment_circuit_breaker", R"([{"enable":true,"rollback":true}])");
  s = with(s, "alarms", "[]");
  auto r = c.read(s);
  ASSERT_EQ(r.st, live_resource::status::found) << r.reason;
  std::map<std::string, int> suppressed;
  auto diff = c.compare(suppressed);
  EXPECT_EQ(names(diff), (std::vector<std::string>{"alarms", "deployment_circuit_breaker",
                                                   "deployment_maximum_percent",
                                                   "deployment_minimum_healthy_percent"}));
}

TEST(AwsEcsService, NullTagsEqualAnEmptyMap) {
  expect_hidden_by(
      kType,
      [](const offline_case& c) { return with(golden_state(kType, c, state), "tags", "null"); },
      "tags:null_is_empty", [](rapidjson::Document& live) { live["tags"].SetObject(); });
}

namespace {

// `rule` hides the two elements of `attr` given in the other order.
void expect_set_order(const char* attr, const std::string& a, const std::string& b) {
  expect_hidden_by(
      kType,
      [&](const offline_case& c) {
        return with(golden_state(kType, c, state), attr, "[" + b + "," + a + "]");
      },
      std::string(attr) + ":set_order",
      [&](rapidjson::Document& live) {
        rapidjson::Document g;
        g.Parse(("[" + a + "," + b + "]").c_str());
        live[attr].CopyFrom(g, live.GetAllocator());
      });
}

}  // namespace

TEST(AwsEcsService, CapacityProvidersInAnotherOrderAreTheSame) {
  expect_set_order("capacity_provider_strategy",
                   R"({"base":1,"capacity_provider":"FARGATE","weight":1})",
                   R"({"base":0,"capacity_provider":"FARGATE_SPOT","weight":3})");
}

TEST(AwsEcsService, LoadBalancersInAnotherOrderAreTheSame) {
  expect_set_order(
      "load_balancer",
      R"({"container_name":"api","container_port":8080,"elb_name":"","target_group_arn":"arn:aws:elasticloadbalancing:us-east-1:123456789012:targetgroup/a/1"})",
      R"({"container_name":"api","container_port":8081,"elb_name":"","target_group_arn":"arn:aws:elasticloadbalancing:us-east-1:123456789012:targetgroup/b/2"})");
}

TEST(AwsEcsService, ConstraintsInAnotherOrderAreTheSame) {
  expect_set_order("placement_constraints", R"({"expression":"","type":"distinctInstance"})",
                   R"({"expression":"attribute:ecs.os-type == linux","type":"memberOf"})");
}

namespace {

// Where the module's change locator puts a CloudTrail call.
std::vector<scanner::native::change_target> located(const std::string& type, const char* event,
                                                    const char* request, const char* response) {
  const auto& m = *scanner::native::find_module(type);
  EXPECT_TRUE(m.changes);
  rapidjson::Document req;
  req.Parse(request);
  rapidjson::Document resp;
  resp.Parse(response);
  return m.changes->locate({event, req, resp});
}

}  // namespace

TEST(AwsEcsService, CloudTrailCallsLocateTheServiceByItsArn) {
  const char* arn = "arn:aws:ecs:us-east-1:123456789012:service/shop/shop-api";
  auto w = located(
      kType, "UpdateService", R"({"cluster":"shop","service":"shop-api"})",
      R"({"service":{"serviceArn":"arn:aws:ecs:us-east-1:123456789012:service/shop/shop-api"}})");
  ASSERT_EQ(w.size(), 1u);
  EXPECT_EQ(w[0].id, arn);
}

TEST(AwsEcsService, LatticeConfigurationsInAnotherOrderAreTheSame) {
  expect_set_order(
      "vpc_lattice_configurations",
      R"({"port_name":"http","role_arn":"arn:aws:iam::123456789012:role/lattice","target_group_arn":"arn:aws:vpc-lattice:us-east-1:123456789012:targetgroup/tg-1"})",
      R"({"port_name":"grpc","role_arn":"arn:aws:iam::123456789012:role/lattice","target_group_arn":"arn:aws:vpc-lattice:us-east-1:123456789012:targetgroup/tg-2"})");
}
