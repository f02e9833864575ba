// aws_lambda_function offline: GetFunction recorded from moto (recorded/aws_lambda_function).
#include <gtest/gtest.h>

#include "core/json.h"
#include "offline_case.h"

using namespace drift_test;

namespace {

const std::string kType = "aws_lambda_function";

std::string state(const offline_case& c) { return R"({"id":")" + c.resource("id") + R"("})"; }

}  // namespace

TEST(AwsLambdaFunction, FoundReadsConfigurationConcurrencyAndTags) {
  expect_found_golden(kType, state, 1);
}

TEST(AwsLambdaFunction, DeletedFunctionIsGone) { expect_gone(kType, state); }

TEST(AwsLambdaFunction, ThrottledIsNotCheckedAfterTheRetries) {
  expect_throttled(kType, state, "TooManyRequestsException");
}

TEST(AwsLambdaFunction, AccessDeniedIsNotChecked) {
  expect_denied(kType, state, "AccessDeniedException");
}

TEST(AwsLambdaFunction, OnlyAChangedAttributeIsDrift) {
  expect_drift_only_on_change(kType, state, "memory_size", "128");
}

TEST(AwsLambdaFunction, ChangedCodeIsDriftInCodeSha256) {
  expect_drift_only_on_change(kType, state, "code_sha256", R"("b2xkIGNvZGU=")");
}

TEST(AwsLambdaFunction, NullTagsEqualAnEmptyMap) {
  expect_hidden_by(
      kType,
      [](const offline_case& c) { return with(golden_state(kType, c, state), "tags", "null"); },
      "tags:null_is_empty", [](rapidjson::Document& live) { live["tags"].SetObject(); });
}

// sensitive_values hides nothing: a changed variable is drift, but neither side's values
// reach the finding (keys do, so the operator sees which variable moved).
TEST(AwsLambdaFunction, ChangedEnvironmentIsReportedWithValuesRedacted) {
  const std::string kRedacted =
      R"x([{"variables":{"API_TOKEN":"(sensitive)","STAGE":"(sensitive)"}}])x";
  offline_case c(kType, "found");
  const std::string env = R"([{"variables":{"API_TOKEN":"old-secret-value","STAGE":"prod"}}])";
  auto r = c.read(with(golden_state(kType, c, state), "environment", env));
  ASSERT_EQ(r.st, scanner::native::live_resource::status::found) << r.reason;
  std::map<std::string, int> suppressed;
  auto changed = c.compare(suppressed);
  ASSERT_EQ(names(changed), std::vector<std::string>{"environment"});
  EXPECT_TRUE(changed[0].sensitive);
  EXPECT_EQ(changed[0].expected, kRedacted);
  EXPECT_EQ(changed[0].actual, kRedacted);
  for (const auto* secret : {"old-secret-value", "s3cr3t", "prod"}) {
    EXPECT_EQ(changed[0].expected.find(secret), std::string::npos) << secret;
    EXPECT_EQ(changed[0].actual.find(secret), std::string::npos) << secret;
  }
  EXPECT_TRUE(suppressed.empty());
}
