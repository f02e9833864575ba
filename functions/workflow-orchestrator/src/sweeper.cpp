#include "sweeper.h"

#include <lambda_runtime/log.h>

#include "ddb.h"
#include "history.h"
#include "json_util.h"
#include "locks.h"
#include "outbound.h"

namespace orchestrator {
namespace log = lambda_runtime::log;

namespace {

std::string attr_s(const rapidjson::Value& item, const char* name) {
  return ddb::get_s(item, name);
}

std::string stuck_message(const rapidjson::Value& item, const std::string& previous,
                          const std::string& reason) {
  rapidjson::StringBuffer sb;
  json::writer w(sb);
  w.StartObject();
  json::kv(w, "message", "remediation stuck");
  json::kv(w, "drift_event_id", attr_s(item, "drift_event_id"));
  json::kv(w, "resource_arn", attr_s(item, "resource_arn"));
  json::kv(w, "previous_status", previous);
  json::kv(w, "status", status::stale);
  json::kv(w, "reason", reason);
  json::kv(w, "severity", attr_s(item, "severity"));
  json::kv(w, "environment", attr_s(item, "environment"));
  json::kv(w, "source", "workflow-orchestrator sweeper");
  w.EndObject();
  return std::string(sb.GetString(), sb.GetSize());
}

}  // namespace

bool is_sweep_request(std::string_view payload) {
  auto d = core::json::parse(payload);
  return d && d->IsObject() && json::string_member(*d, "action") == "sweep";
}

core::result<sweep_result, aws::error> sweep(aws::session& s, const config& cfg, time_point now) {
  sweep_result out;
  const std::string received_cut = iso8601(now - cfg.stuck_received_after, true);
  const std::string dispatched_cut = iso8601(now - cfg.stuck_dispatched_after, true);
  const ddb::expression_values filter_values{{{"#s", "status"}},
                                             {{":received", ddb::S(status::received)},
                                              {":dispatched", ddb::S(status::dispatched)},
                                              {":rcut", ddb::S(received_cut)},
                                              {":dcut", ddb::S(dispatched_cut)},
                                              {":now", ddb::N(epoch_seconds(now))}}};
  const std::string filter =
      "(#s = :received AND updated_at < :rcut AND "
      "(attribute_not_exists(lease_until) OR lease_until < :now)) OR "
      "(#s = :dispatched AND updated_at < :dcut)";
  std::string start;
  do {
    auto page = ddb::scan(s, cfg.history_table, filter, filter_values, start);
    if (!page) return page.error();
    start.clear();
    if (const auto* last = json::member(*page, "LastEvaluatedKey"); last && last->IsObject())
      start = json::to_text(*last);
    const auto* items = json::member(*page, "Items");
    if (!items || !items->IsArray()) continue;
    for (const auto& item : items->GetArray()) {
      ++out.examined;
      const std::string id = attr_s(item, "drift_event_id");
      const std::string ts = attr_s(item, "timestamp");
      const std::string previous = attr_s(item, "status");
      const std::string seen = attr_s(item, "updated_at");
      const std::string reason =
          previous == status::received
              ? "never dispatched: the delivery that received it stopped before the dispatch"
              : "dispatched at " + attr_s(item, "dispatched_at") +
                    " and no outcome was reported (a run cancelled while pending, or one that "
                    "never called back)";
      // Only what we saw: a callback or a redelivery that moved the item meanwhile wins.
      auto upd = ddb::update_item(
          s, cfg.history_table, {{"drift_event_id", ddb::S(id)}, {"timestamp", ddb::S(ts)}},
          "SET #s = :stale, previous_status = :prev, stale_at = :at, updated_at = :at, "
          "status_reason = :why REMOVE lease_owner, lease_until",
          "#s = :prev AND updated_at = :seen",
          {{{"#s", "status"}},
           {{":stale", ddb::S(status::stale)},
            {":prev", ddb::S(previous)},
            {":at", ddb::S(iso8601(now, true))},
            {":why", ddb::S(reason)},
            {":seen", ddb::S(seen)}}});
      if (!upd) {
        if (!ddb::condition_failed(upd.error()))
          out.problems.push_back(id + ": " + upd.error().describe());
        continue;
      }
      ++out.swept;
      out.drift_event_ids.push_back(id);
      log::warn("remediation stuck: marked stale",
                {{"drift_event_id", id}, {"previous_status", previous}, {"reason", reason}});
      std::string lock_id = attr_s(item, "lock_id");
      if (lock_id.empty()) lock_id = attr_s(item, "deployment_id");
      if (!lock_id.empty())
        if (auto rel = release_remediation_lock(s, cfg.locks_table, lock_id, id); !rel)
          out.problems.push_back(id + ": lock " + lock_id + ": " + rel.error().describe());
      if (!cfg.alert_topic_arn.empty()) {
        auto sent = publish_alert(s, cfg.alert_topic_arn,
                                  "[drift] remediation stuck: " + attr_s(item, "resource_arn"),
                                  stuck_message(item, previous, reason));
        if (!sent) out.problems.push_back(id + ": alert: " + sent.error().describe());
      }
    }
  } while (!start.empty());
  if (auto m = put_remediations_stuck(s, cfg.metrics_namespace, out.swept); !m)
    out.problems.push_back("RemediationsStuck: " + m.error().describe());
  return out;
}

std::string to_json(const sweep_result& r) {
  rapidjson::StringBuffer sb;
  json::writer w(sb);
  w.StartObject();
  json::key(w, "sweep");
  w.StartObject();
  json::key(w, "examined");
  w.Int(r.examined);
  json::key(w, "swept");
  w.Int(r.swept);
  json::key(w, "drift_event_ids");
  w.StartArray();
  for (const auto& id : r.drift_event_ids) json::str(w, id);
  w.EndArray();
  json::key(w, "problems");
  w.StartArray();
  for (const auto& p : r.problems) json::str(w, p);
  w.EndArray();
  w.EndObject();
  w.EndObject();
  return std::string(sb.GetString(), sb.GetSize());
}

}  // namespace orchestrator
