// aws_cloudwatch_metric_alarm offline: DescribeAlarms and ListTagsForResource (query protocol)
// recorded from moto (recorded/aws_cloudwatch_metric_alarm); `metric_query` is an alarm on a
// metric math expression, recorded beside `found`.
#include <gtest/gtest.h>

#include "core/json.h"
#include "offline_case.h"

using namespace drift_test;

namespace {

const std::string kType = "aws_cloudwatch_metric_alarm";

std::string state(const offline_case& c) { return R"({"id":")" + c.resource("id") + R"("})"; }

const char* kPager = R"("arn:aws:sns:us-east-1:123456789012:pager")";
const char* kOps = R"("arn:aws:sns:us-east-1:123456789012:ops")";

// recorded/aws_cloudwatch_metric_alarm/metric_query.json's three queries, in cty's set order.
const std::string kMetricQuery =
    R"([{"account_id":"","expression":"","id":"errors","label":"","metric":[{"dimensions":)"
    R"({"LoadBalancer":"app/orders/1"},"metric_name":"HTTPCode_ELB_5XX_Count","namespace":)"
    R"("AWS/ApplicationELB","period":60,"stat":"Sum","unit":"Count"}],"period":0,)"
    R"("return_data":false},{"account_id":"","expression":"","id":"requests","label":"",)"
    R"("metric":[{"dimensions":{"LoadBalancer":"app/orders/1"},"metric_name":"RequestCount",)"
    R"("namespace":"AWS/ApplicationELB","period":60,"stat":"Sum","unit":""}],"period":0,)"
    R"("return_data":false},{"account_id":"","expression":"100 * errors / requests","id":)"
    R"("rate","label":"error rate","metric":[],"period":0,"return_data":true}])";

}  // namespace

TEST(AwsCloudwatchMetricAlarm, FoundReadsEveryArgumentAndTheTags) {
  expect_found_golden(kType, state, 2);
}

TEST(AwsCloudwatchMetricAlarm, MetricQueriesReadInTerraformsShape) {
  offline_case c(kType, "metric_query");
  auto r = c.read(state(c));
  ASSERT_EQ(r.st, scanner::native::live_resource::status::found) << r.reason;
  EXPECT_TRUE(c.transport().unused().empty());
  EXPECT_EQ(core::json::to_text((*r.attrs)["metric_query"]), kMetricQuery);
  EXPECT_EQ(core::json::to_text((*r.attrs)["metric_name"]), R"("")");
  EXPECT_EQ(core::json::to_text((*r.attrs)["dimensions"]), "null");
}

TEST(AwsCloudwatchMetricAlarm, DeletedAlarmIsGone) { expect_gone(kType, state); }

TEST(AwsCloudwatchMetricAlarm, ThrottledIsNotCheckedAfterTheRetries) {
  expect_throttled(kType, state, "Throttling");
}

TEST(AwsCloudwatchMetricAlarm, AccessDeniedIsNotChecked) {
  expect_denied(kType, state, "AccessDenied");
}

TEST(AwsCloudwatchMetricAlarm, OnlyAChangedAttributeIsDrift) {
  expect_drift_only_on_change(kType, state, "threshold", "90");
}

// One test per set: the state's order reversed is no drift.
class ActionSetOrder : public testing::TestWithParam<const char*> {};

TEST_P(ActionSetOrder, ActionsInAnotherOrderAreNoDrift) {
  const std::string attr = GetParam();
  expect_hidden_by(
      kType,
      [&](const offline_case& c) {
        return with(golden_state(kType, c, state), attr.c_str(),
                    std::string("[") + kPager + "," + kOps + "]");
      },
      attr + ":set_order",
      [&](rapidjson::Document& live) {
        rapidjson::Document x;
        x.Parse((std::string("[") + kOps + "," + kPager + "]").c_str());
        live[attr.c_str()].CopyFrom(x, live.GetAllocator());
      });
}

INSTANTIATE_TEST_SUITE_P(AwsCloudwatchMetricAlarm, ActionSetOrder,
                         testing::Values("alarm_actions", "ok_actions",
                                         "insufficient_data_actions"));

TEST(AwsCloudwatchMetricAlarm, MetricQueriesInAnotherOrderAreNoDrift) {
  std::string st;
  {
    offline_case first(kType, "metric_query");
    auto r = first.read(state(first));
    ASSERT_EQ(r.st, scanner::native::live_resource::status::found) << r.reason;
    auto& queries = (*r.attrs)["metric_query"];
    ASSERT_GE(queries.Size(), 2u);
    queries[0].Swap(queries[queries.Size() - 1]);
    st = with(core::json::to_text(*r.attrs), "id", R"(")" + first.resource("id") + R"(")");
  }
  offline_case c(kType, "metric_query");
  auto r = c.read(st);
  ASSERT_EQ(r.st, scanner::native::live_resource::status::found) << r.reason;
  std::map<std::string, int> suppressed;
  EXPECT_TRUE(c.compare(suppressed).empty());
  EXPECT_EQ(suppressed, (std::map<std::string, int>{{kType + ".metric_query:set_order", 1}}));
}

TEST(AwsCloudwatchMetricAlarm, NullTagsEqualAnEmptyMap) {
  expect_hidden_by(
      kType,
      [](const offline_case& c) { return with(golden_state(kType, c, state), "tags", "null"); },
      "tags:null_is_empty", [](rapidjson::Document& live) { live["tags"].SetObject(); });
}
