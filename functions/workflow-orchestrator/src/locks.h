// The two locks a remediation respects. Terraform's own lock for the workspace (a LockID item
// in the backend's DynamoDB table, or the S3 object <full key>.tflock) is only ever read: a
// remediation must not start while Terraform holds it. Our remediation lock (LOCKS_TABLE, one
// per deployment) is taken with a conditional put, stolen only once its TTL has passed, and
// released only while its owner is still the event that took it.
#pragma once

#include <chrono>
#include <optional>
#include <string>

#include "aws/session.h"
#include "clock.h"
#include "deployment.h"

namespace orchestrator {

// Who holds Terraform's lock ("dynamodb:<LockID>" or "s3:<key>.tflock" plus Terraform's own
// lock info when readable), or nullopt when it is free.
core::result<std::optional<std::string>, aws::error> terraform_lock_holder(aws::session& s,
                                                                           const deployment& d);

struct lock_request {
  std::string lock_id;  // the deployment id
  std::string owner;    // the drift_event_id taking it
  std::string resource_arn;
  time_point now;
  std::chrono::seconds ttl{3600};
};

// true when taken (or already ours), false when another live owner holds it.
core::result<bool, aws::error> acquire_remediation_lock(aws::session& s, const std::string& table,
                                                        const lock_request& r);
// Deletes the lock if `owner` still holds it; a lock held by someone else is left alone.
core::result<core::unit, aws::error> release_remediation_lock(aws::session& s,
                                                              const std::string& table,
                                                              const std::string& lock_id,
                                                              const std::string& owner);

}  // namespace orchestrator
