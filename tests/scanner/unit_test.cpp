// The scanner's own pieces, without AWS: targets, workspace discovery from a listing, plan
// ingestion of a real refresh-only plan (captured against moto), grading with ignore rules,
// the alert message, metrics and drift events, the Lambda event and the command line.
#include <gtest/gtest.h>

#include <algorithm>
#include <filesystem>
#include <map>
#include <regex>
#include <set>
#include <sstream>

#include "cli.h"
#include "drift/cost.h"
#include "drift/event.h"
#include "drift/report.h"
#include "grading.h"
#include "handler.h"
#include "messages.h"
#include "outputs.h"
#include "plan_findings.h"
#include "support.h"
#include "targets.h"
#include "terraform/state.h"

namespace {

using namespace scanner;

std::string fixture(const std::string& name) {
  return scanner_test::read_file(scanner_test::source_dir() + "/tests/terraform/fixtures/" + name);
}

const char* kTargets = R"([
  {"name": "platform", "account_id": "123456789012", "region": "us-east-1",
   "role_arn": "arn:aws:iam::123456789012:role/drift-reader", "external_id": "x-1",
   "state": {"bucket": "acme-tfstate", "key": "platform/terraform.tfstate", "region": "us-west-2",
             "workspace_key_prefix": "env:", "workspaces": ["prod", "staging"],
             "dynamodb_table": "acme-tflock"},
   "environments": {"prod": "production"},
   "terraform_dir": "/src/platform", "rules_file": "s3://b/rules.json", "ignore_file": ".driftignore"},
  {"name": "data", "state": {"bucket": "b", "key": "data.tfstate", "workspaces": "*"}},
  {"name": "nostate"},
  42
])";

TEST(Targets, ParsesEveryFieldOfTheBriefsShape) {
  auto parsed = parse_targets(kTargets);
  ASSERT_TRUE(parsed.ok());
  const auto& t = parsed.value();
  ASSERT_EQ(t.size(), 4u);
  EXPECT_EQ(t[0].name, "platform");
  EXPECT_EQ(t[0].account_id, "123456789012");
  EXPECT_EQ(t[0].role_arn, "arn:aws:iam::123456789012:role/drift-reader");
  EXPECT_EQ(t[0].external_id, "x-1");
  EXPECT_EQ(t[0].state.region, "us-west-2");
  EXPECT_EQ(t[0].state.dynamodb_table, "acme-tflock");
  EXPECT_EQ(t[0].state.workspaces, (std::vector<std::string>{"prod", "staging"}));
  EXPECT_EQ(t[0].environment_of("prod"), "production");
  EXPECT_EQ(t[0].environment_of("staging"), "staging");  // the workspace's own name
  EXPECT_EQ(t[0].state_key_of("prod"), "env:/prod/platform/terraform.tfstate");
  EXPECT_EQ(t[0].state_key_of("default"), "platform/terraform.tfstate");
  EXPECT_EQ(t[0].rules_file, "s3://b/rules.json");
  EXPECT_TRUE(t[0].problem.empty());
  // "*" means every workspace found; a missing state region is the target's.
  EXPECT_TRUE(t[1].state.workspaces.empty());
  EXPECT_TRUE(t[1].problem.empty());
  // Bad entries are kept, with the reason, so that their own report says what is wrong.
  EXPECT_NE(t[2].problem.find("state.bucket"), std::string::npos);
  EXPECT_NE(t[3].problem.find("not a JSON object"), std::string::npos);
}

TEST(Targets, RejectsWhatIsNotAList) {
  EXPECT_FALSE(parse_targets("{not json").ok());
  EXPECT_FALSE(parse_targets("\"platform\"").ok());
}

TEST(Targets, DiscoversWorkspacesTheWayTheS3BackendStoresThem) {
  target t = parse_targets(kTargets).value()[1];
  t.state.workspace_key_prefix = "env:";
  const std::vector<std::string> keys{"data.tfstate",          "env:/prod/data.tfstate",
                                      "env:/dev/data.tfstate", "env:/dev/data.tfstate.tflock",
                                      "env:/a/b/data.tfstate", "env:/other/other.tfstate",
                                      "unrelated/data.tfstate"};
  EXPECT_EQ(workspaces_in_listing(t, keys), (std::vector<std::string>{"default", "dev", "prod"}));
  t.state.workspace_key_prefix = "workspaces";
  EXPECT_EQ(workspaces_in_listing(t, {"workspaces/blue/data.tfstate"}),
            (std::vector<std::string>{"blue"}));
}

TEST(PlanFindings, ListsExactlyTheResourceDriftOfARealRefreshOnlyPlan) {
  auto state = terraform::parse_state(fixture("capture.tfstate"));
  ASSERT_TRUE(state.ok());
  auto f = findings_from_plan_json(fixture("refresh_only_drift.plan.json"), &state.value(), "plan");
  ASSERT_TRUE(f.ok()) << f.error().message;
  std::vector<std::string> got;
  for (const auto& d : f.value().drifts) {
    std::string attrs;
    for (const auto& a : d.attributes) attrs += (attrs.empty() ? "" : ",") + a.name;
    got.push_back(d.address + " " + std::string(drift::to_string(d.change)) + " " + attrs);
  }
  std::sort(got.begin(), got.end());
  EXPECT_EQ(got, (std::vector<std::string>{
                     "aws_instance.web[0] update instance_type,public_dns,public_ip",
                     "aws_s3_bucket.data update tags,tags_all",
                     "aws_s3_bucket_public_access_block.data delete ",
                     "aws_s3_bucket_server_side_encryption_configuration.data delete ",
                     "aws_s3_bucket_versioning.data update versioning_configuration",
                     "aws_security_group.db update ingress",
                     "module.logs.aws_s3_bucket.log[\"beta\"] delete ",
                 }));
  EXPECT_EQ(f.value().resources_scanned, static_cast<int>(state.value().resources.size()));
  // A split resource carries its bucket's ARN and tags.
  auto it = std::find_if(f.value().drifts.begin(), f.value().drifts.end(), [](const finding& d) {
    return d.address == "aws_s3_bucket_versioning.data";
  });
  ASSERT_NE(it, f.value().drifts.end());
  EXPECT_EQ(it->arn, "arn:aws:s3:::capture-data-bucket");
  EXPECT_EQ(it->tags.at("AutoRevert"), "true");
}

TEST(PlanFindings, NeverCarriesASensitiveValue) {
  auto f = findings_from_plan_json(fixture("refresh_only_drift.plan.json"), nullptr, "plan");
  ASSERT_TRUE(f.ok());
  for (const auto& d : f.value().drifts) {
    for (const auto& a : d.attributes) {
      EXPECT_EQ(a.expected.find("s3cr3t-value"), std::string::npos) << d.address << "." << a.name;
      EXPECT_EQ(a.actual.find("s3cr3t-value"), std::string::npos) << d.address << "." << a.name;
    }
    for (const auto& [k, v] : d.tags) EXPECT_NE(v, "s3cr3t-value") << d.address << " tag " << k;
  }
}

drift::report graded(const std::string& environment, const std::string& ignore_text = "") {
  auto state = terraform::parse_state(fixture("capture.tfstate"));
  auto f = findings_from_plan_json(fixture("refresh_only_drift.plan.json"), &state.value(), "plan");
  report_context ctx{"scan-1",
                     "2026-11-23T18:00:00Z",
                     "2026-11-23T18:00:10Z",
                     {"platform", "123456789012", "us-east-1", "prod", environment,
                      "s3://acme-tfstate/env:/prod/platform/terraform.tfstate"}};
  return grade(f.value(), ctx, drift::rule_table::builtin(),
               drift::ignore_rules::parse(ignore_text));
}

const drift::drift_item& item(const drift::report& r, const std::string& address) {
  for (const auto& d : r.drifts)
    if (d.address == address) return d;
  throw std::runtime_error("no drift for " + address);
}

TEST(Grading, GradesProductionDriftWithReasonsAndRemediation) {
  const auto r = graded("production");
  EXPECT_EQ(r.exit_code, 2);
  EXPECT_EQ(item(r, "aws_security_group.db").level, drift::severity::critical);
  EXPECT_EQ(item(r, "aws_s3_bucket_server_side_encryption_configuration.data").level,
            drift::severity::critical);
  EXPECT_EQ(item(r, "aws_s3_bucket_public_access_block.data").level, drift::severity::critical);
  EXPECT_EQ(item(r, "aws_s3_bucket_versioning.data").level, drift::severity::medium);
  EXPECT_EQ(item(r, "aws_instance.web[0]").level, drift::severity::medium);
  EXPECT_EQ(item(r, "aws_s3_bucket.data").level, drift::severity::low);
  for (const auto& d : r.drifts) {
    EXPECT_FALSE(d.reason.empty()) << d.address;
    EXPECT_FALSE(d.fix.command.empty()) << d.address;
  }
  EXPECT_EQ(item(r, "aws_security_group.db").fix.command,
            "TF_WORKSPACE='prod' terraform apply -target='aws_security_group.db'");
  EXPECT_EQ(r.summary.by_severity.at("CRITICAL"), 3);
  EXPECT_EQ(*r.summary.highest, drift::severity::critical);
}

TEST(Grading, SeverityIsTheSameOutsideProduction) {
  const auto prod = graded("production");
  const auto dev = graded("dev");
  ASSERT_EQ(prod.drifts.size(), dev.drifts.size());
  for (const auto& d : prod.drifts) EXPECT_EQ(item(dev, d.address).level, d.level) << d.address;
  EXPECT_EQ(item(dev, "aws_security_group.db").level, drift::severity::critical);
}

TEST(Grading, IgnoreRulesDropResourcesAndAttributes) {
  const auto r = graded(
      "production", "aws_security_group.*\n*.tags_all\naws_s3_bucket.data.tags\nmodule.logs.*\n");
  for (const auto& d : r.drifts) {
    EXPECT_NE(d.address, "aws_security_group.db");
    EXPECT_NE(d.address, "aws_s3_bucket.data");  // both of its changed attributes ignored
    EXPECT_EQ(d.address.rfind("module.logs.", 0), std::string::npos);
    for (const auto& a : d.attributes) EXPECT_NE(a.name, "tags_all");
  }
  EXPECT_EQ(r.summary.ignored, 3);
  EXPECT_EQ(r.summary.drifted, 4);
}

// An Auto Scaling group whose scaling moved its desired capacity, as the native engine (or a
// plan) hands it over, tagged for automatic reverts.
findings scaled_group(const std::vector<drift::report_attribute>& changed) {
  findings f;
  f.engine = "native";
  f.resources_scanned = 1;
  finding d;
  d.address = "aws_autoscaling_group.web";
  d.type = "aws_autoscaling_group";
  d.id = "web";
  d.arn = "arn:aws:autoscaling:us-east-1:123456789012:autoScalingGroup:1:autoScalingGroupName/web";
  d.attributes = changed;
  d.tags = {{"AutoRevert", "true"}};
  f.drifts.push_back(d);
  return f;
}

drift::report graded_scaling(const std::vector<drift::report_attribute>& changed,
                             const std::string& ignore_text = "") {
  report_context ctx{"scan-1",
                     "2026-11-23T18:00:00Z",
                     "2026-11-23T18:00:10Z",
                     {"platform", "123456789012", "us-east-1", "prod", "production", "s3://s/k"}};
  return grade(scaled_group(changed), ctx, drift::rule_table::builtin(),
               drift::ignore_rules::parse(ignore_text));
}

const drift::report_attribute kCapacity{"desired_capacity", "2", "5", false};

TEST(Grading, AnAutoscaledCountIsReportedAsExpectedInfoAndNeverAutoReverted) {
  const auto r = graded_scaling({kCapacity});
  ASSERT_EQ(r.drifts.size(), 1u);
  const auto& d = r.drifts[0];
  EXPECT_EQ(r.exit_code, 2);  // reported: Terraform reports it too
  EXPECT_EQ(d.level, drift::severity::info);
  EXPECT_EQ(d.rule, "autoscaled-count");
  EXPECT_FALSE(d.auto_remediate);
  // Tagged AutoRevert=true, yet no drift event asks for a revert.
  EXPECT_FALSE(auto_revert(d));
  EXPECT_EQ(d.fix.action, "accept");
  EXPECT_NE(d.fix.command.find("ignore_changes = [desired_capacity]"), std::string::npos);
  // The report says so in its JSON, and reads it back.
  const std::string json = drift::to_json(r);
  EXPECT_NE(json.find(R"("auto_remediate":false)"), std::string::npos);
  auto back = drift::parse_report(json);
  ASSERT_TRUE(back) << back.error().message;
  EXPECT_FALSE(back->drifts[0].auto_remediate);
  EXPECT_FALSE(auto_revert(back->drifts[0]));
}

TEST(Grading, AnAutoscaledCountBesideAnotherChangeStillBlocksTheAutomaticRevert) {
  const auto r = graded_scaling(
      {kCapacity, {"max_size", "4", "8", false}, {"tags", "{}", R"({"a":"b"})", false}});
  ASSERT_EQ(r.drifts.size(), 1u);
  EXPECT_EQ(r.drifts[0].level, drift::severity::low);
  EXPECT_FALSE(auto_revert(r.drifts[0]));
  // The fix is for the other changes; the count is left to scaling.
  EXPECT_EQ(r.drifts[0].fix.action, "accept");
  EXPECT_EQ(r.drifts[0].fix.command.find("desired_capacity"), std::string::npos);
  EXPECT_NE(r.drifts[0].fix.command.find("tags"), std::string::npos);
  EXPECT_NE(r.drifts[0].fix.description.find("desired_capacity"), std::string::npos);
  // Without the count, the same group's drift is reverted as its tag asks.
  const auto without = graded_scaling({{"max_size", "4", "8", false}});
  EXPECT_TRUE(without.drifts[0].auto_remediate);
  EXPECT_TRUE(auto_revert(without.drifts[0]));
}

TEST(Grading, AHiddenAutoscaledCountIsCountedInSuppressed) {
  const auto r = graded_scaling({kCapacity}, "aws_autoscaling_group.*.desired_capacity\n");
  EXPECT_TRUE(r.drifts.empty());
  EXPECT_EQ(r.summary.ignored, 1);
  EXPECT_EQ(r.suppressed.at("aws_autoscaling_group.desired_capacity:autoscaled-count"), 1);
  // Other hidden attributes are not: only what a rule calls expected is counted there.
  const auto tags = graded_scaling({{"tags", "{}", R"({"a":"b"})", false}}, "*.tags\n");
  EXPECT_TRUE(tags.suppressed.empty());
}

TEST(Outputs, ReportKeysFollowTheBrief) {
  const auto t = std::chrono::system_clock::from_time_t(1795975200);  // 2026-11-29T18:00:00Z
  EXPECT_EQ(report_key("platform", "prod", t), "reports/platform/prod/2026-11-29T18-00-00Z.json");
  EXPECT_EQ(latest_key("platform", "prod"), "reports/platform/prod/latest.json");
}

TEST(Outputs, AlertsOncePerScanWithCountsTopFindingsAndLocation) {
  const auto r = graded("production");
  const auto delta = drift::compare_critical(nullptr, r);
  auto m = build_alert(r, delta, "s3://reports/reports/platform/prod/x.json");
  ASSERT_TRUE(m);
  EXPECT_NE(m->subject.find("CRITICAL"), std::string::npos);
  EXPECT_NE(m->subject.find("platform/prod"), std::string::npos);
  EXPECT_LE(m->subject.size(), 100u);
  EXPECT_NE(m->body.find("3 new"), std::string::npos) << m->body;
  EXPECT_NE(m->body.find("aws_security_group.db"), std::string::npos);
  EXPECT_NE(m->body.find("s3://reports/reports/platform/prod/x.json"), std::string::npos);
  // The same drift again: nothing new, no alert.
  EXPECT_FALSE(build_alert(r, drift::compare_critical(&r, r), "s3://x"));
  // The CRITICAL drift gone: said once, as resolved.
  auto fixed = r;
  fixed.drifts.erase(
      std::remove_if(fixed.drifts.begin(), fixed.drifts.end(),
                     [](const auto& d) { return d.level == drift::severity::critical; }),
      fixed.drifts.end());
  drift::summarize(fixed);
  auto resolved = build_alert(fixed, drift::compare_critical(&r, fixed), "s3://x");
  ASSERT_TRUE(resolved);
  EXPECT_NE(resolved->subject.find("Resolved"), std::string::npos);
  EXPECT_NE(resolved->body.find("aws_security_group.db"), std::string::npos);
}

TEST(Outputs, MetricsUseTheBriefsNamesUnitsAndDimensions) {
  const auto r = graded("production");
  const auto m = scan_metrics(r, 12.5);
  int drift_detected = 0;
  bool scanned = false, errors = false, duration = false, critical = false;
  for (const auto& d : m) {
    if (d.name == "DriftDetected") {
      ++drift_detected;
      EXPECT_EQ(d.unit, "Count");
      ASSERT_EQ(d.dimensions.size(), 2u);
      EXPECT_EQ(d.dimensions[0],
                (std::pair<std::string, std::string>{"Environment", "production"}));
      EXPECT_EQ(d.dimensions[1].first, "Severity");
      if (d.dimensions[1].second == "CRITICAL") {
        critical = true;
        EXPECT_EQ(d.value, 3);
      }
    } else if (d.name == "ResourcesScanned") {
      scanned = true;
      EXPECT_EQ(d.value, r.summary.resources_scanned);
    } else if (d.name == "ScanErrors") {
      errors = true;
      EXPECT_EQ(d.value, 0);
    } else if (d.name == "ScanDuration") {
      duration = true;
      EXPECT_EQ(d.unit, "Seconds");
      EXPECT_EQ(d.value, 12.5);
    }
  }
  EXPECT_EQ(drift_detected, 5);
  EXPECT_TRUE(critical) << "no DriftDetected datum for CRITICAL: its count was never checked";
  EXPECT_TRUE(scanned && errors && duration);
}

TEST(Outputs, DriftEventsUseTheFlowTwoEnvelope) {
  const auto r = graded("production");
  const auto& d = item(r, "aws_s3_bucket_versioning.data");
  ASSERT_TRUE(auto_revert(d));
  EXPECT_FALSE(auto_revert(item(r, "aws_security_group.db")));
  auto e = build_drift_event(r, d,
                             {"123456789012", "us-east-1", "s3://acme/env:/prod/k", "s3://r/x.json",
                              "2026-11-23T18:00:10Z"},
                             "id-1");
  auto parsed = drift::parse_event(drift::to_json(e));
  ASSERT_TRUE(parsed.ok()) << parsed.error().message;
  const auto& p = parsed.value();
  EXPECT_EQ(p.source, "drift-detection.scanner");
  EXPECT_EQ(p.detail_type, "Drift Detected");
  EXPECT_EQ(p.detail.resource_arn, "arn:aws:s3:::capture-data-bucket");
  EXPECT_EQ(p.detail.changed_properties, (std::vector<std::string>{"versioning_configuration"}));
  EXPECT_EQ(p.detail.severity, "MEDIUM");
  EXPECT_EQ(p.detail.tags.at("AutoRevert"), "true");
  ASSERT_TRUE(p.detail.terraform);
  EXPECT_EQ(p.detail.terraform->address, "aws_s3_bucket_versioning.data");
  EXPECT_EQ(p.detail.terraform->workspace, "prod");
  EXPECT_EQ(p.detail.terraform->environment, "production");
  EXPECT_EQ(p.detail.terraform->target, "platform");
  EXPECT_EQ(p.detail.terraform->report_uri, "s3://r/x.json");
  // A scan alone does not know when the change was made: no changeTime, no author.
  EXPECT_TRUE(p.detail.change_time.empty());
  EXPECT_TRUE(p.detail.change_author.empty());
}

TEST(Outputs, DriftEventsCarryTheChangeTimeOnlyWhenACloudTrailEventSaidIt) {
  const auto r = graded("production");
  auto d = item(r, "aws_s3_bucket_versioning.data");
  d.changed_by = drift::changed_by{};
  d.changed_by->principal_arn = "arn:aws:sts::123456789012:assumed-role/Admin/jane";
  d.changed_by->event_time = "2026-11-23T17:59:31Z";
  auto e = build_drift_event(r, d,
                             {"123456789012", "us-east-1", "s3://acme/env:/prod/k", "s3://r/x.json",
                              "2026-11-23T18:00:10Z"},
                             "id-2");
  auto parsed = drift::parse_event(drift::to_json(e));
  ASSERT_TRUE(parsed.ok()) << parsed.error().message;
  EXPECT_EQ(parsed.value().detail.change_time, "2026-11-23T17:59:31Z");
  EXPECT_EQ(parsed.value().detail.change_author,
            "arn:aws:sts::123456789012:assumed-role/Admin/jane");
}

TEST(Event, TargetsAWorkspaceOrCarriesAPlan) {
  auto all = parse_event(R"({"version":"0","source":"aws.events","detail-type":"Scheduled Event"})",
                         nullptr);
  ASSERT_TRUE(all.ok());
  EXPECT_TRUE(all.value().target.empty());
  auto one = parse_event(R"({"target":"platform","workspace":"prod"})", nullptr);
  ASSERT_TRUE(one.ok());
  EXPECT_EQ(one.value().target, "platform");
  EXPECT_EQ(one.value().workspace, "prod");
  auto inline_plan =
      parse_event(R"({"target":"platform","plan":{"format_version":"1.2"}})", nullptr);
  ASSERT_TRUE(inline_plan.ok());
  EXPECT_EQ(*inline_plan.value().plan_json, R"({"format_version":"1.2"})");
  EXPECT_FALSE(parse_event(R"({"plan":{}})", nullptr).ok());  // whose plan?
}

TEST(Cli, GradesAPlanFileIntoALocalReportWithTerraformsExitCode) {
  const std::string out = scanner_test::temp_dir();
  const std::string plan =
      scanner_test::source_dir() + "/tests/terraform/fixtures/refresh_only_drift.plan.json";
  auto r = scanner_test::run(scanner_test::cli() + " --plan " + plan +
                             " --target platform --workspace prod" +
                             " --environment production --out " + out + " --json");
  EXPECT_EQ(r.status, 2) << r.out;
  auto j = scanner_test::parse(r.out);
  ASSERT_EQ(j["scans"].Size(), 1u);
  EXPECT_STREQ(j["scans"][0]["highest"].GetString(), "CRITICAL");
  const auto latest = scanner_test::read_file(out + "/reports/platform/prod/latest.json");
  auto report = drift::parse_report(latest);
  ASSERT_TRUE(report.ok());
  EXPECT_EQ(report.value().engine, "plan");
  EXPECT_EQ(report.value().target.environment, "production");
  EXPECT_EQ(report.value().drifts.size(), 7u);
  EXPECT_EQ(latest.find("s3cr3t-value"), std::string::npos);

  // The readable summary, without colour when not on a terminal.
  r = scanner_test::run(scanner_test::cli() + " --plan " + plan + " --environment prod --out " +
                        out);
  EXPECT_EQ(r.status, 2);
  EXPECT_NE(r.out.find("CRITICAL aws_security_group.db update [ingress]"), std::string::npos)
      << r.out;
  EXPECT_EQ(r.out.find("\033["), std::string::npos);
}

TEST(Cli, ExitsZeroOnAPlanWithoutDriftAndOneOnGarbage) {
  const std::string dir = scanner_test::temp_dir();
  scanner_test::write_file(
      dir + "/clean.json",
      R"({"format_version":"1.2","terraform_version":"1.11.0","applyable":false,)"
      R"("complete":true,"errored":false})");
  scanner_test::write_file(dir + "/bad.json", "not a plan");
  EXPECT_EQ(
      scanner_test::run(scanner_test::cli() + " --quiet --plan " + dir + "/clean.json --out " + dir)
          .status,
      0);
  EXPECT_EQ(
      scanner_test::run(scanner_test::cli() + " --quiet --plan " + dir + "/bad.json --out " + dir)
          .status,
      1);
  EXPECT_EQ(scanner_test::run(scanner_test::cli() + " --no-such-flag 2>/dev/null").status, 1);
}

TEST(Cli, RefusesAMaxStateSizeItCannotUse) {
  const std::string dir = scanner_test::temp_dir();
  scanner_test::write_file(
      dir + "/clean.json",
      R"({"format_version":"1.2","terraform_version":"1.11.0","applyable":false,)"
      R"("complete":true,"errored":false})");
  auto r = scanner_test::run("MAX_STATE_MB=lots " + scanner_test::cli() + " --quiet --plan " + dir +
                             "/clean.json --out " + dir + " 2>&1");
  EXPECT_EQ(r.status, 1);
  EXPECT_NE(r.out.find("MAX_STATE_MB must be a whole number from 1 to"), std::string::npos)
      << r.out;
}

// The cost of a class change, through the whole scan of a plan: the captured drift resizes
// aws_instance.web[0] from t3.micro (unpriced) to m5.large. The same plan with its "before" class
// swapped for a priced one must give a monthly delta of the right sign and size, taken from the
// cost table; unpriced classes and regions must say "unknown", never 0.
TEST(Cli, CostDeltaOfAClassChangeComesFromTheCostTable) {
  const std::string dir = scanner_test::temp_dir();
  const std::string captured = scanner_test::read_file(
      scanner_test::source_dir() + "/tests/terraform/fixtures/refresh_only_drift.plan.json");
  ASSERT_NE(captured.find(R"("instance_type":"t3.micro")"), std::string::npos);
  ASSERT_FALSE(drift::find_price("ec2", "us-east-1", "t3.micro"));  // the fixture's own class
  auto with_before = [&](const std::string& cls) {
    std::string plan = captured;
    const std::string from = R"("instance_type":"t3.micro")",
                      to = R"("instance_type":")" + cls + "\"";
    for (auto at = plan.find(from); at != std::string::npos; at = plan.find(from, at + to.size()))
      plan.replace(at, from.size(), to);
    const std::string path = dir + "/" + cls + ".plan.json";
    scanner_test::write_file(path, plan);
    return path;
  };
  struct scanned {
    drift::report report;
    std::string summary, json;
  };
  auto scan = [&](const std::string& plan, const std::string& region) {
    static int runs = 0;
    const std::string out = dir + "/out-" + std::to_string(++runs);
    auto r = scanner_test::run(scanner_test::cli() + " --quiet --plan " + plan +
                               " --environment production --region " + region + " --out " + out);
    EXPECT_EQ(r.status, 2) << r.out;
    const std::string json = scanner_test::read_file(out + "/reports/local/default/latest.json");
    auto report = drift::parse_report(json);
    EXPECT_TRUE(report.ok());
    return scanned{report.ok() ? report.value() : drift::report{}, r.out, json};
  };
  auto instance = [](const drift::report& r) -> const drift::drift_item* {
    for (const auto& d : r.drifts)
      if (d.address == "aws_instance.web[0]") return &d;
    return nullptr;
  };
  auto monthly = [](std::string_view before, std::string_view after) {
    const auto b = drift::find_price("ec2", "us-east-1", before);
    const auto a = drift::find_price("ec2", "us-east-1", after);
    EXPECT_TRUE(a && b) << before << " -> " << after << " not in the cost table";
    return a && b ? (a->usd_per_hour - b->usd_per_hour) * drift::hours_per_month : 0.0;
  };

  // Up: t3.small -> m5.large costs more every month.
  {
    auto s = scan(with_before("t3.small"), "us-east-1");
    const auto* d = instance(s.report);
    ASSERT_NE(d, nullptr);
    const double want = monthly("t3.small", "m5.large");
    ASSERT_GT(want, 0.0);
    ASSERT_TRUE(d->monthly_cost_delta) << "a priced change must have a delta";
    EXPECT_FALSE(d->cost_unknown);
    EXPECT_NEAR(*d->monthly_cost_delta, want, 0.005);
    EXPECT_NEAR(s.report.summary.monthly_cost_delta, want, 0.005);
    EXPECT_EQ(s.report.summary.cost_unknown, 0);
    std::ostringstream line;
    line << "cost delta " << s.report.summary.monthly_cost_delta << " USD/month\n";
    EXPECT_NE(s.summary.find(line.str()), std::string::npos) << s.summary;
  }
  // Down: m5.xlarge -> m5.large saves; the delta is negative and as large as the difference.
  {
    auto s = scan(with_before("m5.xlarge"), "us-east-1");
    const auto* d = instance(s.report);
    ASSERT_NE(d, nullptr);
    const double want = monthly("m5.xlarge", "m5.large");
    ASSERT_LT(want, 0.0);
    ASSERT_TRUE(d->monthly_cost_delta);
    EXPECT_NEAR(*d->monthly_cost_delta, want, 0.005);
    EXPECT_NEAR(s.report.summary.monthly_cost_delta, want, 0.005);
  }
  // Unpriced class (the captured t3.micro) and unpriced region: unknown, never a zero.
  for (const auto& [plan, region] :
       {std::pair{with_before("t3.micro"), std::string("us-east-1")},
        std::pair{with_before("t3.small"), std::string("eu-central-1")}}) {
    SCOPED_TRACE(plan + " in " + region);
    auto s = scan(plan, region);
    const auto* d = instance(s.report);
    ASSERT_NE(d, nullptr);
    EXPECT_TRUE(d->cost_unknown);
    EXPECT_FALSE(d->monthly_cost_delta);
    EXPECT_EQ(s.report.summary.cost_unknown, 1);
    EXPECT_NE(s.summary.find("(+1 unknown)"), std::string::npos) << s.summary;
    // In the report as written: the string "unknown", not a number.
    auto j = scanner_test::parse(s.json);
    bool seen = false;
    for (const auto& item : j["drifts"].GetArray()) {
      if (std::string(item["address"].GetString()) != "aws_instance.web[0]") continue;
      seen = true;
      ASSERT_TRUE(item["monthly_cost_delta"].IsString());
      EXPECT_STREQ(item["monthly_cost_delta"].GetString(), "unknown");
    }
    EXPECT_TRUE(seen);
  }
}

// --help parsed line by line and held against the table the parser looks arguments up in: every
// option is listed once, with its short form and value placeholder, and a description; no
// option is mentioned that the parser does not take; and the parser takes each one.
TEST(Cli, HelpDocumentsEveryFlag) {
  auto r = scanner_test::run(scanner_test::cli() + " --help");
  ASSERT_EQ(r.status, 0);
  struct listed {
    std::string short_name, value, description;
    int times = 0;
  };
  std::map<std::string, listed> help;
  std::set<std::string> mentioned;
  const std::regex row(R"(^  (?:(-[a-zA-Z]), )?(--[a-z0-9-]+)(?: ([A-Z]+))?(?: {2,}(\S.*))?$)");
  const std::regex any_flag(R"((^|[\s(/`"])(--[a-z][a-z0-9-]*))");
  std::istringstream lines(r.out);
  std::string line, last;
  for (bool continued = false; std::getline(lines, line);) {
    std::smatch m;
    if (std::regex_match(line, m, row)) {
      auto& l = help[m[2]];
      l.short_name = m[1];
      l.value = m[3];
      l.description = m[4];
      ++l.times;
      last = m[2];
      continued = true;
    } else if (continued && line.rfind(std::string(26, ' '), 0) == 0 &&
               line.find_first_not_of(' ') != std::string::npos) {
      // A continuation line of the last option's description.
      if (help[last].description.empty()) help[last].description = line.substr(26);
    } else {
      continued = false;
    }
    for (auto it = std::sregex_iterator(line.begin(), line.end(), any_flag);
         it != std::sregex_iterator(); ++it)
      mentioned.insert((*it)[2]);
  }

  const auto table = scanner::cli_options();
  ASSERT_GE(table.size(), 19u);
  std::set<std::string> names;
  for (const auto& o : table) {
    const std::string name(o.name);
    names.insert(name);
    SCOPED_TRACE(name);
    ASSERT_TRUE(help.count(name)) << "not in --help:\n" << r.out;
    const auto& l = help.at(name);
    EXPECT_EQ(l.times, 1);
    EXPECT_EQ(l.short_name, std::string(o.short_name));
    EXPECT_EQ(l.value, std::string(o.value));
    EXPECT_FALSE(l.description.empty()) << "an option without a description";
    EXPECT_FALSE(o.help.empty());
    // The parser takes the option (with a value when it has one): --help after it answers.
    const std::string value = o.value.empty() ? "" : " x";
    auto taken = scanner_test::run(scanner_test::cli() + " " + name + value + " --help");
    EXPECT_EQ(taken.status, 0) << taken.out;
    EXPECT_EQ(taken.out, r.out);
    if (!o.short_name.empty()) {
      auto short_form = scanner_test::run(scanner_test::cli() + " " + std::string(o.short_name));
      EXPECT_EQ(short_form.status, 0);
      EXPECT_EQ(short_form.out, r.out);
    }
    if (!o.value.empty()) {  // and wants its value
      auto bare = scanner_test::run(scanner_test::cli() + " " + name + " 2>&1");
      EXPECT_EQ(bare.status, 1);
      EXPECT_NE(bare.out.find(name + " needs a value"), std::string::npos) << bare.out;
    }
  }
  // Every option --help names, also inside a description, is one the parser takes.
  for (const auto& [name, l] : help) EXPECT_TRUE(names.count(name)) << name << " listed, not taken";
  for (const auto& m : mentioned) EXPECT_TRUE(names.count(m)) << m << " mentioned, not taken";
  EXPECT_EQ(help.size(), table.size());
  // What the table lacks the parser refuses.
  auto unknown = scanner_test::run(scanner_test::cli() + " --colour 2>&1");
  EXPECT_EQ(unknown.status, 1);
  EXPECT_NE(unknown.out.find("unknown option --colour"), std::string::npos) << unknown.out;
}

}  // namespace

TEST(Outputs, ADriftEventOverSnsLimitIsTrimmedAndPointsToTheReport) {
  const auto r = graded("production");
  const auto& d = item(r, "aws_s3_bucket_versioning.data");
  auto e = build_drift_event(r, d,
                             {"123456789012", "us-east-1", "s3://acme/env:/prod/k", "s3://r/x.json",
                              "2026-11-23T18:00:10Z"},
                             "id-big");
  const std::string huge(300 * 1024, 'x');
  e.detail.changes.push_back({"policy", huge, huge});
  auto [json, trimmed] = event_json_within_limit(e);
  EXPECT_TRUE(trimmed);
  EXPECT_LE(json.size(), max_event_bytes);
  auto parsed = drift::parse_event(json);
  ASSERT_TRUE(parsed.ok()) << parsed.error().message;
  ASSERT_TRUE(parsed.value().detail.terraform);
  EXPECT_EQ(parsed.value().detail.terraform->report_uri, "s3://r/x.json");
  EXPECT_FALSE(parsed.value().detail.changed_properties.empty());
  auto [small, small_trimmed] = event_json_within_limit(build_drift_event(
      r, d, {"1", "us-east-1", "s3://a/k", "s3://r/y.json", "2026-11-23T18:00:10Z"}, "id-small"));
  EXPECT_FALSE(small_trimmed);
}

TEST(Outputs, ScanErrorsCountsWhatCouldNotBePublished) {
  const auto r = graded("production");
  double errors = -1;
  for (const auto& m : scan_metrics(r, 1.0, 3))
    if (m.name == "ScanErrors") errors = m.value;
  EXPECT_EQ(errors, static_cast<double>(r.errors.size() + 3));
}

// Messages for people (messages.h): the delta's news in one drift message, status by sighting,
// values readable, the report's links; resolved drift by id.
TEST(Messages, OneDriftMessagePerScanWithTheNewsOfTheDelta) {
  auto r = graded("production");
  ASSERT_GE(r.drifts.size(), 3u);
  drift::critical_delta delta;
  delta.added.push_back(r.drifts[0]);
  delta.changed.push_back(r.drifts[1]);
  delta.remains.push_back(r.drifts[2]);
  delta.added[0].drift_id = "id-new";
  delta.added[0].attributes = {{"tags.Owner", R"("alice")", R"("<!channel> & @octocat")", false}};
  delta.added[0].level = drift::severity::low;
  delta.changed[0].drift_id = "id-changed";
  delta.changed[0].level = drift::severity::critical;
  delta.changed[0].arn.clear();
  delta.changed[0].id = "sg-123";
  delta.remains[0].drift_id = "id-remains";
  delta.remains[0].level = drift::severity::high;
  drift::changed_by by;
  by.principal_arn = "arn:aws:iam::123456789012:user/mallory";
  delta.added[0].changed_by = by;

  const auto m = messages::drift_message(r, delta, "s3://b/k.json", "https://r.example/k.html");
  ASSERT_TRUE(m);
  EXPECT_EQ(m->what, notify::kind::drift);
  EXPECT_EQ(m->severity, "CRITICAL");
  EXPECT_EQ(m->where.target, r.target.name);
  EXPECT_EQ(m->where.workspace, r.target.workspace);
  EXPECT_EQ(m->where.environment, "production");
  EXPECT_EQ(m->where.account, r.target.account);
  EXPECT_EQ(m->where.region, r.target.region);
  EXPECT_EQ(m->report_link, "https://r.example/k.html");
  EXPECT_EQ(m->report_uri, "s3://b/k.json");
  ASSERT_EQ(m->findings.size(), 3u);
  // Most severe first.
  EXPECT_EQ(m->findings[0].drift_id, "id-changed");
  EXPECT_EQ(m->findings[0].status, "changed");
  EXPECT_EQ(m->findings[0].resource_id, "sg-123") << "the cloud id when there is no ARN";
  EXPECT_EQ(m->findings[1].drift_id, "id-remains");
  EXPECT_EQ(m->findings[1].status, "new");
  EXPECT_EQ(m->findings[1].reason.rfind("the revert did not hold", 0), 0u);
  const auto& added = m->findings[2];
  EXPECT_EQ(added.drift_id, "id-new");
  EXPECT_EQ(added.status, "new");
  EXPECT_EQ(added.severity, "LOW");
  EXPECT_EQ(added.address, r.drifts[0].address);
  EXPECT_EQ(added.type, r.drifts[0].type);
  EXPECT_EQ(added.change, std::string(drift::to_string(r.drifts[0].change)));
  ASSERT_EQ(added.attributes.size(), 1u);
  EXPECT_EQ(added.attributes[0].name, "tags.Owner");
  EXPECT_EQ(added.attributes[0].expected, "alice") << "a JSON string reads as its text";
  EXPECT_EQ(added.attributes[0].actual, "<!channel> & @octocat") << "raw: renderers escape";
  ASSERT_TRUE(added.changed_by);
  EXPECT_EQ(added.changed_by->principal_arn, by.principal_arn);

  // Nothing new: no drift message.
  drift::critical_delta quiet;
  quiet.resolved.push_back(r.drifts[0]);
  EXPECT_FALSE(messages::drift_message(r, quiet, "", ""));
}

TEST(Messages, ResolvedDriftIsSaidByDriftIdAndNonJsonValuesStayAsWritten) {
  auto r = graded("production");
  drift::critical_delta delta;
  drift::drift_item with_id, without_id;
  with_id.address = "aws_s3_bucket.data";
  with_id.type = "aws_s3_bucket";
  with_id.level = drift::severity::critical;
  with_id.drift_id = "gone-1";
  without_id.address = "aws_s3_bucket.logs";
  without_id.type = "aws_s3_bucket";
  without_id.level = drift::severity::high;
  delta.resolved = {with_id, without_id};
  const auto all = messages::for_scan(r, delta, "s3://b/k.json", "");
  ASSERT_EQ(all.size(), 1u) << "no news: the resolved message only";
  EXPECT_EQ(all[0].what, notify::kind::drift_resolved);
  ASSERT_EQ(all[0].findings.size(), 1u) << "only what has a drift id";
  EXPECT_EQ(all[0].findings[0].drift_id, "gone-1");
  EXPECT_EQ(all[0].findings[0].status, "resolved");
  EXPECT_EQ(all[0].severity, "CRITICAL");
  EXPECT_EQ(messages::resolved_message(r, delta, "", "", true)->findings.size(), 2u);
  EXPECT_TRUE(messages::for_scan(r, drift::critical_delta{}, "", "").empty());

  drift::drift_item d;
  d.attributes = {{"ingress", R"([{"from_port":22}])", "null", false}};
  const auto f = messages::finding_of(d, "new");
  EXPECT_EQ(f.attributes[0].expected, R"([{"from_port":22}])");
  EXPECT_EQ(f.attributes[0].actual, "null");
}

TEST(Messages, NotificationFailuresAreCountedPerChannelOutsideScanErrors) {
  const auto r = graded("production");
  std::map<std::string, double> failures;
  double errors = -1;
  for (const auto& m : scan_metrics(r, 1.0, 0, {{"slack", 2}, {"pagerduty", 0}})) {
    if (m.name == "ScanErrors") errors = m.value;
    if (m.name != "NotificationFailures") continue;
    ASSERT_EQ(m.dimensions.size(), 1u);
    EXPECT_EQ(m.dimensions[0].first, "Channel");
    EXPECT_EQ(m.unit, "Count");
    failures[m.dimensions[0].second] = m.value;
  }
  EXPECT_EQ(errors, static_cast<double>(r.errors.size()));
  EXPECT_EQ(failures, (std::map<std::string, double>{{"pagerduty", 0}, {"slack", 2}}));
}

TEST(Messages, SnsSubjectsArePrintableAsciiWithinOneHundredCharacters) {
  EXPECT_EQ(aws_calls::sns_subject("CRITICAL drift: a/b"), "CRITICAL drift: a/b");
  EXPECT_EQ(aws_calls::sns_subject("caf\xc3\xa9\nline\x01"), "caf? line");
  EXPECT_EQ(aws_calls::sns_subject(std::string(150, 'x')).size(), 100u);
}

TEST(Messages, TheAlertsEmailIsThePlainTextOfTheDriftAndOfWhatWasResolved) {
  const auto r = graded("production");
  drift::critical_delta delta;
  delta.added.push_back(r.drifts[0]);
  drift::drift_item gone;
  gone.address = "aws_s3_bucket.resolved_one";
  gone.type = "aws_s3_bucket";
  gone.level = drift::severity::high;
  delta.resolved.push_back(gone);  // no drift id: still named in the e-mail
  const std::string body = messages::email_body(r, delta, "s3://b/k.json", "https://r.example/p");
  EXPECT_NE(body.find(r.drifts[0].address), std::string::npos) << body;
  EXPECT_NE(body.find("aws_s3_bucket.resolved_one"), std::string::npos) << body;
  EXPECT_NE(body.find("https://r.example/p"), std::string::npos) << body;
  EXPECT_TRUE(messages::email_body(r, drift::critical_delta{}, "", "").empty());
}
