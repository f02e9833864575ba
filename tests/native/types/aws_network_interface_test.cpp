// aws_network_interface offline: DescribeNetworkInterfaces recorded from moto
// (recorded/aws_network_interface).
#include <gtest/gtest.h>

#include "core/json.h"
#include "offline_case.h"
#include "registry.h"

using namespace drift_test;
using status = scanner::native::live_resource::status;

namespace {

const std::string kType = "aws_network_interface";

std::string state(const offline_case& c) { return R"({"id":")" + c.resource("id") + R"("})"; }

// The golden state with the set `name` holding `value` (JSON) instead.
std::string state_with(const offline_case& c, const char* name, const std::string& value) {
  return with(golden_state(kType, c, state), name, value);
}

}  // namespace

TEST(AwsNetworkInterface, FoundReadsTheInterfaceInTerraformsShape) {
  offline_case c(kType, "found");
  auto r = c.read(state(c));
  ASSERT_EQ(r.st, status::found) << r.reason;
  expect_golden(*r.attrs, kType);
  EXPECT_TRUE(c.transport().unused().empty());
  // The primary address leads the list; the count is of the secondary ones.
  EXPECT_EQ(std::string((*r.attrs)["private_ip_list"][0].GetString()), "10.0.1.10");
  EXPECT_EQ((*r.attrs)["private_ips_count"].GetInt(), 1);
}

TEST(AwsNetworkInterface, DeletedInterfaceIsGone) { expect_gone(kType, state); }

TEST(AwsNetworkInterface, ThrottledIsNotCheckedAfterTheRetries) {
  expect_throttled(kType, state, "RequestLimitExceeded");
}

TEST(AwsNetworkInterface, AccessDeniedIsNotChecked) {
  expect_denied(kType, state, "UnauthorizedOperation");
}

TEST(AwsNetworkInterface, OnlyAChangedAttributeIsDrift) {
  expect_drift_only_on_change(kType, state, "source_dest_check", "true");
}

TEST(AwsNetworkInterface, PrivateIpsInAnotherOrderIsNoDrift) {
  expect_hidden_by(
      kType,
      [](const offline_case& c) {
        return state_with(c, "private_ips", R"(["10.0.1.11","10.0.1.10"])");
      },
      "private_ips:set_order");
}

TEST(AwsNetworkInterface, SecurityGroupsInAnotherOrderIsNoDrift) {
  expect_hidden_by(
      kType,
      [](const offline_case& c) {
        return state_with(
            c, "security_groups",
            R"(["sg-00000000000000000",")" + c.resource("security_group_id") + R"("])");
      },
      "security_groups:set_order",
      [](rapidjson::Document& live) {
        live["security_groups"].PushBack(rapidjson::Value("sg-00000000000000000"),
                                         live.GetAllocator());
      });
}

// The sets moto leaves empty here: two elements added on both sides, in opposite orders.
void expect_string_set_order(const char* name, const char* a, const char* b) {
  expect_hidden_by(
      kType,
      [=](const offline_case& c) {
        return state_with(c, name, std::string(R"([")") + b + R"(",")" + a + R"("])");
      },
      std::string(name) + ":set_order",
      [=](rapidjson::Document& live) {
        auto& v = live[name];
        v.SetArray();
        v.PushBack(rapidjson::Value(a, live.GetAllocator()), live.GetAllocator());
        v.PushBack(rapidjson::Value(b, live.GetAllocator()), live.GetAllocator());
      });
}

TEST(AwsNetworkInterface, Ipv4PrefixesInAnotherOrderIsNoDrift) {
  expect_string_set_order("ipv4_prefixes", "10.0.1.32/28", "10.0.1.48/28");
}

TEST(AwsNetworkInterface, Ipv6AddressesInAnotherOrderIsNoDrift) {
  expect_string_set_order("ipv6_addresses", "2600:1f18::1", "2600:1f18::2");
}

TEST(AwsNetworkInterface, Ipv6PrefixesInAnotherOrderIsNoDrift) {
  expect_string_set_order("ipv6_prefixes", "2600:1f18:0:1::/80", "2600:1f18:0:2::/80");
}

TEST(AwsNetworkInterface, AttachmentsInAnotherOrderIsNoDrift) {
  // One interface has one attachment at most: two only prove the rule's order handling.
  const char* one = R"({"attachment_id":"eni-attach-1","device_index":1,"instance":"i-1"})";
  const char* two = R"({"attachment_id":"eni-attach-2","device_index":2,"instance":"i-2"})";
  expect_hidden_by(
      kType,
      [=](const offline_case& c) {
        return state_with(c, "attachment", std::string("[") + two + "," + one + "]");
      },
      "attachment:set_order",
      [=](rapidjson::Document& live) {
        auto& v = live["attachment"];
        v.SetArray();
        for (const char* o : {one, two}) {
          rapidjson::Document x(&live.GetAllocator());
          x.Parse(o);
          rapidjson::Value copy(x, live.GetAllocator());
          v.PushBack(copy, live.GetAllocator());
        }
      });
}

TEST(AwsNetworkInterface, NullTagsEqualAnEmptyMap) {
  expect_hidden_by(
      kType,
      [](const offline_case& c) { return with(golden_state(kType, c, state), "tags", "null"); },
      "tags:null_is_empty", [](rapidjson::Document& live) { live["tags"].SetObject(); });
}

TEST(AwsNetworkInterface, ListingSkipsAnInstancesOwnInterface) {
  offline_case c(kType, "listed");
  const auto ids = listed_ids(kType, state_of(kType, state(c)));
  EXPECT_TRUE(has(ids, c.resource("id")));
  EXPECT_FALSE(has(ids, c.resource("instance_eni")));
}
