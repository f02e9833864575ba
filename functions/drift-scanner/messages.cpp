#include "messages.h"

#include <algorithm>

#include "core/json.h"

namespace scanner::messages {

namespace {

// A report's value is compact JSON: a string is shown as its text (a person reads the tag's
// value, not its quotes), anything else as written.
std::string readable(const std::string& json) {
  if (json.size() < 2 || json.front() != '"') return json;
  auto parsed = core::json::parse(json);
  if (!parsed || !parsed->IsString()) return json;
  return std::string(parsed->GetString(), parsed->GetStringLength());
}

std::string worst(const std::vector<const drift::drift_item*>& items) {
  drift::severity w = drift::severity::info;
  for (const auto* d : items) w = std::max(w, d->level);
  return std::string(drift::to_string(w));
}

notify::message base(const drift::report& r, notify::kind what, const std::string& report_uri,
                     const std::string& page_link) {
  notify::message m;
  m.what = what;
  m.where = place_of(r);
  m.report_link = page_link;
  m.report_uri = report_uri;
  return m;
}

}  // namespace

notify::place place_of(const drift::report& r) {
  const auto& t = r.target;
  return {t.name, t.workspace, t.environment, t.account, t.region};
}

notify::finding finding_of(const drift::drift_item& d, std::string status) {
  notify::finding f;
  f.drift_id = d.drift_id;
  f.address = d.address;
  f.type = d.type;
  f.resource_id = d.arn.empty() ? d.id : d.arn;
  f.severity = std::string(drift::to_string(d.level));
  f.change = std::string(drift::to_string(d.change));
  f.status = std::move(status);
  f.reason = d.reason;
  f.attributes.reserve(d.attributes.size());
  for (const auto& a : d.attributes)
    f.attributes.push_back({a.name, readable(a.expected), readable(a.actual)});
  f.changed_by = d.changed_by;
  return f;
}

std::optional<notify::message> drift_message(const drift::report& r,
                                             const drift::critical_delta& delta,
                                             const std::string& report_uri,
                                             const std::string& page_link) {
  if (!delta.has_news()) return std::nullopt;
  notify::message m = base(r, notify::kind::drift, report_uri, page_link);
  std::vector<const drift::drift_item*> all;
  for (const auto& d : delta.remains) {
    auto f = finding_of(d, "new");
    f.reason = "the revert did not hold" + (f.reason.empty() ? "" : ": " + f.reason);
    m.findings.push_back(std::move(f));
    all.push_back(&d);
  }
  for (const auto& d : delta.added) {
    m.findings.push_back(finding_of(d, "new"));
    all.push_back(&d);
  }
  for (const auto& d : delta.changed) {
    m.findings.push_back(finding_of(d, "changed"));
    all.push_back(&d);
  }
  // Most severe first: a long list is summarised from its end.
  std::stable_sort(m.findings.begin(), m.findings.end(), [](const auto& a, const auto& b) {
    return drift::parse_severity(a.severity).value_or(drift::severity::info) >
           drift::parse_severity(b.severity).value_or(drift::severity::info);
  });
  m.severity = worst(all);
  return m;
}

std::optional<notify::message> resolved_message(const drift::report& r,
                                                const drift::critical_delta& delta,
                                                const std::string& report_uri,
                                                const std::string& page_link,
                                                bool with_unidentified) {
  notify::message m = base(r, notify::kind::drift_resolved, report_uri, page_link);
  std::vector<const drift::drift_item*> all;
  for (const auto& d : delta.resolved) {
    if (d.drift_id.empty() && !with_unidentified) continue;
    m.findings.push_back(finding_of(d, "resolved"));
    all.push_back(&d);
  }
  if (m.findings.empty()) return std::nullopt;
  m.severity = worst(all);
  return m;
}

std::vector<notify::message> for_scan(const drift::report& r, const drift::critical_delta& delta,
                                      const std::string& report_uri, const std::string& page_link) {
  std::vector<notify::message> out;
  if (auto m = drift_message(r, delta, report_uri, page_link)) out.push_back(std::move(*m));
  if (auto m = resolved_message(r, delta, report_uri, page_link)) out.push_back(std::move(*m));
  return out;
}

std::string email_body(const drift::report& r, const drift::critical_delta& delta,
                       const std::string& report_uri, const std::string& page_link) {
  std::string body;
  if (auto m = drift_message(r, delta, report_uri, page_link)) body = notify::email_text(*m).body;
  if (auto m = resolved_message(r, delta, report_uri, page_link, true)) {
    if (!body.empty()) body += "\n\n";
    body += notify::email_text(*m).body;
  }
  return body;
}

}  // namespace scanner::messages
