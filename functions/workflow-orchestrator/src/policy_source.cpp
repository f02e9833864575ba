#include "policy_source.h"

#include <tuple>

#include "ddb.h"
#include "drift/policy_version.h"
#include "json_util.h"

namespace orchestrator {

core::result<std::optional<std::string>, aws::error> policy_source::current(aws::session& s,
                                                                            time_point now) {
  if (table_.empty()) return std::optional<std::string>();
  std::lock_guard<std::mutex> lock(mu_);
  if (cached_ && now - fetched_at_ < cache_for_) return *cached_;

  ddb::query_request q;
  q.table = table_;
  q.key_condition = "policy_id = :id";
  q.ev.values = {{":id", ddb::S(policy_id_)}};
  std::optional<std::string> best_raw;  // the newest by sort order, when none parses
  std::optional<std::string> best;
  drift::semver best_v;
  std::string start_key;
  for (int page = 0; page < 10; ++page) {
    auto r = ddb::query(s, q, start_key);
    if (!r) return r.error();
    if (const auto* items = json::member(*r, "Items"); items && items->IsArray()) {
      for (const auto& item : items->GetArray()) {
        const std::string v = ddb::get_s(item, "version");
        if (v.empty()) continue;
        best_raw = v;
        auto parsed = drift::parse_policy_version(v);
        if (!parsed) continue;
        if (!best || std::tie(parsed->major, parsed->minor, parsed->patch) >
                         std::tie(best_v.major, best_v.minor, best_v.patch)) {
          best = v;
          best_v = *parsed;
        }
      }
    }
    const auto* last = json::member(*r, "LastEvaluatedKey");
    if (!last || !last->IsObject()) break;
    start_key = json::to_text(*last);
  }
  // Only malformed versions published: hand one on, so that the check asks for a human.
  cached_ = best ? best : best_raw;
  fetched_at_ = now;
  return *cached_;
}

}  // namespace orchestrator
