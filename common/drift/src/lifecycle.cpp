#include "drift/lifecycle.h"

#include <algorithm>
#include <array>

namespace drift::lifecycle {
namespace {

struct row {
  std::string_view name;
  bool resolved;
  bool resolves_when_absent;
};

constexpr std::array<row, 10> rows = {{
    {open, false, true},
    {returned, false, true},
    {remediating, false, false},
    {drift_remains, false, true},
    {accepted, false, false},
    {ignored, false, false},
    {remediated, true, false},
    {confirmed, true, false},
    {resolved_without_us, true, false},
    {stale, false, false},
}};

const row* find(std::string_view s) {
  for (const auto& r : rows)
    if (r.name == s) return &r;
  return nullptr;
}

}  // namespace

std::vector<std::string_view> all() {
  std::vector<std::string_view> out;
  for (const auto& r : rows) out.push_back(r.name);
  return out;
}

bool is_known(std::string_view status) { return find(status) != nullptr; }

bool is_resolved(std::string_view status) {
  const row* r = find(status);
  return r && r->resolved;
}

bool resolves_when_absent(std::string_view status) {
  const row* r = find(status);
  return r && r->resolves_when_absent;
}

bool awaits_confirmation(std::string_view status) {
  return status == remediating || status == remediated;
}

std::string_view to_string(sighting k) {
  switch (k) {
    case sighting::new_drift:
      return "new";
    case sighting::changed:
      return "changed";
    case sighting::standing:
      return "standing";
    case sighting::returned:
      return "returned";
    case sighting::remains:
      return "remains";
  }
  return "new";
}

verdict classify(const previous_sighting& before, std::string_view fingerprint,
                 core::time::time_point now) {
  verdict v;
  if (!before.exists) {
    if (before.address_resolved_at && now - *before.address_resolved_at <= recurrence_window) {
      v.kind = sighting::returned;
      v.next_status = returned;
      v.recurrence = true;
    }
    return v;
  }
  // The remediation was applied and the drift is still there: news, said once (the item is
  // drift_remains from then on, and standing while it stays so). A remediating item is left:
  // its run may not have applied yet.
  if (before.status == remediated) {
    v.kind = sighting::remains;
    v.next_status = drift_remains;
    return v;
  }
  if (is_resolved(before.status)) {
    // Without a resolution time we cannot tell how long ago: the recurrence is not claimed.
    if (before.resolved_at && now - *before.resolved_at <= recurrence_window) {
      v.kind = sighting::returned;
      v.next_status = returned;
      v.recurrence = true;
    } else {
      v.next_status = open;
    }
    return v;
  }
  v.kind = before.fingerprint == fingerprint ? sighting::standing : sighting::changed;
  // Nobody could tell whether a stale drift still existed; now a scan has seen it.
  if (before.status == stale) v.next_status = open;
  return v;
}

bool worth_alerting(severity level, severity minimum) { return level >= minimum; }

bool is_news(sighting k) { return k != sighting::standing; }

bool should_alert(sighting k, severity level, severity minimum) {
  return is_news(k) && worth_alerting(level, minimum);
}

bool should_announce(sighting k, const announce_history& h, core::time::time_point now,
                     const announce_policy& p) {
  if (is_news(k)) return true;
  if (h.remediation_failed_at) {
    const auto cooled = *h.remediation_failed_at + p.cooldown;
    if (now >= cooled && (!h.announced_at || *h.announced_at < cooled)) return true;
  }
  if (p.reannounce_every.count() <= 0) return false;
  return !h.announced_at || now - *h.announced_at >= p.reannounce_every;
}

}  // namespace drift::lifecycle
