// aws_s3_bucket_lifecycle_configuration offline: GetBucketLifecycleConfiguration recorded from moto
// (recorded/aws_s3_bucket_lifecycle_configuration), its rules and the
// x-amz-transition-default-minimum-object-size header.
#include <gtest/gtest.h>

#include "core/json.h"
#include "offline_case.h"

using namespace drift_test;

namespace {

const std::string kType = "aws_s3_bucket_lifecycle_configuration";

std::string state(const offline_case& c) {
  return R"({"id":")" + c.resource("id") + R"(","bucket":")" + c.resource("bucket") + R"("})";
}

}  // namespace

TEST(AwsS3BucketLifecycleConfiguration, FoundReadsTheConfigurationInTerraformsShape) {
  expect_found_golden(kType, state, 1);
}

TEST(AwsS3BucketLifecycleConfiguration, RemovedLifecycleIsGone) { expect_gone(kType, state); }

TEST(AwsS3BucketLifecycleConfiguration, ThrottledIsNotCheckedAfterTheRetries) {
  expect_throttled(kType, state, "SlowDown");
}

TEST(AwsS3BucketLifecycleConfiguration, AccessDeniedIsNotChecked) {
  expect_denied(kType, state, "AccessDenied");
}

TEST(AwsS3BucketLifecycleConfiguration, OnlyAChangedAttributeIsDrift) {
  expect_drift_only_on_change(kType, state, "rule", "[]");
}

// moto answers all_storage_classes_128K whatever was put, so only this offline test shows a
// changed default minimum object size being reported.
TEST(AwsS3BucketLifecycleConfiguration, DefaultMinimumObjectSizeChangedIsDrift) {
  offline_case c(kType, "found");
  auto r = c.read(state(c));
  ASSERT_EQ(r.st, scanner::native::live_resource::status::found) << r.reason;
  EXPECT_EQ(core::json::string_member(*r.attrs, "transition_default_minimum_object_size"),
            "all_storage_classes_128K");
  expect_drift_only_on_change(kType, state, "transition_default_minimum_object_size",
                              R"("varies_by_storage_class")");
}

TEST(AwsS3BucketLifecycleConfiguration, HasNoNormalisationRules) {
  // Every difference in the configuration is drift: nothing to hide, so nothing to test.
  EXPECT_TRUE(offline_case(kType, "found").module().rules->empty());
}
