// drift/lifecycle.h without an emulator: how a sighting is classified against the item it
// finds, the alert rule, re-announcement, and the report's additive drift fields.
#include "drift/lifecycle.h"

#include <gtest/gtest.h>

#include "drift/report.h"

namespace {
namespace lc = drift::lifecycle;
using namespace std::chrono_literals;

core::time::time_point at(const char* iso) { return *core::time::parse_iso8601(iso); }

TEST(Lifecycle, ClassifiesASightingFromWhatTheItemHeld) {
  const auto now = at("2026-02-01T00:00:00Z");
  EXPECT_EQ(lc::classify(lc::previous_sighting{}, "fp", now).kind, lc::sighting::new_drift);
  EXPECT_EQ(lc::classify({true, "open", "fp", {}, {}}, "fp", now).kind, lc::sighting::standing);
  EXPECT_EQ(lc::classify({true, "accepted", "fp", {}, {}}, "other", now).kind,
            lc::sighting::changed);
  const auto back =
      lc::classify({true, "resolved_without_us", "fp", at("2026-01-20T00:00:00Z"), {}}, "fp", now);
  EXPECT_EQ(back.kind, lc::sighting::returned);
  EXPECT_EQ(back.next_status, lc::returned);
  EXPECT_TRUE(back.recurrence);
  const auto late =
      lc::classify({true, "confirmed", "fp", at("2025-12-01T00:00:00Z"), {}}, "fp", now);
  EXPECT_EQ(late.kind, lc::sighting::new_drift);
  EXPECT_EQ(late.next_status, lc::open);
  EXPECT_FALSE(late.recurrence);
  EXPECT_EQ(lc::classify({true, "stale", "fp", {}, {}}, "fp", now).next_status, lc::open);
  EXPECT_FALSE(lc::classify({true, "remediating", "fp", {}, {}}, "fp", now).next_status);
}

TEST(Lifecycle, AlertsOnNewsAtOrAboveTheMinimumAndReannouncesWhenDue) {
  EXPECT_EQ(lc::default_alert_minimum, drift::severity::high);
  EXPECT_TRUE(
      lc::should_alert(lc::sighting::new_drift, drift::severity::high, lc::default_alert_minimum));
  EXPECT_FALSE(lc::should_alert(lc::sighting::new_drift, drift::severity::medium,
                                lc::default_alert_minimum));
  EXPECT_FALSE(lc::should_alert(lc::sighting::standing, drift::severity::critical,
                                lc::default_alert_minimum));
  EXPECT_TRUE(lc::should_alert(lc::sighting::returned, drift::severity::critical,
                               lc::default_alert_minimum));
  const auto now = at("2026-02-01T12:00:00Z");
  const lc::announce_policy never{0h, 3600s}, twice_a_day{12h, 3600s};
  auto told = [](const char* announced) { return lc::announce_history{at(announced), {}}; };
  EXPECT_FALSE(
      lc::should_announce(lc::sighting::standing, told("2026-01-01T00:00:00Z"), now, never));
  EXPECT_TRUE(
      lc::should_announce(lc::sighting::standing, told("2026-02-01T00:00:00Z"), now, twice_a_day));
  EXPECT_FALSE(
      lc::should_announce(lc::sighting::standing, told("2026-02-01T06:00:00Z"), now, twice_a_day));
  EXPECT_TRUE(
      lc::should_announce(lc::sighting::changed, lc::announce_history{now, {}}, now, never));
}

TEST(Lifecycle, StandingDriftIsAnnouncedOnceWhenAFailedRemediationsCoolDownHasEnded) {
  const lc::announce_policy policy{0h, 3600s};
  const auto failed = at("2026-02-01T10:00:00Z");
  const lc::announce_history after_failure{at("2026-02-01T09:00:00Z"), failed};
  // Within the cool-down: quiet, as the orchestrator would not try again yet.
  EXPECT_FALSE(lc::should_announce(lc::sighting::standing, after_failure,
                                   at("2026-02-01T10:59:00Z"), policy));
  // Once it has ended: announced, so the orchestrator may try again.
  EXPECT_TRUE(lc::should_announce(lc::sighting::standing, after_failure, at("2026-02-01T11:00:00Z"),
                                  policy));
  // Announced since the cool-down ended: not again for the same failure.
  const lc::announce_history told_again{at("2026-02-01T11:05:00Z"), failed};
  EXPECT_FALSE(
      lc::should_announce(lc::sighting::standing, told_again, at("2026-02-01T18:00:00Z"), policy));
  // Never announced at all (seeded without a time): due once the cool-down ended.
  EXPECT_TRUE(lc::should_announce(lc::sighting::standing, lc::announce_history{{}, failed},
                                  at("2026-02-01T12:00:00Z"), policy));
}

TEST(Lifecycle, AnotherDriftOfARecentlyResolvedAddressIsARecurrence) {
  const auto now = at("2026-02-01T00:00:00Z");
  lc::previous_sighting none;
  none.address_resolved_at = at("2026-01-25T00:00:00Z");
  const auto v = lc::classify(none, "fp", now);
  EXPECT_EQ(v.kind, lc::sighting::returned);
  EXPECT_EQ(v.next_status, lc::returned);
  EXPECT_TRUE(v.recurrence);
  none.address_resolved_at = at("2025-11-01T00:00:00Z");
  EXPECT_EQ(lc::classify(none, "fp", now).kind, lc::sighting::new_drift);
  EXPECT_FALSE(lc::classify(none, "fp", now).next_status);
}

TEST(Lifecycle, StatusTable) {
  EXPECT_TRUE(lc::resolves_when_absent("drift_remains"));
  EXPECT_FALSE(lc::resolves_when_absent("remediating"));
  EXPECT_TRUE(lc::is_resolved("remediated"));
  EXPECT_EQ(lc::all().size(), 10u);
}

TEST(Lifecycle, ReportDriftFieldsAreWrittenWhenKnownAndReadWhenAbsent) {
  drift::report r;
  r.started_at = r.finished_at = "2026-02-01T00:00:00Z";
  drift::drift_item d;
  d.address = "aws_security_group.web";
  d.type = "aws_security_group";
  d.level = drift::severity::high;
  r.drifts.push_back(d);
  const std::string without = drift::to_json(r);
  EXPECT_EQ(without.find("drift_id"), std::string::npos);
  auto plain = drift::parse_report(without);
  ASSERT_TRUE(plain.ok());
  EXPECT_TRUE(plain.value().drifts[0].drift_id.empty());
  r.drifts[0].drift_id = "0123456789abcdef0123456789abcdef";
  r.drifts[0].first_seen = "2026-01-01T00:00:00Z";
  r.drifts[0].scans_seen = 5;
  r.drifts[0].recurrence = 1;
  auto back = drift::parse_report(drift::to_json(r));
  ASSERT_TRUE(back.ok());
  EXPECT_EQ(back.value().drifts[0].drift_id, r.drifts[0].drift_id);
  EXPECT_EQ(back.value().drifts[0].first_seen, "2026-01-01T00:00:00Z");
  EXPECT_EQ(back.value().drifts[0].scans_seen, 5);
  EXPECT_EQ(back.value().drifts[0].recurrence, 1);
  EXPECT_EQ(drift::fingerprint(back.value().drifts[0]), drift::fingerprint(r.drifts[0]));
}

}  // namespace
