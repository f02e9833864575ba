// The live path: CloudTrail change events (an SQS batch of EventBridge events, or one event
// invoked directly) re-check just the resources they touched, within a minute of the change,
// and say who made it. Grouped by workspace through the resource index (resource_index.h);
// each group becomes one targeted report under reports/<target>/<workspace>/changes/, alerts
// and drift events as a scan's, named with the actor; the change journal keeps who touched
// what. Bad input is acknowledged and counted, never retried; transient failures are retried.
#pragma once

#include <chrono>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "change_batch.h"
#include "scanner.h"
#include "targets.h"

namespace scanner {

// CHANGE_JOURNAL_TABLE, CHANGE_SETTLE_SECONDS, CHANGE_IGNORE_ROLE_ARNS.
struct live_settings {
  std::string journal_table;  // empty: no journal
  std::chrono::seconds settle{10};
  // Sessions of these roles (the product's remediation role, the Terraform pipeline's) are
  // our own changes: ignored.
  std::vector<std::string> ignore_role_arns;
};

// Why an event was acknowledged without a check (the `Reason` of ChangeEventsIgnored).
namespace ignore_reason {
inline constexpr const char* malformed = "malformed";        // not a CloudTrail call event
inline constexpr const char* not_write = "not_write";        // read-only or failed call
inline constexpr const char* ignored_role = "ignored_role";  // our own roles' sessions
inline constexpr const char* unsupported = "unsupported";    // no type declares the call
inline constexpr const char* unmanaged = "unmanaged";        // no index names it, nor can tell
inline constexpr const char* not_found = "not_found";        // no resource index, or gone
// unmanaged, and outside UNMANAGED_SCOPE_TAGS
inline constexpr const char* unmanaged_out_of_scope = "unmanaged_out_of_scope";
}  // namespace ignore_reason

struct live_outcome {
  std::vector<std::string> retry;  // message ids to deliver again (transient failures)
  std::vector<workspace_outcome> reports;
  std::map<std::string, int> ignored;  // reason -> events
  int journaled = 0;
  bool metrics_sent = false;
  std::vector<std::string> errors;
};

// Checks the messages with `runner` (its configuration says which outputs are written) against
// the configured targets. Never throws.
live_outcome check_changes(scan_runner& runner, const std::vector<target>& targets,
                           const std::vector<change_message>& messages, const live_settings& s);

// The scheduled scan's "who changed it": each drift of `r` without changed_by gets the newest
// change journal entry of its resource (by ARN, else id) made after the last scan that saw the
// address clean (`previous`, when it did), else the newest within the journal's 90 days.
// Returns what could not be read (the drifts then say nothing).
std::vector<std::string> attach_changed_by(aws::session& s, const std::string& journal_table,
                                           drift::report& r, const drift::report* previous);

// {"batchItemFailures": [{"itemIdentifier"}], "reports": [{target, workspace, report_uri,
// drifted, alerted, events_published, errors}], "ignored": {reason: n}, "journaled",
// "metrics_sent", "errors"}: SQS reads only batchItemFailures.
std::string live_outcome_json(const live_outcome& o);

}  // namespace scanner
