// The scanner through the Terraform engine, against Terraform itself as ground truth: the
// real bootstrap under the harness scans the `workspaces` fixture (dev clean, prod drifted by
// console-like changes) in moto; what it wrote, alerted and published is read back from moto.
// One scan scenario per suite, set up once and observed by every case.
#include <gtest/gtest.h>

#include <algorithm>
#include <set>

#include "drift/cost.h"
#include "drift/event.h"
#include "drift/report.h"
#include "stack.h"
#include "support.h"

namespace {

using scanner_test::parse;

const char* kSecret = "team-secret-owner";  // the sensitive tag value of the sample configuration

std::string targets_json(const rapidjson::Document& ws, const std::string& name,
                         const std::string& workspaces, const std::string& extra = "") {
  const auto& st = ws["state"];
  return std::string("[{\"name\":\"") + name +
         "\",\"account_id\":\"123456789012\",\"region\":\"us-east-1\"," +
         "\"state\":{\"bucket\":\"" + st["bucket"].GetString() + "\",\"key\":\"" +
         st["key"].GetString() +
         "\",\"region\":\"us-east-1\",\"workspace_key_prefix\":\"env:\",\"dynamodb_table\":\"" +
         st["dynamodb_table"].GetString() + "\",\"workspaces\":" + workspaces + "}," +
         "\"environments\":{\"prod\":\"production\"},\"terraform_dir\":\"" +
         ws["terraform_dir"].GetString() + "\",\"terraform_vars\":{\"name_prefix\":\"" +
         ws["name_prefix"].GetString() + "\"}}" + extra + "]";
}

std::map<std::string, std::string> function_env(const drift_test::stack& s,
                                                const std::string& targets) {
  return {{"SCAN_TARGETS", targets},
          {"SCAN_ENGINE", "terraform"},
          {"REPORT_BUCKET", s.at("report_bucket")},
          {"ALERT_TOPIC_ARN", s.at("alert_topic_arn")},
          {"DRIFT_TOPIC_ARN", s.at("drift_topic_arn")},
          {"METRICS_NAMESPACE", s.at("metrics_namespace")}};
}

// "address change attr,attr" lines, sorted: the shape both sides are compared in.
std::vector<std::string> from_ground_truth(const rapidjson::Value& gt) {
  std::vector<std::string> out;
  for (const auto& d : gt["drift"].GetArray()) {
    std::string attrs;
    for (const auto& a : d["attributes"].GetArray())
      attrs += (attrs.empty() ? "" : ",") + std::string(a.GetString());
    out.push_back(std::string(d["address"].GetString()) + " " + d["change"].GetString() + " " +
                  attrs);
  }
  std::sort(out.begin(), out.end());
  return out;
}

std::vector<std::string> from_report(const drift::report& r) {
  std::vector<std::string> out;
  for (const auto& d : r.drifts) {
    std::vector<std::string> names;
    for (const auto& a : d.attributes) names.push_back(a.name);
    std::sort(names.begin(), names.end());
    std::string attrs;
    for (const auto& n : names) attrs += (attrs.empty() ? "" : ",") + n;
    out.push_back(d.address + " " + std::string(drift::to_string(d.change)) + " " + attrs);
  }
  std::sort(out.begin(), out.end());
  return out;
}

const drift::drift_item* find(const drift::report& r, const std::string& address) {
  for (const auto& d : r.drifts)
    if (d.address == address) return &d;
  return nullptr;
}

struct metric {
  double sum = 0, count = 0;
  std::string unit;
};
std::map<std::string, metric> read_metrics(const std::string& ns) {
  auto r = scanner_test::observe("metrics " + scanner_test::shell_quote(ns));
  auto d = parse(r.out);
  std::map<std::string, metric> out;
  for (const auto& m : d.GetArray()) {
    std::string key = m["name"].GetString();
    std::vector<std::string> dims;
    for (auto& dim : m["dimensions"].GetObject())
      dims.push_back(std::string(dim.name.GetString()) + "=" + dim.value.GetString());
    std::sort(dims.begin(), dims.end());
    for (const auto& x : dims) key += "|" + x;
    out[key] = {m["sum"].GetDouble(), m["count"].GetDouble(),
                m["unit"].IsString() ? m["unit"].GetString() : ""};
  }
  return out;
}

// One scan by the real bootstrap: as the Lambda function under the harness for the event
// {"target", "workspace"}, or as the command-line tool with every output switched on. Either
// way the run's JSON outcome, and its exit code with Terraform's -detailed-exitcode meaning.
scanner_test::command_result lambda_scan(const std::map<std::string, std::string>& env,
                                         const std::string& target, const std::string& workspace) {
  auto r = scanner_test::invoke(
      env, R"({"target":")" + target + R"(","workspace":")" + workspace + "\"}");
  if (r.status != 0) throw std::runtime_error("invocation failed: " + r.out);
  r.status = parse(r.out)["exit_code"].GetInt();
  return r;
}

scanner_test::command_result cli_scan(const std::map<std::string, std::string>& env) {
  return scanner_test::run_cli(env, "", "");
}

// --- prod: drifted; scanned twice, with the outputs of each scan observed ------------------

class ProdScan : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    ws_ = new rapidjson::Document(scanner_test::workspaces());
    stack_ = drift_test::make_stack("scan");
    const std::string ws_file = scanner_test::build_dir() + "/fixtures/workspaces/workspaces.json";
    ground_truth_ = scanner_test::run("python3 " + scanner_test::source_dir() +
                                      "/tests/scanner/ground_truth.py " + ws_file + " prod")
                        .out;
    const auto env = function_env(stack_, targets_json(*ws_, "platform", "[\"prod\",\"dev\"]"));
    first_ = lambda_scan(env, "platform", "prod");
    latest_first_ = scanner_test::observe("s3-get " + stack_.at("report_bucket") +
                                          " reports/platform/prod/latest.json")
                        .out;
    alerts_first_ = scanner_test::observe("drain " + stack_.at("alerts_queue_url")).out;
    events_first_ = scanner_test::observe("drain " + stack_.at("drift_events_queue_url")).out;
    second_ = lambda_scan(env, "platform", "prod");
    alerts_second_ = scanner_test::observe("drain " + stack_.at("alerts_queue_url")).out;
    keys_ =
        scanner_test::observe("s3-list " + stack_.at("report_bucket") + " reports/platform/prod/")
            .out;
  }
  static void TearDownTestSuite() { delete ws_; }

  static drift::report latest() {
    auto r = drift::parse_report(latest_first_);
    if (!r.ok())
      throw std::runtime_error("latest.json unreadable: " + latest_first_.substr(0, 300));
    return r.value();
  }

  static inline rapidjson::Document* ws_ = nullptr;
  static inline drift_test::stack stack_;
  static inline std::string ground_truth_, latest_first_, alerts_first_, events_first_,
      alerts_second_, keys_;
  static inline scanner_test::command_result first_, second_;
};

TEST_F(ProdScan, AnswersWithTerraformsExitCode) {
  ASSERT_EQ(first_.status, 2) << first_.out;
  auto resp = parse(first_.out);
  ASSERT_EQ(resp["scans"].Size(), 1u) << first_.out;
  EXPECT_EQ(resp["scans"][0]["exit_code"].GetInt(), 2) << first_.out;
  EXPECT_STREQ(resp["scans"][0]["engine"].GetString(), "terraform");
  EXPECT_EQ(parse(ground_truth_)["exit_code"].GetInt(), 2);
}

TEST_F(ProdScan, ReportListsExactlyWhatTerraformPlanRefreshOnlyReports) {
  auto gt = parse(ground_truth_);
  const auto report = latest();
  EXPECT_EQ(from_report(report), from_ground_truth(gt));
  // Every console change of the fixture is among them.
  auto fx = scanner_test::workspaces();
  for (const auto& c : fx["changes"]["prod"].GetArray()) {
    const auto* d = find(report, c["address"].GetString());
    ASSERT_NE(d, nullptr) << c["name"].GetString();
    EXPECT_EQ(drift::to_string(d->change), c["change"].GetString()) << c["name"].GetString();
    for (const auto& a : c["attributes"].GetArray()) {
      EXPECT_TRUE(std::any_of(d->attributes.begin(), d->attributes.end(),
                              [&](const auto& x) { return x.name == a.GetString(); }))
          << c["name"].GetString() << ": " << a.GetString();
    }
  }
  EXPECT_EQ(report.target.workspace, "prod");
  EXPECT_EQ(report.target.environment, "production");
  EXPECT_EQ(report.engine, "terraform");
  EXPECT_EQ(report.exit_code, 2);
  EXPECT_EQ(report.summary.resources_scanned, 8);
}

TEST_F(ProdScan, ReportIsGradedWithReasonsAndRemediations) {
  const auto r = latest();
  auto level = [&](const std::string& a) {
    const auto* d = find(r, a);
    return d ? std::string(drift::to_string(d->level)) : "missing";
  };
  EXPECT_EQ(level("aws_security_group.web"), "CRITICAL");
  EXPECT_EQ(level("aws_s3_bucket_public_access_block.data"), "CRITICAL");
  EXPECT_EQ(level("aws_s3_bucket_server_side_encryption_configuration.data"), "CRITICAL");
  EXPECT_EQ(level("aws_s3_bucket_policy.data"), "HIGH");
  EXPECT_EQ(level("aws_s3_bucket_versioning.data"), "MEDIUM");
  EXPECT_EQ(level("aws_instance.web"), "MEDIUM");
  for (const auto& d : r.drifts) {
    EXPECT_FALSE(d.reason.empty()) << d.address;
    EXPECT_EQ(d.fix.command, "TF_WORKSPACE='prod' terraform apply -target='" + d.address + "'")
        << d.address;
  }
  const auto* sg = find(r, "aws_security_group.web");
  ASSERT_NE(sg, nullptr);
  ASSERT_EQ(sg->attributes.size(), 1u);
  EXPECT_NE(sg->attributes[0].actual.find("0.0.0.0/0"), std::string::npos);
  EXPECT_EQ(sg->attributes[0].expected.find("0.0.0.0/0"), std::string::npos);
  const auto* inst = find(r, "aws_instance.web");
  ASSERT_NE(inst, nullptr);
  // The workspace's t3.micro has no price in the cost table: the resize to m5.large is
  // "unknown", never a number (Cli.CostDeltaOfAClassChangeComesFromTheCostTable in scanner.unit
  // checks priced classes).
  ASSERT_FALSE(drift::find_price("ec2", "us-east-1", "t3.micro"));
  EXPECT_TRUE(inst->cost_unknown);
  EXPECT_FALSE(inst->monthly_cost_delta);
  EXPECT_GE(r.summary.cost_unknown, 1);
}

TEST_F(ProdScan, StoresEachReportWithLatestBeside) {
  auto keys = parse(keys_);
  std::set<std::string> names;
  for (const auto& k : keys.GetArray()) names.insert(k.GetString());
  EXPECT_EQ(names.size(), 6u) << keys_;  // two scans + latest.json, each with its HTML page
  EXPECT_TRUE(names.count("reports/platform/prod/latest.json")) << keys_;
  EXPECT_TRUE(names.count("reports/platform/prod/latest.html")) << keys_;
}

TEST_F(ProdScan, AlertsOnceForNewHighOrWorseDriftAndNotAgainOnAnUnchangedRescan) {
  auto first = parse(alerts_first_);
  ASSERT_EQ(first.Size(), 1u) << alerts_first_;
  const std::string subject = first[0]["subject"].GetString();
  const std::string body = first[0]["message"].GetString();
  EXPECT_NE(subject.find("CRITICAL"), std::string::npos) << subject;
  EXPECT_NE(subject.find("platform/prod"), std::string::npos) << subject;
  // The alert covers drift at or above ALERT_MIN_SEVERITY, HIGH by default.
  const auto& by_severity = latest().summary.by_severity;
  const int critical = by_severity.at("CRITICAL");
  EXPECT_GE(critical, 3);
  const int high_or_worse = critical + by_severity.at("HIGH");
  EXPECT_NE(body.find("HIGH or worse drift: " + std::to_string(high_or_worse) +
                      " new, 0 changed, 0 resolved"),
            std::string::npos)
      << body;
  for (const char* a : {"aws_security_group.web", "aws_s3_bucket_public_access_block.data",
                        "aws_s3_bucket_server_side_encryption_configuration.data"})
    EXPECT_NE(body.find(a), std::string::npos) << a;
  EXPECT_NE(body.find("s3://" + stack_.at("report_bucket") + "/reports/platform/prod/"),
            std::string::npos)
      << body;
  ASSERT_EQ(second_.status, 2) << second_.out;
  EXPECT_EQ(parse(second_.out)["scans"][0]["exit_code"].GetInt(), 2);
  EXPECT_EQ(parse(alerts_second_).Size(), 0u) << alerts_second_;
}

TEST_F(ProdScan, PublishesDriftEventsForAutoRevertResources) {
  auto events = parse(events_first_);
  std::set<std::string> addresses;
  for (const auto& m : events.GetArray()) {
    auto e = drift::parse_event(m["message"].GetString());
    ASSERT_TRUE(e.ok()) << m["message"].GetString();
    const auto& ev = e.value();
    EXPECT_EQ(ev.source, "drift-detection.scanner");
    EXPECT_EQ(ev.detail_type, "Drift Detected");
    EXPECT_EQ(ev.account, "123456789012");
    EXPECT_EQ(ev.detail.tags.at("AutoRevert"), "true");
    EXPECT_EQ(ev.detail.tags.at("ManagedBy"), "terraform");
    ASSERT_TRUE(ev.detail.terraform);
    EXPECT_EQ(ev.detail.terraform->workspace, "prod");
    EXPECT_EQ(ev.detail.terraform->environment, "production");
    EXPECT_EQ(ev.detail.terraform->target, "platform");
    EXPECT_NE(ev.detail.terraform->state_location.find("env:/prod/"), std::string::npos);
    EXPECT_EQ(ev.detail.terraform->report_uri.rfind(
                  "s3://" + stack_.at("report_bucket") + "/reports/platform/prod/", 0),
              0u);
    EXPECT_FALSE(ev.detail.resource_arn.empty());
    addresses.insert(ev.detail.terraform->address);
  }
  // The data bucket and its split resources (which take its tags) and the instance; not the
  // artifacts bucket or the security group, which did not opt in.
  EXPECT_EQ(addresses, (std::set<std::string>{
                           "aws_instance.web", "aws_s3_bucket.data", "aws_s3_bucket_policy.data",
                           "aws_s3_bucket_public_access_block.data",
                           "aws_s3_bucket_server_side_encryption_configuration.data",
                           "aws_s3_bucket_versioning.data"}));
}

TEST_F(ProdScan, PublishesTheBriefsMetrics) {
  const auto m = read_metrics(stack_.at("metrics_namespace"));
  auto get = [&](const std::string& k) {
    auto it = m.find(k);
    if (it == m.end()) ADD_FAILURE() << "no metric " << k;
    return it == m.end() ? metric{} : it->second;
  };
  const auto critical = get("DriftDetected|Environment=production|Severity=CRITICAL");
  EXPECT_EQ(critical.sum, latest().summary.by_severity.at("CRITICAL") * critical.count);
  EXPECT_EQ(critical.count, 2);  // two scans
  EXPECT_EQ(critical.unit, "Count");
  EXPECT_EQ(get("DriftDetected|Environment=production|Severity=LOW").sum, 0);
  const auto scanned = get("ResourcesScanned|Environment=production");
  EXPECT_EQ(scanned.sum, 8 * scanned.count);
  EXPECT_EQ(get("ScanErrors|Environment=production").sum, 0);
  EXPECT_EQ(get("ScanDuration|Environment=production").unit, "Seconds");
  EXPECT_GT(get("ScanDuration").count, 0);  // the dimensionless one the 12 h alarm watches
}

TEST_F(ProdScan, NeverWritesOrSendsASensitiveValue) {
  EXPECT_EQ(latest_first_.find(kSecret), std::string::npos);
  EXPECT_EQ(alerts_first_.find(kSecret), std::string::npos);
  EXPECT_EQ(events_first_.find(kSecret), std::string::npos);
  EXPECT_NE(latest_first_.find("(sensitive)"), std::string::npos);
}

// --- every target at once: dev (clean) beside a target that cannot be read -----------------

class AllTargets : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    ws_ = new rapidjson::Document(scanner_test::workspaces());
    stack_ = drift_test::make_stack("all");
    const std::string ws_file = scanner_test::build_dir() + "/fixtures/workspaces/workspaces.json";
    ground_truth_ = scanner_test::run("python3 " + scanner_test::source_dir() +
                                      "/tests/scanner/ground_truth.py " + ws_file + " dev")
                        .out;
    const std::string broken =
        R"(,{"name":"broken","region":"us-east-1","state":{"bucket":"no-such-state-bucket","key":"x.tfstate"}})";
    // Every target, as the schedule scans them; this time from the command line.
    result_ = cli_scan(function_env(stack_, targets_json(*ws_, "platform", "[\"dev\"]", broken)));
  }
  static void TearDownTestSuite() { delete ws_; }
  static inline rapidjson::Document* ws_ = nullptr;
  static inline drift_test::stack stack_;
  static inline std::string ground_truth_;
  static inline scanner_test::command_result result_;
};

TEST_F(AllTargets, ACleanWorkspaceHasNoDriftLikeTerraformSays) {
  ASSERT_EQ(result_.status, 1) << result_.out;
  auto got = scanner_test::observe("s3-get " + stack_.at("report_bucket") +
                                   " reports/platform/dev/latest.json");
  ASSERT_EQ(got.status, 0);
  auto report = drift::parse_report(got.out);
  ASSERT_TRUE(report.ok());
  EXPECT_EQ(from_report(report.value()), from_ground_truth(parse(ground_truth_)));
  EXPECT_EQ(report.value().exit_code, 0);
  EXPECT_EQ(report.value().target.environment, "dev");
  EXPECT_EQ(parse(scanner_test::observe("drain " + stack_.at("alerts_queue_url")).out).Size(), 0u);
  EXPECT_EQ(parse(scanner_test::observe("drain " + stack_.at("drift_events_queue_url")).out).Size(),
            0u);
}

TEST_F(AllTargets, ABadTargetIsReportedInItsOwnReportAndMetricsWhileOthersRun) {
  auto resp = parse(result_.out);
  EXPECT_EQ(resp["exit_code"].GetInt(), 1);
  ASSERT_EQ(resp["scans"].Size(), 2u) << result_.out;
  auto keys = parse(
      scanner_test::observe("s3-list " + stack_.at("report_bucket") + " reports/broken/").out);
  ASSERT_GE(keys.Size(), 1u);
  std::string json_key;  // the report, not its HTML page beside it
  for (const auto& k : keys.GetArray())
    if (std::string key = k.GetString(); json_key.empty() && key.ends_with(".json")) json_key = key;
  auto got = scanner_test::observe("s3-get " + stack_.at("report_bucket") + " " + json_key);
  auto report = drift::parse_report(got.out);
  ASSERT_TRUE(report.ok()) << got.out;
  EXPECT_EQ(report.value().exit_code, 1);
  ASSERT_EQ(report.value().errors.size(), 1u);
  EXPECT_EQ(report.value().errors[0].code, "NoSuchBucket");
  const auto m = read_metrics(stack_.at("metrics_namespace"));
  ASSERT_TRUE(m.count("ScanErrors|Environment=unknown"));
  EXPECT_EQ(m.at("ScanErrors|Environment=unknown").sum, 1);
  ASSERT_TRUE(m.count("ScanErrors|Environment=dev"));
  EXPECT_EQ(m.at("ScanErrors|Environment=dev").sum, 0);
  EXPECT_TRUE(m.count("ScanDuration"));
}

}  // namespace
