// aws_ebs_volume offline: DescribeVolumes answers recorded from moto (recorded/aws_ebs_volume).
#include <gtest/gtest.h>

#include "offline_case.h"

using namespace drift_test;

namespace {

const std::string kType = "aws_ebs_volume";

std::string state(const offline_case& c) { return R"({"id":")" + c.resource("id") + R"("})"; }

}  // namespace

TEST(AwsEbsVolume, FoundReadsTheVolumeInTerraformsShape) { expect_found_golden(kType, state, 1); }

TEST(AwsEbsVolume, DeletedVolumeIsGone) { expect_gone(kType, state); }

TEST(AwsEbsVolume, ThrottledIsNotCheckedAfterTheRetries) {
  expect_throttled(kType, state, "RequestLimitExceeded");
}

TEST(AwsEbsVolume, AccessDeniedIsNotChecked) {
  expect_denied(kType, state, "UnauthorizedOperation");
}

TEST(AwsEbsVolume, OnlyAChangedAttributeIsDrift) {
  expect_drift_only_on_change(kType, state, "size", "4");
}

TEST(AwsEbsVolume, NullTagsEqualAnEmptyMap) {
  // The reader already answers null where the state holds null; the rule covers an empty map
  // from the cloud, as EC2 itself gives it.
  expect_hidden_by(
      kType,
      [](const offline_case& c) { return with(golden_state(kType, c, state), "tags", "null"); },
      "tags:null_is_empty", [](rapidjson::Document& live) { live["tags"].SetObject(); });
}
