// Remediation locks (the locks table): hash key `lock_id` (the deployment id), `owner` (the
// drift_event_id holding it), TTL attribute `ttl` (epoch seconds). Taken with a conditional put,
// stolen only once expired, extended and released only while `owner` is still that event.
// Also the one read of Terraform's own lock item (hash key `LockID`), which nothing here ever
// writes or deletes.
#pragma once

#include <chrono>
#include <optional>
#include <string>

#include "aws/error.h"
#include "aws/session.h"
#include "core/result.h"
#include "core/time.h"

namespace store {

struct lock_request {
  std::string lock_id;  // the deployment id
  std::string owner;    // the drift_event_id taking it
  std::string resource_arn;
  core::time::time_point now;
  std::chrono::seconds ttl{3600};
  // The remediation the holder records for the deployment (omitted when empty): events of the
  // same deployment find the gathering to join through it.
  std::string remediation_id = {};
};

// A live lock as read.
struct lock_holder {
  std::string owner;
  std::string remediation_id;  // empty on locks taken without one
};

enum class release_result { released, not_owner };  // not_owner: absent or held by another

class locks {
 public:
  locks(aws::session& s, std::string table) : s_(s), table_(std::move(table)) {}

  // true when taken (or already ours), false when another live owner holds it. An expired
  // lock is free: DynamoDB deletes expired items lazily (up to days later).
  core::result<bool, aws::error> take(const lock_request& r);

  // The live holder (consistent read): nullopt when free or expired.
  core::result<std::optional<lock_holder>, aws::error> holder(const std::string& lock_id,
                                                              core::time::time_point now);

  // Sets `ttl` to `until` (epoch seconds) while `owner` holds the lock and its ttl is below
  // `only_if_below` (so a repeat a moment later changes nothing); false when not extended.
  core::result<bool, aws::error> extend(const std::string& lock_id, const std::string& owner,
                                        long long until, long long only_if_below);

  // Deletes the lock if `owner` still holds it; a lock held by someone else is left alone.
  core::result<release_result, aws::error> release(const std::string& lock_id,
                                                   const std::string& owner);

 private:
  aws::session& s_;
  std::string table_;
};

// Terraform's lock item `LockID` in a backend's lock table, read consistently: nullopt when
// free, else its `Info` (Terraform's JSON lock info, "" when the item has none).
core::result<std::optional<std::string>, aws::error> terraform_lock_info(
    aws::session& s, const std::string& lock_table, const std::string& lock_id);

}  // namespace store
