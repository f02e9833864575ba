// aws_lambda_event_source_mapping offline: GetEventSourceMapping and ListTags recorded from moto
// (recorded/aws_lambda_event_source_mapping).
#include <gtest/gtest.h>

#include "core/json.h"
#include "offline_case.h"

using namespace drift_test;

namespace {

const std::string kType = "aws_lambda_event_source_mapping";

std::string state(const offline_case& c) {
  return R"({"id":")" + c.resource("id") + R"(","function_name":")" + c.resource("function_name") +
         R"("})";
}

// The found case read against `attrs`: what the reader stores for `name`.
std::string read_member(const std::string& attrs, const char* name) {
  offline_case c(kType, "found");
  auto r = c.read(attrs);
  EXPECT_EQ(r.st, scanner::native::live_resource::status::found) << r.reason;
  if (r.st != scanner::native::live_resource::status::found) return "";
  return core::json::to_text((*r.attrs)[name]);
}

}  // namespace

TEST(AwsLambdaEventSourceMapping, FoundReadsBatchingFiltersScalingAndTags) {
  expect_found_golden(kType, state, 2);
}

TEST(AwsLambdaEventSourceMapping, DeletedMappingIsGone) { expect_gone(kType, state); }

TEST(AwsLambdaEventSourceMapping, ThrottledIsNotCheckedAfterTheRetries) {
  expect_throttled(kType, state, "TooManyRequestsException");
}

TEST(AwsLambdaEventSourceMapping, AccessDeniedIsNotChecked) {
  expect_denied(kType, state, "AccessDeniedException");
}

TEST(AwsLambdaEventSourceMapping, OnlyAChangedAttributeIsDrift) {
  expect_drift_only_on_change(kType, state, "batch_size", "10");
}

TEST(AwsLambdaEventSourceMapping, NullTagsEqualAnEmptyMap) {
  expect_hidden_by(
      kType,
      [](const offline_case& c) { return with(golden_state(kType, c, state), "tags", "null"); },
      "tags:null_is_empty", [](rapidjson::Document& live) { live["tags"].SetObject(); });
}

// The provider stores the function's ARN, but a state that names the function keeps its name.
TEST(AwsLambdaEventSourceMapping, FunctionNameKeepsTheStatesFormOfTheSameFunction) {
  offline_case c(kType, "found");
  EXPECT_EQ(read_member(with(state(c), "function_name", R"("orders-handler")"), "function_name"),
            R"("orders-handler")");
  EXPECT_EQ(read_member(state(c), "function_name"), "\"" + c.resource("function_name") + "\"");
  EXPECT_EQ(read_member(with(state(c), "function_name", R"("other-handler")"), "function_name"),
            "\"" + c.resource("function_name") + "\"");
}

// A pattern is JSON: the same object with its keys in another order and spaced is the state's
// text, another pattern is Lambda's.
TEST(AwsLambdaEventSourceMapping, FilterPatternsCompareAsJson) {
  offline_case c(kType, "found");
  const std::string same =
      R"([{"filter":[{"pattern":"{ \"body\": { \"kind\": [ \"order\" ] } }"}]}])";
  EXPECT_EQ(read_member(with(state(c), "filter_criteria", same), "filter_criteria"),
            core::json::to_text(*core::json::parse(same)));
  const std::string other = R"([{"filter":[{"pattern":"{\"body\":{\"kind\":[\"refund\"]}}"}]}])";
  EXPECT_EQ(read_member(with(state(c), "filter_criteria", other), "filter_criteria"),
            R"([{"filter":[{"pattern":"{\"body\":{\"kind\":[\"order\"]}}"}]}])");
}
