// aws_elasticache_replication_group offline: DescribeReplicationGroups, DescribeCacheClusters of
// the first member and ListTagsForResource recorded from moto (recorded/
// aws_elasticache_replication_group; moto creates no member cluster for a replication group, so
// the recorder creates it beside the group). Terraform cannot apply the type in moto: every
// change below is proved here alone (offline_only).
#include <gtest/gtest.h>

#include "offline_case.h"

using namespace drift_test;

namespace {

const std::string kType = "aws_elasticache_replication_group";

std::string state(const offline_case& c) { return R"({"id":")" + c.resource("id") + R"("})"; }

std::vector<std::string> reported_with_engine_version(const std::string& configured) {
  offline_case c(kType, "found");
  auto st = with(golden_state(kType, c, state), "engine_version", configured);
  c.read(st);
  std::map<std::string, int> suppressed;
  return names(c.compare(suppressed));
}

}  // namespace

TEST(AwsElasticacheReplicationGroup, FoundReadsTheGroupInTerraformsShape) {
  expect_found_golden(kType, state, 3);
}

TEST(AwsElasticacheReplicationGroup, AGroupBeingDeletedIsGone) { expect_gone(kType, state); }

TEST(AwsElasticacheReplicationGroup, ThrottledIsNotCheckedAfterTheRetries) {
  expect_throttled(kType, state, "Throttling");
}

TEST(AwsElasticacheReplicationGroup, AccessDeniedIsNotChecked) {
  expect_denied(kType, state, "AccessDenied");
}

TEST(AwsElasticacheReplicationGroup, ADescriptionChangedIsDrift) {
  expect_drift_only_on_change(kType, state, "description", R"("billing")");
}

TEST(AwsElasticacheReplicationGroup, ANodeTypeChangedIsDrift) {
  expect_drift_only_on_change(kType, state, "node_type", R"("cache.r6g.large")");
}

TEST(AwsElasticacheReplicationGroup, SnapshotRetentionChangedIsDrift) {
  expect_drift_only_on_change(kType, state, "snapshot_retention_limit", "7");
}

TEST(AwsElasticacheReplicationGroup, EncryptionAtRestTurnedOffIsDrift) {
  expect_drift_only_on_change(kType, state, "at_rest_encryption_enabled", R"("false")");
}

TEST(AwsElasticacheReplicationGroup, AutomaticFailoverChangedIsDrift) {
  expect_drift_only_on_change(kType, state, "automatic_failover_enabled", "true");
}

TEST(AwsElasticacheReplicationGroup, AnotherMaintenanceWindowOnTheMemberIsDrift) {
  expect_drift_only_on_change(kType, state, "maintenance_window", R"("mon:01:00-mon:02:00")");
}

TEST(AwsElasticacheReplicationGroup, AMemberSecurityGroupChangedIsDrift) {
  expect_drift_only_on_change(kType, state, "security_group_ids", R"(["sg-0123456789abcdef0"])");
}

TEST(AwsElasticacheReplicationGroup, AMemberCountChangedIsDrift) {
  expect_drift_only_on_change(kType, state, "num_cache_clusters", "2");
}

// The provider keeps a configured version line ("7.1") while the group runs a version of it.
TEST(AwsElasticacheReplicationGroup, AConfiguredVersionLineOfTheRunningVersionIsNoDrift) {
  EXPECT_TRUE(reported_with_engine_version(R"("7.1")").empty());
}

TEST(AwsElasticacheReplicationGroup, AnotherVersionLineIsDrift) {
  EXPECT_EQ(reported_with_engine_version(R"("7.0")"), std::vector<std::string>{"engine_version"});
}

TEST(AwsElasticacheReplicationGroup, MemberOrderIsNoDrift) {
  expect_hidden_by(
      kType,
      [](const offline_case& c) {
        return with(golden_state(kType, c, state), "member_clusters",
                    R"(["orders-002","orders-001"])");
      },
      "member_clusters:set_order",
      [](rapidjson::Document& live) {
        live["member_clusters"].PushBack(rapidjson::Value("orders-002"), live.GetAllocator());
      });
}

TEST(AwsElasticacheReplicationGroup, SecurityGroupOrderIsNoDrift) {
  expect_hidden_by(
      kType,
      [](const offline_case& c) {
        return with(golden_state(kType, c, state), "security_group_ids", R"(["sg-2","sg-1"])");
      },
      "security_group_ids:set_order",
      [](rapidjson::Document& live) {
        auto& a = live.GetAllocator();
        live["security_group_ids"].PushBack(rapidjson::Value("sg-1"), a);
        live["security_group_ids"].PushBack(rapidjson::Value("sg-2"), a);
      });
}

TEST(AwsElasticacheReplicationGroup, NullTagsEqualAnEmptyMap) {
  expect_hidden_by(
      kType,
      [](const offline_case& c) { return with(golden_state(kType, c, state), "tags", "null"); },
      "tags:null_is_empty", [](rapidjson::Document& live) { live["tags"].SetObject(); });
}
