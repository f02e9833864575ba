// aws_eip offline: DescribeAddresses recorded from moto (recorded/aws_eip).
#include <gtest/gtest.h>

#include "core/json.h"
#include "offline_case.h"
#include "registry.h"

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

TEST(AwsEip, ListingNamesEveryAllocation) {
  // DescribeAddresses takes no MaxResults: one unpaged call answers every address.
  offline_case c(kType, "listed");
  const auto ids = listed_ids(kType, state_of(kType, state(c)));
  EXPECT_TRUE(has(ids, c.resource("id")));
  EXPECT_TRUE(has(ids, c.resource("spare")));
}

TEST(AwsEip, CloudTrailCallsLocateTheAllocationTheyName) {
  EXPECT_EQ(
      located(kType, "AssociateAddress", R"({"allocationId":"eipalloc-1","instanceId":"i-1"})"),
      std::vector<std::string>{"eipalloc-1"});
  EXPECT_EQ(
      located(kType, "CreateTags", R"({"resourcesSet":{"items":[{"resourceId":"eipalloc-2"}]}})"),
      std::vector<std::string>{"eipalloc-2"});
  // A disassociation names only the association: no guess.
  EXPECT_TRUE(located(kType, "DisassociateAddress", R"({"associationId":"eipassoc-1"})").empty());
}
