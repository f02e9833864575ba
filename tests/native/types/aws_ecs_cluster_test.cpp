// aws_ecs_cluster offline: DescribeClusters (CONFIGURATIONS, SETTINGS, TAGS) recorded from moto
// (recorded/aws_ecs_cluster). moto keeps a deleted cluster described as INACTIVE, as ECS does.
#include <gtest/gtest.h>

#include "offline_case.h"
#include "registry.h"

using namespace drift_test;

namespace {

const std::string kType = "aws_ecs_cluster";

std::string state(const offline_case& c) {
  return R"({"id":")" + c.resource("id") + R"(","name":")" + c.resource("name") + R"("})";
}

}  // namespace

TEST(AwsEcsCluster, FoundReadsConfigurationNamespaceSettingsAndTags) {
  expect_found_golden(kType, state, 1);
}

TEST(AwsEcsCluster, InactiveClusterIsGone) { expect_gone(kType, state); }

TEST(AwsEcsCluster, ThrottledIsNotCheckedAfterTheRetries) {
  expect_throttled(kType, state, "ThrottlingException");
}

TEST(AwsEcsCluster, AccessDeniedIsNotChecked) {
  expect_denied(kType, state, "AccessDeniedException");
}

TEST(AwsEcsCluster, ContainerInsightsTurnedOnIsDrift) {
  expect_drift_only_on_change(kType, state, "setting",
                              R"([{"name":"containerInsights","value":"disabled"}])");
}

TEST(AwsEcsCluster, ExecLoggingChangedIsDrift) {
  expect_drift_only_on_change(
      kType, state, "configuration",
      R"([{"execute_command_configuration":[{"kms_key_id":"","logging":"DEFAULT","log_configuration":[]}],"managed_storage_configuration":[]}])");
}

TEST(AwsEcsCluster, NullTagsEqualAnEmptyMap) {
  expect_hidden_by(
      kType,
      [](const offline_case& c) { return with(golden_state(kType, c, state), "tags", "null"); },
      "tags:null_is_empty", [](rapidjson::Document& live) { live["tags"].SetObject(); });
}

TEST(AwsEcsCluster, SettingsInAnotherOrderAreTheSame) {
  const std::string a = R"({"name":"containerInsights","value":"enabled"})";
  const std::string b = R"({"name":"containerInsightsMode","value":"enhanced"})";
  expect_hidden_by(
      kType,
      [&](const offline_case& c) {
        return with(golden_state(kType, c, state), "setting", "[" + b + "," + a + "]");
      },
      "setting:set_order",
      [&](rapidjson::Document& live) {
        rapidjson::Document g;
        g.Parse(("[" + a + "," + b + "]").c_str());
        live["setting"].CopyFrom(g, live.GetAllocator());
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

TEST(AwsEcsCluster, CloudTrailCallsLocateTheClusterByItsArn) {
  // The request may name the cluster; the answer gives its ARN, the state's id.
  auto w =
      located(kType, "UpdateCluster", R"({"cluster":"shop"})",
              R"({"cluster":{"clusterArn":"arn:aws:ecs:us-east-1:123456789012:cluster/shop"}})");
  ASSERT_EQ(w.size(), 1u);
  EXPECT_EQ(w[0].id, "arn:aws:ecs:us-east-1:123456789012:cluster/shop");
  EXPECT_TRUE(located(kType, "TagResource",
                      R"({"resourceArn":"arn:aws:ecs:us-east-1:123456789012:service/shop/api"})",
                      "null")
                  .empty());
}
