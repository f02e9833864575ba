// PagerDuty Events API v2: one event per finding, deduplicated by the drift id, so that the
// incident a drift opened is the one its resolution (or its remediation's failure) speaks to.
#include <cstddef>
#include <string>
#include <string_view>

#include "core/json.h"
#include "notify/render.h"
#include "render_parts.h"

namespace notify {

namespace {

using core::json::key;
using core::json::kv;
using core::json::writer;

constexpr std::size_t dedup_key_max = 255;      // PagerDuty's documented maximum
constexpr std::size_t field_max = 1024;         // source, component, group, class
constexpr std::size_t detail_value_max = 2000;  // each custom_details value
constexpr std::size_t detail_attributes_max = 20;
constexpr const char* client_name = "terraform-drift-remediation";

// CRITICAL critical, HIGH error, MEDIUM warning, anything else info.
const char* pd_severity(std::string_view level) {
  const std::string u = parts::upper(level);
  if (u == "CRITICAL") return "critical";
  if (u == "HIGH") return "error";
  if (u == "MEDIUM") return "warning";
  return "info";
}

// "drift" for drift; "remediation_failed" for a failed remediation (and "remediation_stuck",
// "remediation_awaiting_review" for the other outcomes a remediation can page about).
std::string event_class(const message& m) {
  if (!parts::is_remediation(m)) return "drift";
  std::string o = parts::lower(parts::clean(m.outcome));
  if (o.empty()) o = m.what == kind::remediation_stuck ? "stuck" : "failed";
  return parts::cut("remediation_" + o, field_max);
}

std::string summary(const message& m, const finding& f) {
  const std::string sev = parts::finding_severity(m, f);
  std::string prefix, suffix;
  if (parts::is_remediation(m)) {
    prefix = parts::outcome_title(m) + ": ";
  } else if (m.what == kind::drift_resolved) {
    prefix = "Drift resolved: ";
  } else {
    prefix = sev + " drift: ";
  }
  std::string address = parts::clean(f.address);
  if (address.empty()) address = parts::clean(f.resource_id);
  if (!f.type.empty()) suffix += " (" + parts::clean(f.type) + ")";
  if (!f.change.empty()) suffix += " " + parts::clean(f.change);
  suffix += " in " + parts::where_line(m.where);
  if (!parts::is_remediation(m)) suffix += "; changed by " + parts::who(f.changed_by);
  return parts::fit(prefix, address, parts::cut(suffix, 600), pagerduty_max_summary,
                    parts::identity);
}

void detail_kv(writer& w, const char* k, std::string_view v, bool block = false) {
  if (v.empty()) return;
  kv(w, k, parts::cut(block ? parts::clean_block(v) : parts::clean(v), detail_value_max));
}

void custom_details(writer& w, const message& m, const finding& f) {
  w.StartObject();
  detail_kv(w, "drift_id", f.drift_id);
  detail_kv(w, "address", f.address);
  detail_kv(w, "type", f.type);
  detail_kv(w, "resource_id", f.resource_id);
  detail_kv(w, "severity", parts::finding_severity(m, f));
  detail_kv(w, "change", f.change);
  detail_kv(w, "status", f.status);
  detail_kv(w, "reason", f.reason);
  detail_kv(w, "changed_by", parts::who(f.changed_by));
  detail_kv(w, "target", m.where.target);
  detail_kv(w, "workspace", m.where.workspace);
  detail_kv(w, "environment", m.where.environment);
  detail_kv(w, "account", m.where.account);
  detail_kv(w, "region", m.where.region);
  if (!f.attributes.empty()) {
    key(w, "changed_attributes");
    w.StartArray();
    std::size_t n = 0;
    for (const auto& a : f.attributes) {
      if (n++ == detail_attributes_max) break;
      w.StartObject();
      kv(w, "name", parts::cut(parts::clean(a.name), 200));
      kv(w, "expected", parts::cut(parts::clean(a.expected), 500));
      kv(w, "actual", parts::cut(parts::clean(a.actual), 500));
      w.EndObject();
    }
    w.EndArray();
    if (f.attributes.size() > detail_attributes_max) {
      key(w, "changed_attributes_not_shown");
      w.Uint64(f.attributes.size() - detail_attributes_max);
    }
  }
  if (parts::is_remediation(m)) {
    detail_kv(w, "outcome", parts::outcome_words(m));
    detail_kv(w, "run_url", m.run_url);
    detail_kv(w, "repository", m.repository);
    detail_kv(w, "commit", m.commit);
    detail_kv(w, m.what == kind::remediation_stuck ? "why_stuck" : "detail", m.detail, true);
  }
  detail_kv(w, "report", parts::report_ref(m));
  if (!m.report_link.empty()) detail_kv(w, "report_uri", m.report_uri);
  w.EndObject();
}

}  // namespace

std::string pagerduty_event(const message& m, const finding& f, std::string_view routing_key,
                            bool resolve) {
  return parts::json_text([&](writer& w) {
    w.StartObject();
    kv(w, "routing_key", parts::clean(routing_key));
    kv(w, "event_action", resolve ? "resolve" : "trigger");
    kv(w, "dedup_key", parts::cut(parts::clean(f.drift_id), dedup_key_max));
    if (resolve) {  // PagerDuty reads nothing else of a resolve event
      w.EndObject();
      return;
    }
    key(w, "payload");
    w.StartObject();
    kv(w, "summary", summary(m, f));
    const std::string source = !f.resource_id.empty() ? f.resource_id : f.address;
    kv(w, "source", parts::cut(parts::clean(source.empty() ? "unknown" : source), field_max));
    kv(w, "severity", pd_severity(parts::finding_severity(m, f)));
    if (!f.type.empty()) kv(w, "component", parts::cut(parts::clean(f.type), field_max));
    kv(w, "group", parts::cut(parts::where_path(m.where), field_max));
    kv(w, "class", event_class(m));
    key(w, "custom_details");
    custom_details(w, m, f);
    w.EndObject();

    const std::string report = parts::report_ref(m);
    const std::string run = parts::clean(m.run_url);
    const bool report_link = parts::is_web_url(report);
    const bool run_link = parts::is_remediation(m) && parts::is_web_url(run);
    if (report_link || run_link) {
      key(w, "links");
      w.StartArray();
      if (report_link) {
        w.StartObject();
        kv(w, "href", report);
        kv(w, "text", "Drift report");
        w.EndObject();
      }
      if (run_link) {
        w.StartObject();
        kv(w, "href", run);
        kv(w, "text", "Workflow run");
        w.EndObject();
      }
      w.EndArray();
    }
    kv(w, "client", client_name);
    if (report_link) kv(w, "client_url", report);
    w.EndObject();
  });
}

}  // namespace notify
