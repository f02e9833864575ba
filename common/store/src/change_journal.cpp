#include "store/change_journal.h"

#include "aws/dynamodb.h"

namespace store {
namespace ddb = aws::dynamodb;

core::result<core::unit, aws::error> change_journal::record(const change_entry& e,
                                                            core::time::time_point now) {
  const auto at = core::time::parse_iso8601(e.event_time).value_or(now);
  ddb::put_request p;
  p.table = table_;
  p.attributes = {{"resource", e.resource},
                  {"event_time", e.event_time},
                  {"event_id", e.event_id},
                  {"event_name", e.event_name},
                  {"event_source", e.event_source},
                  {"target", e.target},
                  {"workspace", e.workspace},
                  {"address", e.address},
                  {"recorded_at", core::time::iso8601(now)},
                  {"expires_at", core::time::epoch_seconds(at + change_journal_ttl)}};
  // DynamoDB refuses empty strings in key attributes only; optional ones are left out anyway.
  if (!e.principal_arn.empty()) p.attributes["principal_arn"] = e.principal_arn;
  if (!e.changed_by_json.empty()) p.attributes["changed_by"] = e.changed_by_json;
  return ddb::put_item(s_, p);
}

core::result<std::optional<change_entry>, aws::error> change_journal::latest(
    const std::string& resource, const std::string& since) {
  ddb::query_request q;
  q.table = table_;
  q.key_condition = since.empty() ? "#r = :r" : "#r = :r AND #t >= :since";
  q.args.names = {{"#r", "resource"}};
  q.args.values = {{":r", resource}};
  if (!since.empty()) {
    q.args.names["#t"] = "event_time";
    q.args.values[":since"] = since;
  }
  q.newest_first = true;
  q.page_size = 1;
  q.max_items = 1;
  auto got = ddb::query(s_, q);
  if (!got) return got.error();
  if (got->empty()) return std::optional<change_entry>();
  const ddb::item& it = got->front();
  change_entry e;
  e.resource = ddb::get_s(it, "resource");
  e.event_time = ddb::get_s(it, "event_time");
  e.event_id = ddb::get_s(it, "event_id");
  e.event_name = ddb::get_s(it, "event_name");
  e.event_source = ddb::get_s(it, "event_source");
  e.target = ddb::get_s(it, "target");
  e.workspace = ddb::get_s(it, "workspace");
  e.address = ddb::get_s(it, "address");
  e.principal_arn = ddb::get_s(it, "principal_arn");
  e.changed_by_json = ddb::get_s(it, "changed_by");
  return std::optional<change_entry>(std::move(e));
}

}  // namespace store
