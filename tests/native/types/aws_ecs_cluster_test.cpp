// aws_ecs_cluster offline: DescribeClusters (CONFIGURATIONS, SETTINGS, TAGS) recorded from moto
// (recorded/aws_ecs_cluster). moto keeps a deleted cluster described as INACTIVE, as ECS does.
#include <gtest/gtest.h>

#include "offline_case.h"

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
