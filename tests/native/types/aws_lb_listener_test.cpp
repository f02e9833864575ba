// aws_lb_listener offline: DescribeListeners, DescribeTags and DescribeListenerAttributes
// recorded from moto (recorded/aws_lb_listener); `edited` holds what moto cannot answer (an
// ALPN policy, a certificate, mutual TLS) in the API reference's shape.
#include <gtest/gtest.h>

#include "core/json.h"
#include "offline_case.h"
#include "registry.h"

using namespace drift_test;

namespace {

const std::string kType = "aws_lb_listener";

std::string state(const offline_case& c) { return R"({"id":")" + c.resource("id") + R"("})"; }

// The state of a listener whose default action names its target group at the top level, as
// the configuration of the ground truth does.
std::string configured(const offline_case& c) {
  return with(state(c), "default_action",
              R"([{"type":"forward","target_group_arn":")" + c.resource("target_group") +
                  R"(","forward":[]}])");
}

}  // namespace

TEST(AwsLbListener, FoundReadsTheListenerWithActionsAttributesAndTags) {
  expect_found_golden(kType, configured, 3);
  offline_case c(kType, "found");
  auto r = c.read(configured(c));
  ASSERT_EQ(r.st, scanner::native::live_resource::status::found) << r.reason;
  EXPECT_EQ(core::json::string_member(*r.attrs, "load_balancer_arn"), c.resource("load_balancer"));
  EXPECT_EQ(core::json::string_member((*r.attrs)["default_action"][0], "target_group_arn"),
            c.resource("target_group"));
  EXPECT_FALSE((*r.attrs)["routing_http_response_server_enabled"].GetBool());
}

TEST(AwsLbListener, AForwardBlockInStateIsReadAsOne) {
  // A state whose action forwards through a `forward` block keeps that form on refresh.
  offline_case c(kType, "found");
  auto r =
      c.read(with(state(c), "default_action",
                  R"([{"type":"forward","target_group_arn":"","forward":[{"target_group":[]}]}])"));
  ASSERT_EQ(r.st, scanner::native::live_resource::status::found) << r.reason;
  EXPECT_EQ(core::json::string_member((*r.attrs)["default_action"][0], "target_group_arn"), "");
}

TEST(AwsLbListener, DeletedListenerIsGone) { expect_gone(kType, state); }

TEST(AwsLbListener, ThrottledIsNotCheckedAfterTheRetries) {
  expect_throttled(kType, state, "Throttling");
}

TEST(AwsLbListener, AccessDeniedIsNotChecked) { expect_denied(kType, state, "AccessDenied"); }

TEST(AwsLbListener, OnlyAChangedAttributeIsDrift) {
  expect_drift_only_on_change(kType, state, "port", "8080");
}

TEST(AwsLbListener, AlpnCertificateAndMutualTlsAreRead) {
  // moto keeps none of them: the edited answer of the API reference's shape shows them read
  // and their change reported.
  offline_case c(kType, "edited");
  auto r = c.read(configured(c));
  ASSERT_EQ(r.st, scanner::native::live_resource::status::found) << r.reason;
  EXPECT_EQ(core::json::string_member(*r.attrs, "alpn_policy"), "HTTP2Preferred");
  EXPECT_EQ(core::json::string_member(*r.attrs, "certificate_arn"),
            "arn:aws:acm:us-east-1:123456789012:certificate/0123abcd-0000-4000-8000-000000000001");
  EXPECT_EQ(
      core::json::to_text((*r.attrs)["mutual_authentication"]),
      R"([{"advertise_trust_store_ca_names":"on","ignore_client_certificate_expiry":false,"mode":"verify","trust_store_arn":"arn:aws:elasticloadbalancing:us-east-1:123456789012:truststore/trust/0123456789abcdef"}])");
  offline_case g(kType, "edited");
  auto st = with(with(with(golden_state(kType, g, state), "alpn_policy", R"("None")"),
                      "certificate_arn", R"("arn:aws:acm:us-east-1:123456789012:certificate/old")"),
                 "mutual_authentication", "[]");
  g.read(st);
  std::map<std::string, int> suppressed;
  EXPECT_EQ(names(g.compare(suppressed)),
            (std::vector<std::string>{"alpn_policy", "certificate_arn", "mutual_authentication"}));
}

TEST(AwsLbListener, NullTagsEqualAnEmptyMap) {
  expect_hidden_by(
      kType,
      [](const offline_case& c) { return with(golden_state(kType, c, state), "tags", "null"); },
      "tags:null_is_empty", [](rapidjson::Document& live) { live["tags"].SetObject(); });
}

TEST(AwsLbListener, ConsoleCallsLocateTheListener) {
  const std::string l = "arn:aws:elasticloadbalancing:us-east-1:123456789012:listener/app/web/1/3";
  EXPECT_EQ(located(kType, "ModifyListener", R"({"listenerArn":")" + l + R"(","port":8080})"),
            std::vector<std::string>{l});
  // A rule's ARN is not a listener's.
  EXPECT_TRUE(
      located(
          kType, "AddTags",
          R"({"resourceArns":["arn:aws:elasticloadbalancing:us-east-1:123456789012:listener-rule/app/web/1/3/4"]})")
          .empty());
}

TEST(AwsLbListenerList, ListsTheListenersOfEveryLoadBalancer) {
  // recorded/aws_lb_listener/list.json: DescribeLoadBalancers, then DescribeListeners of each.
  const auto found = listed(kType, terraform::state{}, "list");
  offline_case c(kType, "list");
  ASSERT_EQ(found.size(), 1u);
  EXPECT_EQ(found[0].id, c.resource("id"));
  EXPECT_EQ(found[0].import_id, c.resource("id"));
}
