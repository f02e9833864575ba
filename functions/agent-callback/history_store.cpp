#include "history_store.h"

#include "aws/dynamodb.h"

namespace callback {
namespace ddb = aws::dynamodb;

namespace {

ddb::item key_of(const history_record& rec) {
  return {{"drift_event_id", rec.drift_event_id}, {"timestamp", rec.timestamp}};
}

history_record from_item(const ddb::item& item) {
  history_record r;
  r.drift_event_id = ddb::get_s(item, "drift_event_id");
  r.timestamp = ddb::get_s(item, "timestamp");
  r.status = ddb::get_s(item, "status");
  r.severity = ddb::get_s(item, "severity");
  r.environment = ddb::get_s(item, "environment");
  // Older items carry the environment only as the resource's tag.
  if (r.environment.empty())
    if (const auto* tags = ddb::get_m(item, "tags"))
      r.environment = ddb::get_s(*tags, "Environment");
  r.resource_arn = ddb::get_s(item, "resource_arn");
  r.terraform_address = ddb::get_s(item, "terraform_address");
  // The orchestrator names the lock it took; older items only the deployment (the lock's id).
  r.deployment_id = ddb::get_s(item, "lock_id", ddb::get_s(item, "deployment_id"));
  r.mttr_seconds = ddb::get_double(item, "mttr_seconds");
  r.completed_at = ddb::get_s(item, "completed_at");
  r.workflow_run_url = ddb::get_s(item, "workflow_run_url");
  r.error_message = ddb::get_s(item, "error_message");
  // Absent means no callback of ours is half-way through this record.
  r.outcome_published = ddb::get_bool(item, "outcome_published").value_or(true);
  r.lease_owner = ddb::get_s(item, "lease_owner");
  r.lease_until = ddb::get_int(item, "lease_until").value_or(0);
  return r;
}

}  // namespace

core::result<std::optional<history_record>, aws::error> history_store::find(
    const std::string& drift_event_id) {
  ddb::query_request q;
  q.table = table_;
  q.key_condition = "drift_event_id = :id";
  q.args.values = {{":id", drift_event_id}};
  q.newest_first = true;
  q.max_items = 1;
  // The orchestrator may have written the record a moment ago.
  q.consistent_read = true;
  auto items = ddb::query(s_, q);
  if (!items) return items.error();
  if (items->empty()) return std::optional<history_record>();
  return std::optional<history_record>(from_item(items->front()));
}

core::result<bool, aws::error> history_store::record_outcome(const history_record& rec,
                                                             const outcome_update& u) {
  ddb::update_request r;
  r.table = table_;
  r.key = key_of(rec);
  r.update = "SET #s = :s, updated_at = :at, callback_status = :reported";
  r.args.names = {{"#s", "status"}};
  r.args.values = {{":s", std::string(history_status(u.status))},
                   {":at", u.at},
                   {":reported", u.reported_status}};
  if (is_final(u.status)) {
    r.update += ", completed_at = :at, outcome_published = :false";
    r.args.values[":false"] = false;
  } else {
    r.update += ", review_requested_at = :at";
  }
  if (u.mttr_seconds) {
    r.update += ", mttr_seconds = :mttr";
    r.args.values[":mttr"] = *u.mttr_seconds;
  }
  if (!u.workflow_run_url.empty()) {
    r.update += ", workflow_run_url = :url";
    r.args.values[":url"] = u.workflow_run_url;
  }
  if (!u.error_message.empty()) {
    r.update += ", error_message = :err";
    r.args.values[":err"] = u.error_message;
  }
  // Optimistic concurrency: only from the status we read, so two callbacks racing with
  // different outcomes cannot both win.
  if (rec.status.empty()) {
    r.condition = "attribute_exists(drift_event_id) AND attribute_not_exists(#s)";
  } else {
    r.condition = "#s = :expected";
    r.args.values[":expected"] = rec.status;
  }
  auto resp = ddb::update_item(s_, r);
  if (!resp) {
    if (ddb::is_condition_failed(resp.error())) return false;
    return resp.error();
  }
  return true;
}

core::result<core::unit, aws::error> history_store::mark_published(const history_record& rec,
                                                                   std::string_view status) {
  ddb::update_request r;
  r.table = table_;
  r.key = key_of(rec);
  r.update = "SET outcome_published = :true";
  r.condition = "#s = :s";
  r.args.names = {{"#s", "status"}};
  r.args.values = {{":s", std::string(status)}, {":true", true}};
  auto resp = ddb::update_item(s_, r);
  if (!resp) return resp.error();
  return core::unit{};
}

}  // namespace callback
