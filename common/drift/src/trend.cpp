#include "drift/trend.h"

#include <rapidjson/stringbuffer.h>
#include <rapidjson/writer.h>

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <set>
#include <string>

#include "drift/lifecycle.h"
#include "drift/severity.h"
#include "drift/status.h"

namespace drift::trend {

std::string duration_text(std::optional<double> seconds) {
  if (!seconds) return "-";
  char buf[32];
  if (*seconds < 120)
    std::snprintf(buf, sizeof buf, "%.0f s", *seconds);
  else if (*seconds < 2 * 3600)
    std::snprintf(buf, sizeof buf, "%.1f min", *seconds / 60);
  else if (*seconds < 2 * 86400)
    std::snprintf(buf, sizeof buf, "%.1f h", *seconds / 3600);
  else
    std::snprintf(buf, sizeof buf, "%.1f d", *seconds / 86400);
  return buf;
}

namespace {

// Drifting now, as far as we know: accepted and ignored drift is a decision, stale is unknown.
bool is_open(std::string_view status) {
  return status == lifecycle::open || status == lifecycle::returned ||
         status == lifecycle::remediating || status == lifecycle::drift_remains;
}

window window_of(const std::vector<const outcome_entry*>& outcomes, core::time::time_point now,
                 int days) {
  window w;
  w.days = days;
  std::vector<double> mttr;
  const auto since = now - std::chrono::hours(24 * days);
  for (const auto* o : outcomes) {
    if (o->completed_at < since || o->completed_at > now) continue;
    ++w.outcomes;
    if (!o->success) continue;
    ++w.successes;
    if (o->mttr_seconds) mttr.push_back(*o->mttr_seconds);
  }
  if (w.outcomes > 0) w.success_rate = double(w.successes) / double(w.outcomes);
  w.mttr_p50_seconds = percentile(mttr, 50);
  w.mttr_p95_seconds = percentile(mttr, 95);
  return w;
}

std::vector<recurring> top_recurring(const std::vector<const drift_entry*>& drifts,
                                     std::size_t top) {
  // One row per resource: its drifts' recurrences added up.
  std::map<std::pair<std::string, std::string>, long long> by_resource;
  for (const auto* d : drifts)
    if (d->recurrences > 0) by_resource[{d->scope, d->address}] += d->recurrences;
  std::vector<recurring> out;
  for (const auto& [key, n] : by_resource) out.push_back({key.second, key.first, n});
  std::stable_sort(out.begin(), out.end(), [](const recurring& a, const recurring& b) {
    return a.recurrences > b.recurrences;
  });
  if (out.size() > top) out.resize(top);
  return out;
}

using writer = rapidjson::Writer<rapidjson::StringBuffer>;

void optional_number(writer& w, const char* key, const std::optional<double>& v) {
  w.Key(key);
  if (v)
    w.Double(*v);
  else
    w.Null();
}

void write_window(writer& w, const window& x) {
  w.StartObject();
  w.Key("days");
  w.Int(x.days);
  w.Key("outcomes");
  w.Int(x.outcomes);
  w.Key("successes");
  w.Int(x.successes);
  optional_number(w, "success_rate", x.success_rate);
  optional_number(w, "mttr_p50_seconds", x.mttr_p50_seconds);
  optional_number(w, "mttr_p95_seconds", x.mttr_p95_seconds);
  w.EndObject();
}

std::string window_text(const window& w) {
  std::string o =
      "last " + std::to_string(w.days) + " days: " + std::to_string(w.outcomes) + " remediations";
  if (w.success_rate)
    o += ", " + std::to_string(std::lround(*w.success_rate * 100)) + " % succeeded";
  o += ", MTTR p50 " + duration_text(w.mttr_p50_seconds) + ", p95 " +
       duration_text(w.mttr_p95_seconds);
  return o;
}

}  // namespace

std::optional<bool> outcome_success(std::string_view s) {
  if (s == status::remediated || s == lifecycle::confirmed) return true;
  if (s == status::remediation_failed || s == status::failed || s == lifecycle::drift_remains)
    return false;
  return std::nullopt;
}

std::optional<double> percentile(std::vector<double> values, double p) {
  if (values.empty() || p <= 0 || p > 100) return std::nullopt;
  std::sort(values.begin(), values.end());
  const auto rank = static_cast<std::size_t>(std::ceil(p / 100.0 * double(values.size())));
  return values[std::max<std::size_t>(rank, 1) - 1];
}

std::vector<environment_trend> compute(const std::vector<drift_entry>& drifts,
                                       const std::vector<outcome_entry>& outcomes,
                                       core::time::time_point now, std::size_t top) {
  std::map<std::string, std::vector<const drift_entry*>> drifts_of;
  std::map<std::string, std::vector<const outcome_entry*>> outcomes_of;
  std::set<std::string> environments;
  for (const auto& d : drifts) {
    drifts_of[d.environment].push_back(&d);
    environments.insert(d.environment);
  }
  for (const auto& o : outcomes) {
    outcomes_of[o.environment].push_back(&o);
    environments.insert(o.environment);
  }
  std::vector<environment_trend> out;
  for (const auto& env : environments) {
    environment_trend t;
    t.environment = env;
    for (const auto* d : drifts_of[env]) {
      if (!is_open(d->status)) continue;
      ++t.open;
      ++t.open_by_severity[d->severity];
      if (d->first_seen && (!t.oldest_open || !t.oldest_open->first_seen ||
                            *d->first_seen < *t.oldest_open->first_seen))
        t.oldest_open = *d;
    }
    if (t.oldest_open && t.oldest_open->first_seen)
      t.oldest_open_age_seconds =
          std::chrono::duration<double>(now - *t.oldest_open->first_seen).count();
    t.last_7_days = window_of(outcomes_of[env], now, 7);
    t.last_30_days = window_of(outcomes_of[env], now, 30);
    t.top_recurring = top_recurring(drifts_of[env], top);
    out.push_back(std::move(t));
  }
  return out;
}

std::vector<day_open> open_by_day(const std::vector<drift_entry>& drifts,
                                  core::time::time_point now, int days) {
  const auto today = std::chrono::floor<std::chrono::days>(now);
  std::vector<day_open> out;
  for (int back = std::max(days, 1) - 1; back >= 0; --back) {
    const auto start = today - std::chrono::days(back);
    // The end of the day, or now for today: what was open at that instant.
    const auto at = back == 0 ? now : start + std::chrono::days(1) - std::chrono::seconds(1);
    day_open d;
    d.day = core::time::iso8601(start).substr(0, 10);
    for (const auto& e : drifts) {
      if (!e.first_seen || *e.first_seen > at) continue;
      if (!is_open(e.status) && (!e.resolved_at || *e.resolved_at <= at)) continue;
      ++d.open;
      ++d.by_severity[e.severity];
    }
    out.push_back(std::move(d));
  }
  return out;
}

std::string to_json(const std::vector<environment_trend>& trends, core::time::time_point now) {
  rapidjson::StringBuffer buf;
  writer w(buf);
  w.StartObject();
  w.Key("generated_at");
  w.String(core::time::iso8601(now).c_str());
  w.Key("environments");
  w.StartArray();
  for (const auto& t : trends) {
    w.StartObject();
    w.Key("environment");
    w.String(t.environment.c_str());
    w.Key("open");
    w.Int(t.open);
    w.Key("open_by_severity");
    w.StartObject();
    for (const auto& [sev, n] : t.open_by_severity) {
      w.Key(sev.c_str());
      w.Int(n);
    }
    w.EndObject();
    w.Key("oldest_open");
    if (t.oldest_open) {
      w.StartObject();
      w.Key("drift_id");
      w.String(t.oldest_open->drift_id.c_str());
      w.Key("scope");
      w.String(t.oldest_open->scope.c_str());
      w.Key("address");
      w.String(t.oldest_open->address.c_str());
      w.Key("severity");
      w.String(t.oldest_open->severity.c_str());
      w.Key("first_seen");
      w.String(t.oldest_open->first_seen ? core::time::iso8601(*t.oldest_open->first_seen).c_str()
                                         : "");
      optional_number(w, "age_seconds", t.oldest_open_age_seconds);
      w.EndObject();
    } else {
      w.Null();
    }
    w.Key("last_7_days");
    write_window(w, t.last_7_days);
    w.Key("last_30_days");
    write_window(w, t.last_30_days);
    w.Key("top_recurring");
    w.StartArray();
    for (const auto& r : t.top_recurring) {
      w.StartObject();
      w.Key("scope");
      w.String(r.scope.c_str());
      w.Key("address");
      w.String(r.address.c_str());
      w.Key("recurrences");
      w.Int64(r.recurrences);
      w.EndObject();
    }
    w.EndArray();
    w.EndObject();
  }
  w.EndArray();
  w.EndObject();
  return std::string(buf.GetString(), buf.GetSize());
}

std::string to_text(const std::vector<environment_trend>& trends) {
  if (trends.empty()) return "No drift and no remediation recorded yet.\n";
  std::string o;
  for (const auto& t : trends) {
    o += t.environment + "\n  open drift: " + std::to_string(t.open);
    if (t.open > 0) {
      o += " (";
      bool first = true;
      for (auto level :
           {severity::critical, severity::high, severity::medium, severity::low, severity::info}) {
        const auto it = t.open_by_severity.find(std::string(to_string(level)));
        if (it == t.open_by_severity.end()) continue;
        o += (first ? "" : ", ") + std::to_string(it->second) + " " + it->first;
        first = false;
      }
      o += ")";
    }
    o += "\n";
    if (t.oldest_open)
      o += "  oldest open: " + t.oldest_open->address + " in " + t.oldest_open->scope + ", " +
           duration_text(t.oldest_open_age_seconds) + " old (" + t.oldest_open->severity + ")\n";
    o += "  " + window_text(t.last_7_days) + "\n  " + window_text(t.last_30_days) + "\n";
    for (const auto& r : t.top_recurring)
      o += "  recurring: " + r.address + " in " + r.scope + ", " + std::to_string(r.recurrences) +
           (r.recurrences == 1 ? " time" : " times") + "\n";
  }
  return o;
}

}  // namespace drift::trend
