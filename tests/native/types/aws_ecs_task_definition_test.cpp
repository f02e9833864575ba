// aws_ecs_task_definition offline: DescribeTaskDefinition (with TAGS) recorded from moto
// (recorded/aws_ecs_task_definition). ECS adds defaults to the containers ("cpu": 0, empty
// mount points): the state's text is kept while the containers are the same.
#include <gtest/gtest.h>

#include <algorithm>

#include "core/json.h"
#include "offline_case.h"
#include "registry.h"

using namespace drift_test;
using scanner::native::live_resource;

namespace {

const std::string kType = "aws_ecs_task_definition";

std::string quoted(const std::string& s) {
  rapidjson::Document d;
  d.SetString(s.c_str(), s.size(), d.GetAllocator());
  return core::json::to_text(d);
}

std::string state(const offline_case& c) {
  return R"({"id":")" + c.resource("id") + R"(","arn":")" + c.resource("arn") +
         R"(","container_definitions":)" + quoted(c.resource("container_definitions")) + "}";
}

}  // namespace

TEST(AwsEcsTaskDefinition, FoundReadsContainersVolumesConstraintsAndTags) {
  expect_found_golden(kType, state, 1);
}

TEST(AwsEcsTaskDefinition, DeregisteredRevisionIsGone) { expect_gone(kType, state); }

TEST(AwsEcsTaskDefinition, ThrottledIsNotCheckedAfterTheRetries) {
  expect_throttled(kType, state, "ThrottlingException");
}

TEST(AwsEcsTaskDefinition, AccessDeniedIsNotChecked) {
  expect_denied(kType, state, "AccessDeniedException");
}

TEST(AwsEcsTaskDefinition, ContainersAsConfiguredKeepTheStatesText) {
  // The configured text has no "cpu": 0, mount points or volumes-from, and its environment in
  // another order than ECS's: still the same containers.
  offline_case c(kType, "found");
  const std::string configured =
      R"([{"name":"api","image":"123456789012.dkr.ecr.us-east-1.amazonaws.com/shop/api:v1","portMappings":[{"containerPort":8080}],"environment":[{"name":"MODE","value":"prod"},{"name":"PORT","value":"8080"}]}])";
  auto r = c.read(with(golden_state(kType, c, state), "container_definitions", quoted(configured)));
  ASSERT_EQ(r.st, live_resource::status::found) << r.reason;
  std::map<std::string, int> suppressed;
  EXPECT_TRUE(c.compare(suppressed).empty());
}

TEST(AwsEcsTaskDefinition, AnotherImageIsDrift) {
  offline_case c(kType, "found");
  const std::string configured =
      R"([{"name":"api","image":"123456789012.dkr.ecr.us-east-1.amazonaws.com/shop/api:v2","portMappings":[{"containerPort":8080}]}])";
  auto r = c.read(with(golden_state(kType, c, state), "container_definitions", quoted(configured)));
  ASSERT_EQ(r.st, live_resource::status::found) << r.reason;
  std::map<std::string, int> suppressed;
  auto diff = c.compare(suppressed);
  ASSERT_EQ(names(diff), std::vector<std::string>{"container_definitions"});
  EXPECT_NE(diff[0].actual.find("shop/api:v1"), std::string::npos) << diff[0].actual;
}

TEST(AwsEcsTaskDefinition, OnlyAChangedAttributeIsDrift) {
  expect_drift_only_on_change(kType, state, "memory", R"("1024")");
}

TEST(AwsEcsTaskDefinition, NullTagsEqualAnEmptyMap) {
  expect_hidden_by(
      kType,
      [](const offline_case& c) { return with(golden_state(kType, c, state), "tags", "null"); },
      "tags:null_is_empty", [](rapidjson::Document& live) { live["tags"].SetObject(); });
}

TEST(AwsEcsTaskDefinition, VolumesInAnotherOrderAreTheSame) {
  expect_hidden_by(
      kType,
      [](const offline_case& c) {
        rapidjson::Document g;
        g.Parse(golden_text(kType).c_str());
        auto& v = g["volume"];
        std::reverse(v.Begin(), v.End());
        return with(golden_state(kType, c, state), "volume", core::json::to_text(v));
      },
      "volume:set_order");
}

TEST(AwsEcsTaskDefinition, ConstraintsInAnotherOrderAreTheSame) {
  const std::string a = R"({"expression":"attribute:ecs.os-type == linux","type":"memberOf"})";
  const std::string b = R"({"expression":"","type":"distinctInstance"})";
  expect_hidden_by(
      kType,
      [&](const offline_case& c) {
        return with(golden_state(kType, c, state), "placement_constraints",
                    "[" + b + "," + a + "]");
      },
      "placement_constraints:set_order",
      [&](rapidjson::Document& live) {
        rapidjson::Document g;
        g.Parse(("[" + a + "," + b + "]").c_str());
        live["placement_constraints"].CopyFrom(g, live.GetAllocator());
      });
}

TEST(AwsEcsTaskDefinition, AcceleratorsInAnotherOrderAreTheSame) {
  const std::string a = R"({"device_name":"gpu0","device_type":"eia2.medium"})";
  const std::string b = R"({"device_name":"gpu1","device_type":"eia2.large"})";
  expect_hidden_by(
      kType,
      [&](const offline_case& c) {
        return with(golden_state(kType, c, state), "inference_accelerator",
                    "[" + b + "," + a + "]");
      },
      "inference_accelerator:set_order",
      [&](rapidjson::Document& live) {
        rapidjson::Document g;
        g.Parse(("[" + a + "," + b + "]").c_str());
        live["inference_accelerator"].CopyFrom(g, live.GetAllocator());
      });
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

TEST(AwsEcsTaskDefinition, CloudTrailCallsLocateTheFamily) {
  auto w = located(
      kType, "TagResource",
      R"({"resourceArn":"arn:aws:ecs:us-east-1:123456789012:task-definition/shop-api:1"})", "null");
  ASSERT_EQ(w.size(), 1u);
  EXPECT_EQ(w[0].id, "shop-api");
  w = located(kType, "DeregisterTaskDefinition", R"({"taskDefinition":"shop-api:1"})",
              R"({"taskDefinition":{"family":"shop-api"}})");
  ASSERT_EQ(w.size(), 1u);
  EXPECT_EQ(w[0].id, "shop-api");
}
