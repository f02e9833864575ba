// The current policy version of POLICY_ID (default "current"), as store::policies reads it from
// the policy table (the highest semantic version published). Cached per container for
// POLICY_CACHE_SECONDS (a deliberate warm-container cache: the version changes a few times a
// year, events arrive in bursts).
#pragma once

#include <chrono>
#include <mutex>
#include <optional>
#include <string>

#include "aws/session.h"
#include "core/time.h"

namespace orchestrator {

class policy_source {
 public:
  policy_source(std::string table, std::string policy_id, std::chrono::seconds cache_for)
      : table_(std::move(table)), policy_id_(std::move(policy_id)), cache_for_(cache_for) {}

  // nullopt when no table is configured or no version is published.
  core::result<std::optional<std::string>, aws::error> current(aws::session& s,
                                                               core::time::time_point now);

 private:
  std::string table_;
  std::string policy_id_;
  std::chrono::seconds cache_for_;
  std::mutex mu_;
  std::optional<std::optional<std::string>> cached_;
  core::time::time_point fetched_at_;
};

}  // namespace orchestrator
