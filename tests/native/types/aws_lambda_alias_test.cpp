// aws_lambda_alias offline: GetAlias recorded from moto (recorded/aws_lambda_alias).
#include <gtest/gtest.h>

#include "offline_case.h"

using namespace drift_test;

namespace {

const std::string kType = "aws_lambda_alias";

std::string state(const offline_case& c) {
  return R"({"id":")" + c.resource("id") + R"(","function_name":")" + c.resource("function_name") +
         R"(","name":")" + c.resource("name") + R"("})";
}

}  // namespace

TEST(AwsLambdaAlias, FoundReadsVersionDescriptionAndRouting) {
  expect_found_golden(kType, state, 1);
}

TEST(AwsLambdaAlias, DeletedAliasIsGone) { expect_gone(kType, state); }

TEST(AwsLambdaAlias, ThrottledIsNotCheckedAfterTheRetries) {
  expect_throttled(kType, state, "TooManyRequestsException");
}

TEST(AwsLambdaAlias, AccessDeniedIsNotChecked) {
  expect_denied(kType, state, "AccessDeniedException");
}

TEST(AwsLambdaAlias, OnlyAChangedAttributeIsDrift) {
  expect_drift_only_on_change(kType, state, "function_version", R"("2")");
}

TEST(AwsLambdaAlias, HasNoNormalisationRules) {
  offline_case c(kType, "found");
  EXPECT_TRUE(c.module().rules->empty());
}
