// aws_db_instance offline: DescribeDBInstances recorded from moto (recorded/aws_db_instance).
#include <gtest/gtest.h>

#include "core/json.h"
#include "offline_case.h"

using namespace drift_test;

namespace {

const std::string kType = "aws_db_instance";

std::string state(const offline_case& c) {
  return R"({"id":")" + c.resource("id") + R"(","identifier":")" + c.resource("identifier") +
         R"("})";
}

std::string golden_with(const offline_case& c, const char* name, const std::string& value) {
  return with(golden_state(kType, c, state), name, value);
}

// `name` holds `a` then `b` in the state and `b` then `a` in the live read.
void expect_set_order(const char* name, const std::string& a, const std::string& b) {
  expect_hidden_by(
      kType,
      [&](const offline_case& c) {
        return with(golden_state(kType, c, state), name, "[" + a + "," + b + "]");
      },
      std::string(name) + ":set_order",
      [&](rapidjson::Document& live) {
        rapidjson::Document g;
        g.Parse(("[" + b + "," + a + "]").c_str());
        live[name].CopyFrom(g, live.GetAllocator());
      });
}

}  // namespace

TEST(AwsDbInstance, FoundReadsTheInstanceInTerraformsShape) {
  offline_case c(kType, "found");
  auto r = c.read(state(c));
  ASSERT_EQ(r.st, scanner::native::live_resource::status::found) << r.reason;
  expect_golden(*r.attrs, kType);
  EXPECT_TRUE(c.transport().unused().empty());
}

TEST(AwsDbInstance, FoundByItsResourceIdAlone) {
  offline_case c(kType, "found");
  auto r = c.read(R"({"id":")" + c.resource("id") + R"("})");
  EXPECT_EQ(r.st, scanner::native::live_resource::status::found) << r.reason;
}

TEST(AwsDbInstance, DeletedInstanceIsGone) { expect_gone(kType, state); }

TEST(AwsDbInstance, ThrottledIsNotCheckedAfterTheRetries) {
  expect_throttled(kType, state, "Throttling");
}

TEST(AwsDbInstance, AccessDeniedIsNotChecked) { expect_denied(kType, state, "AccessDenied"); }

TEST(AwsDbInstance, OnlyAChangedAttributeIsDrift) {
  expect_drift_only_on_change(kType, state, "instance_class", R"("db.t3.small")");
}

TEST(AwsDbInstance, StorageAutoscalingTurnedOffIsDrift) {
  // Recorded with autoscaling up to 100 GiB; a state without it (0) differs.
  expect_drift_only_on_change(kType, state, "max_allocated_storage", "0");
}

TEST(AwsDbInstance, LatestRestorableTimeMovingOnIsNoDrift) {
  expect_hidden_by(
      kType,
      [](const offline_case& c) {
        return golden_with(c, "latest_restorable_time", R"("2020-01-01T00:00:00Z")");
      },
      "latest_restorable_time:ignore");
}

TEST(AwsDbInstance, EngineInAnotherCaseIsNoDrift) {
  expect_hidden_by(
      kType, [](const offline_case& c) { return golden_with(c, "engine", R"("MySQL")"); },
      "engine:case_insensitive");
}

TEST(AwsDbInstance, SecurityGroupsInAnotherOrderAreNoDrift) {
  expect_hidden_by(
      kType,
      [](const offline_case& c) -> std::string {
        rapidjson::Document d;
        d.Parse(golden_state(kType, c, state).c_str());
        auto groups = d["vpc_security_group_ids"].GetArray();
        EXPECT_EQ(groups.Size(), 2u);
        groups[0].Swap(groups[1]);
        return core::json::to_text(d);
      },
      "vpc_security_group_ids:set_order");
}

TEST(AwsDbInstance, LogExportsInAnotherOrderAreNoDrift) {
  expect_set_order("enabled_cloudwatch_logs_exports", R"("audit")", R"("error")");
}

TEST(AwsDbInstance, NullTagsEqualAnEmptyMap) {
  expect_hidden_by(
      kType, [](const offline_case& c) { return golden_with(c, "tags", "null"); },
      "tags:null_is_empty", [](rapidjson::Document& live) { live["tags"].SetObject(); });
}
