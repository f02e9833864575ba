#include "history.h"

#include "core/text.h"
#include "json_util.h"

namespace orchestrator {
namespace {

constexpr std::size_t max_raw_bytes = 4096;

// Rejected input is kept for people to look at, within DynamoDB's 400 KB item limit.
constexpr std::size_t max_error_bytes = 2048;

std::string truncate_utf8(const std::string& s, std::size_t max) {
  return core::text::cut_utf8(s, max, true);
}
using core::text::valid_utf8;

const char* lease_free = "(attribute_not_exists(lease_until) OR lease_until < :now)";

}  // namespace

ddb::attributes history::key_of(const history_key& k) const {
  return {{"drift_event_id", ddb::S(k.drift_event_id)}, {"timestamp", ddb::S(k.timestamp)}};
}

core::result<claim, aws::error> history::open(const drift::drift_event& ev,
                                              const std::string& message_id,
                                              const std::string& owner, time_point now) {
  const auto t = epoch_seconds(now);
  ddb::attributes item = {
      {"drift_event_id", ddb::S(ev.id)},
      {"timestamp", ddb::S(ev.time)},
      {"status", ddb::S(status::received)},
      {"resource_arn", ddb::S(ev.detail.resource_arn)},
      {"resource_type", ddb::S(ev.detail.resource_type)},
      {"drift_type", ddb::S(ev.detail.drift_type)},
      {"changed_properties", ddb::L(ev.detail.changed_properties)},
      {"change_author", ddb::S(ev.detail.change_author)},
      {"change_time", ddb::S(ev.detail.change_time)},
      {"source", ddb::S(ev.source)},
      {"detail_type", ddb::S(ev.detail_type)},
      {"event_severity", ddb::S(ev.detail.severity)},
      {"message_id", ddb::S(message_id)},
      {"received_at", ddb::S(iso8601(now, true))},
      {"updated_at", ddb::S(iso8601(now, true))},
      {"attempts", ddb::N(0)},
      {"remediation_triggered", ddb::BOOL(false)},
      {"lease_owner", ddb::S(owner)},
      {"lease_until", ddb::N(epoch_seconds(cfg_.lease_until))},
      {"ttl", ddb::N(t + cfg_.ttl.count())},
  };
  if (ev.detail.terraform && !ev.detail.terraform->address.empty())
    item.emplace_back("terraform_address", ddb::S(ev.detail.terraform->address));
  auto put = ddb::put_item(s_, cfg_.table, item, "attribute_not_exists(drift_event_id)");
  if (put) return claim::claimed;
  if (!ddb::condition_failed(put.error())) return put.error();

  // Seen before. Resume only an item an earlier delivery left half-done and let go of.
  auto upd = ddb::update_item(s_, cfg_.table, key_of({ev.id, ev.time}),
                              "SET lease_owner = :owner, lease_until = :until, updated_at = :at",
                              std::string("#status = :received AND ") + lease_free,
                              {{{"#status", "status"}},
                               {{":owner", ddb::S(owner)},
                                {":until", ddb::N(epoch_seconds(cfg_.lease_until))},
                                {":at", ddb::S(iso8601(now, true))},
                                {":received", ddb::S(status::received)},
                                {":now", ddb::N(t)}}});
  if (upd) return claim::claimed;
  if (ddb::condition_failed(upd.error())) return claim::taken;
  return upd.error();
}

core::result<claim, aws::error> history::resume(const history_key& key, int attempt,
                                                const std::string& owner, time_point now) {
  const auto t = epoch_seconds(now);
  auto upd =
      ddb::update_item(s_, cfg_.table, key_of(key),
                       "SET lease_owner = :owner, lease_until = :until, updated_at = :at",
                       std::string("#status = :retry AND #attempts = :attempt AND ") + lease_free,
                       {{{"#status", "status"}, {"#attempts", "attempts"}},
                        {{":owner", ddb::S(owner)},
                         {":until", ddb::N(epoch_seconds(cfg_.lease_until))},
                         {":at", ddb::S(iso8601(now, true))},
                         {":retry", ddb::S(status::retry_scheduled)},
                         {":attempt", ddb::N(attempt)},
                         {":now", ddb::N(t)}}});
  if (upd) return claim::claimed;
  if (ddb::condition_failed(upd.error())) return claim::taken;
  return upd.error();
}

core::result<core::unit, aws::error> history::reject(const std::string& message_id,
                                                     const std::string& arrival_time,
                                                     const std::string& error,
                                                     const std::string& raw, time_point now) {
  const auto t = epoch_seconds(now);
  auto put =
      ddb::put_item(s_, cfg_.table,
                    {{"drift_event_id", ddb::S(message_id)},
                     {"timestamp", ddb::S(arrival_time)},
                     {"status", ddb::S(status::rejected)},
                     {"error_message", ddb::S(truncate_utf8(valid_utf8(error), max_error_bytes))},
                     {"raw_record", ddb::S(truncate_utf8(valid_utf8(raw), max_raw_bytes))},
                     {"message_id", ddb::S(message_id)},
                     {"received_at", ddb::S(iso8601(now, true))},
                     {"updated_at", ddb::S(iso8601(now, true))},
                     {"remediation_triggered", ddb::BOOL(false)},
                     {"ttl", ddb::N(t + cfg_.ttl.count())}},
                    "attribute_not_exists(drift_event_id)");
  if (!put && !ddb::condition_failed(put.error())) return put.error();
  return core::unit{};
}

core::result<core::unit, aws::error> history::skip_unprocessed(const drift::drift_event& ev,
                                                               const std::string& message_id,
                                                               const std::string& reason,
                                                               time_point now) {
  const auto t = epoch_seconds(now);
  auto put = ddb::put_item(s_, cfg_.table,
                           {{"drift_event_id", ddb::S(ev.id)},
                            {"timestamp", ddb::S(ev.time)},
                            {"status", ddb::S(status::skipped)},
                            {"status_reason", ddb::S(reason)},
                            {"resource_arn", ddb::S(ev.detail.resource_arn)},
                            {"resource_type", ddb::S(ev.detail.resource_type)},
                            {"changed_properties", ddb::L(ev.detail.changed_properties)},
                            {"source", ddb::S(ev.source)},
                            {"message_id", ddb::S(message_id)},
                            {"received_at", ddb::S(iso8601(now, true))},
                            {"updated_at", ddb::S(iso8601(now, true))},
                            {"remediation_triggered", ddb::BOOL(false)},
                            {"ttl", ddb::N(t + cfg_.ttl.count())}},
                           "attribute_not_exists(drift_event_id)");
  if (!put && !ddb::condition_failed(put.error())) return put.error();
  return core::unit{};
}

core::result<core::unit, aws::error> history::skip_retry(const history_key& key, int attempt,
                                                         const std::string& reason,
                                                         time_point now) {
  auto upd = ddb::update_item(s_, cfg_.table, key_of(key),
                              "SET #status = :skipped, status_reason = :reason, updated_at = :at",
                              "#status = :retry AND #attempts = :attempt",
                              {{{"#status", "status"}, {"#attempts", "attempts"}},
                               {{":skipped", ddb::S(status::skipped)},
                                {":reason", ddb::S(reason)},
                                {":at", ddb::S(iso8601(now, true))},
                                {":retry", ddb::S(status::retry_scheduled)},
                                {":attempt", ddb::N(attempt)}}});
  if (!upd && !ddb::condition_failed(upd.error())) return upd.error();
  return core::unit{};
}

core::result<core::unit, aws::error> history::update(const history_key& key,
                                                     const std::string& owner,
                                                     const std::string& new_status,
                                                     const ddb::attributes& fields,
                                                     time_point now) {
  ddb::expression_values ev;
  ev.names = {{"#status", "status"}};
  ev.values = {{":status", ddb::S(new_status)},
               {":at", ddb::S(iso8601(now, true))},
               {":owner", ddb::S(owner)}};
  std::string set = "SET #status = :status, updated_at = :at";
  int i = 0;
  for (const auto& [name, value] : fields) {
    const std::string n = "#f" + std::to_string(i), v = ":f" + std::to_string(i);
    ++i;
    ev.names.emplace_back(n, name);
    ev.values.emplace_back(v, value);
    set += ", " + n + " = " + v;
  }
  auto upd = ddb::update_item(s_, cfg_.table, key_of(key), set + " REMOVE lease_owner, lease_until",
                              "lease_owner = :owner", ev);
  if (!upd) return upd.error();
  return core::unit{};
}

core::result<core::unit, aws::error> history::release(const history_key& key,
                                                      const std::string& owner) {
  auto upd = ddb::update_item(s_, cfg_.table, key_of(key), "REMOVE lease_owner, lease_until",
                              "lease_owner = :owner", {{}, {{":owner", ddb::S(owner)}}});
  if (!upd && !ddb::condition_failed(upd.error())) return upd.error();
  return core::unit{};
}

core::result<std::optional<std::string>, aws::error> history::recent_failure(
    const std::string& resource_arn, time_point since) {
  ddb::query_request q;
  q.table = cfg_.table;
  q.index = "resource-arn-index";
  q.key_condition = "resource_arn = :arn";
  // The callback stamps remediation_completed_at; an item without it counts from its event time.
  q.filter =
      "#status = :failed AND (remediation_completed_at >= :since OR "
      "(attribute_not_exists(remediation_completed_at) AND #ts >= :since))";
  q.ev.names = {{"#status", "status"}, {"#ts", "timestamp"}};
  q.ev.values = {{":arn", ddb::S(resource_arn)},
                 {":failed", ddb::S(status::remediation_failed)},
                 {":since", ddb::S(iso8601(since))}};
  q.newest_first = true;
  std::string start_key;
  for (int page = 0; page < 10; ++page) {
    auto r = ddb::query(s_, q, start_key);
    if (!r) return r.error();
    if (const auto* items = json::member(*r, "Items"); items && items->IsArray()) {
      for (const auto& item : items->GetArray())
        return std::optional<std::string>(ddb::get_s(item, "drift_event_id"));
    }
    const auto* last = json::member(*r, "LastEvaluatedKey");
    if (!last || !last->IsObject()) break;
    start_key = json::to_text(*last);
  }
  return std::optional<std::string>();
}

}  // namespace orchestrator
