// The drift history item of one event (HISTORY_TABLE, brief Data section). Its first write is
// conditional and keyed by the event itself, so a redelivered event finds its item and is not
// dispatched again; a processing lease on the item lets exactly one process work on it at a
// time, and lets a retry (ours, or Lambda's after a failure) resume it.
#pragma once

#include <chrono>
#include <optional>
#include <string>

#include "aws/session.h"
#include "clock.h"
#include "ddb.h"
#include "drift/event.h"

namespace orchestrator {

namespace status {
inline constexpr const char* received = "received";
inline constexpr const char* retry_scheduled = "retry_scheduled";
inline constexpr const char* dispatched = "dispatched";
inline constexpr const char* awaiting_review = "awaiting_review";
inline constexpr const char* unmatched = "unmatched";
inline constexpr const char* rejected = "rejected";
inline constexpr const char* skipped = "skipped";
inline constexpr const char* failed = "failed";
inline constexpr const char* remediation_failed = "remediation_failed";
// Not final: the sweeper found the item stuck (never dispatched, or no callback in time); a late
// callback is still recorded.
inline constexpr const char* stale = "stale";
}  // namespace status

struct history_key {
  std::string drift_event_id;
  std::string timestamp;
};

struct history_settings {
  std::string table;
  std::chrono::seconds ttl{90 * 24 * 3600};
  // The processing lease ends here: the invocation's deadline plus a few seconds, so that it
  // ends before Lambda's first asynchronous retry and the retry queue's visibility timeout
  // (a delivery that crashed is processed again), and a concurrent duplicate cannot steal it
  // while the dispatch is under way.
  time_point lease_until;
};

enum class claim { claimed, taken };  // taken: another delivery owns or finished the item

class history {
 public:
  history(aws::session& s, history_settings cfg) : s_(s), cfg_(std::move(cfg)) {}

  // First sight of an event: creates its item (status received, leased to `owner`); when the
  // item exists, claims it if an earlier delivery left it `received` with its lease expired
  // or released.
  core::result<claim, aws::error> open(const drift::drift_event& ev, const std::string& message_id,
                                       const std::string& owner, time_point now);
  // A retry message for `attempt`: claims the item if it is still waiting for that attempt.
  core::result<claim, aws::error> resume(const history_key& key, int attempt,
                                         const std::string& owner, time_point now);
  // A record that could not be parsed, keyed by its message id and arrival time.
  core::result<core::unit, aws::error> reject(const std::string& message_id,
                                              const std::string& arrival_time,
                                              const std::string& error, const std::string& raw,
                                              time_point now);
  // Records the kill switch's skip; writes only when the event has no item yet.
  core::result<core::unit, aws::error> skip_unprocessed(const drift::drift_event& ev,
                                                        const std::string& message_id,
                                                        const std::string& reason, time_point now);

  // The kill switch met a retry message: the item waiting for `attempt` ends as skipped.
  core::result<core::unit, aws::error> skip_retry(const history_key& key, int attempt,
                                                  const std::string& reason, time_point now);

  // Sets `fields` and the new status, drops the lease. Only while `owner` holds the lease.
  core::result<core::unit, aws::error> update(const history_key& key, const std::string& owner,
                                              const std::string& new_status,
                                              const ddb::attributes& fields, time_point now);
  // Drops the lease without changing the status (a failure the caller reports for retry).
  core::result<core::unit, aws::error> release(const history_key& key, const std::string& owner);

  // The newest remediation of this resource that failed at or after `since`: its event id.
  core::result<std::optional<std::string>, aws::error> recent_failure(
      const std::string& resource_arn, time_point since);

 private:
  ddb::attributes key_of(const history_key& k) const;
  aws::session& s_;
  history_settings cfg_;
};

}  // namespace orchestrator
