// aws_efs_file_system offline: DescribeFileSystems and DescribeLifecycleConfiguration recorded
// from moto (recorded/aws_efs_file_system).
#include <gtest/gtest.h>

#include "offline_case.h"

using namespace drift_test;

namespace {

const std::string kType = "aws_efs_file_system";

std::string state(const offline_case& c) { return R"({"id":")" + c.resource("id") + R"("})"; }

}  // namespace

TEST(AwsEfsFileSystem, FoundReadsTheFileSystemInTerraformsShape) {
  expect_found_golden(kType, state, 2);
}

TEST(AwsEfsFileSystem, DeletedFileSystemIsGone) { expect_gone(kType, state); }

TEST(AwsEfsFileSystem, ThrottledIsNotCheckedAfterTheRetries) {
  expect_throttled(kType, state, "ThrottlingException");
}

TEST(AwsEfsFileSystem, AccessDeniedIsNotChecked) {
  expect_denied(kType, state, "AccessDeniedException");
}

// moto's UpdateFileSystem fails, so throughput changes are proved here alone.
TEST(AwsEfsFileSystem, ThroughputModeChangedIsDrift) {
  expect_drift_only_on_change(kType, state, "throughput_mode", R"("bursting")");
}

TEST(AwsEfsFileSystem, ProvisionedThroughputChangedIsDrift) {
  expect_drift_only_on_change(kType, state, "provisioned_throughput_in_mibps", "128");
}

TEST(AwsEfsFileSystem, ALifecyclePolicyRemovedIsDrift) {
  expect_drift_only_on_change(
      kType, state, "lifecycle_policy",
      R"([{"transition_to_archive":"","transition_to_ia":"AFTER_30_DAYS","transition_to_primary_storage_class":""}])");
}

TEST(AwsEfsFileSystem, NullTagsEqualAnEmptyMap) {
  expect_hidden_by(
      kType,
      [](const offline_case& c) {
        return with(with(golden_state(kType, c, state), "tags", "null"), "tags_all", "{}");
      },
      "tags:null_is_empty",
      [](rapidjson::Document& live) {
        live["tags"].SetObject();
        live["tags_all"].SetObject();
      });
}
