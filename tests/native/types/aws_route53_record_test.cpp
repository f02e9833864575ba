// aws_route53_record offline: ListResourceRecordSets from the record's name and type, recorded
// from moto (recorded/aws_route53_record): `found` a TXT record set with a relative name and two
// quoted values, `alias` the zone apex aliased to WWW.<zone>. (upper case, trailing dot),
// `weighted` the second of two weighted CNAMEs, `listed` the zone's record sets for unmanaged
// discovery.
#include <gtest/gtest.h>

#include <algorithm>

#include "aws/credential_providers.h"
#include "core/json.h"
#include "offline_case.h"
#include "registry.h"

using namespace drift_test;

namespace {

const std::string kType = "aws_route53_record";

std::string state(const offline_case& c) {
  return R"({"id":")" + c.resource("zone_id") + R"(_info_TXT","zone_id":")" +
         c.resource("zone_id") + R"(","name":"info","fqdn":")" + c.resource("fqdn") +
         R"(","type":"TXT","set_identifier":""})";
}

std::string apex_state(const offline_case& c) {
  const std::string zone = c.resource("zone_name");
  return R"({"id":")" + c.resource("zone_id") + "_" + zone + R"(_A","zone_id":")" +
         c.resource("zone_id") + R"(","name":")" + zone + R"(","fqdn":")" + zone +
         R"(","type":"A","set_identifier":""})";
}

std::string green_state(const offline_case& c) {
  const std::string name = "api." + c.resource("zone_name");
  return R"({"id":")" + c.resource("zone_id") + "_" + name + R"(_CNAME_green","zone_id":")" +
         c.resource("zone_id") + R"(","name":")" + name + R"(","fqdn":")" + name +
         R"(","type":"CNAME","set_identifier":"green"})";
}

// The attributes `state_fn` reads in `case_name`, as found.
rapidjson::Document read_found(const std::string& case_name, const state_fn& st) {
  offline_case c(kType, case_name);
  auto r = c.read(st(c));
  rapidjson::Document d;
  EXPECT_EQ(r.st, scanner::native::live_resource::status::found) << r.reason;
  if (r.attrs) d.CopyFrom(*r.attrs, d.GetAllocator());
  EXPECT_TRUE(c.transport().unused().empty());
  return d;
}

core::result<std::vector<scanner::native::discovered>, aws::error> listed_with_managed(
    const std::string& state_attrs, const std::set<std::string>& managed,
    bool calls_expected = true) {
  auto transport = recorded_transport::load(std::string(DRIFT_TYPES_TEST_DIR) + "/recorded/" +
                                            kType + "/listed.json");
  aws::session::options o;
  o.region = "us-east-1";
  o.credentials = aws::static_credentials({"AKIDOFFLINE", "offline-secret", "", std::nullopt});
  o.transport = transport;
  o.endpoint_url = "http://recorded.invalid";
  aws::session s(std::move(o));
  const auto st = state_of(kType, state_attrs);
  scanner::native::read_context ctx{s, st, "123456789012", "us-east-1"};
  ctx.managed_ids = &managed;
  auto out = scanner::native::find_module(kType)->list(ctx);
  EXPECT_EQ(transport->unused().empty(), calls_expected);
  return out;
}

}  // namespace

TEST(AwsRoute53Record, FoundReadsTheRecordSetInTerraformsShape) {
  expect_found_golden(kType, state, 1);
}

TEST(AwsRoute53Record, TxtValuesLoseTheQuotesRoute53Keeps) {
  const auto d = read_found("found", state);
  ASSERT_TRUE(d.IsObject());
  EXPECT_EQ(core::json::to_text(d["records"]), R"(["v=spf1 -all","owner=platform"])");
  EXPECT_EQ(std::string(d["name"].GetString()), "info");  // as configured: relative
}

TEST(AwsRoute53Record, AliasReadsTheTargetLowerCaseWithoutTheDot) {
  const auto d = read_found("alias", apex_state);
  ASSERT_TRUE(d.IsObject());
  expect_golden(d, "aws_route53_record_alias");
  offline_case c(kType, "alias");
  EXPECT_EQ(core::json::to_text(d["alias"]), R"([{"evaluate_target_health":false,"name":"www.)" +
                                                 c.resource("zone_name") + R"(","zone_id":")" +
                                                 c.resource("zone_id") + R"("}])");
  EXPECT_EQ(core::json::to_text(d["records"]), "[]");
}

TEST(AwsRoute53Record, WeightedReadsItsOwnSetIdentifier) {
  const auto d = read_found("weighted", green_state);
  ASSERT_TRUE(d.IsObject());
  EXPECT_EQ(core::json::to_text(d["weighted_routing_policy"]), R"([{"weight":10}])");
  EXPECT_EQ(core::json::to_text(d["records"]), R"(["green.example.net"])");
  EXPECT_EQ(std::string(d["set_identifier"].GetString()), "green");
}

std::string app_state(const offline_case& c) {
  const std::string name = "app." + c.resource("zone_name");
  return R"({"id":")" + c.resource("zone_id") + "_" + name + R"(_A_primary","zone_id":")" +
         c.resource("zone_id") + R"(","name":")" + name + R"(","fqdn":")" + name +
         R"(","type":"A","set_identifier":"primary"})";
}

TEST(AwsRoute53Record, FailoverReadsItsTypeAndHealthCheck) {
  const auto d = read_found("failover", app_state);
  ASSERT_TRUE(d.IsObject());
  offline_case c(kType, "failover");
  EXPECT_EQ(core::json::to_text(d["failover_routing_policy"]), R"([{"type":"PRIMARY"}])");
  EXPECT_EQ(std::string(d["health_check_id"].GetString()), c.resource("health_check_id"));
  EXPECT_EQ(core::json::to_text(d["cidr_routing_policy"]), "[]");
}

// moto cannot store these routings: the failover recording edited after the API reference.
TEST(AwsRoute53Record, CidrRoutingIsReadOffline) {
  const auto d = read_found("cidr", app_state);
  ASSERT_TRUE(d.IsObject());
  EXPECT_EQ(
      core::json::to_text(d["cidr_routing_policy"]),
      R"([{"collection_id":"c8c02a84-aaaa-4e9b-8a3c-0123456789ab","location_name":"office"}])");
  EXPECT_EQ(core::json::to_text(d["failover_routing_policy"]), "[]");
}

TEST(AwsRoute53Record, GeoproximityRoutingIsReadOffline) {
  const auto d = read_found("geoproximity", app_state);
  ASSERT_TRUE(d.IsObject());
  EXPECT_EQ(
      core::json::to_text(d["geoproximity_routing_policy"]),
      R"([{"aws_region":"","bias":10,"coordinates":[{"latitude":"49.22","longitude":"-74.01"}],"local_zone_group":""}])");
}

TEST(AwsRoute53Record, AnotherCidrLocationIsDrift) {
  offline_case c(kType, "cidr");
  const auto live = read_found("cidr", app_state);
  // The state: what was read, with the fqdn the read starts from, and another location.
  std::string st =
      with(core::json::to_text(live), "fqdn", "\"app." + c.resource("zone_name") + "\"");
  st = with(st, "cidr_routing_policy",
            R"([{"collection_id":"c8c02a84-aaaa-4e9b-8a3c-0123456789ab","location_name":"hq"}])");
  auto r = c.read(st);
  ASSERT_EQ(r.st, scanner::native::live_resource::status::found) << r.reason;
  std::map<std::string, int> suppressed;
  const auto changed = c.compare(suppressed);
  EXPECT_EQ(names(changed), (std::vector<std::string>{"cidr_routing_policy"}));
  EXPECT_TRUE(suppressed.empty());
}

TEST(AwsRoute53Record, AnotherSetIdentifierOfTheNameIsGone) {
  offline_case c(kType, "weighted");
  std::string st = green_state(c);
  st.replace(st.find("\"set_identifier\":\"green\""), 24, "\"set_identifier\":\"red\"");
  auto r = c.read(st);
  EXPECT_EQ(r.st, scanner::native::live_resource::status::gone) << r.reason;
}

TEST(AwsRoute53Record, DeletedRecordSetIsGone) { expect_gone(kType, state); }

TEST(AwsRoute53Record, ThrottledIsNotCheckedAfterTheRetries) {
  expect_throttled(kType, state, "Throttling");
}

TEST(AwsRoute53Record, AccessDeniedIsNotChecked) { expect_denied(kType, state, "AccessDenied"); }

TEST(AwsRoute53Record, OnlyAChangedAttributeIsDrift) {
  expect_drift_only_on_change(kType, state, "ttl", "300");
}

TEST(AwsRoute53Record, ValueOrderIsNoChange) {
  expect_hidden_by(
      kType,
      [](const offline_case& c) {
        return with(golden_state(kType, c, state), "records",
                    R"(["owner=platform","v=spf1 -all"])");
      },
      "records:set_order");
}

TEST(AwsRoute53Record, ListingLeavesOutTheApexSoaAndNsAndKeepsManagedIds) {
  offline_case c(kType, "found");
  const std::string zone = c.resource("zone_id");
  const std::string name = c.resource("zone_name");
  // The TXT record set managed under its relative name: listed under that id, not as unmanaged.
  const std::string managed_txt = zone + "_info_TXT";
  auto got = listed_with_managed(R"({"id":")" + managed_txt + R"(","zone_id":")" + zone + R"("})",
                                 {managed_txt});
  ASSERT_TRUE(got) << got.error().message;
  std::vector<std::string> ids;
  for (const auto& d : *got) ids.push_back(d.id);
  std::sort(ids.begin(), ids.end());
  std::vector<std::string> want{zone + "_" + name + "_A",
                                zone + "_api." + name + "_CNAME_blue",
                                zone + "_app." + name + "_A_primary",
                                zone + "_api." + name + "_CNAME_green",
                                managed_txt,
                                zone + "_www." + name + "_A"};
  std::sort(want.begin(), want.end());
  EXPECT_EQ(ids, want);
}

TEST(AwsRoute53Record, NoManagedZoneListsNothing) {
  auto got = listed_with_managed("{}", {}, false);
  ASSERT_TRUE(got) << got.error().message;
  EXPECT_TRUE(got->empty());
}

TEST(AwsRoute53Record, AChangeBatchLocatesEachRecordSetByZoneNameTypeAndIdentifier) {
  const auto& changes = *scanner::native::find_module(kType)->changes;
  EXPECT_EQ(changes.source, "route53.amazonaws.com");
  EXPECT_TRUE(changes.global);
  rapidjson::Document none, batch;
  batch.Parse(R"({"hostedZoneId":"/hostedzone/Z0123456789ABC","changeBatch":{"changes":[
    {"action":"UPSERT","resourceRecordSet":{"name":"WWW.Example.com.","type":"A","tTL":60}},
    {"action":"DELETE","resourceRecordSet":{"name":"api.example.com","type":"CNAME",
                                            "setIdentifier":"blue","weight":90}}]}})");
  using scanner::native::change_target;
  EXPECT_EQ(changes.locate({"ChangeResourceRecordSets", batch, none}),
            (std::vector<change_target>{{"",
                                         {{"zone_id", "Z0123456789ABC"},
                                          {"fqdn", "www.example.com"},
                                          {"type", "A"},
                                          {"set_identifier", ""}}},
                                        {"",
                                         {{"zone_id", "Z0123456789ABC"},
                                          {"fqdn", "api.example.com"},
                                          {"type", "CNAME"},
                                          {"set_identifier", "blue"}}}}));
}
