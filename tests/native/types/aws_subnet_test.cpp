// aws_subnet offline: DescribeSubnets recorded from moto (recorded/aws_subnet).
#include <gtest/gtest.h>

#include "core/json.h"
#include "offline_case.h"

using namespace drift_test;

namespace {

const std::string kType = "aws_subnet";

std::string state(const offline_case& c) { return R"({"id":")" + c.resource("id") + R"("})"; }

}  // namespace

TEST(AwsSubnet, FoundReadsTheSubnetInTerraformsShape) {
  offline_case c(kType, "found");
  auto r = c.read(state(c));
  ASSERT_EQ(r.st, scanner::native::live_resource::status::found) << r.reason;
  expect_golden(*r.attrs, kType);
  EXPECT_EQ(core::json::string_member(*r.attrs, "vpc_id"), c.resource("vpc_id"));
  EXPECT_TRUE(c.transport().unused().empty());
}

TEST(AwsSubnet, DeletedSubnetIsGone) { expect_gone(kType, state); }

TEST(AwsSubnet, ThrottledIsNotCheckedAfterTheRetries) {
  expect_throttled(kType, state, "RequestLimitExceeded");
}

TEST(AwsSubnet, AccessDeniedIsNotChecked) { expect_denied(kType, state, "UnauthorizedOperation"); }

TEST(AwsSubnet, OnlyAChangedAttributeIsDrift) {
  expect_drift_only_on_change(kType, state, "map_public_ip_on_launch", "false");
}

TEST(AwsSubnet, NullTagsEqualAnEmptyMap) {
  expect_hidden_by(
      kType,
      [](const offline_case& c) { return with(golden_state(kType, c, state), "tags", "null"); },
      "tags:null_is_empty", [](rapidjson::Document& live) { live["tags"].SetObject(); });
}
