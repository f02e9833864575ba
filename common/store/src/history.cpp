#include "store/history.h"

#include "aws/dynamodb.h"
#include "core/text.h"
#include "item_read.h"

namespace store {
namespace ddb = aws::dynamodb;
namespace st = drift::status;
using core::time::epoch_seconds;
using core::time::iso8601;
using core::time::precision;

namespace {

// Rejected input is kept for people to look at, within DynamoDB's 400 KB item limit.
constexpr std::size_t kMaxRawBytes = 4096;
constexpr std::size_t kMaxErrorBytes = 2048;

const char* kLeaseFree = "(attribute_not_exists(lease_until) OR lease_until < :now)";

std::string kept_text(const std::string& s, std::size_t max) {
  return core::text::cut_utf8(core::text::valid_utf8(s), max, true);
}

std::string stamp(core::time::time_point t) { return iso8601(t, precision::millis); }

ddb::item key_of(const history_key& k) {
  return {{"drift_event_id", k.drift_event_id}, {"timestamp", k.timestamp}};
}

// A failed condition is an answer, not an error.
core::result<core::unit, aws::error> unless_condition_failed(
    const core::result<ddb::item, aws::error>& r) {
  if (!r && !ddb::is_condition_failed(r.error())) return r.error();
  return core::unit{};
}

// The item's attributes as `name = value` pairs, in a stable order.
ddb::item field_values(const history_fields& f) {
  ddb::item out;
  auto put = [&](const char* name, const auto& v) {
    if (v) out[name] = ddb::value(*v);
  };
  put("status_reason", f.status_reason);
  put("error_message", f.error_message);
  put("severity", f.severity);
  put("priority", f.priority);
  put("environment", f.environment);
  put("deployment_id", f.deployment_id);
  put("git_commit_sha", f.git_commit_sha);
  if (f.workflow_trigger_response) {
    const auto& r = *f.workflow_trigger_response;
    ddb::item m = {
        {"status_code", r.status_code}, {"outcome", r.outcome}, {"requests", r.requests}};
    if (!r.message.empty()) m["message"] = r.message;
    out["workflow_trigger_response"] = ddb::value(std::move(m));
  }
  put("remediation_triggered", f.remediation_triggered);
  put("dispatched_at", f.dispatched_at);
  put("auto_approve", f.auto_approve);
  put("manual_review_required", f.manual_review_required);
  if (f.review_reasons) out["review_reasons"] = detail::strings(*f.review_reasons);
  put("policy_version", f.policy_version);
  put("current_policy_version", f.current_policy_version);
  put("lock_id", f.lock_id);
  put("remediation_id", f.remediation_id);
  put("attempts", f.attempts);
  put("retry_reason", f.retry_reason);
  put("next_attempt_at", f.next_attempt_at);
  return out;
}

// Appends `, #fN = :fN` to the update's SET clause for every field that is set.
void set_fields(ddb::update_request& u, const history_fields& fields) {
  int i = 0;
  for (auto& [name, value] : field_values(fields)) {
    const std::string n = "#f" + std::to_string(i), v = ":f" + std::to_string(i);
    ++i;
    u.args.names[n] = name;
    u.args.values[v] = value;
    u.update += ", " + n + " = " + v;
  }
}

history_item from_item(const ddb::item& it) {
  history_item r;
  r.drift_event_id = ddb::get_s(it, "drift_event_id");
  r.timestamp = ddb::get_s(it, "timestamp");
  r.status = ddb::get_s(it, "status");
  r.severity = ddb::get_s(it, "severity");
  r.environment = ddb::get_s(it, "environment");
  if (r.environment.empty())
    if (const auto* tags = ddb::get_m(it, "tags")) r.environment = ddb::get_s(*tags, "Environment");
  r.resource_arn = ddb::get_s(it, "resource_arn");
  r.terraform_address = ddb::get_s(it, "terraform_address");
  r.lock_id = ddb::get_s(it, "lock_id", ddb::get_s(it, "deployment_id"));
  r.remediation_id = ddb::get_s(it, "remediation_id");
  r.dispatched_at = ddb::get_s(it, "dispatched_at");
  r.updated_at = ddb::get_s(it, "updated_at");
  r.mttr_seconds = ddb::get_double(it, "mttr_seconds");
  r.completed_at = ddb::get_s(it, "completed_at");
  r.workflow_run_url = ddb::get_s(it, "workflow_run_url");
  r.error_message = ddb::get_s(it, "error_message");
  // Absent means no callback is half-way through this item.
  r.outcome_published = ddb::get_bool(it, "outcome_published").value_or(true);
  r.lease_owner = ddb::get_s(it, "lease_owner");
  r.lease_until = ddb::get_int(it, "lease_until").value_or(0);
  r.drift_id = ddb::get_s(it, "drift_id");
  r.scan_target = ddb::get_s(it, "scan_target");
  r.workspace = ddb::get_s(it, "workspace");
  r.revert_status = ddb::get_s(it, "revert_status");
  r.revert_checked_at = ddb::get_s(it, "revert_checked_at");
  r.change_time = ddb::get_s(it, "change_time");
  r.mttr_from_change_seconds = ddb::get_double(it, "mttr_from_change_seconds");
  return r;
}

}  // namespace

core::result<claim, aws::error> history::open(const drift::drift_event& ev,
                                              const std::string& message_id,
                                              const std::string& owner,
                                              core::time::time_point lease_until,
                                              core::time::time_point now,
                                              std::optional<core::time::time_point> change_time) {
  const auto t = epoch_seconds(now);
  ddb::put_request p;
  p.table = table_;
  p.attributes = {
      {"drift_event_id", ev.id},
      {"timestamp", ev.time},
      {"status", st::received},
      {"resource_arn", ev.detail.resource_arn},
      {"resource_type", ev.detail.resource_type},
      {"drift_type", ev.detail.drift_type},
      {"changed_properties", detail::strings(ev.detail.changed_properties)},
      {"change_author", ev.detail.change_author},
      {"source", ev.source},
      {"detail_type", ev.detail_type},
      {"event_severity", ev.detail.severity},
      {"message_id", message_id},
      {"received_at", stamp(now)},
      {"updated_at", stamp(now)},
      {"attempts", 0},
      {"remediation_triggered", false},
      {"lease_owner", owner},
      {"lease_until", epoch_seconds(lease_until)},
      {"ttl", t + ttl_.count()},
  };
  if (ev.detail.terraform && !ev.detail.terraform->address.empty())
    p.attributes["terraform_address"] = ev.detail.terraform->address;
  if (!ev.detail.drift_id.empty()) p.attributes["drift_id"] = ev.detail.drift_id;
  if (change_time) p.attributes["change_time"] = iso8601(*change_time);
  if (ev.detail.terraform && !ev.detail.terraform->target.empty())
    p.attributes["scan_target"] = ev.detail.terraform->target;
  if (ev.detail.terraform && !ev.detail.terraform->workspace.empty())
    p.attributes["workspace"] = ev.detail.terraform->workspace;
  p.condition = "attribute_not_exists(drift_event_id)";
  auto put = ddb::put_item(s_, p);
  if (put) return claim::claimed;
  if (!ddb::is_condition_failed(put.error())) return put.error();

  // Seen before. Resume only an item an earlier delivery left half-done and let go of.
  ddb::update_request u;
  u.table = table_;
  u.key = key_of({ev.id, ev.time});
  u.update = "SET lease_owner = :owner, lease_until = :until, updated_at = :at";
  u.condition = std::string("#status = :received AND ") + kLeaseFree;
  u.args.names = {{"#status", "status"}};
  u.args.values = {{":owner", owner},
                   {":until", epoch_seconds(lease_until)},
                   {":at", stamp(now)},
                   {":received", st::received},
                   {":now", t}};
  auto upd = ddb::update_item(s_, u);
  if (upd) return claim::claimed;
  if (ddb::is_condition_failed(upd.error())) return claim::taken;
  return upd.error();
}

core::result<claim, aws::error> history::resume(const history_key& key, int attempt,
                                                const std::string& owner,
                                                core::time::time_point lease_until,
                                                core::time::time_point now) {
  ddb::update_request u;
  u.table = table_;
  u.key = key_of(key);
  u.update = "SET lease_owner = :owner, lease_until = :until, updated_at = :at";
  u.condition = std::string("#status = :retry AND #attempts = :attempt AND ") + kLeaseFree;
  u.args.names = {{"#status", "status"}, {"#attempts", "attempts"}};
  u.args.values = {{":owner", owner},     {":until", epoch_seconds(lease_until)},
                   {":at", stamp(now)},   {":retry", st::retry_scheduled},
                   {":attempt", attempt}, {":now", epoch_seconds(now)}};
  auto upd = ddb::update_item(s_, u);
  if (upd) return claim::claimed;
  if (ddb::is_condition_failed(upd.error())) return claim::taken;
  return upd.error();
}

core::result<core::unit, aws::error> history::reject(const std::string& message_id,
                                                     const std::string& arrival_time,
                                                     const std::string& error,
                                                     const std::string& raw,
                                                     core::time::time_point now) {
  ddb::put_request p;
  p.table = table_;
  p.attributes = {{"drift_event_id", message_id},
                  {"timestamp", arrival_time},
                  {"status", st::rejected},
                  {"error_message", kept_text(error, kMaxErrorBytes)},
                  {"raw_record", kept_text(raw, kMaxRawBytes)},
                  {"message_id", message_id},
                  {"received_at", stamp(now)},
                  {"updated_at", stamp(now)},
                  {"remediation_triggered", false},
                  {"ttl", epoch_seconds(now) + ttl_.count()}};
  p.condition = "attribute_not_exists(drift_event_id)";
  auto put = ddb::put_item(s_, p);
  if (!put && !ddb::is_condition_failed(put.error())) return put.error();
  return core::unit{};
}

core::result<core::unit, aws::error> history::skip_unprocessed(const drift::drift_event& ev,
                                                               const std::string& message_id,
                                                               const std::string& reason,
                                                               core::time::time_point now) {
  ddb::put_request p;
  p.table = table_;
  p.attributes = {{"drift_event_id", ev.id},
                  {"timestamp", ev.time},
                  {"status", st::skipped},
                  {"status_reason", reason},
                  {"resource_arn", ev.detail.resource_arn},
                  {"resource_type", ev.detail.resource_type},
                  {"changed_properties", detail::strings(ev.detail.changed_properties)},
                  {"source", ev.source},
                  {"message_id", message_id},
                  {"received_at", stamp(now)},
                  {"updated_at", stamp(now)},
                  {"remediation_triggered", false},
                  {"ttl", epoch_seconds(now) + ttl_.count()}};
  p.condition = "attribute_not_exists(drift_event_id)";
  auto put = ddb::put_item(s_, p);
  if (!put && !ddb::is_condition_failed(put.error())) return put.error();
  return core::unit{};
}

core::result<core::unit, aws::error> history::skip_retry(const history_key& key, int attempt,
                                                         const std::string& reason,
                                                         core::time::time_point now) {
  ddb::update_request u;
  u.table = table_;
  u.key = key_of(key);
  u.update = "SET #status = :skipped, status_reason = :reason, updated_at = :at";
  u.condition = "#status = :retry AND #attempts = :attempt";
  u.args.names = {{"#status", "status"}, {"#attempts", "attempts"}};
  u.args.values = {{":skipped", st::skipped},
                   {":reason", reason},
                   {":at", stamp(now)},
                   {":retry", st::retry_scheduled},
                   {":attempt", attempt}};
  return unless_condition_failed(ddb::update_item(s_, u));
}

core::result<core::unit, aws::error> history::update(const history_key& key,
                                                     const std::string& owner,
                                                     std::string_view new_status,
                                                     const history_fields& fields,
                                                     core::time::time_point now) {
  ddb::update_request u;
  u.table = table_;
  u.key = key_of(key);
  u.args.names = {{"#status", "status"}};
  u.args.values = {{":status", new_status}, {":at", stamp(now)}, {":owner", owner}};
  u.update = "SET #status = :status, updated_at = :at";
  set_fields(u, fields);
  u.update += " REMOVE lease_owner, lease_until";
  u.condition = "lease_owner = :owner";
  auto r = ddb::update_item(s_, u);
  if (!r) return r.error();
  return core::unit{};
}

core::result<bool, aws::error> history::follow(const history_key& key,
                                               const std::string& remediation_id,
                                               std::string_view new_status,
                                               const history_fields& fields,
                                               core::time::time_point now) {
  ddb::update_request u;
  u.table = table_;
  u.key = key_of(key);
  u.args.names = {{"#status", "status"}};
  u.args.values = {{":status", new_status},
                   {":at", stamp(now)},
                   {":gathered", st::gathered},
                   {":rid", remediation_id}};
  u.update = "SET #status = :status, updated_at = :at";
  set_fields(u, fields);
  u.condition = "#status = :gathered AND remediation_id = :rid";
  auto r = ddb::update_item(s_, u);
  if (r) return true;
  if (ddb::is_condition_failed(r.error())) return false;
  return r.error();
}

core::result<core::unit, aws::error> history::release(const history_key& key,
                                                      const std::string& owner) {
  ddb::update_request u;
  u.table = table_;
  u.key = key_of(key);
  u.update = "REMOVE lease_owner, lease_until";
  u.condition = "lease_owner = :owner";
  u.args.values = {{":owner", owner}};
  return unless_condition_failed(ddb::update_item(s_, u));
}

core::result<core::unit, aws::error> history::unschedule_retry(const history_key& key, int attempt,
                                                               int next, std::string_view back_to) {
  ddb::update_request u;
  u.table = table_;
  u.key = key_of(key);
  u.update = "SET #status = :prev, #attempts = :attempt";
  u.condition = "#status = :retry AND #attempts = :next";
  u.args.names = {{"#status", "status"}, {"#attempts", "attempts"}};
  u.args.values = {
      {":prev", back_to}, {":attempt", attempt}, {":retry", st::retry_scheduled}, {":next", next}};
  auto r = ddb::update_item(s_, u);
  if (!r) return r.error();
  return core::unit{};
}

core::result<std::optional<std::string>, aws::error> history::recent_failure(
    const std::string& resource_arn, core::time::time_point since) {
  ddb::query_request q;
  q.table = table_;
  q.index = history_by_arn_index;
  q.key_condition = "resource_arn = :arn";
  // Counted from when the callback recorded the failure (`completed_at`), else from the
  // event's time.
  q.filter =
      "#status = :failed AND (completed_at >= :since OR "
      "(attribute_not_exists(completed_at) AND #ts >= :since))";
  q.args.names = {{"#status", "status"}, {"#ts", "timestamp"}};
  q.args.values = {
      {":arn", resource_arn}, {":failed", st::remediation_failed}, {":since", iso8601(since)}};
  q.newest_first = true;
  q.max_pages = 10;
  std::optional<std::string> found;
  auto r = ddb::query_each(s_, q, [&](const ddb::item& it) {
    found = ddb::get_s(it, "drift_event_id");
    return false;
  });
  if (!r) return r.error();
  return found;
}

core::result<core::unit, aws::error> history::each_stuck(
    core::time::time_point received_before, core::time::time_point dispatched_before,
    core::time::time_point now, const std::function<void(const history_item&)>& visit) {
  ddb::scan_request q;
  q.table = table_;
  q.filter =
      "(#s = :received AND updated_at < :rcut AND "
      "(attribute_not_exists(lease_until) OR lease_until < :now)) OR "
      "(#s = :gathered AND updated_at < :rcut) OR "
      "(#s = :dispatched AND updated_at < :dcut)";
  q.args.names = {{"#s", "status"}};
  q.args.values = {{":received", st::received},         {":gathered", st::gathered},
                   {":dispatched", st::dispatched},     {":rcut", stamp(received_before)},
                   {":dcut", stamp(dispatched_before)}, {":now", epoch_seconds(now)}};
  q.consistent_read = true;
  return ddb::scan_each(s_, q, [&](const ddb::item& it) {
    visit(from_item(it));
    return true;
  });
}

core::result<core::unit, aws::error> history::each_completed_since(
    core::time::time_point since, const std::function<void(const history_item&)>& visit) {
  ddb::scan_request q;
  q.table = table_;
  q.filter = "completed_at >= :since";
  q.args.values = {{":since", stamp(since)}};
  return ddb::scan_each(s_, q, [&](const ddb::item& it) {
    visit(from_item(it));
    return true;
  });
}

core::result<bool, aws::error> history::mark_stale(const history_item& seen,
                                                   const std::string& reason,
                                                   core::time::time_point now) {
  ddb::update_request u;
  u.table = table_;
  u.key = key_of(seen.key());
  u.update =
      "SET #s = :stale, previous_status = :prev, stale_at = :at, updated_at = :at, "
      "status_reason = :why REMOVE lease_owner, lease_until";
  u.condition = "#s = :prev AND updated_at = :seen";
  u.args.names = {{"#s", "status"}};
  u.args.values = {{":stale", st::stale},
                   {":prev", seen.status},
                   {":at", stamp(now)},
                   {":why", reason},
                   {":seen", seen.updated_at}};
  auto r = ddb::update_item(s_, u);
  if (r) return true;
  if (ddb::is_condition_failed(r.error())) return false;
  return r.error();
}

core::result<std::optional<history_item>, aws::error> history::find(
    const std::string& drift_event_id) {
  ddb::query_request q;
  q.table = table_;
  q.key_condition = "drift_event_id = :id";
  q.args.values = {{":id", drift_event_id}};
  q.newest_first = true;
  q.max_items = 1;
  // The orchestrator may have written the item a moment ago.
  q.consistent_read = true;
  auto items = ddb::query(s_, q);
  if (!items) return items.error();
  if (items->empty()) return std::optional<history_item>();
  return std::optional<history_item>(from_item(items->front()));
}

core::result<bool, aws::error> history::record_outcome(const history_item& seen,
                                                       const outcome_update& u) {
  ddb::update_request r;
  r.table = table_;
  r.key = key_of(seen.key());
  r.update = "SET #s = :s, updated_at = :at, callback_status = :reported";
  r.args.names = {{"#s", "status"}};
  r.args.values = {
      {":s", st::of(u.status)}, {":at", iso8601(u.at)}, {":reported", u.reported_status}};
  if (st::is_final(u.status)) {
    r.update += ", completed_at = :at, outcome_published = :false";
    r.args.values[":false"] = false;
  } else {
    r.update += ", review_requested_at = :at";
  }
  if (u.mttr_seconds) {
    r.update += ", mttr_seconds = :mttr";
    r.args.values[":mttr"] = *u.mttr_seconds;
  }
  if (u.mttr_from_change_seconds) {
    r.update += ", mttr_from_change_seconds = :mttr_change";
    r.args.values[":mttr_change"] = *u.mttr_from_change_seconds;
  }
  if (!u.workflow_run_url.empty()) {
    r.update += ", workflow_run_url = :url";
    r.args.values[":url"] = u.workflow_run_url;
  }
  if (!u.error_message.empty()) {
    r.update += ", error_message = :err";
    r.args.values[":err"] = u.error_message;
  }
  // Optimistic concurrency: only from the status that was read, so two callbacks racing with
  // different outcomes cannot both win.
  if (seen.status.empty()) {
    r.condition = "attribute_exists(drift_event_id) AND attribute_not_exists(#s)";
  } else {
    r.condition = "#s = :expected";
    r.args.values[":expected"] = seen.status;
  }
  auto resp = ddb::update_item(s_, r);
  if (resp) return true;
  if (ddb::is_condition_failed(resp.error())) return false;
  return resp.error();
}

core::result<core::unit, aws::error> history::mark_published(const history_key& key,
                                                             std::string_view status) {
  ddb::update_request r;
  r.table = table_;
  r.key = key_of(key);
  r.update = "SET outcome_published = :true";
  r.condition = "#s = :s";
  r.args.names = {{"#s", "status"}};
  r.args.values = {{":s", status}, {":true", true}};
  auto resp = ddb::update_item(s_, r);
  if (!resp) return resp.error();
  return core::unit{};
}

}  // namespace store
