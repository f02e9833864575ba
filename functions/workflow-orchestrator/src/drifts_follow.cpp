#include "drifts_follow.h"

#include <lambda_runtime/log.h>

#include "store/drifts.h"

namespace orchestrator {
namespace log = lambda_runtime::log;

namespace {

template <typename Move>
void each(aws::session& s, const std::string& table, const std::vector<drift_ref>& drifts,
          const char* what, Move move) {
  if (table.empty()) return;
  store::drifts t(s, table);
  for (const auto& d : drifts) {
    auto r = move(t, store::drift_scope(d.target, d.workspace), d.drift_id);
    if (!r) log::warn(what, {{"drift_id", d.drift_id}, {"error", r.error().describe()}});
  }
}

}  // namespace

std::optional<drift_ref> drift_of(const drift::drift_event& ev) {
  if (ev.detail.drift_id.empty() || !ev.detail.terraform || ev.detail.terraform->target.empty() ||
      ev.detail.terraform->workspace.empty())
    return std::nullopt;
  return drift_ref{ev.detail.terraform->target, ev.detail.terraform->workspace, ev.detail.drift_id};
}

std::optional<drift_ref> drift_of(const store::history_item& item) {
  if (item.drift_id.empty() || item.scan_target.empty() || item.workspace.empty())
    return std::nullopt;
  return drift_ref{item.scan_target, item.workspace, item.drift_id};
}

void mark_remediating(aws::session& s, const std::string& drifts_table,
                      const std::vector<drift_ref>& drifts, const std::string& remediation_id,
                      core::time::time_point now) {
  each(s, drifts_table, drifts, "drift not marked remediating",
       [&](store::drifts& t, const std::string& scope, const std::string& id) {
         return t.mark_remediating(scope, id, remediation_id, now);
       });
}

void mark_remediation_failed(aws::session& s, const std::string& drifts_table,
                             const std::vector<drift_ref>& drifts, core::time::time_point now) {
  each(s, drifts_table, drifts, "drift's failed remediation not recorded",
       [&](store::drifts& t, const std::string& scope, const std::string& id) {
         return t.mark_remediation_failed(scope, id, now);
       });
}

}  // namespace orchestrator
