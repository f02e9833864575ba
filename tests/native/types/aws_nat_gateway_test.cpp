// aws_nat_gateway offline: DescribeNatGateways recorded from moto (recorded/aws_nat_gateway).
#include <gtest/gtest.h>

#include <algorithm>
#include <atomic>

#include "aws/credential_providers.h"
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

// The module's listing (unmanaged discovery) over recorded/<type>/listed.json, with `st` as the
// scanned state; the ids it lists. Every call must be one the recording expects.
std::vector<std::string> listed_ids(const std::string& type, const terraform::state& st) {
  auto transport = drift_test::recorded_transport::load(std::string(DRIFT_TYPES_TEST_DIR) +
                                                        "/recorded/" + type + "/listed.json");
  aws::session::options o;
  o.region = "us-east-1";
  o.credentials = aws::static_credentials({"AKIDOFFLINE", "offline-secret", "", std::nullopt});
  o.transport = transport;
  o.endpoint_url = "http://recorded.invalid";
  aws::session s(std::move(o));
  std::atomic<int> calls{0};
  scanner::native::read_context ctx{s, st, "123456789012", "us-east-1", &calls};
  auto out = scanner::native::find_module(type)->list(ctx);
  EXPECT_TRUE(static_cast<bool>(out)) << (out ? std::string() : out.error().message);
  EXPECT_TRUE(transport->unused().empty());
  std::vector<std::string> ids;
  if (out)
    for (const auto& d : *out) ids.push_back(d.id);
  return ids;
}

bool has(const std::vector<std::string>& ids, const std::string& id) {
  return std::find(ids.begin(), ids.end(), id) != ids.end();
}

// The targets the module's change locator finds in a CloudTrail call of `event` whose
// requestParameters are `request`: ids, or attribute lists where the call names no id.
std::vector<std::string> located(const char* event, const std::string& request) {
  rapidjson::Document req;
  req.Parse(request.c_str());
  rapidjson::Value none;
  const auto* m = scanner::native::find_module(kType);
  std::vector<std::string> out;
  if (!m || !m->changes) return out;
  for (const auto& t : m->changes->locate({event, req, none})) {
    std::string s = t.id;
    for (const auto& [k, v] : t.attributes) s += "[" + k + "=" + v + "]";
    out.push_back(s);
  }
  return out;
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
  EXPECT_EQ(located("DeleteNatGateway", R"({"DeleteNatGatewayRequest":{"NatGatewayId":"nat-1"}})"),
            std::vector<std::string>{"nat-1"});
  EXPECT_EQ(located("CreateTags", R"({"resourcesSet":{"items":[{"resourceId":"nat-2"}]}})"),
            std::vector<std::string>{"nat-2"});
}
