// aws_dynamodb_table offline: DescribeTable, DescribeContinuousBackups, DescribeTimeToLive and
// ListTagsOfResource recorded from moto (recorded/aws_dynamodb_table).
#include <gtest/gtest.h>

#include "core/json.h"
#include "offline_case.h"

using namespace drift_test;

namespace {

const std::string kType = "aws_dynamodb_table";

std::string state(const offline_case& c) { return R"({"id":")" + c.resource("id") + R"("})"; }

}  // namespace

TEST(AwsDynamodbTable, FoundReadsTheTableWithBackupsTtlAndTags) {
  offline_case c(kType, "found");
  auto r = c.read(state(c));
  ASSERT_EQ(r.st, scanner::native::live_resource::status::found) << r.reason;
  expect_golden(*r.attrs, kType);
  EXPECT_TRUE(c.transport().unused().empty());
  EXPECT_EQ(c.calls(), 4);
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

TEST(AwsDynamodbTable, NullTagsEqualAnEmptyMap) {
  expect_hidden_by(
      kType,
      [](const offline_case& c) { return with(golden_state(kType, c, state), "tags", "null"); },
      "tags:null_is_empty", [](rapidjson::Document& live) { live["tags"].SetObject(); });
}
