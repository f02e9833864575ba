// The drift-history `status` lifecycle: every status an item can hold, which of them are final,
// which moves between them are allowed, and what a second delivery of the same outcome means.
// Pure: the store writes these names with conditional updates, the orchestrator and the
// callback decide with these functions. One table (status.cpp) holds the statuses and their
// moves; a new status is one more row there.
#pragma once

#include <optional>
#include <string_view>
#include <vector>

namespace drift::status {

// The orchestrator's own path.
inline constexpr std::string_view received = "received";
inline constexpr std::string_view retry_scheduled = "retry_scheduled";
inline constexpr std::string_view dispatched = "dispatched";
inline constexpr std::string_view awaiting_review = "awaiting_review";
// Joined a remediation of its deployment that another event of the same scan is still gathering:
// that event's dispatch names this one too, and moves it on with itself.
inline constexpr std::string_view gathered = "gathered";
// The sweeper found the item stuck (never dispatched, or no callback in time). Not final: a
// late callback is still recorded.
inline constexpr std::string_view stale = "stale";
// Final: once there, an item never changes status again.
inline constexpr std::string_view remediated = "remediated";
inline constexpr std::string_view remediation_failed = "remediation_failed";
inline constexpr std::string_view cancelled = "cancelled";
inline constexpr std::string_view unmatched = "unmatched";  // no deployment recorded
inline constexpr std::string_view rejected = "rejected";    // the record could not be parsed
inline constexpr std::string_view skipped = "skipped";      // kill switch or cool-down
inline constexpr std::string_view failed = "failed";        // retries exhausted or GitHub refused

// Every status the table knows, in lifecycle order.
std::vector<std::string_view> all();
bool is_known(std::string_view s);
// A final status never changes. An unknown or empty status is not final.
bool is_final(std::string_view s);
// Whether an item in `from` may move to `to`. From an empty status (an item written before it
// had one) or one this table does not know, any known status may follow.
bool may_move(std::string_view from, std::string_view to);

// What a remediation run ended in (or stopped for), as the workflow reports it.
enum class outcome { remediated, remediation_failed, cancelled, awaiting_review };

// GitHub's job.status values (success, failure, cancelled), "failed", the history names
// themselves and awaiting_review; case-insensitive. nullopt for anything else.
std::optional<outcome> parse_outcome(std::string_view reported);
// The history status an outcome is recorded as.
std::string_view of(outcome o);
inline bool is_final(outcome o) { return o != outcome::awaiting_review; }

// A reported outcome against the status an item holds.
enum class transition {
  apply,     // the item moves to the outcome's status
  repeat,    // the item already holds exactly this outcome: a repeated delivery, nothing to do
  conflict,  // the item is final with another status, or may not move there
};
transition classify(std::string_view current, outcome next);

}  // namespace drift::status
