// aws_lambda_function_url offline: GetFunctionUrlConfig recorded from moto
// (recorded/aws_lambda_function_url).
#include <gtest/gtest.h>

#include "offline_case.h"

using namespace drift_test;

namespace {

const std::string kType = "aws_lambda_function_url";

std::string state(const offline_case& c) {
  return R"({"id":")" + c.resource("id") + R"(","function_name":")" + c.resource("id") +
         R"(","qualifier":""})";
}

}  // namespace

TEST(AwsLambdaFunctionUrl, FoundReadsAuthorisationInvokeModeAndCors) {
  expect_found_golden(kType, state, 1);
}

TEST(AwsLambdaFunctionUrl, DeletedUrlIsGone) { expect_gone(kType, state); }

TEST(AwsLambdaFunctionUrl, ThrottledIsNotCheckedAfterTheRetries) {
  expect_throttled(kType, state, "TooManyRequestsException");
}

TEST(AwsLambdaFunctionUrl, AccessDeniedIsNotChecked) {
  expect_denied(kType, state, "AccessDeniedException");
}

TEST(AwsLambdaFunctionUrl, OnlyAChangedAttributeIsDrift) {
  expect_drift_only_on_change(kType, state, "authorization_type", R"("NONE")");
}

TEST(AwsLambdaFunctionUrl, HasNoNormalisationRules) {
  offline_case c(kType, "found");
  EXPECT_TRUE(c.module().rules->empty());
}
