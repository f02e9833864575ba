// The fleet's trend, per environment: open drift by severity, the oldest open drift, MTTR
// p50/p95 and the remediation success rate over 7 and 30 days, and the resources that drift
// again most. Computed once here from plain records (the drifts table's items and the history
// table's outcomes, as common/store reads them), for `drift-scan history` and the HTML report.
// Pure: no I/O.
#pragma once

#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/time.h"

namespace drift::trend {

// One drift as the drifts table holds it.
struct drift_entry {
  std::string environment;
  std::string scope;  // target/workspace
  std::string address;
  std::string drift_id;
  std::string severity;  // CRITICAL .. INFO
  std::string status;    // drift/lifecycle.h
  std::optional<core::time::time_point> first_seen;
  long long recurrences = 0;
  // When it stopped drifting (resolved_at): a drift no longer open is open until then.
  std::optional<core::time::time_point> resolved_at = std::nullopt;
};

// One recorded remediation outcome (a history item with a final status).
struct outcome_entry {
  std::string environment;
  core::time::time_point completed_at;
  bool success = false;
  std::optional<double> mttr_seconds;
};

// Whether a history status is a success (remediated, confirmed), a failure (remediation_failed,
// failed, drift_remains) or no outcome at all (nullopt).
std::optional<bool> outcome_success(std::string_view history_status);

struct window {
  int days = 0;
  int outcomes = 0;
  int successes = 0;
  std::optional<double> success_rate;  // successes / outcomes; none without outcomes
  std::optional<double> mttr_p50_seconds, mttr_p95_seconds;  // successful outcomes only
};

struct recurring {
  std::string address;
  std::string scope;
  long long recurrences = 0;
};

struct environment_trend {
  std::string environment;
  std::map<std::string, int> open_by_severity;  // only severities with open drift
  int open = 0;
  std::optional<drift_entry> oldest_open;
  std::optional<double> oldest_open_age_seconds;
  window last_7_days, last_30_days;
  std::vector<recurring> top_recurring;  // most recurrences first, at most `top`
};

// Environments in name order; an environment appears when it has a drift or an outcome.
std::vector<environment_trend> compute(const std::vector<drift_entry>& drifts,
                                       const std::vector<outcome_entry>& outcomes,
                                       core::time::time_point now, std::size_t top = 5);

// Open drift by severity at the end of each UTC day of the last `days` days (oldest first, the
// last one ending `now`), over every environment: a drift counts on a day when it was first
// seen by then and, if it is no longer open, resolved after then. A drift no longer open
// without a resolution time (accepted, ignored) counts on no day. Severity is the drift's
// latest.
struct day_open {
  std::string day;  // YYYY-MM-DD (UTC)
  int open = 0;
  std::map<std::string, int> by_severity;  // only severities with open drift
};
std::vector<day_open> open_by_day(const std::vector<drift_entry>& drifts,
                                  core::time::time_point now, int days = 30);

// Nearest-rank percentile (p in (0, 100]) of unsorted values; none when empty.
std::optional<double> percentile(std::vector<double> values, double p);

// A duration as `drift-scan history` writes it: "45 s", "12.5 min", "3.2 h", "4.1 d"; "-" for
// none.
std::string duration_text(std::optional<double> seconds);

std::string to_json(const std::vector<environment_trend>& t, core::time::time_point now);
std::string to_text(const std::vector<environment_trend>& t);

}  // namespace drift::trend
