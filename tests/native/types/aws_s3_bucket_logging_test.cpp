// aws_s3_bucket_logging offline: GetBucketLogging recorded from moto
// (recorded/aws_s3_bucket_logging).
#include <gtest/gtest.h>

#include "offline_case.h"

using namespace drift_test;

namespace {

const std::string kType = "aws_s3_bucket_logging";

std::string state(const offline_case& c) {
  return R"({"id":")" + c.resource("id") + R"(","bucket":")" + c.resource("bucket") + R"("})";
}

}  // namespace

TEST(AwsS3BucketLogging, FoundReadsTheConfigurationInTerraformsShape) {
  expect_found_golden(kType, state, 1);
}

TEST(AwsS3BucketLogging, LoggingTurnedOffIsGone) { expect_gone(kType, state); }

TEST(AwsS3BucketLogging, ThrottledIsNotCheckedAfterTheRetries) {
  expect_throttled(kType, state, "SlowDown");
}

TEST(AwsS3BucketLogging, AccessDeniedIsNotChecked) { expect_denied(kType, state, "AccessDenied"); }

TEST(AwsS3BucketLogging, OnlyAChangedAttributeIsDrift) {
  expect_drift_only_on_change(kType, state, "target_prefix", R"("old/")");
}

TEST(AwsS3BucketLogging, GrantsInAnotherOrderAreNoDrift) {
  const std::string a =
      R"({"grantee":[{"display_name":"","email_address":"","id":"","type":"Group",)"
      R"("uri":"http://acs.amazonaws.com/groups/global/AllUsers"}],"permission":"READ"})";
  const std::string b =
      R"({"grantee":[{"display_name":"","email_address":"ops@example.com","id":"",)"
      R"("type":"AmazonCustomerByEmail","uri":""}],"permission":"WRITE"})";
  expect_hidden_by(
      kType,
      [&](const offline_case& c) {
        return with(golden_state(kType, c, state), "target_grant", "[" + b + "," + a + "]");
      },
      "target_grant:set_order",
      [&](rapidjson::Document& live) {
        rapidjson::Document g;
        g.Parse(("[" + a + "," + b + "]").c_str());
        live["target_grant"].CopyFrom(g, live.GetAllocator());
      });
}
