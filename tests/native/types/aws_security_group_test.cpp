// aws_security_group offline: DescribeSecurityGroups recorded from moto
// (recorded/aws_security_group), flattened into the provider's ingress/egress sets.
#include <gtest/gtest.h>

#include "core/json.h"
#include "offline_case.h"

using namespace drift_test;

namespace {

const std::string kType = "aws_security_group";

std::string state(const offline_case& c) { return R"({"id":")" + c.resource("id") + R"("})"; }

// The golden state with the elements of the set `name` in reverse order.
std::string reversed(const offline_case& c, const char* name) {
  rapidjson::Document d;
  d.Parse(golden_state(kType, c, state).c_str());
  auto arr = d[name].GetArray();
  EXPECT_GE(arr.Size(), 2u) << name << " needs two elements to change their order";
  for (rapidjson::SizeType i = 0, j = arr.Size() - 1; i < j; ++i, --j) arr[i].Swap(arr[j]);
  return core::json::to_text(d);
}

}  // namespace

TEST(AwsSecurityGroup, FoundReadsTheGroupWithFlattenedRules) {
  offline_case c(kType, "found");
  auto r = c.read(state(c));
  ASSERT_EQ(r.st, scanner::native::live_resource::status::found) << r.reason;
  expect_golden(*r.attrs, kType);
  EXPECT_TRUE(c.transport().unused().empty());
}

TEST(AwsSecurityGroup, DeletedGroupIsGone) { expect_gone(kType, state); }

TEST(AwsSecurityGroup, ThrottledIsNotCheckedAfterTheRetries) {
  expect_throttled(kType, state, "RequestLimitExceeded");
}

TEST(AwsSecurityGroup, AccessDeniedIsNotChecked) {
  expect_denied(kType, state, "UnauthorizedOperation");
}

TEST(AwsSecurityGroup, OnlyAChangedAttributeIsDrift) {
  expect_drift_only_on_change(kType, state, "description", R"("changed by hand")");
}

TEST(AwsSecurityGroup, IngressInAnotherOrderIsNoDrift) {
  expect_hidden_by(
      kType, [](const offline_case& c) { return reversed(c, "ingress"); }, "ingress:set_order");
}

TEST(AwsSecurityGroup, EgressInAnotherOrderIsNoDrift) {
  expect_hidden_by(
      kType, [](const offline_case& c) { return reversed(c, "egress"); }, "egress:set_order");
}

TEST(AwsSecurityGroup, NullTagsEqualAnEmptyMap) {
  expect_hidden_by(
      kType,
      [](const offline_case& c) { return with(golden_state(kType, c, state), "tags", "null"); },
      "tags:null_is_empty", [](rapidjson::Document& live) { live["tags"].SetObject(); });
}
