#include "policy_source.h"

#include "store/policies.h"

namespace orchestrator {

core::result<std::optional<std::string>, aws::error> policy_source::current(
    aws::session& s, core::time::time_point now) {
  if (table_.empty()) return std::optional<std::string>();
  std::lock_guard<std::mutex> lock(mu_);
  if (cached_ && now - fetched_at_ < cache_for_) return *cached_;
  auto found = store::policies(s, table_).current(policy_id_);
  if (!found) return found.error();
  cached_ = *found;
  fetched_at_ = now;
  return *cached_;
}

}  // namespace orchestrator
