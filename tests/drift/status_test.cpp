// The drift-history status lifecycle (common/drift/status.h): no emulator, no AWS.
#include "drift/status.h"

#include <gtest/gtest.h>

#include <string>

namespace {
namespace st = drift::status;
using st::outcome;
using st::transition;

TEST(Status, EveryStatusIsKnownOnceAndFinalOnesHaveNoWayOut) {
  const auto names = st::all();
  EXPECT_EQ(names.size(), 13u);
  for (std::size_t i = 0; i < names.size(); ++i) {
    EXPECT_TRUE(st::is_known(names[i])) << names[i];
    for (std::size_t j = i + 1; j < names.size(); ++j) EXPECT_NE(names[i], names[j]);
    if (!st::is_final(names[i])) continue;
    for (auto to : names) EXPECT_FALSE(st::may_move(names[i], to)) << names[i] << " -> " << to;
  }
  for (auto f : {st::remediated, st::remediation_failed, st::cancelled, st::unmatched, st::rejected,
                 st::skipped, st::failed})
    EXPECT_TRUE(st::is_final(f)) << f;
  for (auto f : {st::received, st::retry_scheduled, st::gathered, st::dispatched,
                 st::awaiting_review, st::stale})
    EXPECT_FALSE(st::is_final(f)) << f;
}

TEST(Status, StaleIsNotFinalAndALateOutcomeIsStillRecorded) {
  EXPECT_FALSE(st::is_final(st::stale));
  for (auto o : {outcome::remediated, outcome::remediation_failed, outcome::cancelled,
                 outcome::awaiting_review})
    EXPECT_EQ(st::classify(st::stale, o), transition::apply);
  // Only the sweeper makes an item stale: from received or dispatched.
  EXPECT_TRUE(st::may_move(st::received, st::stale));
  EXPECT_TRUE(st::may_move(st::dispatched, st::stale));
  EXPECT_FALSE(st::may_move(st::awaiting_review, st::stale));
}

TEST(Status, TheOrchestratorsMoves) {
  for (auto to : {st::retry_scheduled, st::dispatched, st::awaiting_review, st::unmatched,
                  st::skipped, st::failed})
    EXPECT_TRUE(st::may_move(st::received, to)) << to;
  // A retry message resumes its item, or the kill switch ends it as skipped.
  EXPECT_TRUE(st::may_move(st::retry_scheduled, st::retry_scheduled));
  EXPECT_TRUE(st::may_move(st::retry_scheduled, st::skipped));
  // A retry message that could not be sent puts the item back for the redelivery.
  EXPECT_TRUE(st::may_move(st::retry_scheduled, st::received));
  EXPECT_FALSE(st::may_move(st::dispatched, st::received));
  EXPECT_FALSE(st::may_move(st::received, "no-such-status"));
  // An event that joined another's gathering moves on with that event's dispatch or end.
  EXPECT_TRUE(st::may_move(st::received, st::gathered));
  EXPECT_TRUE(st::may_move(st::gathered, st::dispatched));
  EXPECT_TRUE(st::may_move(st::gathered, st::failed));
  EXPECT_FALSE(st::may_move(st::gathered, st::received));
  EXPECT_EQ(st::classify(st::gathered, outcome::remediated), transition::apply);
  // An item without a status (older writers) may take any known one.
  EXPECT_TRUE(st::may_move("", st::remediated));
}

TEST(Status, RepeatedDeliveriesAndConflicts) {
  EXPECT_EQ(st::classify("dispatched", outcome::remediated), transition::apply);
  EXPECT_EQ(st::classify("received", outcome::cancelled), transition::apply);
  EXPECT_EQ(st::classify("retry_scheduled", outcome::remediation_failed), transition::apply);
  EXPECT_EQ(st::classify("awaiting_review", outcome::remediated), transition::apply);
  EXPECT_EQ(st::classify("dispatched", outcome::awaiting_review), transition::apply);
  EXPECT_EQ(st::classify("", outcome::remediated), transition::apply);
  // The same outcome delivered again changes nothing.
  EXPECT_EQ(st::classify("awaiting_review", outcome::awaiting_review), transition::repeat);
  EXPECT_EQ(st::classify("remediated", outcome::remediated), transition::repeat);
  EXPECT_EQ(st::classify("cancelled", outcome::cancelled), transition::repeat);
  // A final item never changes, and a review request after the end is refused too.
  EXPECT_EQ(st::classify("remediated", outcome::remediation_failed), transition::conflict);
  EXPECT_EQ(st::classify("remediated", outcome::awaiting_review), transition::conflict);
  for (auto f : {"unmatched", "rejected", "skipped", "failed", "cancelled"})
    EXPECT_EQ(st::classify(f, outcome::remediated), transition::conflict) << f;
}

TEST(Status, ReportedOutcomes) {
  EXPECT_EQ(st::parse_outcome("success"), outcome::remediated);
  EXPECT_EQ(st::parse_outcome("SUCCEEDED"), outcome::remediated);
  EXPECT_EQ(st::parse_outcome("failure"), outcome::remediation_failed);
  EXPECT_EQ(st::parse_outcome("failed"), outcome::remediation_failed);
  EXPECT_EQ(st::parse_outcome("Canceled"), outcome::cancelled);
  EXPECT_EQ(st::parse_outcome("awaiting_review"), outcome::awaiting_review);
  EXPECT_FALSE(st::parse_outcome("skipped"));
  EXPECT_FALSE(st::parse_outcome(""));
  for (auto o : {outcome::remediated, outcome::remediation_failed, outcome::cancelled,
                 outcome::awaiting_review}) {
    EXPECT_TRUE(st::is_known(st::of(o)));
    EXPECT_EQ(st::is_final(o), st::is_final(st::of(o)));
    EXPECT_EQ(st::parse_outcome(st::of(o)), o);
  }
}

}  // namespace
