// The HTML drift report as a pure function, offline: hostile names and values stay text, the
// page loads nothing (CSP, no script, no network reference), and it shows every drift of a
// graded refresh-only plan with its severity, the cost as "unknown" when unpriced, the drift's
// lifecycle, unmanaged resources, coverage and what was not checked.
#include <gtest/gtest.h>

#include <algorithm>
#include <cctype>
#include <filesystem>
#include <regex>
#include <string>

#include "drift/ignore.h"
#include "drift/report.h"
#include "grading.h"
#include "outputs.h"
#include "plan_findings.h"
#include "report_html.h"
#include "support.h"
#include "terraform/state.h"

namespace {

using scanner::html_escape;
using scanner::report_html;

const std::string kImg = "<img src=x onerror=alert(1)>";
const std::string kScript = "\"'><script>alert(2)</script>";

bool has(const std::string& page, const std::string& needle) {
  return page.find(needle) != std::string::npos;
}

std::string lower(std::string s) {
  std::transform(s.begin(), s.end(), s.begin(), [](unsigned char c) { return std::tolower(c); });
  return s;
}

std::string fixture(const std::string& name) {
  return scanner_test::read_file(scanner_test::source_dir() + "/tests/terraform/fixtures/" + name);
}

drift::report graded() {
  auto state = terraform::parse_state(fixture("capture.tfstate"));
  auto f = scanner::findings_from_plan_json(fixture("refresh_only_drift.plan.json"), &state.value(),
                                            "plan");
  scanner::report_context ctx{"scan-1",
                              "2026-11-23T18:00:00Z",
                              "2026-11-23T18:00:10Z",
                              {"platform", "123456789012", "us-east-1", "prod", "production",
                               "s3://acme-tfstate/env:/prod/platform/terraform.tfstate"}};
  return scanner::grade(f.value(), ctx, drift::rule_table::builtin(),
                        drift::ignore_rules::parse(""));
}

// Every place a value can reach the page holds something hostile.
drift::report hostile() {
  drift::report r;
  r.scan_id = kScript;
  r.target = {"t" + kScript, "1", "us-east-1", "prod" + kImg, "production", "s3://b/" + kImg};
  drift::drift_item d;
  d.address = "aws_s3_bucket.x[\"" + kScript + "\"]";
  d.type = "aws_s3_bucket";
  d.id = kImg;
  d.level = drift::severity::high;
  d.reason = "reason " + kImg;
  d.rule = kScript;
  d.attributes.push_back({"tags." + kImg, "null", "\"" + kImg + "\""});
  d.tags = {{"Owner" + kScript, kImg}};
  d.fix = {"revert", "terraform apply -target='" + kScript + "'", kImg};
  d.drift_id = kImg;
  d.first_seen = kScript;
  d.changed_by = drift::changed_by{};
  d.changed_by->principal_arn = "arn:aws:sts::1:assumed-role/Admin/" + kImg;
  d.changed_by->session_name = kScript;
  d.changed_by->user_agent = kImg;
  r.drifts.push_back(d);
  drift::drift_item u = d;
  u.change = drift::change_kind::unmanaged;
  u.fix = {"import", "terraform import x " + kImg, ""};
  r.drifts.push_back(u);
  r.not_checked.push_back({kImg, kScript, "reason " + kImg, true});
  r.coverage.push_back({kImg, 1, 2});
  r.errors.push_back({kScript, kImg, kImg});
  r.suppressed[kImg] = 1;
  drift::summarize(r);
  return r;
}

TEST(HtmlEscape, EscapesTheFiveCharactersAndNothingElse) {
  EXPECT_EQ(html_escape(R"(a&b<c>d"e'f é)"), "a&amp;b&lt;c&gt;d&quot;e&#39;f é");
  EXPECT_EQ(html_escape(""), "");
  EXPECT_EQ(html_escape("&amp;"), "&amp;amp;");  // escaped text is escaped again, as text
}

TEST(ReportHtml, HostileNamesAndValuesRenderAsText) {
  const std::string page = report_html(hostile());
  EXPECT_FALSE(has(page, kImg)) << "a raw hostile value reached the page";
  EXPECT_FALSE(has(page, kScript));
  EXPECT_TRUE(has(page, html_escape(kImg)));
  EXPECT_TRUE(has(page, html_escape(kScript)));
  EXPECT_FALSE(has(lower(page), "<img"));
  EXPECT_FALSE(has(lower(page), "<script"));
  // The address of the drift, also in the unmanaged table, only ever escaped.
  EXPECT_TRUE(has(page, html_escape("aws_s3_bucket.x[\"" + kScript + "\"]")));
}

// The drift's section: the text between its heading and the next section.
std::string section_of(const std::string& page, const std::string& address) {
  const auto at = page.find("<h3><code>" + html_escape(address) + "</code></h3>");
  if (at == std::string::npos) return "";
  return page.substr(at, page.find("</section>", at) - at);
}

TEST(ReportHtml, ShowsWhoChangedADriftEveryFieldEscaped) {
  auto r = graded();
  ASSERT_GE(r.drifts.size(), 2u);
  drift::changed_by by;
  by.principal_arn = "arn:aws:sts::123456789012:assumed-role/AWSReservedSSO_Admin/" + kImg;
  by.identity_type = "AssumedRole";
  by.session_issuer_arn = "arn:aws:iam::123456789012:role/AWSReservedSSO_Admin";
  by.session_name = "alice" + kScript;
  by.identity_center_user_id = "9067-" + kImg;
  by.source_ip = "203.0.113.7";
  by.user_agent = "aws-cli/2 " + kScript;
  by.event_time = "2026-11-23T17:42:00Z";
  r.drifts[0].changed_by = by;
  const std::string page = report_html(r);
  EXPECT_FALSE(has(page, kImg));
  EXPECT_FALSE(has(page, kScript));
  const std::string mine = section_of(page, r.drifts[0].address);
  ASSERT_FALSE(mine.empty());
  EXPECT_TRUE(has(mine, "Changed by"));
  for (const auto& v : {by.principal_arn, by.identity_type, by.session_issuer_arn, by.session_name,
                        by.identity_center_user_id, by.source_ip, by.user_agent, by.event_time})
    EXPECT_TRUE(has(mine, html_escape(v))) << v;
  // A drift nobody is known to have changed says nothing about who did.
  const std::string other = section_of(page, r.drifts[1].address);
  ASSERT_FALSE(other.empty());
  EXPECT_FALSE(has(other, "Changed by"));
}

TEST(ReportHtml, AChangeAnAwsServiceMadeNamesTheServiceAndNoPerson) {
  auto r = graded();
  ASSERT_FALSE(r.drifts.empty());
  drift::changed_by by;
  by.identity_type = "AWSService";
  by.by_service = "autoscaling.amazonaws.com";
  by.source_ip = "autoscaling.amazonaws.com";
  // Whatever else the record held, the page names no person for a service's call.
  by.principal_arn = "arn:aws:sts::1:assumed-role/Ops/carol";
  by.user_name = "bob";
  by.session_name = "carol";
  by.identity_center_user_id = "dave-id";
  r.drifts[0].changed_by = by;
  const std::string mine = section_of(report_html(r), r.drifts[0].address);
  ASSERT_FALSE(mine.empty());
  EXPECT_TRUE(has(mine, "AWS service autoscaling.amazonaws.com"));
  for (const char* person : {"bob", "carol", "dave-id"}) EXPECT_FALSE(has(mine, person)) << person;
}

TEST(ReportHtml, LoadsNothingAndRunsNothing) {
  for (const auto& page : {report_html(graded()), report_html(hostile())}) {
    EXPECT_TRUE(has(page,
                    "<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; "
                    "style-src 'unsafe-inline'; img-src data:\">"));
    EXPECT_FALSE(has(lower(page), "<script"));
    EXPECT_FALSE(has(lower(page), "<link"));
    EXPECT_FALSE(has(lower(page), "@import"));
    EXPECT_FALSE(has(lower(page), "url("));
    // No tag points anywhere: src= and href= are absent from every tag (text is escaped, so
    // a '<' opens a real tag), and no tag names a network scheme.
    const std::regex tag(R"(<[a-zA-Z][^>]*>)");
    const std::regex reference(R"(\s(src|href|action|srcset|xlink:href)\s*=)", std::regex::icase);
    const std::regex network(R"((https?:)?//)", std::regex::icase);
    for (auto it = std::sregex_iterator(page.begin(), page.end(), tag);
         it != std::sregex_iterator(); ++it) {
      const std::string t = it->str();
      EXPECT_FALSE(std::regex_search(t, reference)) << t;
      EXPECT_FALSE(std::regex_search(t, network)) << t;
    }
  }
}

TEST(ReportHtml, ShowsEveryDriftWithItsSeverityReasonAndFix) {
  const auto r = graded();
  ASSERT_GE(r.drifts.size(), 6u);
  const std::string page = report_html(r);
  for (const auto& d : r.drifts) {
    SCOPED_TRACE(d.address);
    const std::string sev(drift::to_string(d.level));
    EXPECT_TRUE(has(page, "<h3><code>" + html_escape(d.address) + "</code></h3>"));
    EXPECT_TRUE(has(page, "<section class=\"drift s-" + sev + "\"><h3><code>" +
                              html_escape(d.address) + "</code>"));
    EXPECT_TRUE(has(page, html_escape(d.reason)));
    EXPECT_TRUE(has(page, html_escape(d.fix.command)));
    for (const auto& a : d.attributes) EXPECT_TRUE(has(page, html_escape(a.actual)));
  }
  for (const auto& [sev, n] : r.summary.by_severity)
    EXPECT_TRUE(has(page, "<span class=\"n\">" + std::to_string(n) + "</span><span class=\"l\">" +
                              sev + "</span>"))
        << sev;
  EXPECT_TRUE(has(page, "<svg class=\"chart\""));
}

TEST(ReportHtml, CostIsUnknownWhenNothingIsPricedNeverZero) {
  drift::report r;
  drift::drift_item d;
  d.address = "aws_instance.web";
  d.cost_unknown = true;
  r.drifts.push_back(d);
  drift::summarize(r);
  const std::string page = report_html(r);
  EXPECT_TRUE(has(page, "<span class=\"n\">unknown</span><span class=\"l\">monthly cost delta"));
  EXPECT_FALSE(has(page, "0.00 USD"));

  r.drifts[0].cost_unknown = false;
  r.drifts[0].monthly_cost_delta = 52.5;
  drift::drift_item other = d;
  other.address = "aws_instance.db";
  r.drifts.push_back(other);
  drift::summarize(r);
  EXPECT_TRUE(has(report_html(r), "+52.50 USD/month (+1 unknown)"));

  drift::report no_cost;
  no_cost.drifts.push_back(drift::drift_item{});
  drift::summarize(no_cost);
  EXPECT_FALSE(has(report_html(no_cost), "monthly cost delta"));
}

TEST(ReportHtml, ShowsLifecycleUnmanagedCoverageAndWhatWasNotChecked) {
  drift::report r;
  drift::drift_item d;
  d.address = "aws_security_group.db";
  d.level = drift::severity::critical;
  d.drift_id = "d-1234";
  d.first_seen = "2026-11-20T10:00:00Z";
  d.scans_seen = 7;
  d.recurrence = 2;
  r.drifts.push_back(d);
  drift::drift_item u;
  u.address = "aws_s3_bucket.unmanaged_logs";
  u.change = drift::change_kind::unmanaged;
  u.fix = {"import", "terraform import aws_s3_bucket.unmanaged_logs logs-bucket", ""};
  r.drifts.push_back(u);
  r.coverage.push_back({"aws_s3_bucket", 3, 4});
  r.not_checked.push_back({"aws_lambda_function.f", "aws_lambda_function", "no reader", true});
  r.errors.push_back({"AccessDenied", "s3:GetBucketPolicy denied", "aws_s3_bucket.data"});
  r.incomplete = true;
  drift::summarize(r);
  const std::string page = report_html(r);
  EXPECT_TRUE(has(page, "<dt>Drift id</dt><dd><code>d-1234</code></dd>"));
  EXPECT_TRUE(has(page, "<dt>First seen</dt><dd>2026-11-20T10:00:00Z</dd>"));
  EXPECT_TRUE(has(page, "<dt>Scans seen</dt><dd>7</dd>"));
  EXPECT_TRUE(has(page, "<dt>Recurrence</dt><dd>2</dd>"));
  EXPECT_TRUE(has(page, "Unmanaged resources (1)"));
  EXPECT_TRUE(has(page, "terraform import aws_s3_bucket.unmanaged_logs logs-bucket"));
  EXPECT_TRUE(has(page, "<code>aws_s3_bucket</code></td><td data-label=\"Managed\">3</td>"));
  EXPECT_TRUE(has(page, "75% of the 4 resources found"));
  EXPECT_TRUE(has(page, "aws_lambda_function.f"));
  EXPECT_TRUE(has(page, "(no reader for this type)"));
  EXPECT_TRUE(has(page, "s3:GetBucketPolicy denied"));
  EXPECT_TRUE(has(page, "Incomplete scan"));

  // Without a drifts table there is no lifecycle to show.
  r.drifts[0].drift_id.clear();
  EXPECT_FALSE(has(report_html(r), "Drift id"));
}

TEST(ReportHtml, IsStoredBesideEachJsonReport) {
  EXPECT_EQ(scanner::html_twin("reports/platform/prod/2026-11-29T18-00-00Z.json"),
            "reports/platform/prod/2026-11-29T18-00-00Z.html");
  EXPECT_EQ(scanner::html_twin("reports/platform/prod/latest.json"),
            "reports/platform/prod/latest.html");
  EXPECT_STREQ(scanner::html_content_type, "text/html; charset=utf-8");
}

// The real bootstrap grading a captured plan: <time>.html beside <time>.json, latest.html
// beside latest.json, and --html FILE the same page; a page that cannot be written fails the run.
TEST(ReportHtml, TheCommandLineWritesThePageBesideTheReportAndToHtmlFile) {
  namespace fs = std::filesystem;
  const std::string out = scanner_test::temp_dir();
  const std::string plan =
      scanner_test::source_dir() + "/tests/terraform/fixtures/refresh_only_drift.plan.json";
  const std::string cmd = scanner_test::cli() + " --plan " + plan +
                          " --target platform --workspace prod --environment production --out " +
                          out;
  auto r = scanner_test::run(cmd + " --html " + out + "/page.html");
  EXPECT_EQ(r.status, 2) << r.out;
  std::vector<std::string> json, html;
  for (const auto& e : fs::directory_iterator(out + "/reports/platform/prod")) {
    const std::string name = e.path().filename().string();
    (e.path().extension() == ".json" ? json : html).push_back(name);
  }
  std::sort(json.begin(), json.end());
  std::sort(html.begin(), html.end());
  ASSERT_EQ(json.size(), 2u);
  ASSERT_EQ(html.size(), 2u);
  for (std::size_t i = 0; i < json.size(); ++i) EXPECT_EQ(scanner::html_twin(json[i]), html[i]);
  const std::string dir = out + "/reports/platform/prod/";
  const std::string latest = scanner_test::read_file(dir + "latest.html");
  EXPECT_EQ(latest, scanner_test::read_file(dir + html[0]));
  EXPECT_EQ(latest, scanner_test::read_file(out + "/page.html"));
  auto report = drift::parse_report(scanner_test::read_file(dir + "latest.json"));
  ASSERT_TRUE(report.ok());
  EXPECT_EQ(latest, report_html(report.value()));
  EXPECT_FALSE(has(latest, "s3cr3t-value"));  // sensitive values stay redacted

  auto unwritable = scanner_test::run(cmd + " --html " + out + "/no/such/dir/page.html 2>&1");
  EXPECT_EQ(unwritable.status, 1) << unwritable.out;
  EXPECT_TRUE(has(unwritable.out, "cannot write " + out + "/no/such/dir/page.html"))
      << unwritable.out;
}

// S3 that cannot be reached (a closed port on this machine): the page's write fails like the
// JSON's, each an error of the scan, and the run exits 1.
TEST(ReportHtml, AnHtmlPageThatCannotBeStoredInS3IsAnOutputError) {
  const std::string out = scanner_test::temp_dir();
  const std::string plan =
      scanner_test::source_dir() + "/tests/terraform/fixtures/refresh_only_drift.plan.json";
  auto r = scanner_test::run(
      "env AWS_ACCESS_KEY_ID=test AWS_SECRET_ACCESS_KEY=test AWS_REGION=us-east-1 "
      "AWS_ENDPOINT_URL=http://127.0.0.1:1 REPORT_BUCKET=reports " +
      scanner_test::cli() + " --plan " + plan +
      " --environment production --write-s3 --json --out " + out);
  EXPECT_EQ(r.status, 1) << r.out;
  auto j = scanner_test::parse(r.out);
  ASSERT_EQ(j["scans"].Size(), 1u);
  std::vector<std::string> errors;
  for (const auto& e : j["scans"][0]["errors"].GetArray()) errors.push_back(e.GetString());
  auto starts = [&](const std::string& prefix) {
    return std::any_of(errors.begin(), errors.end(),
                       [&](const auto& e) { return e.rfind(prefix, 0) == 0; });
  };
  EXPECT_TRUE(starts("cannot write report: ")) << r.out;
  EXPECT_TRUE(starts("cannot write HTML report: ")) << r.out;
}

}  // namespace
