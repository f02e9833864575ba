// The remediation lock (LOCKS_TABLE, hash lock_id = deployment id, `owner` = drift_event_id):
// the callback releases it (or extends it for a review), and only while this event still owns it. A
// lock that expired and was taken by another event stays with that event.
#pragma once

#include <string>

#include "aws/error.h"
#include "aws/session.h"
#include "core/result.h"

namespace callback {

enum class release_result { released, not_owner };  // not_owner: absent or held by another

core::result<release_result, aws::error> release_lock(aws::session& s, const std::string& table,
                                                      const std::string& lock_id,
                                                      const std::string& owner);

// While a run waits for review the lock must outlive the orchestrator's short TTL: sets `ttl`
// (epoch seconds) to `until`, only while `owner` holds the lock and its ttl is below
// `only_if_below` (so a repeated review request a moment later changes nothing). false when
// not extended for either reason.
core::result<bool, aws::error> extend_lock(aws::session& s, const std::string& table,
                                           const std::string& lock_id, const std::string& owner,
                                           long long until, long long only_if_below);

}  // namespace callback
