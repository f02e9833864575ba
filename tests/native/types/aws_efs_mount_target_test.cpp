// aws_efs_mount_target offline: DescribeMountTargets and DescribeMountTargetSecurityGroups
// recorded from moto (recorded/aws_efs_mount_target).
#include <gtest/gtest.h>

#include "offline_case.h"

using namespace drift_test;

namespace {

const std::string kType = "aws_efs_mount_target";

std::string state(const offline_case& c) { return R"({"id":")" + c.resource("id") + R"("})"; }

}  // namespace

TEST(AwsEfsMountTarget, FoundReadsTheMountTargetInTerraformsShape) {
  expect_found_golden(kType, state, 2);
}

TEST(AwsEfsMountTarget, DeletedMountTargetIsGone) { expect_gone(kType, state); }

TEST(AwsEfsMountTarget, ThrottledIsNotCheckedAfterTheRetries) {
  expect_throttled(kType, state, "ThrottlingException");
}

TEST(AwsEfsMountTarget, AccessDeniedIsNotChecked) {
  expect_denied(kType, state, "AccessDeniedException");
}

TEST(AwsEfsMountTarget, ASecurityGroupRemovedIsDrift) {
  expect_drift_only_on_change(kType, state, "security_groups", R"(["sg-408f207ca79fc9289"])");
}

TEST(AwsEfsMountTarget, SecurityGroupOrderIsNoDrift) {
  expect_hidden_by(
      kType,
      [](const offline_case& c) {
        return with(golden_state(kType, c, state), "security_groups",
                    R"(["sg-408f207ca79fc9289","sg-3f1d055b5aa62682e"])");
      },
      "security_groups:set_order");
}
