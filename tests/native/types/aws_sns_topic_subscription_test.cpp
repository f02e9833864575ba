// aws_sns_topic_subscription offline: GetSubscriptionAttributes recorded from moto
// (recorded/aws_sns_topic_subscription).
#include <gtest/gtest.h>

#include "core/json.h"
#include "offline_case.h"

using namespace drift_test;

namespace {

const std::string kType = "aws_sns_topic_subscription";

std::string state(const offline_case& c) { return R"({"id":")" + c.resource("id") + R"("})"; }

}  // namespace

TEST(AwsSnsTopicSubscription, FoundReadsTheSubscriptionInTerraformsShape) {
  expect_found_golden(kType, state, 1);
}

TEST(AwsSnsTopicSubscription, UnsubscribedIsGone) { expect_gone(kType, state); }

TEST(AwsSnsTopicSubscription, ThrottledIsNotCheckedAfterTheRetries) {
  expect_throttled(kType, state, "Throttled");
}

TEST(AwsSnsTopicSubscription, AccessDeniedIsNotChecked) {
  expect_denied(kType, state, "AuthorizationError");
}

TEST(AwsSnsTopicSubscription, OnlyAChangedAttributeIsDrift) {
  expect_drift_only_on_change(kType, state, "raw_message_delivery", "false");
}

TEST(AwsSnsTopicSubscription, HasNoRules) {
  offline_case c(kType, "found");
  ASSERT_NE(c.module().rules, nullptr);
  EXPECT_TRUE(c.module().rules->empty());
}

TEST(AwsSnsTopicSubscription, FilterPolicyEqualAsJsonKeepsTheStatesText) {
  // The provider keeps the stored filter policy while it is JSON-equal to SNS's; a different
  // one is read as SNS holds it.
  offline_case c(kType, "found");
  auto r = c.read(with(state(c), "filter_policy", R"("{ \"kind\" : [ \"job\" ] }")"));
  ASSERT_EQ(r.st, scanner::native::live_resource::status::found) << r.reason;
  EXPECT_EQ(std::string((*r.attrs)["filter_policy"].GetString()), R"({ "kind" : [ "job" ] })");
  offline_case other(kType, "found");
  auto r2 = other.read(with(state(other), "filter_policy", R"("{\"kind\":[\"cron\"]}")"));
  ASSERT_EQ(r2.st, scanner::native::live_resource::status::found) << r2.reason;
  EXPECT_EQ(std::string((*r2.attrs)["filter_policy"].GetString()), R"({"kind": ["job"]})");
}
