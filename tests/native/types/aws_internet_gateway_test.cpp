// aws_internet_gateway offline: DescribeInternetGateways recorded from moto
// (recorded/aws_internet_gateway).
#include <gtest/gtest.h>

#include "core/json.h"
#include "offline_case.h"
#include "registry.h"

using namespace drift_test;

namespace {

const std::string kType = "aws_internet_gateway";

std::string state(const offline_case& c) { return R"({"id":")" + c.resource("id") + R"("})"; }

}  // namespace

TEST(AwsInternetGateway, FoundReadsTheGatewayAndItsVpc) {
  offline_case c(kType, "found");
  auto r = c.read(state(c));
  ASSERT_EQ(r.st, scanner::native::live_resource::status::found) << r.reason;
  expect_golden(*r.attrs, kType);
  EXPECT_EQ(core::json::string_member(*r.attrs, "vpc_id"), c.resource("vpc_id"));
  EXPECT_TRUE(c.transport().unused().empty());
}

TEST(AwsInternetGateway, DeletedGatewayIsGone) { expect_gone(kType, state); }

TEST(AwsInternetGateway, ThrottledIsNotCheckedAfterTheRetries) {
  expect_throttled(kType, state, "RequestLimitExceeded");
}

TEST(AwsInternetGateway, AccessDeniedIsNotChecked) {
  expect_denied(kType, state, "UnauthorizedOperation");
}

TEST(AwsInternetGateway, ADetachedGatewayIsDrift) {
  // The state names another VPC than the one the gateway is attached to.
  expect_drift_only_on_change(kType, state, "vpc_id", R"("vpc-0123456789abcdef0")");
}

TEST(AwsInternetGateway, NullTagsEqualAnEmptyMap) {
  expect_hidden_by(
      kType,
      [](const offline_case& c) { return with(golden_state(kType, c, state), "tags", "null"); },
      "tags:null_is_empty", [](rapidjson::Document& live) { live["tags"].SetObject(); });
}

TEST(AwsInternetGateway, ListingSkipsTheDefaultVpcsGateway) {
  offline_case c(kType, "listed");
  const auto ids = listed_ids(kType, state_of(kType, state(c)));
  EXPECT_TRUE(has(ids, c.resource("id")));
  EXPECT_FALSE(has(ids, c.resource("default_igw")));
}

TEST(AwsInternetGateway, CloudTrailCallsLocateTheGatewayTheyName) {
  EXPECT_EQ(
      located(kType, "DetachInternetGateway", R"({"internetGatewayId":"igw-1","vpcId":"vpc-1"})"),
      std::vector<std::string>{"igw-1"});
  EXPECT_EQ(located(kType, "CreateTags",
                    R"({"resourcesSet":{"items":[{"resourceId":"igw-2"},)"
                    R"({"resourceId":"vpc-1"}]}})"),
            std::vector<std::string>{"igw-2"});
}
