#include "outputs.h"

#include <algorithm>
#include <cctype>
#include <cstdio>
#include <fstream>
#include <random>
#include <sstream>

#include "core/text.h"
#include "core/time.h"

namespace scanner {

namespace {

std::string attribute_names(const drift::drift_item& d) {
  std::string out;
  for (const auto& a : d.attributes) out += (out.empty() ? "" : ", ") + a.name;
  return out;
}

// Who made a change, in one line: the principal (or the service), the person's names where
// the record has them, where from, and the CloudTrail event.
std::string actor(const drift::changed_by& by) {
  std::string who = !by.principal_arn.empty() ? by.principal_arn
                    : !by.by_service.empty()  ? by.by_service
                                              : "unknown";
  if (!by.identity_type.empty()) who += " (" + by.identity_type + ")";
  if (!by.by_service.empty() && !by.principal_arn.empty())
    who += ", by the service " + by.by_service;
  if (!by.user_name.empty()) who += ", user " + by.user_name;
  if (!by.session_name.empty()) who += ", session " + by.session_name;
  if (!by.identity_center_user_id.empty())
    who += ", Identity Center user " + by.identity_center_user_id;
  if (!by.source_ip.empty()) who += ", from " + by.source_ip;
  if (!by.event_id.empty()) who += ", CloudTrail event " + by.event_id;
  if (!by.event_time.empty()) who += " at " + by.event_time;
  return who;
}

std::string line_for(const drift::drift_item& d, const char* tag) {
  std::string s =
      std::string("- [") + tag + "] " + d.address + " (" + std::string(drift::to_string(d.change));
  const std::string names = attribute_names(d);
  if (!names.empty()) s += ": " + names;
  s += ") " + std::string(drift::to_string(d.level)) + ": " + d.reason;
  if (!d.drift_id.empty()) s += " [drift " + d.drift_id + "]";
  if (d.changed_by) s += "\n    changed by: " + actor(*d.changed_by);
  if (!d.fix.command.empty()) s += "\n    fix (" + d.fix.action + "): " + d.fix.command;
  return s + "\n";
}

}  // namespace

std::string report_key(const std::string& target, const std::string& workspace,
                       std::chrono::system_clock::time_point at) {
  return "reports/" + target + "/" + workspace + "/" + core::time::iso8601_for_key(at) + ".json";
}

std::string latest_key(const std::string& target, const std::string& workspace) {
  return "reports/" + target + "/" + workspace + "/latest.json";
}

std::string html_twin(const std::string& json_key) {
  const std::string_view ext = ".json";
  const bool has_ext = json_key.size() >= ext.size() &&
                       json_key.compare(json_key.size() - ext.size(), ext.size(), ext) == 0;
  return (has_ext ? json_key.substr(0, json_key.size() - ext.size()) : json_key) + ".html";
}

namespace {

// What the alert is about: "CRITICAL", or "HIGH or worse".
std::string alert_label(drift::severity minimum) {
  std::string s(drift::to_string(minimum));
  return minimum == drift::severity::critical ? s : s + " or worse";
}

// The most severe of the new and changed drifts: what the subject leads with.
std::string_view worst_news(const drift::critical_delta& delta) {
  drift::severity worst = drift::severity::info;
  for (const auto* list : {&delta.added, &delta.changed, &delta.remains})
    for (const auto& d : *list) worst = std::max(worst, d.level);
  return drift::to_string(worst);
}

// "CRITICAL drift: platform/prod (production): 1 new, 2 changed", within SNS's 100 characters.
std::string alert_subject(const drift::report& r, const drift::critical_delta& delta) {
  const auto& t = r.target;
  std::string what;
  if (!delta.added.empty()) what += std::to_string(delta.added.size()) + " new";
  if (!delta.changed.empty())
    what += (what.empty() ? "" : ", ") + std::to_string(delta.changed.size()) + " changed";
  if (!delta.remains.empty())
    what += (what.empty() ? "" : ", ") + std::to_string(delta.remains.size()) + " not reverted";
  if (!delta.resolved.empty())
    what += (what.empty() ? "" : ", ") + std::to_string(delta.resolved.size()) + " resolved";
  const bool only_resolved = !delta.has_news();
  return core::text::cut_utf8(std::string(only_resolved ? "Resolved" : worst_news(delta)) +
                                  " drift: " + t.name + "/" + t.workspace + " (" + t.environment +
                                  "): " + what,
                              100, true);
}

// Where, how much, and where to read more.
void alert_overview(std::ostringstream& b, const drift::report& r,
                    const drift::critical_delta& delta, const std::string& report_uri,
                    const std::string& label, const std::string& page_link) {
  const auto& t = r.target;
  const bool only_resolved = !delta.has_news();
  b << label << (only_resolved ? " drift resolved" : " drift") << " in target " << t.name
    << ", workspace " << t.workspace << " (environment " << t.environment << ")";
  if (!t.account.empty()) b << ", account " << t.account;
  if (!t.region.empty()) b << ", region " << t.region;
  b << ".\n"
    << label << " drift: " << delta.added.size() << " new, " << delta.changed.size() << " changed, "
    << delta.resolved.size() << " resolved";
  if (!delta.remains.empty())
    b << ", " << delta.remains.size() << " still drifting after a remediation was applied";
  b << ".\n";
  b << "All drift in this scan: " << r.summary.drifted << " resource(s) of "
    << r.summary.resources_scanned << " scanned;";
  for (const char* sev : {"CRITICAL", "HIGH", "MEDIUM", "LOW", "INFO"}) {
    auto it = r.summary.by_severity.find(sev);
    b << " " << sev << " " << (it == r.summary.by_severity.end() ? 0 : it->second);
  }
  b << ".\nReport: " << report_uri << "\n";
  if (!page_link.empty()) b << "Report page: " << page_link << "\n";
  b << "State: " << t.state_location << "\nEngine: " << r.engine << ", scan " << r.scan_id << " at "
    << r.finished_at << "\n";
}

// At most ten findings: the new CRITICAL ones, the changed ones, then the standing drift, most
// severe first; then what was resolved.
void alert_findings(std::ostringstream& b, const drift::report& r,
                    const drift::critical_delta& delta) {
  constexpr std::size_t top = 10;
  std::size_t shown = 0;
  if (delta.has_news()) b << "\nTop findings:\n";
  for (const auto& d : delta.remains)
    if (shown++ < top) b << line_for(d, "REVERT DID NOT HOLD");
  for (const auto& d : delta.added)
    if (shown++ < top) b << line_for(d, "NEW");
  for (const auto& d : delta.changed)
    if (shown++ < top) b << line_for(d, "CHANGED");
  std::vector<const drift::drift_item*> rest;
  for (const auto& d : r.drifts) {
    auto same = [&](const drift::drift_item& x) { return x.address == d.address; };
    if (std::none_of(delta.added.begin(), delta.added.end(), same) &&
        std::none_of(delta.changed.begin(), delta.changed.end(), same) &&
        std::none_of(delta.remains.begin(), delta.remains.end(), same))
      rest.push_back(&d);
  }
  std::stable_sort(rest.begin(), rest.end(),
                   [](auto* a, auto* b2) { return a->level > b2->level; });
  for (auto* d : rest)
    if (shown++ < top) b << line_for(*d, "STANDING");
  if (shown > top) b << "... and " << (shown - top) << " more in the report.\n";
  if (!delta.resolved.empty()) {
    b << "\nResolved since the previous scan:\n";
    for (const auto& d : delta.resolved) {
      b << "- " << d.address << " (" << d.type << ")";
      if (!d.drift_id.empty()) b << " [drift " << d.drift_id << "]";
      b << "\n";
    }
  }
}

}  // namespace

std::optional<alert_message> build_alert(const drift::report& r, const drift::critical_delta& delta,
                                         const std::string& report_uri, drift::severity minimum,
                                         const std::string& page_link) {
  if (!delta.should_alert()) return std::nullopt;
  const std::string label = alert_label(minimum);
  std::ostringstream body;
  alert_overview(body, r, delta, report_uri, label, page_link);
  alert_findings(body, r, delta);
  return alert_message{alert_subject(r, delta), body.str()};
}

std::vector<aws_calls::metric_datum> notification_metrics(
    const std::map<std::string, int>& notification_failures) {
  std::vector<aws_calls::metric_datum> out;
  for (const auto& [channel, failed] : notification_failures)
    out.push_back(
        {"NotificationFailures", {{"Channel", channel}}, static_cast<double>(failed), "Count"});
  return out;
}

std::vector<aws_calls::metric_datum> scan_metrics(
    const drift::report& r, double duration_seconds, std::size_t output_errors,
    const std::map<std::string, int>& notification_failures) {
  std::vector<aws_calls::metric_datum> out;
  const std::string env = r.target.environment.empty() ? "unknown" : r.target.environment;
  for (const char* sev : {"CRITICAL", "HIGH", "MEDIUM", "LOW", "INFO"}) {
    auto it = r.summary.by_severity.find(sev);
    out.push_back({"DriftDetected",
                   {{"Environment", env}, {"Severity", sev}},
                   static_cast<double>(it == r.summary.by_severity.end() ? 0 : it->second),
                   "Count"});
  }
  out.push_back({"ResourcesScanned",
                 {{"Environment", env}},
                 static_cast<double>(r.summary.resources_scanned),
                 "Count"});
  out.push_back({"ScanErrors",
                 {{"Environment", env}},
                 static_cast<double>(r.errors.size() + output_errors),
                 "Count"});
  if (r.exit_code != 1)
    out.push_back({"ScanDuration", {{"Environment", env}}, duration_seconds, "Seconds"});
  for (auto& m : notification_metrics(notification_failures)) out.push_back(std::move(m));
  return out;
}

bool auto_revert(const drift::drift_item& d) {
  // An expected change (an autoscaled count) is never reverted unattended, whatever the tag.
  if (!d.auto_remediate) return false;
  auto it = d.tags.find("AutoRevert");
  if (it == d.tags.end()) return false;
  std::string v = it->second;
  std::transform(v.begin(), v.end(), v.begin(), [](unsigned char c) { return std::tolower(c); });
  return v == "true";
}

drift::drift_event build_drift_event(const drift::report& r, const drift::drift_item& d,
                                     const event_context& ctx, std::string id) {
  drift::drift_event e;
  e.id = std::move(id);
  e.source = std::string(drift::scanner_source);
  e.detail_type = std::string(drift::scanner_detail_type);
  e.account = ctx.account;
  e.time = ctx.time;
  e.region = ctx.region;
  if (!d.arn.empty()) e.resources.push_back(d.arn);
  auto& x = e.detail;
  x.drift_type = d.change == drift::change_kind::deleted     ? "resource_deleted"
                 : d.change == drift::change_kind::unmanaged ? "unmanaged"
                                                             : "configuration_change";
  x.resource_type = d.type;
  x.resource_arn = d.arn;
  for (const auto& a : d.attributes) {
    x.changed_properties.push_back(a.name);
    x.changes.push_back({a.name, a.expected, a.actual});
  }
  x.detected_by = std::string(drift::scanner_source);
  // Who made the change, and when, where a CloudTrail event said so (the live path, the change
  // journal): the principal, or the AWS service that made the call. A scan alone does not know
  // when a change was made, and no changeTime is better than the scan's time: MTTR "From=change"
  // would otherwise count from detection.
  if (const auto& by = d.changed_by) {
    x.change_author = !by->principal_arn.empty() ? by->principal_arn : by->by_service;
    if (!by->event_time.empty()) x.change_time = by->event_time;
  }
  x.severity = std::string(drift::to_string(d.level));
  x.severity_reason = d.reason;
  x.drift_id = d.drift_id;
  x.tags = d.tags;
  drift::terraform_ref ref;
  ref.address = d.address;
  ref.workspace = r.target.workspace;
  ref.environment = r.target.environment;
  ref.target = r.target.name;
  ref.state_location = ctx.state_location;
  ref.report_uri = ctx.report_uri;
  x.terraform = std::move(ref);
  return e;
}

std::pair<std::string, bool> event_json_within_limit(drift::drift_event e, std::size_t limit) {
  std::string json = drift::to_json(e);
  if (json.size() <= limit) return {std::move(json), false};
  e.detail.changes.clear();
  json = drift::to_json(e);
  for (std::size_t keep = e.detail.changed_properties.size(); json.size() > limit && keep > 0;) {
    keep /= 2;
    e.detail.changed_properties.resize(keep);
    e.detail.severity_reason = e.detail.severity_reason.substr(0, 1024);
    json = drift::to_json(e);
  }
  return {std::move(json), true};
}

std::string random_uuid() {
  unsigned char b[16];
  std::ifstream in("/dev/urandom", std::ios::binary);
  if (!in.read(reinterpret_cast<char*>(b), sizeof b)) {
    std::random_device rd;
    for (auto& c : b) c = static_cast<unsigned char>(rd());
  }
  b[6] = static_cast<unsigned char>((b[6] & 0x0f) | 0x40);
  b[8] = static_cast<unsigned char>((b[8] & 0x3f) | 0x80);
  char out[37];
  std::snprintf(out, sizeof out,
                "%02x%02x%02x%02x-%02x%02x-%02x%02x-%02x%02x-%02x%02x%02x%02x%02x%02x", b[0], b[1],
                b[2], b[3], b[4], b[5], b[6], b[7], b[8], b[9], b[10], b[11], b[12], b[13], b[14],
                b[15]);
  return out;
}

}  // namespace scanner
