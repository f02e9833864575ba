// aws_elasticache_subnet_group offline: DescribeCacheSubnetGroups and ListTagsForResource
// recorded from moto (recorded/aws_elasticache_subnet_group; gone is the listing before the group
// was made: moto has no DeleteCacheSubnetGroup).
#include <gtest/gtest.h>

#include "offline_case.h"

using namespace drift_test;

namespace {

const std::string kType = "aws_elasticache_subnet_group";

std::string state(const offline_case& c) { return R"({"id":")" + c.resource("id") + R"("})"; }

}  // namespace

TEST(AwsElasticacheSubnetGroup, FoundReadsTheGroupInTerraformsShape) {
  expect_found_golden(kType, state, 2);
}

TEST(AwsElasticacheSubnetGroup, DeletedGroupIsGone) { expect_gone(kType, state); }

TEST(AwsElasticacheSubnetGroup, ThrottledIsNotCheckedAfterTheRetries) {
  expect_throttled(kType, state, "Throttling");
}

TEST(AwsElasticacheSubnetGroup, AccessDeniedIsNotChecked) {
  expect_denied(kType, state, "AccessDenied");
}

// moto has no ModifyCacheSubnetGroup, so these changes are proved here alone.
TEST(AwsElasticacheSubnetGroup, ADescriptionChangedIsDrift) {
  expect_drift_only_on_change(kType, state, "description", R"("billing")");
}

TEST(AwsElasticacheSubnetGroup, ASubnetSwappedIsDrift) {
  expect_drift_only_on_change(kType, state, "subnet_ids",
                              R"(["subnet-0000000000000000a","subnet-e5c230b73102e5a27"])");
}

TEST(AwsElasticacheSubnetGroup, SubnetOrderIsNoDrift) {
  expect_hidden_by(
      kType,
      [](const offline_case& c) {
        return with(golden_state(kType, c, state), "subnet_ids",
                    R"(["subnet-e5c230b73102e5a27","subnet-2198c3f71b2a36740"])");
      },
      "subnet_ids:set_order");
}

TEST(AwsElasticacheSubnetGroup, NullTagsEqualAnEmptyMap) {
  expect_hidden_by(
      kType,
      [](const offline_case& c) { return with(golden_state(kType, c, state), "tags", "null"); },
      "tags:null_is_empty", [](rapidjson::Document& live) { live["tags"].SetObject(); });
}
