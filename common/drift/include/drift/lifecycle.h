// A drift's life across scans, as the drifts table keeps it: its statuses (this table of names;
// drift/status.h is the drift-history lifecycle of one remediation event), how a new sighting
// of a drift is classified against what the table held, and the one rule that decides which
// sightings are worth an alert or a drift event. Pure: common/store writes these names, the
// scanner decides with these functions.
#pragma once

#include <chrono>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/time.h"
#include "drift/severity.h"

namespace drift::lifecycle {

// Drifting as far as we know.
inline constexpr std::string_view open = "open";
inline constexpr std::string_view returned = "returned";  // drifting again after it was resolved
inline constexpr std::string_view remediating = "remediating";      // a remediation is under way
inline constexpr std::string_view drift_remains = "drift_remains";  // a remediation did not fix it
// People decided to live with it.
inline constexpr std::string_view accepted = "accepted";
inline constexpr std::string_view ignored = "ignored";
// Resolved: seen again within recurrence_window, the drift has returned.
inline constexpr std::string_view remediated =
    "remediated";  // applied, not yet confirmed by a scan
inline constexpr std::string_view confirmed =
    "confirmed";  // a scan after the remediation saw it gone
inline constexpr std::string_view resolved_without_us = "resolved_without_us";  // gone on its own
// Not seen for so long (its workspace no longer scanned) that nobody can tell.
inline constexpr std::string_view stale = "stale";

std::vector<std::string_view> all();
bool is_known(std::string_view status);
bool is_resolved(std::string_view status);
// The statuses a complete scan that no longer sees the drift moves to resolved_without_us;
// remediating and remediated wait for the remediation's own confirmation.
bool resolves_when_absent(std::string_view status);
// The statuses a check after a remediation moves to confirmed (gone) or drift_remains (still
// drifting): remediating (the outcome may not be recorded yet) and remediated.
bool awaits_confirmation(std::string_view status);

inline constexpr std::chrono::hours recurrence_window{30 * 24};

// What one scan's sighting of a drift is, against the table.
enum class sighting {
  new_drift,  // never seen, or resolved longer ago than recurrence_window
  changed,    // the same drift with other values (another fingerprint)
  standing,   // the same drift as before
  returned,   // resolved less than recurrence_window ago, drifting again
  remains,    // seen again after a remediation was applied: the revert did not hold
};
std::string_view to_string(sighting k);  // "new", "changed", "standing", "returned", "remains"

// The item as it was before this sighting was recorded.
struct previous_sighting {
  bool exists = false;
  std::string status;
  std::string fingerprint;
  std::optional<core::time::time_point> resolved_at;
  // When the item does not exist: the latest resolution of another drift of the same address
  // (other attributes), so that an address drifting again counts as a recurrence.
  std::optional<core::time::time_point> address_resolved_at;
};

struct verdict {
  sighting kind = sighting::new_drift;
  std::optional<std::string_view> next_status;  // set when the status must move
  bool recurrence = false;                      // counts one more recurrence
};
verdict classify(const previous_sighting& before, std::string_view fingerprint,
                 core::time::time_point now);

// ---- The one alert rule.
inline constexpr severity default_alert_minimum = severity::high;
// A drift of `level` is worth an alert when at or above `minimum`.
bool worth_alerting(severity level, severity minimum);
// New, changed and returned drift is news; standing drift is not.
bool is_news(sighting k);
bool should_alert(sighting k, severity level, severity minimum);
// When standing drift is announced again.
struct announce_policy {
  std::chrono::hours reannounce_every{0};  // zero: never on a schedule
  std::chrono::seconds cooldown{3600};     // after a failed remediation (zero: at once)
};
// The standing drift's record of announcements and failed remediations.
struct announce_history {
  std::optional<core::time::time_point> announced_at;
  std::optional<core::time::time_point> remediation_failed_at;
};
// A drift event goes out for news; for standing drift whose last failed remediation's cool-down
// has ended since it was last announced (once per failure: the orchestrator may try again);
// and for standing drift whose last announcement is older than `reannounce_every`.
bool should_announce(sighting k, const announce_history& h, core::time::time_point now,
                     const announce_policy& p);

}  // namespace drift::lifecycle
