// aws_iam_role offline: GetAccountAuthorizationDetails (roles) and ListRoles recorded from moto
// (recorded/aws_iam_role).
#include <gtest/gtest.h>

#include "core/json.h"
#include "offline_case.h"

using namespace drift_test;

namespace {

const std::string kType = "aws_iam_role";

std::string state(const offline_case& c) { return R"({"id":")" + c.resource("id") + R"("})"; }

// The state with `name` holding two elements swapped against the live read, which gets a
// second element in order.
void two_elements(rapidjson::Document& live, const char* name, const std::string& second) {
  auto& a = live.GetAllocator();
  rapidjson::Document extra(&a);
  extra.Parse(second.c_str());
  live[name].PushBack(rapidjson::Value(extra, a), a);
}

}  // namespace

TEST(AwsIamRole, FoundReadsTheRoleWithItsPoliciesInTerraformsShape) {
  offline_case c(kType, "found");
  auto r = c.read(state(c));
  ASSERT_EQ(r.st, scanner::native::live_resource::status::found) << r.reason;
  expect_golden(*r.attrs, kType);
  EXPECT_TRUE(c.transport().unused().empty());
  EXPECT_EQ(c.calls(), 2);
  // IAM's percent-encoded inline document, decoded, Version first as the provider stores it.
  const auto inline_policy = core::json::to_text((*r.attrs)["inline_policy"]);
  EXPECT_NE(inline_policy.find(R"({\"Version\":\"2012-10-17\",\"Statement\")"), std::string::npos)
      << inline_policy;
}

TEST(AwsIamRole, DeletedRoleIsGone) { expect_gone(kType, state); }

TEST(AwsIamRole, ThrottledIsNotCheckedAfterTheRetries) {
  expect_throttled(kType, state, "Throttling");
}

TEST(AwsIamRole, AccessDeniedIsNotChecked) { expect_denied(kType, state, "AccessDenied"); }

TEST(AwsIamRole, OnlyAChangedAttributeIsDrift) {
  expect_drift_only_on_change(kType, state, "max_session_duration", "3600");
}

TEST(AwsIamRole, AnInlinePolicyChangedInIamIsDrift) {
  offline_case c(kType, "found");
  auto r = c.read(with(
      golden_state(kType, c, state), "inline_policy",
      R"([{"name":"read-logs","policy":"{\"Statement\":[{\"Action\":\"logs:GetLogEvents\",\"Effect\":\"Allow\",\"Resource\":\"*\"}],\"Version\":\"2012-10-17\"}"}])"));
  ASSERT_EQ(r.st, scanner::native::live_resource::status::found) << r.reason;
  std::map<std::string, int> suppressed;
  EXPECT_EQ(names(c.compare(suppressed)), std::vector<std::string>{"inline_policy"});
}

TEST(AwsIamRole, AnInlinePolicyWrittenAnotherWayKeepsTheStatesText) {
  // The provider keeps the configured text when IAM holds an equivalent document.
  offline_case c(kType, "found");
  const std::string configured =
      R"([{"name":"read-logs","policy":"{\"Statement\":[{\"Resource\":[\"arn:aws:logs:us-east-1:123456789012:log-group:/drift/*\"],\"Action\":[\"logs:FilterLogEvents\",\"logs:GetLogEvents\"],\"Effect\":\"Allow\"}],\"Version\":\"2012-10-17\"}"}])";
  auto r = c.read(with(golden_state(kType, c, state), "inline_policy", configured));
  ASSERT_EQ(r.st, scanner::native::live_resource::status::found) << r.reason;
  std::map<std::string, int> suppressed;
  EXPECT_TRUE(c.compare(suppressed).empty());
  EXPECT_TRUE(suppressed.empty());
}

TEST(AwsIamRole, TrustPolicyWrittenAnotherWayIsNoDrift) {
  expect_hidden_by(
      kType,
      [](const offline_case& c) {
        return with(
            golden_state(kType, c, state), "assume_role_policy",
            R"("{\"Version\": \"2012-10-17\", \"Statement\": [{\"Action\": [\"sts:AssumeRole\"], \"Principal\": {\"Service\": \"lambda.amazonaws.com\"}, \"Effect\": \"Allow\"}]}")");
      },
      "assume_role_policy:policy_json");
}

TEST(AwsIamRole, AttachedPoliciesInAnotherOrderAreNoDrift) {
  const std::string other = R"("arn:aws:iam::aws:policy/ReadOnlyAccess")";
  expect_hidden_by(
      kType,
      [&](const offline_case& c) {
        rapidjson::Document d;
        d.Parse(golden_state(kType, c, state).c_str());
        auto& a = d.GetAllocator();
        rapidjson::Document extra(&a);
        extra.Parse(other.c_str());
        auto& arns = d["managed_policy_arns"];
        arns.PushBack(rapidjson::Value(extra, a), a);
        arns[0].Swap(arns[1]);
        return core::json::to_text(d);
      },
      "managed_policy_arns:set_order",
      [&](rapidjson::Document& live) { two_elements(live, "managed_policy_arns", other); });
}

TEST(AwsIamRole, InlinePoliciesInAnotherOrderAreNoDrift) {
  const std::string other =
      R"({"name":"z-second","policy":"{\"Version\":\"2012-10-17\",\"Statement\":[]}"})";
  expect_hidden_by(
      kType,
      [&](const offline_case& c) {
        rapidjson::Document d;
        d.Parse(golden_state(kType, c, state).c_str());
        auto& a = d.GetAllocator();
        rapidjson::Document extra(&a);
        extra.Parse(other.c_str());
        auto& list = d["inline_policy"];
        list.PushBack(rapidjson::Value(extra, a), a);
        list[0].Swap(list[1]);
        return core::json::to_text(d);
      },
      "inline_policy:set_order",
      [&](rapidjson::Document& live) { two_elements(live, "inline_policy", other); });
}

TEST(AwsIamRole, NullTagsEqualAnEmptyMap) {
  expect_hidden_by(
      kType,
      [](const offline_case& c) { return with(golden_state(kType, c, state), "tags", "null"); },
      "tags:null_is_empty", [](rapidjson::Document& live) { live["tags"].SetObject(); });
}
