// aws_s3_bucket_website_configuration offline: GetBucketWebsite recorded from moto
// (recorded/aws_s3_bucket_website_configuration): index and error documents with two routing
// rules, and (redirect) every request redirected.
#include <gtest/gtest.h>

#include "json_util.h"
#include "offline_case.h"

using namespace drift_test;

namespace {

const std::string kType = "aws_s3_bucket_website_configuration";

std::string state(const offline_case& c) {
  return R"({"id":")" + c.resource("id") + R"(","bucket":")" + c.resource("bucket") + R"("})";
}

}  // namespace

TEST(AwsS3BucketWebsiteConfiguration, FoundReadsTheWebsiteInTerraformsShape) {
  expect_found_golden(kType, state, 1);
}

// The provider's routing_rules string: the SDK's JSON of the rules, nulls dropped, keys sorted.
TEST(AwsS3BucketWebsiteConfiguration, RoutingRulesAreTheProvidersJson) {
  offline_case c(kType, "found");
  auto r = c.read(state(c));
  ASSERT_EQ(r.st, scanner::native::live_resource::status::found) << r.reason;
  EXPECT_STREQ((*r.attrs)["routing_rules"].GetString(),
               R"([{"Condition":{"KeyPrefixEquals":"docs/"},)"
               R"("Redirect":{"ReplaceKeyPrefixWith":"documents/"}},)"
               R"({"Condition":{"HttpErrorCodeReturnedEquals":"404"},)"
               R"("Redirect":{"HostName":"example.com","HttpRedirectCode":"301",)"
               R"("Protocol":"https","ReplaceKeyWith":"missing.html"}}])");
}

TEST(AwsS3BucketWebsiteConfiguration, RedirectOfEveryRequestIsRead) {
  offline_case c(kType, "redirect");
  auto r = c.read(state(c));
  ASSERT_EQ(r.st, scanner::native::live_resource::status::found) << r.reason;
  const auto& a = *r.attrs;
  EXPECT_EQ(scanner::native::to_text(a["redirect_all_requests_to"]),
            R"([{"host_name":"www.example.com","protocol":"https"}])");
  EXPECT_EQ(scanner::native::to_text(a["index_document"]), "[]");
  EXPECT_EQ(scanner::native::to_text(a["routing_rule"]), "[]");
  EXPECT_STREQ(a["routing_rules"].GetString(), "");
}

TEST(AwsS3BucketWebsiteConfiguration, ConfigurationRemovedIsGone) { expect_gone(kType, state); }

TEST(AwsS3BucketWebsiteConfiguration, ThrottledIsNotCheckedAfterTheRetries) {
  expect_throttled(kType, state, "SlowDown");
}

TEST(AwsS3BucketWebsiteConfiguration, AccessDeniedIsNotChecked) {
  expect_denied(kType, state, "AccessDenied");
}

TEST(AwsS3BucketWebsiteConfiguration, OnlyAChangedAttributeIsDrift) {
  expect_drift_only_on_change(kType, state, "error_document", R"([{"key":"404.html"}])");
}

TEST(AwsS3BucketWebsiteConfiguration, HasNoNormalisationRules) {
  EXPECT_TRUE(offline_case(kType, "found").module().rules->empty());
}
