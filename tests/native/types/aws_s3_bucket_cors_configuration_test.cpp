// aws_s3_bucket_cors_configuration offline: GetBucketCors recorded from moto
// (recorded/aws_s3_bucket_cors_configuration): two rules, one with every field.
#include <gtest/gtest.h>

#include "offline_case.h"

using namespace drift_test;

namespace {

const std::string kType = "aws_s3_bucket_cors_configuration";

std::string state(const offline_case& c) {
  return R"({"id":")" + c.resource("id") + R"(","bucket":")" + c.resource("bucket") + R"("})";
}

const std::string kApp =
    R"({"allowed_headers":["Authorization","Content-Type"],"allowed_methods":["GET","PUT"],)"
    R"("allowed_origins":["https://app.example.com"],"expose_headers":["ETag","x-amz-request-id"],)"
    R"("id":"app","max_age_seconds":3000})";
const std::string kAnyone =
    R"({"allowed_headers":[],"allowed_methods":["GET"],"allowed_origins":["*"],)"
    R"("expose_headers":[],"id":"","max_age_seconds":0})";

}  // namespace

TEST(AwsS3BucketCorsConfiguration, FoundReadsTheRulesInTerraformsShape) {
  expect_found_golden(kType, state, 1);
}

TEST(AwsS3BucketCorsConfiguration, ConfigurationRemovedIsGone) { expect_gone(kType, state); }

TEST(AwsS3BucketCorsConfiguration, ThrottledIsNotCheckedAfterTheRetries) {
  expect_throttled(kType, state, "SlowDown");
}

TEST(AwsS3BucketCorsConfiguration, AccessDeniedIsNotChecked) {
  expect_denied(kType, state, "AccessDenied");
}

// The state before the app's rule was cached longer.
TEST(AwsS3BucketCorsConfiguration, OnlyAChangedAttributeIsDrift) {
  std::string app = kApp;
  app.replace(app.find("3000"), 4, "60");
  expect_drift_only_on_change(kType, state, "cors_rule", "[" + app + "," + kAnyone + "]");
}

TEST(AwsS3BucketCorsConfiguration, RulesInAnotherOrderAreNoDrift) {
  expect_hidden_by(
      kType,
      [](const offline_case& c) {
        return with(golden_state(kType, c, state), "cors_rule", "[" + kAnyone + "," + kApp + "]");
      },
      "cors_rule:set_order",
      [](rapidjson::Document& live) {
        rapidjson::Document g;
        g.Parse(("[" + kApp + "," + kAnyone + "]").c_str());
        live["cors_rule"].CopyFrom(g, live.GetAllocator());
      });
}
