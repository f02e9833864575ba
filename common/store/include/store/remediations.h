// Remediations (the remediations table): hash key `remediation_id`, TTL `ttl`. The orchestrator
// records what a dispatch names before it dispatches (never rewritten once there); the
// workflow's first step claims it for one run with a conditional update (`status` recorded ->
// claimed), so a second run for the same remediation never applies.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "aws/error.h"
#include "aws/session.h"
#include "core/result.h"
#include "core/time.h"

namespace store {

struct remediation_state {
  std::string bucket;
  std::string key;
  std::string workspace_key_prefix;
  std::string region;
  std::string lock_table;
  bool use_lockfile = false;
};

struct remediation_record {
  std::string remediation_id;
  std::string status;  // gathering | recorded | claimed
  std::string claimed_by_run_id;
  std::string claimed_at;
  std::string claimed_run_url;
  std::string deployment_id;
  std::vector<std::string> drift_event_ids;
  std::string history_timestamp;
  std::string git_commit_sha;
  std::string git_branch;
  std::string tfvars_path;
  std::string workspace;
  std::string region;
  remediation_state state;
  std::vector<std::string> addresses;
  // A missing decision reads as "a human must look": never approve by default.
  bool auto_approve = false;
  bool manual_review_required = true;
  std::vector<std::string> review_reasons;
  std::string severity;
  std::string environment;
  std::string created_at;

  bool answers(const std::string& drift_event_id) const;
};

inline constexpr const char* remediation_gathering = "gathering";
inline constexpr const char* remediation_recorded = "recorded";
inline constexpr const char* remediation_claimed = "claimed";

enum class claim_verdict { claimed, already_claimed, unknown };

// What a join came to.
enum class join_result {
  joined,         // the event is now one of the remediation's
  already,        // it was already (a redelivery)
  not_gathering,  // sealed (dispatched), claimed, or not there: the event waits for the lock
  raced,          // sealed or joined by another meanwhile: read again, merge again
};

struct claim_result {
  claim_verdict verdict = claim_verdict::unknown;
  remediation_record record;  // claimed: the item as the claim left it
  std::string claimed_by;     // already_claimed: the run holding it
  std::string claimed_at;
};

class remediations {
 public:
  remediations(aws::session& s, std::string table) : s_(s), table_(std::move(table)) {}

  // Writes the item (status recorded) unless one with the same id exists: the facts of the
  // first decision stand, and a claimed remediation is never rewritten.
  core::result<core::unit, aws::error> record(const remediation_record& r,
                                              core::time::time_point now);

  // The first event of a deployment opens a gathering: the item is written with status
  // gathering unless one with the same id exists (a redelivery keeps the first decision).
  core::result<core::unit, aws::error> open_gathering(const remediation_record& r,
                                                      core::time::time_point now);

  // Another event of the same deployment joins `merged.remediation_id` while it is gathering:
  // `event_id` is appended (list_append) and the decision fields (addresses, severity,
  // approval, review reasons) become `merged`'s, on condition that the item is still gathering
  // and holds as many events as `seen` did, so two joiners never overwrite each other's merge
  // (the loser gets `raced`). `merged` is the caller's merge of `seen` with the joining event.
  core::result<join_result, aws::error> join(const remediation_record& seen,
                                             const remediation_record& merged,
                                             const std::string& event_id);

  // Ends the gathering (gathering -> recorded) and answers the item as it stands, with every
  // event that joined. An item already recorded or claimed is answered as it is, so a redelivered
  // dispatch names the same events; nullopt when there is no such item.
  core::result<std::optional<remediation_record>, aws::error> seal(
      const std::string& remediation_id);

  // Claims for `run_id`; the same run claiming again gets the same facts.
  core::result<claim_result, aws::error> claim(const std::string& remediation_id,
                                               const std::string& run_id,
                                               const std::string& run_url,
                                               core::time::time_point now);

  // The item, read consistently; nullopt when there is none.
  core::result<std::optional<remediation_record>, aws::error> find(
      const std::string& remediation_id);

 private:
  aws::session& s_;
  std::string table_;
};

}  // namespace store
