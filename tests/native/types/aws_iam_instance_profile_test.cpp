// aws_iam_instance_profile offline: GetInstanceProfile recorded from moto
// (recorded/aws_iam_instance_profile).
#include <gtest/gtest.h>

#include "offline_case.h"

using namespace drift_test;

namespace {

const std::string kType = "aws_iam_instance_profile";

std::string state(const offline_case& c) { return R"({"id":")" + c.resource("id") + R"("})"; }

}  // namespace

TEST(AwsIamInstanceProfile, FoundReadsTheProfileInTerraformsShape) {
  expect_found_golden(kType, state, 1);
}

TEST(AwsIamInstanceProfile, DeletedProfileIsGone) { expect_gone(kType, state); }

TEST(AwsIamInstanceProfile, ThrottledIsNotCheckedAfterTheRetries) {
  expect_throttled(kType, state, "Throttling");
}

TEST(AwsIamInstanceProfile, AccessDeniedIsNotChecked) {
  expect_denied(kType, state, "AccessDenied");
}

TEST(AwsIamInstanceProfile, OnlyAChangedAttributeIsDrift) {
  expect_drift_only_on_change(kType, state, "role", R"("other-role")");
}

TEST(AwsIamInstanceProfile, NullTagsEqualAnEmptyMap) {
  expect_hidden_by(
      kType,
      [](const offline_case& c) { return with(golden_state(kType, c, state), "tags", "null"); },
      "tags:null_is_empty", [](rapidjson::Document& live) { live["tags"].SetObject(); });
}
