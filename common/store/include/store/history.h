// Drift history (the history table): hash key `drift_event_id` (the event's id), range key
// `timestamp` (the event's time); a record that cannot be parsed is keyed by its message id and
// arrival time. GSIs `severity-timestamp-index` and `resource-arn-index` (hash `resource_arn`,
// range `timestamp`: the cool-down), TTL `ttl`. `status` moves along drift/status.h; every
// move is a conditional write:
// - the first write of an event is conditional on the key (a redelivery finds its item);
// - a processing lease (`lease_owner`, `lease_until`) lets one process at a time work on an
//   item, and a retry (ours, or Lambda's after a crash) resume it once the lease is gone;
// - the callback moves an item only from the status it read (optimistic concurrency);
// - the sweeper marks an item stale only as it saw it (status and updated_at).
// README.md lists every field.
#pragma once

#include <chrono>
#include <functional>
#include <optional>
#include <string>
#include <vector>

#include "aws/error.h"
#include "aws/session.h"
#include "core/result.h"
#include "core/time.h"
#include "drift/event.h"
#include "drift/status.h"

namespace store {

inline constexpr const char* history_by_arn_index = "resource-arn-index";

struct history_key {
  std::string drift_event_id;
  std::string timestamp;
};

enum class claim { claimed, taken };  // taken: another delivery owns or finished the item

// GitHub's answer to the dispatch, kept as the map `workflow_trigger_response`.
struct dispatch_response {
  long long status_code = 0;
  std::string outcome;  // github::outcome as text
  int requests = 0;
  std::string message;  // omitted when empty
};

// What the orchestrator records with a status; only the fields that are set are written.
struct history_fields {
  std::optional<std::string> status_reason;
  std::optional<std::string> error_message;
  std::optional<std::string> severity;
  std::optional<std::string> priority;
  std::optional<std::string> environment;
  std::optional<std::string> deployment_id;
  std::optional<std::string> git_commit_sha;
  std::optional<dispatch_response> workflow_trigger_response;
  // The dispatch:
  std::optional<bool> remediation_triggered;
  std::optional<std::string> dispatched_at;
  std::optional<bool> auto_approve;
  std::optional<bool> manual_review_required;
  std::optional<std::vector<std::string>> review_reasons;
  std::optional<std::string> policy_version;
  std::optional<std::string> current_policy_version;
  std::optional<std::string> lock_id;
  std::optional<std::string> remediation_id;
  // A retry:
  std::optional<int> attempts;
  std::optional<std::string> retry_reason;
  std::optional<std::string> next_attempt_at;
};

// The parts of an item the callback and the sweeper read.
struct history_item {
  std::string drift_event_id;
  std::string timestamp;  // the range key: the event's time, i.e. when the drift was detected
  std::string status;     // empty when the item has none yet
  std::string severity;
  std::string environment;  // older items carry it only as their `tags`' Environment
  std::string resource_arn;
  std::string terraform_address;
  std::string lock_id;  // the remediation lock: `lock_id`, on older items `deployment_id`
  std::string remediation_id;
  std::string dispatched_at;
  std::string updated_at;
  // Written by an earlier callback for this outcome:
  std::optional<double> mttr_seconds;
  std::string completed_at;
  std::string workflow_run_url;
  std::string error_message;
  bool outcome_published = true;  // false only between a callback's update and its reports
  // The orchestrator's lease while it works on the item (epoch seconds; 0 when none).
  std::string lease_owner;
  long long lease_until = 0;
  // Where the scanner saw the drift (its event's detail): a revert check finds it by these.
  std::string drift_id;     // the drifts table's id (detail.driftId)
  std::string scan_target;  // detail.terraform.target
  std::string workspace;    // detail.terraform.workspace
  // The revert check after `remediated`: confirmed | drift_remains, and when (written once).
  std::string revert_status;
  std::string revert_checked_at;
  // When the change was made (`change_time`, empty when unknown), and the recovery time measured
  // from it that a callback recorded.
  std::string change_time;
  std::optional<double> mttr_from_change_seconds;

  history_key key() const { return {drift_event_id, timestamp}; }
};

// A run's outcome, as the callback records it.
struct outcome_update {
  drift::status::outcome status = drift::status::outcome::remediated;
  std::string reported_status;  // as the workflow sent it (`callback_status`)
  core::time::time_point at;
  std::optional<double> mttr_seconds;
  std::optional<double> mttr_from_change_seconds;  // from the item's change_time, when it has one
  std::string workflow_run_url;
  std::string error_message;
};

class history {
 public:
  history(aws::session& s, std::string table,
          std::chrono::seconds ttl = std::chrono::seconds(90 * 24 * 3600))
      : s_(s), table_(std::move(table)), ttl_(ttl) {}

  // ---- The orchestrator.
  // First sight of an event: creates its item (status received, leased to `owner` until
  // `lease_until`); when the item exists, claims it if an earlier delivery left it `received`
  // with its lease expired or released. `change_time` is when the change was made, as the
  // caller checked it (the event's own `changeTime` is outside input): written only when set.
  core::result<claim, aws::error> open(const drift::drift_event& ev, const std::string& message_id,
                                       const std::string& owner, core::time::time_point lease_until,
                                       core::time::time_point now,
                                       std::optional<core::time::time_point> change_time = {});
  // A retry message for `attempt`: claims the item if it is still waiting for that attempt.
  core::result<claim, aws::error> resume(const history_key& key, int attempt,
                                         const std::string& owner,
                                         core::time::time_point lease_until,
                                         core::time::time_point now);
  // A record that could not be parsed (status rejected); written once.
  core::result<core::unit, aws::error> reject(const std::string& message_id,
                                              const std::string& arrival_time,
                                              const std::string& error, const std::string& raw,
                                              core::time::time_point now);
  // The kill switch's skip; written only when the event has no item yet.
  core::result<core::unit, aws::error> skip_unprocessed(const drift::drift_event& ev,
                                                        const std::string& message_id,
                                                        const std::string& reason,
                                                        core::time::time_point now);
  // The kill switch met a retry message: the item waiting for `attempt` ends as skipped.
  core::result<core::unit, aws::error> skip_retry(const history_key& key, int attempt,
                                                  const std::string& reason,
                                                  core::time::time_point now);
  // Sets the new status and `fields`, drops the lease. Only while `owner` holds the lease.
  core::result<core::unit, aws::error> update(const history_key& key, const std::string& owner,
                                              std::string_view new_status,
                                              const history_fields& fields,
                                              core::time::time_point now);
  // An event that joined another's gathering (status gathered, `remediation_id`) moves on with
  // that event: the same status and fields, on condition that it is still gathered for
  // `remediation_id`. false when it was not (moved on already, or never joined).
  core::result<bool, aws::error> follow(const history_key& key, const std::string& remediation_id,
                                        std::string_view new_status, const history_fields& fields,
                                        core::time::time_point now);
  // Drops the lease without changing the status (a failure the caller reports for retry).
  core::result<core::unit, aws::error> release(const history_key& key, const std::string& owner);
  // A retry message for `next` could not be sent: the item goes back to `back_to` (received,
  // or retry_scheduled for `attempt`) so that a redelivery of the same record resumes it.
  core::result<core::unit, aws::error> unschedule_retry(const history_key& key, int attempt,
                                                        int next, std::string_view back_to);
  // The newest remediation of this resource that failed at or after `since`: its event id.
  core::result<std::optional<std::string>, aws::error> recent_failure(
      const std::string& resource_arn, core::time::time_point since);

  // ---- The sweeper.
  // Items stuck `received` since before `received_before` with no live lease, `gathered` (into a
  // remediation whose dispatch never came) since before `received_before`, or `dispatched`
  // since before `dispatched_before`; a consistent scan, item by item.
  core::result<core::unit, aws::error> each_stuck(
      core::time::time_point received_before, core::time::time_point dispatched_before,
      core::time::time_point now, const std::function<void(const history_item&)>& visit);
  // Marks the item stale (previous_status, stale_at, status_reason) only if it still holds the
  // status and updated_at that were seen; false when a callback or a redelivery moved it first.
  core::result<bool, aws::error> mark_stale(const history_item& seen, const std::string& reason,
                                            core::time::time_point now);

  // ---- The fleet's trend (`drift-scan history`).
  // Items with a completion time at or after `since` (every status: the caller decides which
  // are outcomes); a scan, item by item.
  core::result<core::unit, aws::error> each_completed_since(
      core::time::time_point since, const std::function<void(const history_item&)>& visit);

  // ---- The callback.
  // The event's item (the newest when several share the id), read consistently.
  core::result<std::optional<history_item>, aws::error> find(const std::string& drift_event_id);
  // Writes the outcome on condition that the item still holds `seen.status`. false when that
  // condition failed (someone else moved it first): the caller reads again and decides again.
  core::result<bool, aws::error> record_outcome(const history_item& seen, const outcome_update& u);
  // The revert check after a remediation (history_revert.cpp): records `revert_status`
  // (confirmed or drift_remains) and `revert_checked_at` once, on a `remediated` item; false
  // when the item is not remediated, or a revert check was recorded already.
  core::result<bool, aws::error> record_revert(const history_key& key, std::string_view verdict,
                                               core::time::time_point now);
  // Notes that metrics, notices and the completion event went out for the final outcome.
  core::result<core::unit, aws::error> mark_published(const history_key& key,
                                                      std::string_view status);

 private:
  aws::session& s_;
  std::string table_;
  std::chrono::seconds ttl_;
};

}  // namespace store
