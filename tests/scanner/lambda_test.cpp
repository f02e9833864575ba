// The Lambda handler in-process against moto and the `workspaces` fixture's state, without
// running Terraform: the kill switch, targets from SSM with workspace discovery, and plans
// handed in by a CI job (inline and as an S3 URI) graded with rules and ignore files from S3.
#include <gtest/gtest.h>

#include <cstdlib>
#include <set>

#include "aws/session.h"
#include "drift/report.h"
#include "handler.h"
#include "stack.h"
#include "support.h"

namespace {

using scanner_test::parse;

class Lambda : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    stack_ = drift_test::make_stack("lambda");
    ws_ = new rapidjson::Document(scanner_test::workspaces());
    ::setenv("AWS_ENDPOINT_URL", drift_test::moto_endpoint().c_str(), 1);
    ::setenv("AWS_ACCESS_KEY_ID", "test", 1);
    ::setenv("AWS_SECRET_ACCESS_KEY", "test", 1);
    ::setenv("AWS_REGION", "us-east-1", 1);
    ::setenv("REPORT_BUCKET", stack_.at("report_bucket").c_str(), 1);
    ::setenv("ALERT_TOPIC_ARN", stack_.at("alert_topic_arn").c_str(), 1);
    ::setenv("DRIFT_TOPIC_ARN", stack_.at("drift_topic_arn").c_str(), 1);
    ::setenv("METRICS_NAMESPACE", stack_.at("metrics_namespace").c_str(), 1);
    ::unsetenv("SCAN_TARGETS");
    session_ = aws::session::from_environment();
  }
  static void TearDownTestSuite() { delete ws_; }

  void SetUp() override {
    ::unsetenv("DISABLE_PROCESSING");
    ::unsetenv("SCAN_TARGETS");
    ::unsetenv("SCAN_TARGETS_PARAMETER");
    ::setenv("SCAN_ENGINE", "native", 1);
  }

  static std::string targets(const std::string& workspaces, const std::string& extra = "") {
    const auto& st = (*ws_)["state"];
    return std::string(
               "[{\"name\":\"platform\",\"account_id\":\"123456789012\",\"region\":\"us-east-"
               "1\",") +
           "\"state\":{\"bucket\":\"" + st["bucket"].GetString() + "\",\"key\":\"" +
           st["key"].GetString() + "\",\"workspaces\":" + workspaces +
           "},\"environments\":{\"prod\":\"production\"}" + extra + "}]";
  }

  static rapidjson::Document invoke(const std::string& event) {
    lambda_runtime::invocation_request req;
    req.payload = event;
    req.ctx.request_id = "test";
    req.ctx.deadline = std::chrono::system_clock::now() + std::chrono::minutes(5);
    auto resp = scanner::handle_invocation(req, session_);
    if (!resp.is_success())
      throw std::runtime_error("invocation failed: " + resp.failure_info().message);
    return parse(resp.payload());
  }

  static void put(const std::string& key, const std::string& body) {
    const std::string dir = scanner_test::temp_dir();
    scanner_test::write_file(dir + "/f", body);
    scanner_test::observe("s3-put " + stack_.at("report_bucket") + " " +
                          scanner_test::shell_quote(key) + " " + dir + "/f");
  }

  static void put_state(const std::string& bucket, const std::string& key,
                        const std::string& file) {
    scanner_test::observe("s3-put " + bucket + " " + scanner_test::shell_quote(key) + " " + file);
  }

  static inline drift_test::stack stack_;
  static inline rapidjson::Document* ws_ = nullptr;
  static inline std::shared_ptr<aws::session> session_;
};

TEST_F(Lambda, KillSwitchScansNothing) {
  ::setenv("DISABLE_PROCESSING", "true", 1);
  ::setenv("SCAN_TARGETS", targets("[\"prod\"]").c_str(), 1);
  auto r = invoke("{}");
  EXPECT_TRUE(r["skipped"].GetBool());
  EXPECT_EQ(parse(scanner_test::observe("s3-list " + stack_.at("report_bucket") + " reports/").out)
                .Size(),
            0u);
}

TEST_F(Lambda, DiscoversEveryWorkspaceOfTargetsReadFromSsm) {
  const std::string dir = scanner_test::temp_dir();
  scanner_test::write_file(dir + "/targets.json", targets("\"*\""));
  const std::string param = "/drift/" + stack_.at("suffix") + "/targets";
  scanner_test::observe("ssm-put " + param + " " + dir + "/targets.json");
  ::setenv("SCAN_TARGETS_PARAMETER", param.c_str(), 1);
  auto r = invoke(R"({"version":"0","source":"aws.events","detail-type":"Scheduled Event"})");
  std::set<std::string> scanned;
  for (const auto& s : r["scans"].GetArray()) scanned.insert(s["workspace"].GetString());
  EXPECT_EQ(scanned, (std::set<std::string>{"dev", "prod"}));
  const std::string state_prefix =
      std::string("s3://") + (*ws_)["state"]["bucket"].GetString() + "/env:/";
  auto keys = parse(
      scanner_test::observe("s3-list " + stack_.at("report_bucket") + " reports/platform/prod/")
          .out);
  ASSERT_GE(keys.Size(), 1u);
  // Each report's HTML page is stored beside it; the JSON is the one to read back.
  std::string json_key;
  for (const auto& k : keys.GetArray())
    if (std::string key = k.GetString(); json_key.empty() && key.ends_with(".json")) json_key = key;
  auto report = drift::parse_report(
      scanner_test::observe("s3-get " + stack_.at("report_bucket") + " " + json_key).out);
  ASSERT_TRUE(report.ok());
  EXPECT_EQ(report.value().target.state_location, state_prefix + "prod/platform/terraform.tfstate");
  EXPECT_EQ(report.value().target.environment, "production");
}

TEST_F(Lambda, GradesAPlanHandedInInlineOrByS3UriWithTheTargetsRulesAndIgnoreFiles) {
  const std::string plan = scanner_test::read_file(
      scanner_test::source_dir() + "/tests/terraform/fixtures/refresh_only_drift.plan.json");
  put("ci/plan.json", plan);
  put("config/.driftignore", "# the team accepts this\naws_security_group.*\n");
  const std::string bucket = stack_.at("report_bucket");
  ::setenv(
      "SCAN_TARGETS",
      targets("[\"prod\"]", ",\"ignore_file\":\"s3://" + bucket + "/config/.driftignore\"").c_str(),
      1);

  auto by_uri = invoke(R"({"target":"platform","workspace":"prod","plan_uri":"s3://)" + bucket +
                       R"(/ci/plan.json"})");
  ASSERT_EQ(by_uri["scans"].Size(), 1u);
  EXPECT_STREQ(by_uri["scans"][0]["engine"].GetString(), "plan");
  EXPECT_EQ(by_uri["scans"][0]["exit_code"].GetInt(), 2);
  EXPECT_EQ(by_uri["scans"][0]["drifted"].GetInt(), 6);  // seven in the plan, the group ignored
  EXPECT_STREQ(by_uri["scans"][0]["highest"].GetString(), "CRITICAL");
  auto latest = drift::parse_report(
      scanner_test::observe("s3-get " + bucket + " reports/platform/prod/latest.json").out);
  ASSERT_TRUE(latest.ok());
  EXPECT_EQ(latest.value().summary.ignored, 1);
  EXPECT_EQ(latest.value().engine, "plan");

  auto inline_plan = invoke(R"({"target":"platform","workspace":"prod","plan":)" + plan + "}");
  EXPECT_EQ(inline_plan["scans"][0]["drifted"].GetInt(), 6);
  EXPECT_FALSE(inline_plan["scans"][0]["alerted"].GetBool());  // the same CRITICAL drift again
}

TEST_F(Lambda, ABrokenRulesFileIsAnErrorOfTheReportNotALostScan) {
  const std::string bucket = stack_.at("report_bucket");
  put("config/rules.json", "{ not json");
  ::setenv(
      "SCAN_TARGETS",
      targets("[\"prod\"]", ",\"rules_file\":\"s3://" + bucket + "/config/rules.json\"").c_str(),
      1);
  const std::string plan = scanner_test::read_file(
      scanner_test::source_dir() + "/tests/terraform/fixtures/refresh_only_drift.plan.json");
  auto r = invoke(R"({"target":"platform","workspace":"prod","plan":)" + plan + "}");
  EXPECT_EQ(r["exit_code"].GetInt(), 1);
  EXPECT_EQ(r["scans"][0]["drifted"].GetInt(), 7);  // still graded, with the built-in table
  bool named = false;
  for (const auto& e : r["scans"][0]["errors"].GetArray())
    named = named || std::string(e.GetString()).find("InvalidRulesFile") != std::string::npos;
  EXPECT_TRUE(named);
}

TEST_F(Lambda, UnknownTargetIsAnErrorOfTheRun) {
  ::setenv("SCAN_TARGETS", targets("[\"prod\"]").c_str(), 1);
  auto r = invoke(R"({"target":"nope"})");
  EXPECT_EQ(r["exit_code"].GetInt(), 1);
  EXPECT_EQ(r["scans"].Size(), 0u);
  EXPECT_NE(std::string(r["errors"][0].GetString()).find("nope"), std::string::npos);
}

}  // namespace

namespace {

// The unmanaged aws_s3_bucket ids of the newest report of platform/prod.
std::set<std::string> unmanaged_buckets_in_latest_prod_report(const std::string& report_bucket) {
  auto r = drift::parse_report(
      scanner_test::observe("s3-get " + report_bucket + " reports/platform/prod/latest.json").out);
  std::set<std::string> out;
  if (!r.ok()) return out;
  for (const auto& d : r.value().drifts)
    if (d.change == drift::change_kind::unmanaged && d.type == "aws_s3_bucket") out.insert(d.id);
  return out;
}

}  // namespace

// Targets read from the SSM parameter (as infra/ configures the function) and one target
// scanned per invocation (as the fan-out does): a bucket held by another configured target's
// state in the same account and region is managed, not unmanaged.
TEST_F(Lambda, StateOfAnotherConfiguredTargetCountsAsManagedWhenOneTargetIsScanned) {
  const std::string report_bucket = stack_.at("report_bucket");
  const std::string state_bucket = (*ws_)["state"]["bucket"].GetString();
  const std::string other_key = "other-" + stack_.at("suffix") + "/terraform.tfstate";
  const std::string dir = scanner_test::temp_dir();
  scanner_test::write_file(
      dir + "/other.tfstate",
      R"({"version":4,"terraform_version":"1.11.0","serial":1,"lineage":"other","outputs":{},)"
      R"("resources":[{"mode":"managed","type":"aws_s3_bucket","name":"reports","provider":)"
      R"("provider[\"registry.terraform.io/hashicorp/aws\"]","instances":[{"schema_version":0,)"
      R"("attributes":{"id":")" +
          report_bucket + R"(","bucket":")" + report_bucket + R"("}}]}]})");
  put_state(state_bucket, other_key, dir + "/other.tfstate");
  const std::string other_target =
      R"({"name":"other","account_id":"123456789012","region":"us-east-1","state":{"bucket":")" +
      state_bucket + R"(","key":")" + other_key + R"("}})";
  const std::string param = "/drift/" + stack_.at("suffix") + "/targets-two";
  ::setenv("SCAN_TARGETS_PARAMETER", param.c_str(), 1);

  // Only platform configured: the report bucket is nobody's, so it is unmanaged.
  std::string only_platform = targets("[\"prod\"]");
  scanner_test::write_file(dir + "/targets.json", only_platform);
  scanner_test::observe("ssm-put " + param + " " + dir + "/targets.json");
  invoke(R"({"target":"platform"})");
  EXPECT_TRUE(unmanaged_buckets_in_latest_prod_report(report_bucket).count(report_bucket));

  // Both configured, platform alone scanned: the other target's state holds it.
  std::string both = only_platform.substr(0, only_platform.size() - 1) + "," + other_target + "]";
  scanner_test::write_file(dir + "/targets.json", both);
  scanner_test::observe("ssm-put " + param + " " + dir + "/targets.json");
  auto r = invoke(R"({"target":"platform"})");
  ASSERT_EQ(r["scans"].Size(), 1u);
  const auto unmanaged = unmanaged_buckets_in_latest_prod_report(report_bucket);
  EXPECT_FALSE(unmanaged.count(report_bucket)) << "managed by target 'other'";
  EXPECT_FALSE(unmanaged.empty()) << "moto holds other buckets nobody manages";
}
