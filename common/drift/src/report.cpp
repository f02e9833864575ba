#include "drift/report.h"

#include <algorithm>

#include "drift/lifecycle.h"
#include "json.h"

namespace drift {

namespace {

using detail::member;
using detail::string_member;
using detail::write_string;

constexpr severity all_severities[] = {severity::critical, severity::high, severity::medium,
                                       severity::low, severity::info};
constexpr change_kind all_changes[] = {change_kind::update, change_kind::deleted,
                                       change_kind::unmanaged};

void key_string(detail::writer& w, const char* key, const std::string& value) {
  w.Key(key);
  write_string(w, value);
}

// The fields of changed_by (drift/changed_by.h), in the order the scanner's changed_by_json
// writes them: every key present, null when unknown.
constexpr std::pair<const char*, std::string changed_by::*> changed_by_fields[] = {
    {"principal_arn", &changed_by::principal_arn},
    {"identity_type", &changed_by::identity_type},
    {"account_id", &changed_by::account_id},
    {"user_name", &changed_by::user_name},
    {"session_issuer_arn", &changed_by::session_issuer_arn},
    {"session_name", &changed_by::session_name},
    {"identity_center_user_id", &changed_by::identity_center_user_id},
    {"identity_store_arn", &changed_by::identity_store_arn},
    {"by_service", &changed_by::by_service},
    {"source_ip", &changed_by::source_ip},
    {"user_agent", &changed_by::user_agent},
    {"event_id", &changed_by::event_id},
    {"event_time", &changed_by::event_time}};

void write_item(detail::writer& w, const drift_item& d) {
  w.StartObject();
  key_string(w, "address", d.address);
  key_string(w, "type", d.type);
  key_string(w, "id", d.id);
  key_string(w, "arn", d.arn);
  key_string(w, "change", std::string(to_string(d.change)));
  w.Key("changed_attributes");
  w.StartArray();
  for (const auto& a : d.attributes) {
    w.StartObject();
    key_string(w, "name", a.name);
    w.Key("expected");
    detail::write_json_text(w, a.expected);
    w.Key("actual");
    detail::write_json_text(w, a.actual);
    w.Key("sensitive");
    w.Bool(a.sensitive);
    w.EndObject();
  }
  w.EndArray();
  key_string(w, "severity", std::string(to_string(d.level)));
  key_string(w, "reason", d.reason);
  key_string(w, "rule", d.rule);
  if (!d.auto_remediate) {
    w.Key("auto_remediate");
    w.Bool(false);
  }
  w.Key("remediation");
  w.StartObject();
  key_string(w, "action", d.fix.action);
  key_string(w, "command", d.fix.command);
  key_string(w, "description", d.fix.description);
  w.EndObject();
  w.Key("monthly_cost_delta");
  if (d.monthly_cost_delta) {
    w.Double(*d.monthly_cost_delta);
  } else if (d.cost_unknown) {
    write_string(w, "unknown");
  } else {
    w.Null();
  }
  w.Key("tags");
  w.StartObject();
  for (const auto& [k, v] : d.tags) {
    write_string(w, k);
    write_string(w, v);
  }
  w.EndObject();
  if (!d.drift_id.empty()) {
    key_string(w, "drift_id", d.drift_id);
    key_string(w, "first_seen", d.first_seen);
    w.Key("scans_seen");
    w.Int(d.scans_seen);
    w.Key("recurrence");
    w.Int(d.recurrence);
  }
  if (d.changed_by) {
    w.Key("changed_by");
    w.StartObject();
    for (const auto& [name, field] : changed_by_fields) {
      w.Key(name);
      const std::string& value = (*d.changed_by).*field;
      if (value.empty())
        w.Null();
      else
        write_string(w, value);
    }
    w.EndObject();
  }
  w.EndObject();
}

// ---- reading --------------------------------------------------------------------------

struct reader {
  std::string error;

  bool fail(const std::string& field, const std::string& what) {
    if (error.empty()) error = field + ": " + what;
    return false;
  }

  bool str(const rapidjson::Value& obj, const char* name, const std::string& where,
           std::string& out) {
    const auto* v = member(obj, name);
    if (!v || v->IsNull()) return true;
    if (!v->IsString()) return fail(where + name, "expected a string");
    out.assign(v->GetString(), v->GetStringLength());
    return true;
  }

  bool integer(const rapidjson::Value& obj, const char* name, const std::string& where, int& out) {
    const auto* v = member(obj, name);
    if (!v || v->IsNull()) return true;
    if (!v->IsInt()) return fail(where + name, "expected an integer");
    out = v->GetInt();
    return true;
  }

  const rapidjson::Value* array(const rapidjson::Value& obj, const char* name,
                                const std::string& where) {
    const auto* v = member(obj, name);
    if (!v || v->IsNull()) return nullptr;
    if (!v->IsArray()) {
      fail(where + name, "expected an array");
      return nullptr;
    }
    return v;
  }
};

bool read_item(reader& rd, const rapidjson::Value& v, const std::string& where, drift_item& d) {
  if (!v.IsObject()) return rd.fail(where, "expected an object");
  std::string change, sev;
  if (!rd.str(v, "address", where + ".", d.address) || !rd.str(v, "type", where + ".", d.type) ||
      !rd.str(v, "id", where + ".", d.id) || !rd.str(v, "arn", where + ".", d.arn) ||
      !rd.str(v, "change", where + ".", change) || !rd.str(v, "severity", where + ".", sev) ||
      !rd.str(v, "reason", where + ".", d.reason) || !rd.str(v, "rule", where + ".", d.rule) ||
      !rd.str(v, "drift_id", where + ".", d.drift_id) ||
      !rd.str(v, "first_seen", where + ".", d.first_seen) ||
      !rd.integer(v, "scans_seen", where + ".", d.scans_seen) ||
      !rd.integer(v, "recurrence", where + ".", d.recurrence)) {
    return false;
  }
  if (const auto* by = member(v, "changed_by"); by && by->IsObject()) {
    d.changed_by.emplace();
    for (const auto& [name, field] : changed_by_fields)
      (*d.changed_by).*field = string_member(*by, name);
  }
  auto c = parse_change_kind(change);
  if (!c) return rd.fail(where + ".change", "expected update, delete or unmanaged");
  d.change = *c;
  auto s = parse_severity(sev);
  if (!s) return rd.fail(where + ".severity", "expected CRITICAL, HIGH, MEDIUM, LOW or INFO");
  d.level = *s;
  if (const auto* attrs = rd.array(v, "changed_attributes", where + ".")) {
    for (rapidjson::SizeType i = 0; i < attrs->Size(); ++i) {
      const auto& a = (*attrs)[i];
      const std::string aw = where + ".changed_attributes[" + std::to_string(i) + "]";
      if (!a.IsObject()) return rd.fail(aw, "expected an object");
      report_attribute ra;
      if (!rd.str(a, "name", aw + ".", ra.name)) return false;
      if (const auto* e = member(a, "expected")) ra.expected = detail::to_text(*e);
      if (const auto* e = member(a, "actual")) ra.actual = detail::to_text(*e);
      if (const auto* e = member(a, "sensitive"); e && e->IsBool()) ra.sensitive = e->GetBool();
      d.attributes.push_back(std::move(ra));
    }
  }
  if (!rd.error.empty()) return false;
  if (const auto* ar = member(v, "auto_remediate"); ar && ar->IsBool())
    d.auto_remediate = ar->GetBool();
  if (const auto* fix = member(v, "remediation"); fix && fix->IsObject()) {
    if (!rd.str(*fix, "action", where + ".remediation.", d.fix.action) ||
        !rd.str(*fix, "command", where + ".remediation.", d.fix.command) ||
        !rd.str(*fix, "description", where + ".remediation.", d.fix.description)) {
      return false;
    }
  }
  if (const auto* cost = member(v, "monthly_cost_delta")) {
    if (cost->IsNumber()) {
      d.monthly_cost_delta = cost->GetDouble();
    } else if (cost->IsString()) {
      d.cost_unknown = true;
    }
  }
  if (const auto* tags = member(v, "tags"); tags && tags->IsObject()) {
    for (auto it = tags->MemberBegin(); it != tags->MemberEnd(); ++it) {
      if (it->value.IsString()) d.tags[it->name.GetString()] = it->value.GetString();
    }
  }
  return true;
}

}  // namespace

std::string fingerprint(const drift_item& d) {
  std::vector<std::string> parts;
  for (const auto& a : d.attributes) parts.push_back(a.name + "=" + a.expected + "=>" + a.actual);
  std::sort(parts.begin(), parts.end());
  std::string out(to_string(d.change));
  for (const auto& p : parts) out += "|" + p;
  return out;
}

namespace {

const drift_item* find_item(const std::vector<drift_item>& list, const std::string& address) {
  for (const auto& d : list) {
    if (d.address == address) return &d;
  }
  return nullptr;
}

}  // namespace

check_counts count_checks(const report& r) {
  check_counts c;
  c.compared = r.summary.resources_scanned;
  for (const auto& n : r.not_checked) {
    if (n.address.empty()) continue;  // a listing that failed, not a managed resource
    if (n.unknown_type) {
      ++c.unknown_type;
      continue;
    }
    ++c.not_checked;
    ++c.not_checked_by_reason[n.reason.substr(0, n.reason.find(':'))];
  }
  return c;
}

double coverage_percent(int managed, int found) {
  return found <= 0 ? 100.0 : 100.0 * managed / found;
}

void summarize(report& r) {
  auto& s = r.summary;
  s.drifted = static_cast<int>(r.drifts.size());
  s.by_change.clear();
  s.by_severity.clear();
  for (auto c : all_changes) s.by_change[std::string(to_string(c))] = 0;
  for (auto v : all_severities) s.by_severity[std::string(to_string(v))] = 0;
  s.highest.reset();
  s.monthly_cost_delta = 0;
  s.cost_unknown = 0;
  for (const auto& d : r.drifts) {
    ++s.by_change[std::string(to_string(d.change))];
    ++s.by_severity[std::string(to_string(d.level))];
    if (!s.highest || d.level > *s.highest) s.highest = d.level;
    if (d.monthly_cost_delta) s.monthly_cost_delta += *d.monthly_cost_delta;
    if (d.cost_unknown) ++s.cost_unknown;
  }
  r.exit_code = !r.errors.empty() ? 1 : (r.drifts.empty() ? 0 : 2);
}

std::string to_json(const report& r) {
  rapidjson::StringBuffer buf;
  detail::writer w(buf);
  w.StartObject();
  w.Key("schema_version");
  w.Int(r.schema_version);
  key_string(w, "scan_id", r.scan_id);
  key_string(w, "started_at", r.started_at);
  key_string(w, "finished_at", r.finished_at);
  w.Key("target");
  w.StartObject();
  key_string(w, "name", r.target.name);
  key_string(w, "account", r.target.account);
  key_string(w, "region", r.target.region);
  key_string(w, "workspace", r.target.workspace);
  key_string(w, "environment", r.target.environment);
  key_string(w, "state_location", r.target.state_location);
  w.EndObject();
  key_string(w, "engine", r.engine);
  w.Key("exit_code");
  w.Int(r.exit_code);
  w.Key("incomplete");
  w.Bool(r.incomplete);
  w.Key("summary");
  w.StartObject();
  w.Key("resources_scanned");
  w.Int(r.summary.resources_scanned);
  w.Key("drifted");
  w.Int(r.summary.drifted);
  w.Key("by_change");
  w.StartObject();
  for (const auto& [k, v] : r.summary.by_change) {
    write_string(w, k);
    w.Int(v);
  }
  w.EndObject();
  w.Key("by_severity");
  w.StartObject();
  for (const auto& [k, v] : r.summary.by_severity) {
    write_string(w, k);
    w.Int(v);
  }
  w.EndObject();
  key_string(w, "highest_severity",
             r.summary.highest ? std::string(to_string(*r.summary.highest)) : "NONE");
  w.Key("monthly_cost_delta");
  w.StartObject();
  w.Key("usd");
  w.Double(r.summary.monthly_cost_delta);
  w.Key("unknown");
  w.Int(r.summary.cost_unknown);
  w.EndObject();
  w.Key("ignored");
  w.Int(r.summary.ignored);
  const check_counts checks = count_checks(r);
  w.Key("checks");
  w.StartObject();
  w.Key("compared");
  w.Int(checks.compared);
  w.Key("not_checked");
  w.Int(checks.not_checked);
  w.Key("unknown_type");
  w.Int(checks.unknown_type);
  w.Key("not_checked_by_reason");
  w.StartObject();
  for (const auto& [reason, n] : checks.not_checked_by_reason) {
    write_string(w, reason);
    w.Int(n);
  }
  w.EndObject();
  w.EndObject();
  int managed = 0, found = 0;
  for (const auto& c : r.coverage) {
    managed += c.managed;
    found += c.found;
  }
  w.Key("iac_coverage");
  w.StartObject();
  w.Key("managed");
  w.Int(managed);
  w.Key("found");
  w.Int(found);
  w.Key("percent");
  w.Double(coverage_percent(managed, found));
  w.EndObject();
  w.EndObject();
  w.Key("drifts");
  w.StartArray();
  for (const auto& d : r.drifts) write_item(w, d);
  w.EndArray();
  w.Key("not_checked");
  w.StartArray();
  for (const auto& n : r.not_checked) {
    w.StartObject();
    key_string(w, "address", n.address);
    key_string(w, "type", n.type);
    key_string(w, "reason", n.reason);
    w.Key("unknown_type");
    w.Bool(n.unknown_type);
    w.EndObject();
  }
  w.EndArray();
  w.Key("suppressed");
  w.StartObject();
  for (const auto& [k, v] : r.suppressed) {
    write_string(w, k);
    w.Int(v);
  }
  w.EndObject();
  w.Key("coverage");
  w.StartArray();
  for (const auto& c : r.coverage) {
    w.StartObject();
    key_string(w, "type", c.type);
    w.Key("managed");
    w.Int(c.managed);
    w.Key("found");
    w.Int(c.found);
    w.Key("percent");
    w.Double(coverage_percent(c.managed, c.found));
    w.EndObject();
  }
  w.EndArray();
  w.Key("errors");
  w.StartArray();
  for (const auto& e : r.errors) {
    w.StartObject();
    key_string(w, "code", e.code);
    key_string(w, "message", e.message);
    key_string(w, "address", e.address);
    w.EndObject();
  }
  w.EndArray();
  if (r.trigger) {
    w.Key("trigger");
    w.StartObject();
    key_string(w, "event_id", r.trigger->event_id);
    key_string(w, "eventbridge_id", r.trigger->eventbridge_id);
    key_string(w, "event_name", r.trigger->event_name);
    key_string(w, "time", r.trigger->time);
    key_string(w, "source", r.trigger->source);
    w.EndObject();
  }
  w.EndObject();
  return std::string(buf.GetString(), buf.GetSize());
}

core::result<report> parse_report(std::string_view bytes) {
  rapidjson::Document doc;
  if (auto err = detail::parse_json(bytes, doc)) return core::error{"NotJson", *err};
  if (!doc.IsObject()) return core::error{"InvalidReport", "(root): expected an object"};
  reader rd;
  report r;
  const auto* sv = member(doc, "schema_version");
  if (!sv || !sv->IsInt()) return core::error{"InvalidReport", "schema_version: missing"};
  r.schema_version = sv->GetInt();
  if (r.schema_version > report_schema_version) {
    return core::error{"UnsupportedVersion", "report schema_version " +
                                                 std::to_string(r.schema_version) +
                                                 " is newer than this reader (" +
                                                 std::to_string(report_schema_version) + ")"};
  }
  rd.str(doc, "scan_id", "", r.scan_id);
  rd.str(doc, "started_at", "", r.started_at);
  rd.str(doc, "finished_at", "", r.finished_at);
  rd.str(doc, "engine", "", r.engine);
  rd.integer(doc, "exit_code", "", r.exit_code);
  if (const auto* inc = member(doc, "incomplete"); inc && inc->IsBool()) {
    r.incomplete = inc->GetBool();
  }
  if (const auto* t = member(doc, "target"); t && t->IsObject()) {
    rd.str(*t, "name", "target.", r.target.name);
    rd.str(*t, "account", "target.", r.target.account);
    rd.str(*t, "region", "target.", r.target.region);
    rd.str(*t, "workspace", "target.", r.target.workspace);
    rd.str(*t, "environment", "target.", r.target.environment);
    rd.str(*t, "state_location", "target.", r.target.state_location);
  }
  if (const auto* s = member(doc, "summary"); s && s->IsObject()) {
    rd.integer(*s, "resources_scanned", "summary.", r.summary.resources_scanned);
    rd.integer(*s, "ignored", "summary.", r.summary.ignored);
  }
  if (const auto* list = rd.array(doc, "drifts", "")) {
    for (rapidjson::SizeType i = 0; i < list->Size(); ++i) {
      drift_item d;
      if (!read_item(rd, (*list)[i], "drifts[" + std::to_string(i) + "]", d)) break;
      r.drifts.push_back(std::move(d));
    }
  }
  if (const auto* list = rd.array(doc, "not_checked", "")) {
    for (const auto& n : list->GetArray()) {
      const auto* unknown = member(n, "unknown_type");
      r.not_checked.push_back({string_member(n, "address"), string_member(n, "type"),
                               string_member(n, "reason"),
                               unknown && unknown->IsBool() && unknown->GetBool()});
    }
  }
  if (const auto* sup = member(doc, "suppressed"); sup && sup->IsObject()) {
    for (auto it = sup->MemberBegin(); it != sup->MemberEnd(); ++it) {
      if (it->value.IsInt()) r.suppressed[it->name.GetString()] = it->value.GetInt();
    }
  }
  if (const auto* list = rd.array(doc, "coverage", "")) {
    for (const auto& c : list->GetArray()) {
      coverage_item ci{string_member(c, "type"), 0, 0};
      rd.integer(c, "managed", "coverage.", ci.managed);
      rd.integer(c, "found", "coverage.", ci.found);
      r.coverage.push_back(std::move(ci));
    }
  }
  if (const auto* list = rd.array(doc, "errors", "")) {
    for (const auto& e : list->GetArray()) {
      r.errors.push_back(
          {string_member(e, "code"), string_member(e, "message"), string_member(e, "address")});
    }
  }
  if (const auto* t = member(doc, "trigger"); t && t->IsObject()) {
    r.trigger = report_trigger{string_member(*t, "event_id"), string_member(*t, "eventbridge_id"),
                               string_member(*t, "event_name"), string_member(*t, "time"),
                               string_member(*t, "source")};
  }
  if (!rd.error.empty()) return core::error{"InvalidReport", rd.error};
  const int scanned = r.summary.resources_scanned;
  const int ignored = r.summary.ignored;
  const int exit_code = r.exit_code;
  summarize(r);
  r.summary.resources_scanned = scanned;
  r.summary.ignored = ignored;
  r.exit_code = exit_code;  // as the scan reported it, not recomputed
  return r;
}

critical_delta compare_reports(const report* previous, const report& current, severity minimum) {
  const auto counts = [minimum](const drift_item& d) {
    return lifecycle::worth_alerting(d.level, minimum);
  };
  critical_delta out;
  for (const auto& d : current.drifts) {
    if (!counts(d)) continue;
    const drift_item* before = previous ? find_item(previous->drifts, d.address) : nullptr;
    if (!before || !counts(*before)) {
      out.added.push_back(d);
    } else if (fingerprint(*before) != fingerprint(d)) {
      out.changed.push_back(d);
    }
  }
  // A failed or partial scan cannot tell that a drift is gone.
  const bool can_resolve = !current.incomplete && current.errors.empty();
  if (previous && can_resolve) {
    for (const auto& d : previous->drifts) {
      if (!counts(d)) continue;
      const drift_item* now = find_item(current.drifts, d.address);
      if (!now || !counts(*now)) out.resolved.push_back(d);
    }
  }
  return out;
}

}  // namespace drift
