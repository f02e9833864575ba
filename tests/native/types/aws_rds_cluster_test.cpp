// aws_rds_cluster offline: DescribeDBClusters and DescribeGlobalClusters recorded from moto
// (recorded/aws_rds_cluster).
#include <gtest/gtest.h>

#include "offline_case.h"

using namespace drift_test;

namespace {

const std::string kType = "aws_rds_cluster";

std::string state(const offline_case& c) { return R"({"id":")" + c.resource("id") + R"("})"; }

std::string golden_with(const offline_case& c, const char* name, const std::string& value) {
  return with(golden_state(kType, c, state), name, value);
}

}  // namespace

TEST(AwsRdsCluster, FoundReadsTheClusterInTerraformsShape) { expect_found_golden(kType, state, 2); }

TEST(AwsRdsCluster, DeletedClusterIsGone) { expect_gone(kType, state); }

TEST(AwsRdsCluster, ThrottledIsNotCheckedAfterTheRetries) {
  expect_throttled(kType, state, "Throttling");
}

TEST(AwsRdsCluster, AccessDeniedIsNotChecked) { expect_denied(kType, state, "AccessDenied"); }

TEST(AwsRdsCluster, OnlyAChangedAttributeIsDrift) {
  expect_drift_only_on_change(kType, state, "backup_retention_period", "1");
}

TEST(AwsRdsCluster, ServerlessCapacityChangedIsDrift) {
  expect_drift_only_on_change(
      kType, state, "serverlessv2_scaling_configuration",
      R"([{"max_capacity":8,"min_capacity":0.5,"seconds_until_auto_pause":0}])");
}

TEST(AwsRdsCluster, AConfiguredVersionPrefixIsNoDrift) {
  // The provider keeps "8.0.mysql_aurora.3.05" of the running "8.0.mysql_aurora.3.05.2".
  offline_case c(kType, "found");
  auto r = c.read(golden_with(c, "engine_version", R"("8.0.mysql_aurora.3.05")"));
  ASSERT_EQ(r.st, scanner::native::live_resource::status::found) << r.reason;
  EXPECT_STREQ((*r.attrs)["engine_version"].GetString(), "8.0.mysql_aurora.3.05");
  std::map<std::string, int> suppressed;
  EXPECT_TRUE(c.compare(suppressed).empty());
}

TEST(AwsRdsCluster, EngineInAnotherCaseIsNoDrift) {
  expect_hidden_by(
      kType, [](const offline_case& c) { return golden_with(c, "engine", R"("Aurora-MySQL")"); },
      "engine:case_insensitive");
}

TEST(AwsRdsCluster, SetOrderIsNoDrift) {
  for (const char* name :
       {"availability_zones", "cluster_members", "enabled_cloudwatch_logs_exports", "iam_roles",
        "vpc_security_group_ids"}) {
    expect_hidden_by(
        kType, [&](const offline_case& c) { return golden_with(c, name, R"(["b","a"])"); },
        std::string(name) + ":set_order",
        [&](rapidjson::Document& live) {
          rapidjson::Document g;
          g.Parse(R"(["a","b"])");
          live[name].CopyFrom(g, live.GetAllocator());
        });
  }
}

TEST(AwsRdsCluster, NullTagsEqualAnEmptyMap) {
  expect_hidden_by(
      kType, [](const offline_case& c) { return golden_with(c, "tags", "null"); },
      "tags:null_is_empty", [](rapidjson::Document& live) { live["tags"].SetObject(); });
}
