// The comparison core and its normalisation rules, on state values taken from real
// Terraform states and refresh-only plans (no AWS).
#include <gtest/gtest.h>
#include <rapidjson/document.h>

#include "aws/session.h"
#include "compare.h"
#include "json_util.h"
#include "native_engine.h"
#include "registry.h"

using namespace scanner::native;

namespace {

terraform::state state_of(const std::string& type, const std::string& attrs,
                          const std::string& sensitive = "[]") {
  std::string text =
      R"({"version":4,"terraform_version":"1.11.0","serial":1,"lineage":"x","outputs":{},"resources":[{"mode":"managed","type":")" +
      type +
      R"(","name":"r","provider":"provider[\"registry.terraform.io/hashicorp/aws\"]","instances":[{"schema_version":0,"attributes":)" +
      attrs + R"(,"sensitive_attributes":)" + sensitive + "}]}]}";
  auto st = terraform::parse_state(text);
  EXPECT_TRUE(st.ok()) << (st.ok() ? "" : st.error().message);
  return st.ok() ? st.value() : terraform::state{};
}

rapidjson::Document live(const std::string& json) {
  rapidjson::Document d;
  d.Parse(json.c_str());
  return d;
}

const std::vector<rule>& rules_of(const char* type) { return *find_module(type)->rules; }

}  // namespace

TEST(NativeRules, PolicyWithKeysAndListsReorderedIsNotDrift) {
  auto st = state_of(
      "aws_s3_bucket_policy",
      R"({"id":"b","bucket":"b","policy":"{\"Statement\":[{\"Action\":[\"s3:PutObject\"],\"Effect\":\"Allow\",\"Principal\":{\"Service\":\"logging.s3.amazonaws.com\"},\"Resource\":\"arn:aws:s3:::b/*\",\"Sid\":\"S\"}],\"Version\":\"2012-10-17\"}"})");
  auto cloud = live(
      R"({"policy":"{\"Version\":\"2012-10-17\",\"Statement\":[{\"Sid\":\"S\",\"Resource\":\"arn:aws:s3:::b/*\",\"Principal\":{\"Service\":\"logging.s3.amazonaws.com\"},\"Effect\":\"Allow\",\"Action\":\"s3:PutObject\"}]}"})");
  std::map<std::string, int> suppressed;
  auto changed = compare(st.resources[0], cloud, rules_of("aws_s3_bucket_policy"), suppressed);
  EXPECT_TRUE(changed.empty());
  EXPECT_EQ(suppressed["aws_s3_bucket_policy.policy:policy_json"], 1);
}

TEST(NativeRules, ReplacedPolicyIsReportedWithBothDocuments) {
  auto st = state_of(
      "aws_s3_bucket_policy",
      R"({"id":"b","bucket":"b","policy":"{\"Statement\":[{\"Effect\":\"Deny\"}],\"Version\":\"2012-10-17\"}"})");
  auto cloud =
      live(R"({"policy":"{\"Statement\":[{\"Effect\":\"Allow\"}],\"Version\":\"2012-10-17\"}"})");
  std::map<std::string, int> suppressed;
  auto changed = compare(st.resources[0], cloud, rules_of("aws_s3_bucket_policy"), suppressed);
  ASSERT_EQ(changed.size(), 1u);
  EXPECT_EQ(changed[0].name, "policy");
  EXPECT_EQ(changed[0].expected,
            R"("{\"Statement\":[{\"Effect\":\"Deny\"}],\"Version\":\"2012-10-17\"}")");
  EXPECT_EQ(changed[0].actual,
            R"("{\"Statement\":[{\"Effect\":\"Allow\"}],\"Version\":\"2012-10-17\"}")");
  EXPECT_TRUE(suppressed.empty());
}

TEST(NativeRules, NullTagsEqualAnEmptyMapAndCount) {
  auto st = state_of("aws_security_group", R"({"id":"sg-1","tags":null,"tags_all":{}})");
  auto cloud = live(R"({"tags":{},"tags_all":{}})");
  std::map<std::string, int> suppressed;
  EXPECT_TRUE(compare(st.resources[0], cloud, rules_of("aws_security_group"), suppressed).empty());
  EXPECT_EQ(suppressed["aws_security_group.tags:null_is_empty"], 1);
}

TEST(NativeRules, ComputedOnlyAttributeIsNeverReportedButCounted) {
  auto st =
      state_of("aws_instance", R"({"id":"i-1","public_ip":"54.1.1.1","instance_type":"t3.micro"})");
  auto cloud = live(R"({"public_ip":"54.2.2.2","instance_type":"t3.micro"})");
  std::map<std::string, int> suppressed;
  EXPECT_TRUE(compare(st.resources[0], cloud, rules_of("aws_instance"), suppressed).empty());
  EXPECT_EQ(suppressed["aws_instance.public_ip:ignore"], 1);
}

TEST(NativeRules, ChangedAttributeIsReportedUnderTerraformsName) {
  auto st = state_of("aws_instance", R"({"id":"i-1","instance_type":"t3.micro"})");
  auto cloud = live(R"({"instance_type":"m5.large"})");
  std::map<std::string, int> suppressed;
  auto changed = compare(st.resources[0], cloud, rules_of("aws_instance"), suppressed);
  ASSERT_EQ(changed.size(), 1u);
  EXPECT_EQ(changed[0].name, "instance_type");
  EXPECT_EQ(changed[0].expected, R"("t3.micro")");
  EXPECT_EQ(changed[0].actual, R"("m5.large")");
}

// Values from a real refresh-only plan (Terraform 1.11, provider 5.100): an SSH rule added
// beside the HTTPS one; Terraform printed the set in this order.
TEST(NativeRules, SetElementsComeOutInTerraformsOrder) {
  const std::string https =
      R"({"cidr_blocks":["10.0.0.0/8"],"description":"https from the private network","from_port":443,"ipv6_cidr_blocks":[],"prefix_list_ids":[],"protocol":"tcp","security_groups":[],"self":false,"to_port":443})";
  const std::string ssh =
      R"({"cidr_blocks":["0.0.0.0/0"],"description":"","from_port":22,"ipv6_cidr_blocks":[],"prefix_list_ids":[],"protocol":"tcp","security_groups":[],"self":false,"to_port":22})";
  auto st = state_of("aws_security_group", R"({"id":"sg-1","ingress":[)" + https + "]}");
  auto cloud = live(R"({"ingress":[)" + https + "," + ssh + "]}");
  std::map<std::string, int> suppressed;
  auto changed = compare(st.resources[0], cloud, rules_of("aws_security_group"), suppressed);
  ASSERT_EQ(changed.size(), 1u);
  EXPECT_EQ(changed[0].actual, "[" + ssh + "," + https + "]");
  // The same rules in another order are no change.
  auto same = live(R"({"ingress":[)" + https + "]}");
  EXPECT_TRUE(compare(st.resources[0], same, rules_of("aws_security_group"), suppressed).empty());
}

TEST(NativeRules, SensitiveValuesNeverLeaveTheComparison) {
  auto st = state_of(
      "aws_s3_bucket",
      R"({"id":"b","tags":{"Owner":"team-secret-owner","Env":"prod"},"tags_all":{"Owner":"team-secret-owner","Env":"prod"}})",
      R"([[{"type":"get_attr","value":"tags"},{"type":"index","value":{"value":"Owner","type":"string"}}]])");
  auto cloud = live(
      R"({"tags":{"Owner":"team-secret-owner","Env":"edit"},"tags_all":{"Owner":"team-secret-owner","Env":"edit"}})");
  std::map<std::string, int> suppressed;
  auto changed = compare(st.resources[0], cloud, rules_of("aws_s3_bucket"), suppressed);
  ASSERT_EQ(changed.size(), 2u);
  for (const auto& c : changed) {
    EXPECT_EQ(c.expected.find("team-secret-owner"), std::string::npos) << c.name;
    EXPECT_EQ(c.actual.find("team-secret-owner"), std::string::npos) << c.name;
    EXPECT_TRUE(c.sensitive);
  }
}

// A state with a bucket "b" whose cors_rule is empty, and a CORS part naming `part_bucket`.
terraform::state bucket_beside_cors_part(const std::string& part_bucket) {
  const std::string provider = R"("provider":"provider[\"registry.terraform.io/hashicorp/aws\"]")";
  auto st = terraform::parse_state(
      R"({"version":4,"terraform_version":"1.11.0","serial":1,"lineage":"x","outputs":{},)"
      R"("resources":[{"mode":"managed","type":"aws_s3_bucket","name":"b",)" +
      provider +
      R"(,"instances":[{"schema_version":0,"attributes":{"id":"b","cors_rule":[]}}]},)"
      R"({"mode":"managed","type":"aws_s3_bucket_cors_configuration","name":"c",)" +
      provider + R"(,"instances":[{"schema_version":0,"attributes":{"id":")" + part_bucket +
      R"(","bucket":")" + part_bucket + R"("}}]}]})");
  EXPECT_TRUE(st.ok());
  return st.ok() ? st.value() : terraform::state{};
}

// A bucket's copy of a configuration its managed part owns (Terraform echoes the part's change
// on it) is hidden and counted beside that part only; elsewhere it is the bucket's own drift.
TEST(NativeRules, CopyOfAManagedPartIsHiddenBesideItsPartOnly) {
  const char* cloud = R"({"cors_rule":[{"allowed_methods":["GET"]}]})";
  const auto& rules = rules_of("aws_s3_bucket");
  std::map<std::string, int> suppressed;
  const auto beside = bucket_beside_cors_part("b");
  auto d = live(cloud);
  EXPECT_TRUE(compare(beside.resources[0], d, rules, suppressed, &beside).empty());
  EXPECT_EQ(suppressed["aws_s3_bucket.cors_rule:managed_by_part"], 1);

  suppressed.clear();
  const auto elsewhere = bucket_beside_cors_part("other");
  d = live(cloud);
  auto changed = compare(elsewhere.resources[0], d, rules, suppressed, &elsewhere);
  ASSERT_EQ(changed.size(), 1u);
  EXPECT_EQ(changed[0].name, "cors_rule");
  d = live(cloud);
  EXPECT_EQ(compare(beside.resources[0], d, rules, suppressed).size(), 1u);  // no state given
  EXPECT_TRUE(suppressed.empty());
}

TEST(NativeRegistry, EveryTypeOfTheIssueHasOneModule) {
  for (const char* t :
       {"aws_instance", "aws_security_group", "aws_vpc_security_group_ingress_rule",
        "aws_vpc_security_group_egress_rule", "aws_vpc", "aws_subnet", "aws_ebs_volume",
        "aws_db_instance", "aws_s3_bucket", "aws_s3_bucket_versioning",
        "aws_s3_bucket_server_side_encryption_configuration", "aws_s3_bucket_public_access_block",
        "aws_s3_bucket_policy", "aws_s3_bucket_lifecycle_configuration", "aws_s3_bucket_logging",
        "aws_dynamodb_table"})
    EXPECT_NE(find_module(t), nullptr) << t;
  std::set<std::string_view> seen;
  for (const auto* m : all_modules()) EXPECT_TRUE(seen.insert(m->type).second) << m->type;
}

namespace {
scanner::workspace_scan scan_of(const terraform::state& st) {
  aws::session::options o;
  o.region = "us-east-1";
  scanner::workspace_scan ws;
  ws.workspace = "prod";
  ws.state = &st;
  ws.cloud = std::make_shared<aws::session>(std::move(o));
  return ws;
}
}  // namespace

TEST(NativeEngine, UnknownTypeIsListedAsNotChecked) {
  auto st = state_of("aws_lambda_function", R"({"id":"fn","function_name":"fn"})");
  native_engine e({1, false});
  auto f = e.scan(scan_of(st));
  ASSERT_EQ(f.not_checked.size(), 1u);
  EXPECT_EQ(f.not_checked[0].address, "aws_lambda_function.r");
  EXPECT_EQ(f.resources_scanned, 0);
  EXPECT_TRUE(f.drifts.empty());
  EXPECT_EQ(f.engine, "native");
}

TEST(NativeEngine, PastTheDeadlineTheReportIsPartial) {
  auto st = state_of("aws_instance", R"({"id":"i-1","instance_type":"t3.micro"})");
  native_engine e({1, true});
  auto ws = scan_of(st);
  ws.deadline = std::chrono::system_clock::now() - std::chrono::seconds(1);
  auto f = e.scan(ws);
  EXPECT_TRUE(f.incomplete);
  ASSERT_EQ(f.not_checked.size(), 1u);
  EXPECT_EQ(f.not_checked[0].reason, "scan deadline reached");
  EXPECT_EQ(e.last_calls(), 0);
}

// AWS unreachable: the resources are listed as not checked with the reason, the scan itself
// completes (it never throws, and says it could not look).
TEST(NativeEngine, FailedReadsLeaveResourcesNotChecked) {
  auto st = state_of("aws_instance", R"({"id":"i-1","instance_type":"t3.micro"})");
  setenv("AWS_ENDPOINT_URL", "http://127.0.0.1:9", 1);  // discard port: refused
  setenv("AWS_ACCESS_KEY_ID", "test", 1);
  setenv("AWS_SECRET_ACCESS_KEY", "test", 1);
  native_engine e({1, false});
  auto f = e.scan(scan_of(st));
  unsetenv("AWS_ENDPOINT_URL");
  ASSERT_EQ(f.not_checked.size(), 1u);
  EXPECT_EQ(f.not_checked[0].address, "aws_instance.r");
  EXPECT_NE(f.not_checked[0].reason.find("ConnectError"), std::string::npos)
      << f.not_checked[0].reason;
  EXPECT_FALSE(f.errors.empty());
  EXPECT_TRUE(f.drifts.empty());
  EXPECT_EQ(f.resources_scanned, 0);
}
