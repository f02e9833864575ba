// aws_dynamodb_table offline: DescribeTable, DescribeContinuousBackups, DescribeTimeToLive and
// ListTagsOfResource recorded from moto (recorded/aws_dynamodb_table).
#include <gtest/gtest.h>

#include "core/json.h"
#include "offline_case.h"

using namespace drift_test;

namespace {

const std::string kType = "aws_dynamodb_table";

std::string state(const offline_case& c) { return R"({"id":")" + c.resource("id") + R"("})"; }

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

TEST(AwsDynamodbTable, FoundReadsTheTableWithBackupsTtlAndTags) {
  expect_found_golden(kType, state, 4);
}

TEST(AwsDynamodbTable, DeletedTableIsGone) { expect_gone(kType, state); }

TEST(AwsDynamodbTable, ThrottledIsNotCheckedAfterTheRetries) {
  expect_throttled(kType, state, "ThrottlingException");
}

TEST(AwsDynamodbTable, AccessDeniedIsNotChecked) {
  expect_denied(kType, state, "AccessDeniedException");
}

TEST(AwsDynamodbTable, OnlyAChangedAttributeIsDrift) {
  expect_drift_only_on_change(kType, state, "billing_mode", R"("PROVISIONED")");
}

TEST(AwsDynamodbTable, AttributesInAnotherOrderAreNoDrift) {
  expect_hidden_by(
      kType,
      [](const offline_case& c) -> std::string {
        rapidjson::Document d;
        d.Parse(golden_state(kType, c, state).c_str());
        auto attrs = d["attribute"].GetArray();
        EXPECT_EQ(attrs.Size(), 2u);
        attrs[0].Swap(attrs[1]);
        return core::json::to_text(d);
      },
      "attribute:set_order");
}

TEST(AwsDynamodbTable, GlobalIndexesInAnotherOrderAreNoDrift) {
  const auto index = [](const char* name) {
    return std::string(R"({"hash_key":"sk","name":")") + name +
           R"(","non_key_attributes":[],"on_demand_throughput":[],"projection_type":"ALL",)"
           R"("range_key":"","read_capacity":0,"write_capacity":0})";
  };
  expect_set_order("global_secondary_index", index("by-a"), index("by-b"));
}

TEST(AwsDynamodbTable, LocalIndexesInAnotherOrderAreNoDrift) {
  const auto index = [](const char* name) {
    return std::string(R"({"name":")") + name +
           R"(","non_key_attributes":[],"projection_type":"KEYS_ONLY","range_key":"sk"})";
  };
  expect_set_order("local_secondary_index", index("by-a"), index("by-b"));
}

TEST(AwsDynamodbTable, NullTagsEqualAnEmptyMap) {
  expect_hidden_by(
      kType,
      [](const offline_case& c) { return with(golden_state(kType, c, state), "tags", "null"); },
      "tags:null_is_empty", [](rapidjson::Document& live) { live["tags"].SetObject(); });
}
