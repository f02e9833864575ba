// aws_lb_target_group_attachment offline: DescribeTargetHealth of the target group recorded
// from moto (recorded/aws_lb_target_group_attachment); `edited` shows the target draining,
// which moto never does.
#include <gtest/gtest.h>

#include "core/json.h"
#include "offline_case.h"
#include "registry.h"

using namespace drift_test;

namespace {

const std::string kType = "aws_lb_target_group_attachment";

std::string state(const offline_case& c) {
  return R"({"id":")" + c.resource("id") + R"(","target_group_arn":")" +
         c.resource("target_group_arn") + R"(","target_id":")" + c.resource("target_id") +
         R"(","port":8080,"availability_zone":null})";
}

}  // namespace

TEST(AwsLbTargetGroupAttachment, FoundWhenTheTargetIsRegistered) {
  expect_found_golden(kType, state, 1);
  offline_case c(kType, "found");
  auto r = c.read(state(c));
  ASSERT_EQ(r.st, scanner::native::live_resource::status::found) << r.reason;
  EXPECT_EQ(core::json::string_member(*r.attrs, "target_id"), "10.40.1.10");
}

TEST(AwsLbTargetGroupAttachment, DeregisteredTargetIsGone) { expect_gone(kType, state); }

TEST(AwsLbTargetGroupAttachment, TheSameTargetOnAnotherPortIsGone) {
  // The provider matches on target id and port: 10.40.1.10 is registered on 8080 only.
  offline_case c(kType, "found");
  auto r = c.read(with(state(c), "port", "9090"));
  EXPECT_EQ(r.st, scanner::native::live_resource::status::gone);
}

TEST(AwsLbTargetGroupAttachment, ADrainingTargetIsGone) {
  offline_case c(kType, "edited");
  auto r = c.read(state(c));
  EXPECT_EQ(r.st, scanner::native::live_resource::status::gone);
}

TEST(AwsLbTargetGroupAttachment, ThrottledIsNotCheckedAfterTheRetries) {
  expect_throttled(kType, state, "Throttling");
}

TEST(AwsLbTargetGroupAttachment, AccessDeniedIsNotChecked) {
  expect_denied(kType, state, "AccessDenied");
}

TEST(AwsLbTargetGroupAttachment, AFoundAttachmentIsNoDrift) {
  // The provider reads nothing back but the registration: a found attachment equals its state.
  offline_case c(kType, "found");
  c.read(state(c));
  std::map<std::string, int> suppressed;
  EXPECT_TRUE(c.compare(suppressed).empty());
  EXPECT_TRUE(suppressed.empty());
}

TEST(AwsLbTargetGroupAttachment, HasNoNormalisationRules) {
  offline_case c(kType, "found");
  ASSERT_NE(c.module().rules, nullptr);
  EXPECT_TRUE(c.module().rules->empty());
}

TEST(AwsLbTargetGroupAttachment, RegistrationCallsLocateTheAttachmentsByGroupAndTarget) {
  const std::string tg = "arn:aws:elasticloadbalancing:us-east-1:123456789012:targetgroup/ip/2";
  EXPECT_EQ(located(kType, "DeregisterTargets",
                    R"({"targetGroupArn":")" + tg +
                        R"(","targets":[{"id":"10.40.1.10","port":8080},{"id":"10.40.1.11"}]})"),
            (std::vector<std::string>{"[target_group_arn=" + tg + "][target_id=10.40.1.10]",
                                      "[target_group_arn=" + tg + "][target_id=10.40.1.11]"}));
  EXPECT_EQ(located(kType, "DeleteTargetGroup", R"({"targetGroupArn":")" + tg + R"("})"),
            std::vector<std::string>{"[target_group_arn=" + tg + "]"});
}
