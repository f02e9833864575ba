// The revert check's record on a history item: additive fields beside the history lifecycle
// (drift/status.h), so that `remediated` stays the outcome the callback recorded.
#include "aws/dynamodb.h"
#include "drift/status.h"
#include "store/history.h"

namespace store {
namespace ddb = aws::dynamodb;

core::result<bool, aws::error> history::record_revert(const history_key& key,
                                                      std::string_view verdict,
                                                      core::time::time_point now) {
  ddb::update_request u;
  u.table = table_;
  u.key = {{"drift_event_id", key.drift_event_id}, {"timestamp", key.timestamp}};
  u.update = "SET revert_status = :verdict, revert_checked_at = :at";
  // Once: the first check to record decides, so RemediationSuccess is counted once per event.
  u.condition = "#s = :remediated AND attribute_not_exists(revert_status)";
  u.args.names = {{"#s", "status"}};
  u.args.values = {{":verdict", std::string(verdict)},
                   {":at", core::time::iso8601(now)},
                   {":remediated", std::string(drift::status::remediated)}};
  auto r = ddb::update_item(s_, u);
  if (r) return true;
  if (ddb::is_condition_failed(r.error())) return false;
  return r.error();
}

}  // namespace store
