// The fleet's trend from drifts and outcomes: what `drift-scan history` prints per environment.
#include "drift/trend.h"

#include <gtest/gtest.h>
#include <rapidjson/document.h>

using namespace drift::trend;
using namespace std::chrono_literals;

namespace {

const auto now = *core::time::parse_iso8601("2026-12-05T12:00:00Z");

drift_entry entry(std::string env, std::string address, std::string severity, std::string status,
                  std::chrono::hours age, long long recurrences = 0) {
  return {env,    "payments/" + env, address,    "id-" + address, severity,
          status, now - age,         recurrences};
}

outcome_entry outcome(std::string env, std::chrono::hours ago, bool success, double mttr) {
  return {env, now - ago, success, mttr};
}

}  // namespace

TEST(Trend, OpenDriftBySeverityAndTheOldestOpenOne) {
  auto t = compute({entry("prod", "aws_s3_bucket.a", "CRITICAL", "open", 50h),
                    entry("prod", "aws_instance.b", "HIGH", "drift_remains", 200h),
                    entry("prod", "aws_vpc.c", "HIGH", "returned", 2h),
                    entry("prod", "aws_iam_role.d", "LOW", "confirmed", 500h),
                    entry("prod", "aws_iam_role.e", "LOW", "accepted", 900h)},
                   {}, now);
  ASSERT_EQ(t.size(), 1u);
  EXPECT_EQ(t[0].open, 3);
  EXPECT_EQ(t[0].open_by_severity, (std::map<std::string, int>{{"CRITICAL", 1}, {"HIGH", 2}}));
  ASSERT_TRUE(t[0].oldest_open);
  EXPECT_EQ(t[0].oldest_open->address, "aws_instance.b");
  EXPECT_DOUBLE_EQ(*t[0].oldest_open_age_seconds, 200 * 3600.0);
}

TEST(Trend, MttrPercentilesAndSuccessRatePerWindow) {
  std::vector<outcome_entry> o;
  for (int i = 1; i <= 10; ++i) o.push_back(outcome("prod", 24h, true, 10.0 * i));
  o.push_back(outcome("prod", 48h, false, 999));
  o.push_back(outcome("prod", 24h * 20, true, 5000));  // only in the 30-day window
  o.push_back(outcome("prod", 24h * 40, true, 1));     // in neither
  auto t = compute({}, o, now);
  ASSERT_EQ(t.size(), 1u);
  const auto& w7 = t[0].last_7_days;
  EXPECT_EQ(w7.outcomes, 11);
  EXPECT_EQ(w7.successes, 10);
  EXPECT_NEAR(*w7.success_rate, 10.0 / 11.0, 1e-9);
  EXPECT_DOUBLE_EQ(*w7.mttr_p50_seconds, 50);  // failures have no MTTR of a fix
  EXPECT_DOUBLE_EQ(*w7.mttr_p95_seconds, 100);
  const auto& w30 = t[0].last_30_days;
  EXPECT_EQ(w30.outcomes, 12);
  EXPECT_DOUBLE_EQ(*w30.mttr_p95_seconds, 5000);
}

TEST(Trend, WithoutOutcomesThereIsNoRateAndNoMttr) {
  auto t = compute({entry("dev", "aws_vpc.a", "LOW", "open", 1h)}, {}, now);
  ASSERT_EQ(t.size(), 1u);
  EXPECT_FALSE(t[0].last_7_days.success_rate);
  EXPECT_FALSE(t[0].last_30_days.mttr_p50_seconds);
  rapidjson::Document d;
  d.Parse(to_json(t, now).c_str());
  ASSERT_TRUE(d.IsObject());
  EXPECT_TRUE(d["environments"][0]["last_7_days"]["success_rate"].IsNull());
}

TEST(Trend, TopRecurringResourcesAddUpTheirDrifts) {
  auto t = compute({entry("prod", "aws_s3_bucket.a", "HIGH", "open", 1h, 2),
                    entry("prod", "aws_s3_bucket.a", "LOW", "confirmed", 1h, 1),
                    entry("prod", "aws_vpc.b", "LOW", "open", 1h, 4),
                    entry("prod", "aws_iam_role.c", "LOW", "open", 1h, 0)},
                   {}, now, 5);
  ASSERT_EQ(t[0].top_recurring.size(), 2u);
  EXPECT_EQ(t[0].top_recurring[0].address, "aws_vpc.b");
  EXPECT_EQ(t[0].top_recurring[1].address, "aws_s3_bucket.a");
  EXPECT_EQ(t[0].top_recurring[1].recurrences, 3);
}

TEST(Trend, EnvironmentsAreSeparateAndInNameOrder) {
  auto t =
      compute({entry("prod", "aws_vpc.a", "LOW", "open", 1h)}, {outcome("dev", 1h, true, 30)}, now);
  ASSERT_EQ(t.size(), 2u);
  EXPECT_EQ(t[0].environment, "dev");
  EXPECT_EQ(t[0].open, 0);
  EXPECT_EQ(t[0].last_7_days.outcomes, 1);
  EXPECT_EQ(t[1].environment, "prod");
  EXPECT_EQ(t[1].last_7_days.outcomes, 0);
  const auto text = to_text(t);
  EXPECT_NE(text.find("prod\n  open drift: 1 (1 LOW)"), std::string::npos) << text;
  EXPECT_NE(text.find("1 remediations, 100 % succeeded, MTTR p50 30 s"), std::string::npos) << text;
}

TEST(Trend, HistoryStatusesMapToOutcomes) {
  EXPECT_EQ(outcome_success("remediated"), true);
  EXPECT_EQ(outcome_success("confirmed"), true);
  EXPECT_EQ(outcome_success("drift_remains"), false);
  EXPECT_EQ(outcome_success("remediation_failed"), false);
  EXPECT_EQ(outcome_success("dispatched"), std::nullopt);
}

TEST(Trend, PercentileIsNearestRank) {
  EXPECT_EQ(percentile({}, 50), std::nullopt);
  EXPECT_EQ(*percentile({3, 1, 2}, 50), 2);
  EXPECT_EQ(*percentile({3, 1, 2}, 100), 3);
  EXPECT_EQ(*percentile({7}, 95), 7);
}

TEST(Trend, OpenDriftByDayCountsEachDriftWhileItWasOpen) {
  auto resolved = entry("prod", "aws_vpc.r", "HIGH", "resolved_without_us", 24h * 10);
  resolved.resolved_at = now - 24h * 4;  // open from 10 days ago until 4 days ago
  auto accepted = entry("prod", "aws_iam_role.x", "LOW", "accepted", 24h * 3);
  const auto days = open_by_day(
      {entry("prod", "aws_s3_bucket.a", "CRITICAL", "open", 24h * 2),
       entry("dev", "aws_instance.b", "HIGH", "returned", 24h * 40), resolved, accepted},
      now, 30);
  ASSERT_EQ(days.size(), 30u);
  EXPECT_EQ(days.back().day, "2026-12-05");
  EXPECT_EQ(days.front().day, "2026-11-06");
  // 40 days old and still open: every day, in every environment.
  for (const auto& d : days) EXPECT_GE(d.by_severity.count("HIGH"), 1u) << d.day;
  // Today: the old HIGH and the CRITICAL of two days ago; the resolved one is gone, the
  // accepted one is on no day.
  EXPECT_EQ(days.back().open, 2);
  EXPECT_EQ(days.back().by_severity, (std::map<std::string, int>{{"CRITICAL", 1}, {"HIGH", 1}}));
  // Six days ago: the old HIGH and the one resolved 4 days ago.
  EXPECT_EQ(days[days.size() - 7].open, 2);
  EXPECT_EQ(days[days.size() - 7].by_severity.at("HIGH"), 2);
  EXPECT_EQ(days[days.size() - 5].open, 1);  // 4 days ago, at the end of the day: resolved
  for (const auto& d : days) EXPECT_EQ(d.by_severity.count("LOW"), 0u) << d.day;
}
