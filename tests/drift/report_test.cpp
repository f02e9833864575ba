#include "drift/report.h"

#include <gtest/gtest.h>

namespace {

drift::drift_item item(const std::string& address, drift::severity level,
                       const std::string& actual = R"J("m5.large")J") {
  drift::drift_item d;
  d.address = address;
  d.type = address.substr(0, address.find('.'));
  d.id = "i-0123";
  d.arn = "arn:aws:ec2:us-east-1:123456789012:instance/i-0123";
  d.attributes = {{"instance_type", R"J("t3.micro")J", actual, false}};
  d.level = level;
  d.reason = "instance or DB class changed";
  d.rule = "instance-class";
  d.fix = {"revert", "terraform apply -target='" + address + "'", "re-apply"};
  return d;
}

drift::report sample() {
  drift::report r;
  r.scan_id = "2026-11-23T18:00:00Z-platform-prod";
  r.started_at = "2026-11-23T18:00:00Z";
  r.finished_at = "2026-11-23T18:00:11Z";
  r.target = {"platform", "123456789012", "us-east-1",
              "prod",     "production",   "s3://acme-tfstate/env:/prod/platform/terraform.tfstate"};
  r.engine = "terraform";
  r.summary.resources_scanned = 25;
  r.summary.ignored = 1;
  auto a = item("aws_instance.web[0]", drift::severity::medium);
  a.monthly_cost_delta = 61.61;
  r.drifts.push_back(a);
  auto b = item("aws_security_group.db", drift::severity::critical,
                R"J([{"cidr_blocks":["0.0.0.0/0"]}])J");
  b.attributes[0].name = "ingress";
  r.drifts.push_back(b);
  auto c = item(R"(module.logs.aws_s3_bucket.log["beta"])", drift::severity::high);
  c.change = drift::change_kind::deleted;
  c.attributes.clear();
  c.cost_unknown = false;
  r.drifts.push_back(c);
  auto d = item("aws_db_instance.main", drift::severity::medium);
  d.cost_unknown = true;
  d.attributes = {{"password", R"J("(sensitive)")J", R"J("(sensitive)")J", true}};
  d.tags = {{"AutoRevert", "true"}};
  r.drifts.push_back(d);
  r.not_checked = {{"aws_lambda_function.f", "aws_lambda_function", "type not supported"}};
  r.suppressed = {{"policy-json-order", 3}};
  r.coverage = {{"aws_s3_bucket", 4, 5}};
  drift::summarize(r);
  return r;
}

}  // namespace

TEST(DriftReport, SummaryCountsEveryKindSeverityAndCost) {
  auto r = sample();
  EXPECT_EQ(r.exit_code, 2);
  EXPECT_EQ(r.summary.drifted, 4);
  EXPECT_EQ(r.summary.by_change.at("update"), 3);
  EXPECT_EQ(r.summary.by_change.at("delete"), 1);
  EXPECT_EQ(r.summary.by_change.at("unmanaged"), 0);
  EXPECT_EQ(r.summary.by_severity.at("CRITICAL"), 1);
  EXPECT_EQ(r.summary.by_severity.at("MEDIUM"), 2);
  EXPECT_EQ(r.summary.by_severity.at("LOW"), 0);
  EXPECT_EQ(r.summary.highest, drift::severity::critical);
  EXPECT_DOUBLE_EQ(r.summary.monthly_cost_delta, 61.61);
  EXPECT_EQ(r.summary.cost_unknown, 1);

  drift::report none;
  drift::summarize(none);
  EXPECT_EQ(none.exit_code, 0);
  EXPECT_FALSE(none.summary.highest);
  EXPECT_NE(drift::to_json(none).find(R"J("highest_severity":"NONE")J"), std::string::npos);
  none.errors.push_back({"AccessDenied", "cannot read state", ""});
  drift::summarize(none);
  EXPECT_EQ(none.exit_code, 1);
}

TEST(DriftReport, JsonCarriesTheContractFields) {
  const std::string json = drift::to_json(sample());
  for (const char* key :
       {R"J("schema_version":1)J", R"J("scan_id":"2026-11-23T18:00:00Z-platform-prod")J",
        R"J("started_at")J", R"J("finished_at")J", R"J("account":"123456789012")J",
        R"J("workspace":"prod")J",
        R"J("state_location":"s3://acme-tfstate/env:/prod/platform/terraform.tfstate")J",
        R"J("engine":"terraform")J", R"J("exit_code":2)J", R"J("resources_scanned":25)J",
        R"J("highest_severity":"CRITICAL")J", R"J("change":"delete")J",
        R"J("expected":"t3.micro","actual":"m5.large")J", R"J("action":"revert")J",
        R"J("monthly_cost_delta":"unknown")J", R"J("not_checked":[{)J",
        R"J("suppressed":{"policy-json-order":3})J",
        R"J("coverage":[{"type":"aws_s3_bucket","managed":4,"found":5,"percent":80.0}])J",
        R"J("incomplete":false)J"}) {
    EXPECT_NE(json.find(key), std::string::npos) << key << "\n" << json;
  }
}

TEST(DriftReport, SaysHowMuchWasReallyCompared) {
  auto r = sample();
  r.not_checked = {
      {"aws_instance.a", "aws_instance", "Throttling (RequestLimitExceeded): slow down"},
      {"aws_instance.b", "aws_instance", "Throttling (RequestLimitExceeded): slow down"},
      {"aws_ebs_volume.v", "aws_ebs_volume", "scan deadline reached"},
      {"aws_glue_job.j", "aws_glue_job", "the native engine has no module for aws_glue_job", true},
      {"", "aws_s3_bucket", "AccessDenied: cannot list"}};
  r.coverage = {{"aws_s3_bucket", 4, 5}, {"aws_instance", 2, 3}, {"aws_vpc", 0, 0}};
  const auto checks = drift::count_checks(r);
  EXPECT_EQ(checks.compared, 25);
  EXPECT_EQ(checks.not_checked, 3);
  EXPECT_EQ(checks.unknown_type, 1);
  EXPECT_EQ(checks.not_checked_by_reason.at("Throttling (RequestLimitExceeded)"), 2);
  EXPECT_EQ(checks.not_checked_by_reason.at("scan deadline reached"), 1);
  const std::string json = drift::to_json(r);
  for (
      const char* key :
      {R"J("checks":{"compared":25,"not_checked":3,"unknown_type":1,"not_checked_by_reason":{"Throttling (RequestLimitExceeded)":2,"scan deadline reached":1}})J",
       R"J("iac_coverage":{"managed":6,"found":8,"percent":75.0})J",
       R"J({"type":"aws_vpc","managed":0,"found":0,"percent":100.0})J",
       R"J("reason":"the native engine has no module for aws_glue_job","unknown_type":true)J"})
    EXPECT_NE(json.find(key), std::string::npos) << key << "\n" << json;
  // Readers keep the flag; older readers ignore the new fields (they are additive).
  auto back = drift::parse_report(json);
  ASSERT_TRUE(back.ok()) << back.error().message;
  EXPECT_EQ(drift::count_checks(*back).unknown_type, 1);
}

TEST(DriftReport, RoundTripsThroughItsReader) {
  const auto r = sample();
  const std::string json = drift::to_json(r);
  auto back = drift::parse_report(json);
  ASSERT_TRUE(back) << back.error().message;
  EXPECT_EQ(drift::to_json(*back), json);
  EXPECT_EQ(back->drifts.size(), 4u);
  EXPECT_EQ(back->drifts[1].attributes[0].actual, R"J([{"cidr_blocks":["0.0.0.0/0"]}])J");
  EXPECT_TRUE(back->drifts[3].attributes[0].sensitive);
  EXPECT_TRUE(back->drifts[3].cost_unknown);
  EXPECT_EQ(back->target.environment, "production");
}

// A live-path report: its trigger, and who changed each drift (every key written, null when
// the record did not say); both read back, and absent from other reports.
TEST(DriftReport, TriggerAndChangedByRoundTrip) {
  auto r = sample();
  EXPECT_EQ(drift::to_json(r).find("\"trigger\""), std::string::npos);
  EXPECT_EQ(drift::to_json(r).find("\"changed_by\""), std::string::npos);
  r.trigger =
      drift::report_trigger{"0f1e2d3c-4b5a", "6a7e8feb-b491", "AuthorizeSecurityGroupIngress",
                            "2026-12-05T09:59:58Z", "aws.ec2"};
  drift::changed_by by;
  by.principal_arn = "arn:aws:sts::123456789012:assumed-role/Admin/jane";
  by.identity_type = "AssumedRole";
  by.session_name = "jane";
  by.event_id = "0f1e2d3c-4b5a";
  r.drifts[1].changed_by = by;
  const std::string json = drift::to_json(r);
  EXPECT_NE(
      json.find(R"("trigger":{"event_id":"0f1e2d3c-4b5a","eventbridge_id":"6a7e8feb-b491",)"
                R"("event_name":"AuthorizeSecurityGroupIngress","time":"2026-12-05T09:59:58Z",)"
                R"("source":"aws.ec2"})"),
      std::string::npos);
  EXPECT_NE(json.find(R"("user_name":null)"), std::string::npos);
  auto back = drift::parse_report(json);
  ASSERT_TRUE(back) << back.error().message;
  EXPECT_EQ(drift::to_json(*back), json);
  ASSERT_TRUE(back->trigger);
  EXPECT_EQ(back->trigger->eventbridge_id, "6a7e8feb-b491");
  ASSERT_TRUE(back->drifts[1].changed_by);
  EXPECT_EQ(back->drifts[1].changed_by->session_name, "jane");
  EXPECT_EQ(back->drifts[1].changed_by->user_name, "");
  EXPECT_FALSE(back->drifts[0].changed_by);
}

TEST(DriftReport, ReaderRejectsWhatItCannotTrust) {
  EXPECT_EQ(drift::parse_report("{").error().code, "NotJson");
  EXPECT_EQ(drift::parse_report("{}").error().code, "InvalidReport");
  EXPECT_EQ(drift::parse_report(R"J({"schema_version": 99})J").error().code, "UnsupportedVersion");
  auto bad = drift::parse_report(
      R"J({"schema_version": 1, "drifts": [{"address": "a.b", "change": "update", "severity": "SEVERE"}]})J");
  ASSERT_FALSE(bad);
  EXPECT_NE(bad.error().message.find("drifts[0].severity"), std::string::npos);
}

TEST(DriftReport, AlertsOnlyWhenCriticalDriftIsNewChangedOrResolved) {
  const auto first = sample();
  auto delta = drift::compare_critical(nullptr, first);
  ASSERT_EQ(delta.added.size(), 1u);
  EXPECT_EQ(delta.added[0].address, "aws_security_group.db");
  EXPECT_TRUE(delta.should_alert());

  // The same drift six hours later: no alert.
  auto again = sample();
  again.scan_id = "later";
  EXPECT_FALSE(drift::compare_critical(&first, again).should_alert());

  // The same resource, now open on another port: changed.
  auto changed = sample();
  changed.drifts[1].attributes[0].actual = R"J([{"cidr_blocks":["0.0.0.0/0"],"from_port":3389}])J";
  delta = drift::compare_critical(&first, changed);
  EXPECT_EQ(delta.changed.size(), 1u);
  EXPECT_TRUE(delta.added.empty());

  // Fixed: resolved, said once.
  auto fixed = sample();
  fixed.drifts.erase(fixed.drifts.begin() + 1);
  drift::summarize(fixed);
  delta = drift::compare_critical(&first, fixed);
  ASSERT_EQ(delta.resolved.size(), 1u);
  EXPECT_FALSE(drift::compare_critical(&fixed, fixed).should_alert());

  // A failed scan sees no drift but must not call it resolved.
  drift::report failed;
  failed.errors.push_back({"AccessDenied", "no state", ""});
  drift::summarize(failed);
  EXPECT_FALSE(drift::compare_critical(&first, failed).should_alert());

  // Non-critical changes never alert.
  auto medium = sample();
  medium.drifts[0].attributes[0].actual = R"J("m5.xlarge")J";
  EXPECT_FALSE(drift::compare_critical(&first, medium).should_alert());
}
