// aws_lb_listener_rule offline: DescribeRules and DescribeTags recorded from moto
// (recorded/aws_lb_listener_rule).
#include <gtest/gtest.h>

#include "core/json.h"
#include "offline_case.h"
#include "registry.h"

using namespace drift_test;

namespace {

const std::string kType = "aws_lb_listener_rule";

std::string state(const offline_case& c) { return R"({"id":")" + c.resource("id") + R"("})"; }

// The state of a rule whose action names its target group at the top level, as the ground
// truth's configuration does.
std::string configured(const offline_case& c) {
  return with(state(c), "action",
              R"([{"type":"forward","target_group_arn":")" + c.resource("target_group") +
                  R"(","forward":[]}])");
}

}  // namespace

TEST(AwsLbListenerRule, FoundReadsTheRuleWithConditionsActionsAndTags) {
  expect_found_golden(kType, configured, 2);
  offline_case c(kType, "found");
  auto r = c.read(configured(c));
  ASSERT_EQ(r.st, scanner::native::live_resource::status::found) << r.reason;
  EXPECT_EQ(core::json::string_member(*r.attrs, "listener_arn"), c.resource("listener"));
  EXPECT_EQ((*r.attrs)["priority"].GetInt(), 10);
  EXPECT_EQ(core::json::to_text((*r.attrs)["condition"][0]["path_pattern"]),
            R"([{"values":["/api/*","/v2/*"]}])");
}

TEST(AwsLbListenerRule, DeletedRuleIsGone) { expect_gone(kType, state); }

TEST(AwsLbListenerRule, ThrottledIsNotCheckedAfterTheRetries) {
  expect_throttled(kType, state, "Throttling");
}

TEST(AwsLbListenerRule, AccessDeniedIsNotChecked) { expect_denied(kType, state, "AccessDenied"); }

TEST(AwsLbListenerRule, OnlyAChangedAttributeIsDrift) {
  expect_drift_only_on_change(kType, state, "priority", "20");
}

TEST(AwsLbListenerRule, ConditionsInAnotherOrderAreNoDrift) {
  expect_hidden_by(
      kType,
      [](const offline_case& c) {
        rapidjson::Document d;
        d.Parse(golden_state(kType, c, state).c_str());
        auto& a = d["condition"];
        std::reverse(a.Begin(), a.End());
        return core::json::to_text(d);
      },
      "condition:set_order");
}

TEST(AwsLbListenerRule, NullTagsEqualAnEmptyMap) {
  expect_hidden_by(
      kType,
      [](const offline_case& c) { return with(golden_state(kType, c, state), "tags", "null"); },
      "tags:null_is_empty", [](rapidjson::Document& live) { live["tags"].SetObject(); });
}

TEST(AwsLbListenerRule, ConsoleCallsLocateTheRules) {
  const std::string a =
      "arn:aws:elasticloadbalancing:us-east-1:123456789012:listener-rule/app/web/1/3/4";
  const std::string b =
      "arn:aws:elasticloadbalancing:us-east-1:123456789012:listener-rule/app/web/1/3/5";
  EXPECT_EQ(located(kType, "ModifyRule", R"({"ruleArn":")" + a + R"("})"),
            std::vector<std::string>{a});
  EXPECT_EQ(located(kType, "SetRulePriorities",
                    R"({"rulePriorities":[{"ruleArn":")" + a + R"(","priority":20},{"ruleArn":")" +
                        b + R"(","priority":10}]})"),
            (std::vector<std::string>{a, b}));
}
