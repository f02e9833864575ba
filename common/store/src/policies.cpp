#include "store/policies.h"

#include <tuple>

#include "aws/dynamodb.h"
#include "drift/policy_version.h"

namespace store {
namespace ddb = aws::dynamodb;

core::result<std::optional<std::string>, aws::error> policies::current(
    const std::string& policy_id) {
  ddb::query_request q;
  q.table = table_;
  q.key_condition = "policy_id = :id";
  q.args.values = {{":id", policy_id}};
  q.max_pages = 10;
  std::optional<std::string> best_raw;  // the newest by sort order, when none parses
  std::optional<std::string> best;
  drift::semver best_v;
  auto r = ddb::query_each(s_, q, [&](const ddb::item& it) {
    const std::string v = ddb::get_s(it, "version");
    if (v.empty()) return true;
    best_raw = v;
    auto parsed = drift::parse_policy_version(v);
    if (!parsed) return true;
    if (!best || std::tie(parsed->major, parsed->minor, parsed->patch) >
                     std::tie(best_v.major, best_v.minor, best_v.patch)) {
      best = v;
      best_v = *parsed;
    }
    return true;
  });
  if (!r) return r.error();
  return best ? best : best_raw;
}

}  // namespace store
