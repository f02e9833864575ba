// aws_nat_gateway offline: DescribeNatGateways recorded from moto (recorded/aws_nat_gateway).
#include <gtest/gtest.h>

#include "core/json.h"
#include "offline_case.h"
#include "registry.h"

using namespace drift_test;

namespace {

const std::string kType = "aws_nat_gateway";

std::string state(const offline_case& c) { return R"({"id":")" + c.resource("id") + R"("})"; }

// The golden state with `name` holding two values in one order, the live read in the other.
void expect_set_hidden(const char* name) {
  expect_hidden_by(
      kType,
      [name](const offline_case& c) {
        return with(golden_state(kType, c, state), name, R"(["b-2","a-1"])");
      },
      std::string(name) + ":set_order",
      [name](rapidjson::Document& live) {
        rapidjson::Document v;
        v.Parse(R"(["a-1","b-2"])");
        live[name].CopyFrom(v, live.GetAllocator());
      });
}

}  // namespace

TEST(AwsNatGateway, FoundReadsThePrimaryAddress) {
  offline_case c(kType, "found");
  auto r = c.read(state(c));
  ASSERT_EQ(r.st, scanner::native::live_resource::status::found) << r.reason;
  expect_golden(*r.attrs, kType);
  EXPECT_EQ(core::json::string_member(*r.attrs, "allocation_id"), c.resource("allocation_id"));
  EXPECT_EQ(core::json::string_member(*r.attrs, "subnet_id"), c.resource("subnet_id"));
  EXPECT_TRUE(c.transport().unused().empty());
}

// moto keeps a deleted gateway listed in state `deleted`, as AWS does for about an hour.
TEST(AwsNatGateway, DeletedGatewayIsGone) { expect_gone(kType, state); }

TEST(AwsNatGateway, ThrottledIsNotCheckedAfterTheRetries) {
  expect_throttled(kType, state, "RequestLimitExceeded");
}

TEST(AwsNatGateway, AccessDeniedIsNotChecked) {
  expect_denied(kType, state, "UnauthorizedOperation");
}

TEST(AwsNatGateway, OnlyAChangedAttributeIsDrift) {
  expect_drift_only_on_change(kType, state, "subnet_id", R"("subnet-0123456789abcdef0")");
}

TEST(AwsNatGateway, SecondaryAllocationsInAnotherOrderAreNoDrift) {
  expect_set_hidden("secondary_allocation_ids");
}

TEST(AwsNatGateway, SecondaryAddressesInAnotherOrderAreNoDrift) {
  expect_set_hidden("secondary_private_ip_addresses");
}

TEST(AwsNatGateway, NullTagsEqualAnEmptyMap) {
  expect_hidden_by(
      kType,
      [](const offline_case& c) { return with(golden_state(kType, c, state), "tags", "null"); },
      "tags:null_is_empty", [](rapidjson::Document& live) { live["tags"].SetObject(); });
}

TEST(AwsNatGateway, ListingSkipsDeletedGateways) {
  offline_case c(kType, "listed");
  const auto ids = listed_ids(kType, state_of(kType, state(c)));
  EXPECT_TRUE(has(ids, c.resource("id")));
  EXPECT_FALSE(has(ids, c.resource("deleted")));
}

TEST(AwsNatGateway, CloudTrailCallsLocateTheGatewayTheyName) {
  // The newer API: CloudTrail wraps the request.
  EXPECT_EQ(
      located(kType, "DeleteNatGateway", R"({"DeleteNatGatewayRequest":{"NatGatewayId":"nat-1"}})"),
      std::vector<std::string>{"nat-1"});
  EXPECT_EQ(located(kType, "CreateTags", R"({"resourcesSet":{"items":[{"resourceId":"nat-2"}]}})"),
            std::vector<std::string>{"nat-2"});
}
