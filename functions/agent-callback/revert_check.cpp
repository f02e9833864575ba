#include "revert_check.h"

#include <lambda_runtime/log.h>
#include <rapidjson/stringbuffer.h>
#include <rapidjson/writer.h>

#include <algorithm>
#include <map>

#include "aws/lambda.h"
#include "core/json.h"
#include "core/time.h"
#include "drift/status.h"
#include "store/drifts.h"
#include "store/remediations.h"

namespace callback {
namespace log = lambda_runtime::log;

namespace {

void add_unique(std::vector<std::string>& v, const std::string& s) {
  if (!s.empty() && std::find(v.begin(), v.end(), s) == v.end()) v.push_back(s);
}

}  // namespace

std::string revert_check_event(const revert_check_request& r) {
  namespace json = core::json;
  rapidjson::StringBuffer sb;
  json::writer w(sb);
  w.StartObject();
  json::kv(w, "action", "confirm_revert");
  json::kv(w, "target", r.target);
  json::kv(w, "workspace", r.workspace);
  json::kv_list(w, "addresses", r.addresses);
  json::kv_list(w, "drift_ids", r.drift_ids);
  json::kv_list(w, "drift_event_ids", r.drift_event_ids);
  w.EndObject();
  return std::string(sb.GetString(), sb.GetSize());
}

revert_checks revert_checks_for(aws::session& s, const config& cfg, const store::history_item& rec,
                                const std::string& remediation_id) {
  revert_checks out;
  std::vector<std::string> event_ids{rec.drift_event_id};
  std::vector<std::string> applied;
  if (!remediation_id.empty() && !cfg.remediations_table.empty()) {
    auto found = store::remediations(s, cfg.remediations_table).find(remediation_id);
    if (!found)
      log::warn("revert check: the remediation is unreadable; checking this event alone",
                {{"remediation_id", remediation_id}, {"error", found.error().describe()}});
    else if (*found) {
      for (const auto& id : (*found)->drift_event_ids) add_unique(event_ids, id);
      applied = (*found)->addresses;
    }
  }
  std::map<std::pair<std::string, std::string>, revert_check_request> by_scope;
  store::history history(s, cfg.history_table);
  for (const auto& id : event_ids) {
    store::history_item item = rec;
    if (id != rec.drift_event_id) {
      auto found = history.find(id);
      if (!found || !*found) continue;  // the scheduled scan still confirms its drift
      item = **found;
      if (!drift::status::is_final(item.status)) out.every_event_final = false;
    }
    if (item.drift_id.empty() || item.scan_target.empty() || item.workspace.empty()) continue;
    auto& r = by_scope[{item.scan_target, item.workspace}];
    r.target = item.scan_target;
    r.workspace = item.workspace;
    add_unique(r.drift_ids, item.drift_id);
    add_unique(r.drift_event_ids, item.drift_event_id);
    add_unique(r.addresses, item.terraform_address);
    for (const auto& a : applied) add_unique(r.addresses, a);
  }
  for (auto& [scope, r] : by_scope)
    if (!r.addresses.empty()) out.requests.push_back(std::move(r));
  return out;
}

void request_revert_checks(aws::session& s, const config& cfg, const store::history_item& rec,
                           const std::string& remediation_id) {
  if (cfg.drifts_table.empty() && cfg.scanner_function_name.empty()) return;
  const auto now = core::time::clock::now();
  const auto checks = revert_checks_for(s, cfg, rec, remediation_id);
  // Asked for once, by the report of the remediation's last event: the earlier reports leave
  // it (were the last report lost, the next scheduled scan confirms).
  if (!checks.every_event_final) {
    log::info("revert check left to the remediation's last reported event",
              {{"remediation_id", remediation_id}});
    return;
  }
  for (const auto& r : checks.requests) {
    // Recorded before the check is asked for: a check that never runs leaves the drift
    // remediated, and the next scheduled scan confirms it and reports on these events.
    if (!cfg.drifts_table.empty()) {
      store::drifts table(s, cfg.drifts_table);
      for (const auto& id : r.drift_ids) {
        auto marked = table.mark_remediated(store::drift_scope(r.target, r.workspace), id,
                                            r.drift_event_ids, now);
        if (!marked)
          log::warn("revert check: the drift is not marked remediated",
                    {{"drift_id", id}, {"error", marked.error().describe()}});
      }
    }
    if (cfg.scanner_function_name.empty()) continue;
    auto sent = aws::lambda::invoke(s, cfg.scanner_function_name, revert_check_event(r),
                                    aws::lambda::invocation_type::event);
    if (sent && sent->status == 202)
      log::info("revert check requested", {{"target", r.target},
                                           {"workspace", r.workspace},
                                           {"drifts", std::to_string(r.drift_ids.size())}});
    else
      log::warn(
          "revert check not requested; the next scheduled scan confirms",
          {{"target", r.target},
           {"workspace", r.workspace},
           {"error", sent ? "HTTP " + std::to_string(sent->status) : sent.error().describe()}});
  }
}

void record_failed_remediation(aws::session& s, const config& cfg, const store::history_item& rec,
                               const std::string& remediation_id) {
  if (cfg.drifts_table.empty()) return;
  const auto now = core::time::clock::now();
  store::drifts table(s, cfg.drifts_table);
  for (const auto& r : revert_checks_for(s, cfg, rec, remediation_id).requests)
    for (const auto& id : r.drift_ids) {
      auto marked =
          table.mark_remediation_failed(store::drift_scope(r.target, r.workspace), id, now);
      if (!marked)
        log::warn("the drift's failed remediation is not recorded",
                  {{"drift_id", id}, {"error", marked.error().describe()}});
    }
}

}  // namespace callback
