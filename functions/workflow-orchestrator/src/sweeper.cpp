#include "sweeper.h"

#include <lambda_runtime/log.h>

#include "json_util.h"
#include "notify/render.h"
#include "outbound.h"
#include "store/history.h"
#include "store/locks.h"

namespace orchestrator {
namespace log = lambda_runtime::log;

namespace {

std::string stuck_message(const store::history_item& item, const std::string& reason) {
  rapidjson::StringBuffer sb;
  json::writer w(sb);
  w.StartObject();
  json::kv(w, "message", "remediation stuck");
  json::kv(w, "drift_event_id", item.drift_event_id);
  json::kv(w, "resource_arn", item.resource_arn);
  json::kv(w, "previous_status", item.status);
  json::kv(w, "status", drift::status::stale);
  json::kv(w, "reason", reason);
  json::kv(w, "severity", item.severity);
  json::kv(w, "environment", item.environment);
  json::kv(w, "source", "workflow-orchestrator sweeper");
  w.EndObject();
  return std::string(sb.GetString(), sb.GetSize());
}

std::string stuck_reason(const store::history_item& item) {
  if (item.status == drift::status::received)
    return "never dispatched: the delivery that received it stopped before the dispatch";
  if (item.status == drift::status::gathered)
    return "never dispatched: it joined a remediation of its deployment whose dispatch never came";
  return "dispatched at " + item.dispatched_at +
         " and no outcome was reported (a run cancelled while pending, or one that never called "
         "back)";
}

// The resource type of a Terraform address (module.m.aws_s3_bucket.b -> aws_s3_bucket).
std::string resource_type(const std::string& address) {
  std::vector<std::string> parts;
  std::string part;
  int depth = 0;
  for (char c : address) {
    if (c == '[') ++depth;
    if (c == ']' && depth > 0) --depth;
    if (c == '.' && depth == 0) {
      parts.push_back(part);
      part.clear();
    } else {
      part += c;
    }
  }
  parts.push_back(part);
  std::size_t i = 0;
  while (i + 1 < parts.size() && parts[i] == "module") i += 2;
  if (i < parts.size() && parts[i] == "data") ++i;
  return i + 1 < parts.size() ? parts[i] : std::string();
}

// What people hear in Slack and Teams (and read in the alert's e-mail).
notify::message stuck_notice(const store::history_item& item, const std::string& reason) {
  notify::message m;
  m.what = notify::kind::remediation_stuck;
  m.where.target = item.scan_target;
  m.where.workspace = item.workspace;
  m.where.environment = item.environment;
  m.severity = item.severity;
  m.outcome = "stuck";
  m.run_url = item.workflow_run_url;
  m.detail = reason;
  notify::finding f;
  f.drift_id = item.drift_id;
  f.address = item.terraform_address;
  f.type = resource_type(item.terraform_address);
  f.resource_id = item.resource_arn;
  f.severity = item.severity;
  m.findings.push_back(std::move(f));
  return m;
}

}  // namespace

bool is_sweep_request(std::string_view payload) {
  auto d = core::json::parse(payload);
  return d && d->IsObject() && json::string_member(*d, "action") == "sweep";
}

core::result<sweep_result, aws::error> sweep(aws::session& s, const config& cfg,
                                             core::time::time_point now) {
  sweep_result out;
  store::history history(s, cfg.history_table, cfg.history_ttl);
  store::locks locks(s, cfg.locks_table);
  auto one = [&](const store::history_item& item) {
    ++out.examined;
    const std::string& id = item.drift_event_id;
    const std::string reason = stuck_reason(item);
    // Only what we saw: a callback or a redelivery that moved the item meanwhile wins.
    auto marked = history.mark_stale(item, reason, now);
    if (!marked) {
      out.problems.push_back(id + ": " + marked.error().describe());
      return;
    }
    if (!*marked) return;
    ++out.swept;
    out.drift_event_ids.push_back(id);
    log::warn("remediation stuck: marked stale",
              {{"drift_event_id", id}, {"previous_status", item.status}, {"reason", reason}});
    if (!item.lock_id.empty())
      if (auto rel = locks.release(item.lock_id, id); !rel)
        out.problems.push_back(id + ": lock " + item.lock_id + ": " + rel.error().describe());
    const notify::message notice = stuck_notice(item, reason);
    if (!cfg.alert_topic_arn.empty()) {
      auto sent =
          publish_alert(s, cfg.alert_topic_arn, "[drift] remediation stuck: " + item.resource_arn,
                        stuck_message(item, reason), notify::email_text(notice).body);
      if (!sent) out.problems.push_back(id + ": alert: " + sent.error().describe());
    }
    // Slack and Teams; a failure is counted (NotificationFailures) and noted, never fatal.
    const notify::delivery_report told = deliver_message(s, cfg, notice);
    if (told.total_failed() > 0)
      out.problems.push_back(id + ": message: " + std::to_string(told.total_failed()) +
                             " delivery failure(s)");
  };
  auto scanned = history.each_stuck(now - cfg.stuck_received_after,
                                    now - cfg.stuck_dispatched_after, now, one);
  if (!scanned) return scanned.error();
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
