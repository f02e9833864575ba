// aws_network_acl offline: DescribeNetworkAcls recorded from moto (recorded/aws_network_acl),
// with the ICMP type/code and AWS's default deny entries moto leaves out added in the API
// reference's shape (marked "edited").
#include <gtest/gtest.h>

#include <atomic>

#include "aws/credential_providers.h"
#include "core/json.h"
#include "offline_case.h"
#include "registry.h"

using namespace drift_test;
using status = scanner::native::live_resource::status;

namespace {

const std::string kType = "aws_network_acl";

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

TEST(AwsNetworkAcl, FoundReadsTheEntriesWithoutTheDefaultDeny) {
  offline_case c(kType, "found");
  auto r = c.read(state(c));
  ASSERT_EQ(r.st, status::found) << r.reason;
  expect_golden(*r.attrs, kType);
  EXPECT_TRUE(c.transport().unused().empty());
  // Three ingress entries and one egress: the two 32767 deny entries are AWS's own.
  EXPECT_EQ((*r.attrs)["ingress"].Size(), 3u);
  EXPECT_EQ((*r.attrs)["egress"].Size(), 1u);
  for (const auto& e : (*r.attrs)["ingress"].GetArray()) EXPECT_NE(e["rule_no"].GetInt(), 32767);
}

TEST(AwsNetworkAcl, DeletedAclIsGone) { expect_gone(kType, state); }

TEST(AwsNetworkAcl, ThrottledIsNotCheckedAfterTheRetries) {
  expect_throttled(kType, state, "RequestLimitExceeded");
}

TEST(AwsNetworkAcl, AccessDeniedIsNotChecked) {
  expect_denied(kType, state, "UnauthorizedOperation");
}

TEST(AwsNetworkAcl, OnlyAChangedAttributeIsDrift) {
  expect_drift_only_on_change(
      kType, state, "egress",
      R"([{"action":"allow","cidr_block":"10.0.0.0/8","from_port":0,"icmp_code":0,)"
      R"("icmp_type":0,"ipv6_cidr_block":"","protocol":"-1","rule_no":100,"to_port":0}])");
}

TEST(AwsNetworkAcl, IngressInAnotherOrderIsNoDrift) {
  expect_hidden_by(
      kType, [](const offline_case& c) { return reversed(c, "ingress"); }, "ingress:set_order");
}

TEST(AwsNetworkAcl, EgressInAnotherOrderIsNoDrift) {
  // One recorded egress entry: the live read gets a second one to reorder.
  expect_hidden_by(
      kType,
      [](const offline_case& c) {
        rapidjson::Document d;
        d.Parse(golden_state(kType, c, state).c_str());
        rapidjson::Value extra(d["ingress"][0], d.GetAllocator());
        d["egress"].PushBack(extra, d.GetAllocator());
        return core::json::to_text(d);
      },
      "egress:set_order",
      [](rapidjson::Document& live) {
        rapidjson::Value extra(live["ingress"][0], live.GetAllocator());
        auto& eg = live["egress"];
        eg.PushBack(extra, live.GetAllocator());
        eg[0].Swap(eg[1]);
      });
}

TEST(AwsNetworkAcl, SubnetsInAnotherOrderIsNoDrift) {
  expect_hidden_by(
      kType,
      [](const offline_case& c) {
        return with(golden_state(kType, c, state), "subnet_ids",
                    R"(["subnet-00000000000000000",")" + c.resource("subnet_id") + R"("])");
      },
      "subnet_ids:set_order",
      [](rapidjson::Document& live) {
        auto& s = live["subnet_ids"];
        s.PushBack(rapidjson::Value("subnet-00000000000000000"), live.GetAllocator());
      });
}

TEST(AwsNetworkAcl, NullTagsEqualAnEmptyMap) {
  expect_hidden_by(
      kType,
      [](const offline_case& c) { return with(golden_state(kType, c, state), "tags", "null"); },
      "tags:null_is_empty", [](rapidjson::Document& live) { live["tags"].SetObject(); });
}

TEST(AwsNetworkAcl, ListingSkipsEveryVpcsDefaultAcl) {
  offline_case c(kType, "listed");
  const auto ids = listed_ids(kType, state_of(kType, state(c)));
  EXPECT_TRUE(has(ids, c.resource("id")));
  EXPECT_FALSE(has(ids, c.resource("default_acl")));
  // Only the one ACL made by hand: the default VPC's ACL is skipped too.
  EXPECT_EQ(ids.size(), 1u);
}

TEST(AwsNetworkAcl, AMissingAclInABatchIsGoneAndTheRestFound) {
  // EC2 fails a by-id call naming a missing ACL as a whole: each id is then asked alone.
  offline_case c(kType, "batch_missing");
  auto st = terraform::parse_state(
      R"({"version":4,"terraform_version":"1.11.0","serial":1,"lineage":"offline","outputs":{},)"
      R"("resources":[{"mode":"managed","type":"aws_network_acl","name":"r",)"
      R"("provider":"provider[\"registry.terraform.io/hashicorp/aws\"]","instances":[)"
      R"({"index_key":0,"schema_version":0,"attributes":{"id":")" +
      c.resource("id") +
      R"("},"sensitive_attributes":[]},)"
      R"({"index_key":1,"schema_version":0,"attributes":{"id":")" +
      c.resource("missing_id") + R"("},"sensitive_attributes":[]}]}]})");
  ASSERT_TRUE(static_cast<bool>(st)) << st.error().message;
  auto transport = drift_test::recorded_transport::load(
      std::string(DRIFT_TYPES_TEST_DIR) + "/recorded/" + kType + "/batch_missing.json");
  aws::session::options o;
  o.region = "us-east-1";
  o.credentials = aws::static_credentials({"AKIDOFFLINE", "offline-secret", "", std::nullopt});
  o.transport = transport;
  o.endpoint_url = "http://recorded.invalid";
  aws::session s(std::move(o));
  std::atomic<int> calls{0};
  scanner::native::read_context ctx{s, *st, "123456789012", "us-east-1", &calls};
  auto out = c.module().read(ctx, {&st->resources[0], &st->resources[1]});
  ASSERT_EQ(out.size(), 2u);
  EXPECT_EQ(out[0].st, status::found) << out[0].reason;
  EXPECT_EQ(out[1].st, status::gone) << out[1].reason;
  EXPECT_EQ(calls.load(), 3);
  EXPECT_TRUE(transport->unused().empty());
}
