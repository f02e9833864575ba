// aws_vpc_endpoint offline: DescribeVpcEndpoints by id and the endpoint's network interface
// (DescribeNetworkInterfaces) recorded from moto (recorded/aws_vpc_endpoint).
#include <gtest/gtest.h>

#include "core/json.h"
#include "offline_case.h"

using namespace drift_test;
using status = scanner::native::live_resource::status;

namespace {

const std::string kType = "aws_vpc_endpoint";

std::string state(const offline_case& c) { return R"({"id":")" + c.resource("id") + R"("})"; }

std::string state_with(const offline_case& c, const char* name, const std::string& value) {
  return with(golden_state(kType, c, state), name, value);
}

// Two elements added to the string set `name` on both sides, in opposite orders.
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

}  // namespace

TEST(AwsVpcEndpoint, FoundReadsTheEndpointAndItsSubnetConfiguration) {
  offline_case c(kType, "found");
  auto r = c.read(state(c));
  ASSERT_EQ(r.st, status::found) << r.reason;
  expect_golden(*r.attrs, kType);
  EXPECT_EQ(c.calls(), 2);
  EXPECT_TRUE(c.transport().unused().empty());
}

TEST(AwsVpcEndpoint, DeletedEndpointIsGone) { expect_gone(kType, state); }

TEST(AwsVpcEndpoint, ThrottledIsNotCheckedAfterTheRetries) {
  expect_throttled(kType, state, "RequestLimitExceeded");
}

TEST(AwsVpcEndpoint, AccessDeniedIsNotChecked) {
  expect_denied(kType, state, "UnauthorizedOperation");
}

TEST(AwsVpcEndpoint, OnlyAChangedAttributeIsDrift) {
  expect_drift_only_on_change(kType, state, "private_dns_enabled", "false");
}

TEST(AwsVpcEndpoint, AnEquivalentPolicyIsNoDrift) {
  expect_hidden_by(
      kType,
      [](const offline_case& c) {
        return state_with(
            c, "policy",
            R"("{\"Statement\":[{\"Resource\":\"*\",\"Action\":[\"sqs:SendMessage\"],)"
            R"(\"Principal\":\"*\",\"Effect\":\"Allow\"}],\"Version\":\"2012-10-17\"}")");
      },
      "policy:policy_json");
}

TEST(AwsVpcEndpoint, RouteTablesInAnotherOrderIsNoDrift) {
  expect_string_set_order("route_table_ids", "rtb-1", "rtb-2");
}

TEST(AwsVpcEndpoint, SecurityGroupsInAnotherOrderIsNoDrift) {
  expect_string_set_order("security_group_ids", "sg-1", "sg-2");
}

TEST(AwsVpcEndpoint, SubnetsInAnotherOrderIsNoDrift) {
  expect_string_set_order("subnet_ids", "subnet-1", "subnet-2");
}

TEST(AwsVpcEndpoint, SubnetConfigurationsInAnotherOrderIsNoDrift) {
  const char* one = R"({"ipv4":"10.0.1.5","ipv6":"","subnet_id":"subnet-1"})";
  const char* two = R"({"ipv4":"10.0.2.5","ipv6":"","subnet_id":"subnet-2"})";
  expect_hidden_by(
      kType,
      [=](const offline_case& c) {
        return state_with(c, "subnet_configuration", std::string("[") + two + "," + one + "]");
      },
      "subnet_configuration:set_order",
      [=](rapidjson::Document& live) {
        auto& v = live["subnet_configuration"];
        v.SetArray();
        for (const char* o : {one, two}) {
          rapidjson::Document x(&live.GetAllocator());
          x.Parse(o);
          rapidjson::Value copy(x, live.GetAllocator());
          v.PushBack(copy, live.GetAllocator());
        }
      });
}

TEST(AwsVpcEndpoint, NullTagsEqualAnEmptyMap) {
  expect_hidden_by(
      kType,
      [](const offline_case& c) { return with(golden_state(kType, c, state), "tags", "null"); },
      "tags:null_is_empty", [](rapidjson::Document& live) { live["tags"].SetObject(); });
}

TEST(AwsVpcEndpoint, ChangedDnsOptionsAndAddressTypeAreDrift) {
  // moto answers neither: the recording holds them in the API reference's shape ("edited").
  expect_drift_only_on_change(
      kType, state, "dns_options",
      R"([{"dns_record_ip_type":"dualstack","private_dns_only_for_inbound_resolver_endpoint":false}])");
  expect_drift_only_on_change(kType, state, "ip_address_type", R"("dualstack")");
}
