// Drifts (the drifts table): one item per drift of a workspace, across scans. Hash key `scope`
// ("<target>/<workspace>"), range key `drift_id` (drift_id() below). A scan observes each drift
// it finds with one atomic update that also answers what the item held before, so the sighting
// is classified (new, changed, standing, returned: drift/lifecycle.h) without a read that a
// concurrent scan could outdate; drifts the scan no longer sees are resolved on condition of
// the status that was read. README.md lists every field.
#pragma once

#include <optional>
#include <set>
#include <string>
#include <vector>

#include "aws/error.h"
#include "aws/session.h"
#include "core/result.h"
#include "core/time.h"
#include "drift/lifecycle.h"
#include "drift/report.h"

namespace store {

// "<target>/<workspace>"
std::string drift_scope(const std::string& target, const std::string& workspace);

// The drift's identity across scans: the first 32 hex digits of SHA-256 over the target, the
// workspace, the Terraform address and what drifted: the sorted attribute names of an update,
// "deleted" for a deletion, "unmanaged" with the type and id of an unmanaged resource. The
// same attributes drifting again keep the id; other attributes of the same resource are
// another drift.
std::string drift_id(const std::string& target, const std::string& workspace,
                     const drift::drift_item& d);

// What one scan saw of a drift.
struct drift_observation {
  std::string address;
  std::string type;
  std::string change;  // update | delete | unmanaged
  std::vector<std::string> attributes;
  std::string severity;     // CRITICAL .. INFO
  std::string fingerprint;  // 64 hex digits of SHA-256 over drift::fingerprint(): the values
  std::string environment;
};
drift_observation observation_of(const drift::drift_item& d, const std::string& environment);

// An item as the table holds it (lenient: a missing field reads empty or zero).
struct drift_record {
  std::string scope;
  std::string drift_id;
  std::string address;
  std::string type;
  std::string change;
  std::vector<std::string> attributes;
  std::string severity;
  std::string status;
  std::string first_seen;
  std::string last_seen;
  long long scans_seen = 0;
  std::string fingerprint;
  std::string resolved_at;
  long long recurrences = 0;
  std::string environment;
  std::string announced_at;   // the last drift event or alert about it; empty when none
  std::string remediated_at;  // when a remediation was recorded applied
  std::vector<std::string> remediation_event_ids;  // the drift events that remediation answered
  std::string confirmed_at;                        // when a check confirmed or refuted the revert
  std::string remediating_at;                      // when a dispatch named it
  std::string remediation_id;                      // the remediation that dispatch carried out
  std::string remediation_failed_at;  // when its last remediation failed or was cancelled
};

// What observe() recorded.
struct observed {
  drift::lifecycle::sighting kind = drift::lifecycle::sighting::new_drift;
  std::string first_seen;
  long long scans_seen = 1;
  long long recurrences = 0;
  std::string status;                 // after this sighting
  std::string announced_at;           // as it was before: when the drift was last announced
  std::string remediation_failed_at;  // when its last remediation failed; empty when none
  // The item before this sighting, for a revert this sighting refuted (remediated ->
  // drift_remains).
  std::string previous_status;
  std::vector<std::string> remediation_event_ids;
};

struct seed_item {
  std::string drift_id;
  drift_observation what;
};

class drifts {
 public:
  drifts(aws::session& s, std::string table) : s_(s), table_(std::move(table)) {}

  // Records one scan's sighting: SET the observation and last_seen, first_seen and status
  // only if absent, ADD scans_seen; classified from the item as it was. A drift resolved
  // (drift/lifecycle.h) less than 30 days ago moves to returned and counts a recurrence; one
  // resolved longer ago opens again as new; both moves on condition of the status it held. A
  // drift never seen whose address had another drift resolved at `address_resolved_at` (from
  // list()) is a recurrence too, within the same 30 days.
  core::result<observed, aws::error> observe(
      const std::string& scope, const std::string& drift_id, const drift_observation& what,
      core::time::time_point now,
      std::optional<core::time::time_point> address_resolved_at = std::nullopt);

  // A complete scan of `scope` saw only `seen_ids`: the other open, returned and drift_remains
  // items become resolved_without_us (each on condition of the status read). Returns those.
  core::result<std::vector<drift_record>, aws::error> resolve_absent(
      const std::string& scope, const std::set<std::string>& seen_ids, core::time::time_point now);

  // The first scan with a drifts table takes over the drift of the previous report: items
  // written only where none exists, open, first seen (and last announced) at `first_seen`.
  core::result<int, aws::error> seed(const std::string& scope, const std::vector<seed_item>& items,
                                     core::time::time_point first_seen);

  // A drift event or an alert named the drift at `now` (an item that is not there is left so).
  core::result<core::unit, aws::error> announced(const std::string& scope,
                                                 const std::string& drift_id,
                                                 core::time::time_point now);

  // ---- A remediation's confirmation (drift_confirmation.cpp). Each move reads the item and
  // writes on condition that it still holds the status read; nullopt when the item is absent,
  // holds another status, or moved meanwhile (the concurrent writer's move stands).
  // Dispatched: open, returned or drift_remains -> remediating, naming the remediation.
  core::result<std::optional<drift_record>, aws::error> mark_remediating(
      const std::string& scope, const std::string& drift_id, const std::string& remediation_id,
      core::time::time_point now);
  // The remediation failed, was cancelled or never went out: remediating -> open; an open,
  // returned or drift_remains item keeps its status. Either way remediation_failed_at = now,
  // from which a scan announces the standing drift again once the cool-down has ended.
  core::result<std::optional<drift_record>, aws::error> mark_remediation_failed(
      const std::string& scope, const std::string& drift_id, core::time::time_point now);
  // Applied: open, returned, remediating or drift_remains -> remediated, with remediated_at and
  // the drift events the remediation answered (so that any later check can report on them).
  core::result<std::optional<drift_record>, aws::error> mark_remediated(
      const std::string& scope, const std::string& drift_id,
      const std::vector<std::string>& event_ids, core::time::time_point now);
  // Gone after the remediation: remediating or remediated -> confirmed (resolved at `now`).
  core::result<std::optional<drift_record>, aws::error> confirm(const std::string& scope,
                                                                const std::string& drift_id,
                                                                core::time::time_point now);
  // Still drifting after the remediation: remediating or remediated -> drift_remains.
  core::result<std::optional<drift_record>, aws::error> mark_drift_remains(
      const std::string& scope, const std::string& drift_id, core::time::time_point now);
  // A complete scan of `scope` saw only `seen_ids`: the remediating and remediated items it did
  // not see are confirmed. Returns those.
  core::result<std::vector<drift_record>, aws::error> confirm_absent(
      const std::string& scope, const std::set<std::string>& seen_ids, core::time::time_point now);

  // Every item of the scope (consistent Query, every page).
  core::result<std::vector<drift_record>, aws::error> list(const std::string& scope);
  // Every item of the table (Scan, every page): the fleet view.
  core::result<std::vector<drift_record>, aws::error> list_all();

 private:
  aws::session& s_;
  std::string table_;
};

}  // namespace store
