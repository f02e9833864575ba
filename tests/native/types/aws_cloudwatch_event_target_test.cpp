// aws_cloudwatch_event_target offline: ListTargetsByRule recorded from moto
// (recorded/aws_cloudwatch_event_target), one rule with a target of each kind of block.
#include <gtest/gtest.h>

#include "offline_case.h"

using namespace drift_test;

namespace {

const std::string kType = "aws_cloudwatch_event_target";

// The recorded rule's target `target_id` (the SQS one unless told).
std::string target(const offline_case& c, const std::string& target_id) {
  return R"({"id":")" + c.resource("event_bus_name") + "-" + c.resource("rule") + "-" + target_id +
         R"(","rule":")" + c.resource("rule") + R"(","event_bus_name":")" +
         c.resource("event_bus_name") + R"(","target_id":")" + target_id + R"("})";
}

std::string state(const offline_case& c) { return target(c, c.resource("target_id")); }

}  // namespace

TEST(AwsCloudwatchEventTarget, FoundReadsInputTransformerRetryAndDeadLetters) {
  expect_found_golden(kType, state, 1);
}

TEST(AwsCloudwatchEventTarget, FoundReadsEveryOtherKindOfBlock) {
  // The rule's other targets in one document, each read from the same listing.
  rapidjson::Document all(rapidjson::kObjectType);
  for (const char* id : {"ecs", "batch", "api", "stream", "run"}) {
    offline_case c(kType, "found");
    auto r = c.read(target(c, id));
    ASSERT_EQ(r.st, scanner::native::live_resource::status::found) << id << ": " << r.reason;
    all.AddMember(rapidjson::StringRef(id), rapidjson::Value(*r.attrs, all.GetAllocator()),
                  all.GetAllocator());
  }
  expect_golden(all, kType + "_blocks");
}

TEST(AwsCloudwatchEventTarget, RemovedTargetIsGone) { expect_gone(kType, state); }

TEST(AwsCloudwatchEventTarget, ThrottledIsNotCheckedAfterTheRetries) {
  expect_throttled(kType, state, "ThrottlingException");
}

TEST(AwsCloudwatchEventTarget, AccessDeniedIsNotChecked) {
  expect_denied(kType, state, "AccessDeniedException");
}

TEST(AwsCloudwatchEventTarget, OnlyAChangedAttributeIsDrift) {
  expect_drift_only_on_change(
      kType, state, "retry_policy",
      R"([{"maximum_event_age_in_seconds":3600,"maximum_retry_attempts":3}])");
}

TEST(AwsCloudwatchEventTarget, HasNoNormalisationRules) {
  offline_case c(kType, "found");
  EXPECT_TRUE(c.module().rules->empty());
}
