// aws_lambda_permission offline: GetPolicy recorded from moto (recorded/aws_lambda_permission).
#include <gtest/gtest.h>

#include "offline_case.h"

using namespace drift_test;

namespace {

const std::string kType = "aws_lambda_permission";

std::string state(const offline_case& c) {
  return R"({"id":")" + c.resource("id") + R"(","function_name":")" + c.resource("function_name") +
         R"(","qualifier":""})";
}

}  // namespace

TEST(AwsLambdaPermission, FoundReadsTheStatementFromTheFunctionPolicy) {
  expect_found_golden(kType, state, 1);
}

TEST(AwsLambdaPermission, RemovedStatementIsGone) { expect_gone(kType, state); }

TEST(AwsLambdaPermission, AStatementOfAnotherIdIsGone) {
  offline_case c(kType, "found");
  auto r = c.read(with(state(c), "id", R"("SomeOtherSid")"));
  EXPECT_EQ(r.st, scanner::native::live_resource::status::gone);
}

TEST(AwsLambdaPermission, ThrottledIsNotCheckedAfterTheRetries) {
  expect_throttled(kType, state, "TooManyRequestsException");
}

TEST(AwsLambdaPermission, AccessDeniedIsNotChecked) {
  expect_denied(kType, state, "AccessDeniedException");
}

TEST(AwsLambdaPermission, OnlyAChangedAttributeIsDrift) {
  expect_drift_only_on_change(kType, state, "source_arn", R"("arn:aws:s3:::other")");
}

TEST(AwsLambdaPermission, EmptyConditionEqualsNull) {
  for (const char* name : {"event_source_token", "principal_org_id", "function_url_auth_type"}) {
    expect_hidden_by(
        kType,
        [&](const offline_case& c) { return with(golden_state(kType, c, state), name, R"("")"); },
        std::string(name) + ":null_is_empty");
  }
}

TEST(AwsLambdaPermission, EmptySourceArnAndAccountEqualNull) {
  for (const char* name : {"source_arn", "source_account"}) {
    expect_hidden_by(
        kType,
        [&](const offline_case& c) { return with(golden_state(kType, c, state), name, R"("")"); },
        std::string(name) + ":null_is_empty",
        [&](rapidjson::Document& live) { live[name].SetNull(); });
  }
}
