// aws_eip offline: DescribeAddresses recorded from moto (recorded/aws_eip).
#include <gtest/gtest.h>

#include "core/json.h"
#include "offline_case.h"

using namespace drift_test;

namespace {

const std::string kType = "aws_eip";

std::string state(const offline_case& c) { return R"({"id":")" + c.resource("id") + R"("})"; }

}  // namespace

TEST(AwsEip, FoundReadsTheAddressAndItsAssociation) {
  offline_case c(kType, "found");
  auto r = c.read(state(c));
  ASSERT_EQ(r.st, scanner::native::live_resource::status::found) << r.reason;
  expect_golden(*r.attrs, kType);
  EXPECT_EQ(core::json::string_member(*r.attrs, "domain"), "vpc");
  EXPECT_TRUE((*r.attrs)["vpc"].GetBool());
  // The NAT gateway holds it through its interface; the names follow the addresses.
  EXPECT_TRUE(core::json::string_member(*r.attrs, "network_interface").starts_with("eni-"));
  EXPECT_TRUE(core::json::string_member(*r.attrs, "private_dns").ends_with(".ec2.internal"));
  EXPECT_TRUE(c.transport().unused().empty());
}

TEST(AwsEip, ReleasedAddressIsGone) { expect_gone(kType, state); }

TEST(AwsEip, ThrottledIsNotCheckedAfterTheRetries) {
  expect_throttled(kType, state, "RequestLimitExceeded");
}

TEST(AwsEip, AccessDeniedIsNotChecked) { expect_denied(kType, state, "UnauthorizedOperation"); }

TEST(AwsEip, AnAddressMovedToAnotherInterfaceIsDrift) {
  expect_drift_only_on_change(kType, state, "network_interface", R"("eni-0123456789abcdef0")");
}

TEST(AwsEip, NullTagsEqualAnEmptyMap) {
  expect_hidden_by(
      kType,
      [](const offline_case& c) { return with(golden_state(kType, c, state), "tags", "null"); },
      "tags:null_is_empty", [](rapidjson::Document& live) { live["tags"].SetObject(); });
}
