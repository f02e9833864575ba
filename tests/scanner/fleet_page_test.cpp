// The fleet page (fleet_page.h) as pure rendering: every workspace with its status and link,
// the trend's numbers as drift/trend.h computes them, escaping of everything, nothing loaded,
// nothing run, and links only to http(s).
#include "fleet_page.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <cctype>
#include <cmath>
#include <regex>
#include <string>

#include "outputs.h"
#include "report_html.h"

namespace {

using namespace std::chrono_literals;
using scanner::fleet_html;
using scanner::html_escape;

const std::string kImg = "<img src=x onerror=alert(1)>";
const std::string kScript = "\"'><script>alert(2)</script>";
const auto now = *core::time::parse_iso8601("2026-12-05T12:00:00Z");

bool has(const std::string& page, const std::string& needle) {
  return page.find(needle) != std::string::npos;
}

std::string lower(std::string s) {
  std::transform(s.begin(), s.end(), s.begin(), [](unsigned char c) { return std::tolower(c); });
  return s;
}

drift::trend::drift_entry entry(std::string scope, std::string address, std::string severity,
                                std::string status, std::chrono::hours age, long long recurrences) {
  return {"production", scope, address, "id-" + address, severity, status, now - age, recurrences};
}

scanner::fleet_model model() {
  scanner::fleet_model m;
  m.generated_at = core::time::iso8601(now);
  m.workspaces.push_back({"platform", "prod", "production", "drift", drift::severity::critical, 3,
                          false, "2026-12-05T11:00:00Z",
                          "https://reports.example.com/reports/platform/prod/latest.html", ""});
  m.workspaces.push_back({"platform", "staging", "staging", "no drift", std::nullopt, 0, false,
                          "2026-12-05T11:00:01Z",
                          "https://reports.example.com/reports/platform/staging/latest.html", ""});
  // Names, environments and problems are anyone's strings; a link with another scheme is not
  // a link.
  m.workspaces.push_back({"t" + kImg, "ws" + kScript, "env" + kImg, "unreadable", std::nullopt, 0,
                          true, kScript, "javascript:alert(3)", "latest.json: " + kImg});
  const std::vector<drift::trend::drift_entry> drifts = {
      entry("platform/prod", "aws_s3_bucket.data", "CRITICAL", "open", 72h, 3),
      entry("platform/prod", "aws_security_group.web", "HIGH", "returned", 24h * 12, 1),
      entry("platform/prod", "aws_iam_role." + kImg, "LOW", "open", 5h, 2)};
  const std::vector<drift::trend::outcome_entry> outcomes = {
      {"production", now - 24h, true, 600.0},
      {"production", now - 48h, false, std::nullopt},
      {"production", now - 24h * 20, true, 7200.0}};
  m.trend_known = true;
  m.trend = drift::trend::compute(drifts, outcomes, now);
  m.open_by_day = drift::trend::open_by_day(drifts, now, 30);
  m.links_note = "links " + kImg;
  return m;
}

TEST(FleetPage, EveryWorkspaceWithItsStatusAndLink) {
  const auto m = model();
  const std::string page = fleet_html(m);
  for (const auto& w : m.workspaces) {
    EXPECT_TRUE(has(page, html_escape(w.target))) << w.target;
    EXPECT_TRUE(has(page, html_escape(w.workspace))) << w.workspace;
  }
  EXPECT_TRUE(has(page, "href=\"" + html_escape(m.workspaces[0].report_link) + "\""));
  EXPECT_TRUE(has(page, "href=\"" + html_escape(m.workspaces[1].report_link) + "\""));
  EXPECT_TRUE(has(page, "CRITICAL"));
  EXPECT_TRUE(has(page, "no drift"));
  EXPECT_TRUE(has(page, html_escape("latest.json: " + kImg)));
}

TEST(FleetPage, ShowsTheTrendNumbersAsHistoryComputesThem) {
  const auto m = model();
  const std::string page = fleet_html(m);
  ASSERT_EQ(m.trend.size(), 1u);
  const auto& t = m.trend[0];
  for (const auto* w : {&t.last_7_days, &t.last_30_days}) {
    EXPECT_TRUE(has(page, "MTTR p50 " + drift::trend::duration_text(w->mttr_p50_seconds)));
    EXPECT_TRUE(has(page, "p95 " + drift::trend::duration_text(w->mttr_p95_seconds)));
    EXPECT_TRUE(has(page, std::to_string(w->outcomes) + " remediation(s)"));
  }
  EXPECT_TRUE(has(page, std::to_string(std::lround(*t.last_7_days.success_rate * 100)) + "%"));
  for (const auto& r : t.top_recurring) EXPECT_TRUE(has(page, html_escape(r.address)));
  ASSERT_TRUE(t.oldest_open);
  const auto oldest = page.find("id=\"oldest\"");
  ASSERT_NE(oldest, std::string::npos);
  EXPECT_NE(page.find(html_escape(t.oldest_open->address), oldest), std::string::npos);
  EXPECT_NE(page.find(drift::trend::duration_text(t.oldest_open_age_seconds), oldest),
            std::string::npos);
  EXPECT_TRUE(has(page, std::to_string(m.open_by_day.back().open) + " drift(s) open now"));
}

TEST(FleetPage, TheChartHasOneBarPerSeverityOfEachDay) {
  const auto m = model();
  const std::string page = fleet_html(m);
  std::size_t segments = 0;
  for (const auto& d : m.open_by_day) segments += d.by_severity.size();
  ASSERT_GT(segments, 0u);
  const std::regex coloured(R"(<rect fill="#)");
  const auto n = std::distance(std::sregex_iterator(page.begin(), page.end(), coloured),
                               std::sregex_iterator());
  EXPECT_EQ(static_cast<std::size_t>(n), segments);
  EXPECT_TRUE(has(page, m.open_by_day.front().day));
  EXPECT_TRUE(has(page, m.open_by_day.back().day));
}

TEST(FleetPage, HostileValuesRenderAsTextAndNothingIsLoadedOrRun) {
  const std::string page = fleet_html(model());
  EXPECT_FALSE(has(page, kImg));
  EXPECT_FALSE(has(page, kScript));
  EXPECT_FALSE(has(lower(page), "<img"));
  EXPECT_FALSE(has(lower(page), "<script"));
  EXPECT_FALSE(has(lower(page), "<link"));
  EXPECT_FALSE(has(lower(page), "url("));
  EXPECT_FALSE(has(lower(page), "javascript:alert(3)\""));  // shown as text, never an href
  EXPECT_TRUE(has(page,
                  "<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; "
                  "style-src 'unsafe-inline'; img-src data:\">"));
  // Tags load nothing: no src=, and an href only on <a> and only to http(s).
  const std::regex tag(R"(<[a-zA-Z][^>]*>)");
  const std::regex src(R"(\s(src|srcset|action|xlink:href)\s*=)", std::regex::icase);
  const std::regex href(R"re(\shref\s*=\s*"([^"]*)")re", std::regex::icase);
  for (auto it = std::sregex_iterator(page.begin(), page.end(), tag); it != std::sregex_iterator();
       ++it) {
    const std::string t = it->str();
    EXPECT_FALSE(std::regex_search(t, src)) << t;
    std::smatch link;
    if (std::regex_search(t, link, href)) {
      EXPECT_EQ(t.rfind("<a ", 0), 0u) << t;
      EXPECT_TRUE(scanner::linkable(link[1].str())) << t;
    }
  }
}

TEST(FleetPage, WithoutTablesItSaysTheTrendIsNotKnown) {
  auto m = model();
  m.trend_known = false;
  m.trend_note = "Not known: " + kImg;
  const std::string page = fleet_html(m);
  EXPECT_TRUE(has(page, html_escape(m.trend_note)));
  EXPECT_FALSE(has(page, "<rect fill=\"#"));
  EXPECT_FALSE(has(page, "MTTR p50"));
}

TEST(FleetPage, OnlyHttpLinksAreLinks) {
  EXPECT_TRUE(scanner::linkable("https://r.example.com/x"));
  EXPECT_TRUE(scanner::linkable("HTTP://r.example.com/x"));
  EXPECT_FALSE(scanner::linkable("javascript:alert(1)"));
  EXPECT_FALSE(scanner::linkable("data:text/html,x"));
  EXPECT_FALSE(scanner::linkable("//evil.example.com"));
  EXPECT_FALSE(scanner::linkable("https://"));
}

// The alert names the report page's link (REPORT_BASE_URL or presigned) when there is one.
TEST(FleetLinks, TheAlertNamesTheReportPageLinkWhenThereIsOne) {
  drift::report r;
  r.target = {"platform", "1", "us-east-1", "prod", "production", "s3://b/k"};
  drift::drift_item d;
  d.address = "aws_s3_bucket.data";
  d.type = "aws_s3_bucket";
  d.level = drift::severity::critical;
  r.drifts.push_back(d);
  drift::summarize(r);
  const auto delta = drift::compare_critical(nullptr, r);
  const std::string link = "https://reports.example.com/reports/platform/prod/t.html";
  const auto with = scanner::build_alert(r, delta, "s3://b/reports/platform/prod/t.json",
                                         drift::severity::critical, link);
  ASSERT_TRUE(with);
  EXPECT_TRUE(has(with->body, "Report page: " + link + "\n"));
  const auto without = scanner::build_alert(r, delta, "s3://b/reports/platform/prod/t.json");
  ASSERT_TRUE(without);
  EXPECT_FALSE(has(without->body, "Report page:"));
}

}  // namespace
