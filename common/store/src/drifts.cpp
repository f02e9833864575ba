#include "store/drifts.h"

#include <algorithm>
#include <functional>

#include "aws/crypto.h"
#include "aws/dynamodb.h"
#include "item_read.h"

namespace store {
namespace ddb = aws::dynamodb;
namespace lc = drift::lifecycle;

namespace {

drift_record from_item(const ddb::item& it) {
  drift_record r;
  r.scope = ddb::get_s(it, "scope");
  r.drift_id = ddb::get_s(it, "drift_id");
  r.address = ddb::get_s(it, "address");
  r.type = ddb::get_s(it, "type");
  r.change = ddb::get_s(it, "change");
  r.attributes = detail::string_list(it, "attributes");
  r.severity = ddb::get_s(it, "severity");
  r.status = ddb::get_s(it, "status");
  r.first_seen = ddb::get_s(it, "first_seen");
  r.last_seen = ddb::get_s(it, "last_seen");
  r.scans_seen = ddb::get_int(it, "scans_seen").value_or(0);
  r.fingerprint = ddb::get_s(it, "fingerprint");
  r.resolved_at = ddb::get_s(it, "resolved_at");
  r.recurrences = ddb::get_int(it, "recurrences").value_or(0);
  r.environment = ddb::get_s(it, "environment");
  r.announced_at = ddb::get_s(it, "announced_at");
  r.remediated_at = ddb::get_s(it, "remediated_at");
  r.remediation_event_ids = detail::string_list(it, "remediation_event_ids");
  r.confirmed_at = ddb::get_s(it, "confirmed_at");
  r.remediating_at = ddb::get_s(it, "remediating_at");
  r.remediation_id = ddb::get_s(it, "remediation_id");
  r.remediation_failed_at = ddb::get_s(it, "remediation_failed_at");
  return r;
}

ddb::item key_of(const std::string& scope, const std::string& drift_id) {
  return {{"scope", scope}, {"drift_id", drift_id}};
}

// Every attribute goes through a name placeholder: several (status, type...) are reserved words.
const std::map<std::string, std::string> kNames = {
    {"#address", "address"},         {"#type", "type"},
    {"#change", "change"},           {"#attributes", "attributes"},
    {"#severity", "severity"},       {"#fingerprint", "fingerprint"},
    {"#environment", "environment"}, {"#last_seen", "last_seen"},
    {"#first_seen", "first_seen"},   {"#status", "status"},
    {"#recurrences", "recurrences"}, {"#scans_seen", "scans_seen"},
};

void observation_values(ddb::item& values, const drift_observation& w) {
  values[":address"] = w.address;
  values[":type"] = w.type;
  values[":change"] = w.change;
  values[":attributes"] = detail::strings(w.attributes);
  values[":severity"] = w.severity;
  values[":fingerprint"] = w.fingerprint;
  values[":environment"] = w.environment;
}

// A status move decided from the old image, on condition that the item still holds it.
core::result<ddb::item, aws::error> move_status(aws::session& s, const std::string& table,
                                                const ddb::item& key, const std::string& from,
                                                std::string_view to, bool recurrence) {
  ddb::update_request u;
  u.table = table;
  u.key = key;
  u.update = "SET #status = :to REMOVE resolved_at";
  if (recurrence) u.update = "SET #status = :to ADD #recurrences :one REMOVE resolved_at";
  u.condition = "#status = :from";
  u.args.names = {{"#status", "status"}};
  if (recurrence) u.args.names["#recurrences"] = "recurrences";
  u.args.values = {{":to", std::string(to)}, {":from", from}};
  if (recurrence) u.args.values[":one"] = 1;
  return ddb::update_item(s, u);
}

}  // namespace

std::string drift_scope(const std::string& target, const std::string& workspace) {
  return target + "/" + workspace;
}

std::string drift_id(const std::string& target, const std::string& workspace,
                     const drift::drift_item& d) {
  std::vector<std::string> what;
  switch (d.change) {
    case drift::change_kind::update:
      for (const auto& a : d.attributes) what.push_back(a.name);
      std::sort(what.begin(), what.end());
      break;
    case drift::change_kind::deleted:
      what = {"deleted"};
      break;
    case drift::change_kind::unmanaged:
      what = {"unmanaged", d.type, d.id};
      break;
  }
  // NUL separates the parts: no name or address holds one, so no two inputs share a text.
  std::string material = target + '\0' + workspace + '\0' + d.address;
  for (const auto& w : what) material += '\0' + w;
  return aws::crypto::sha256_hex(material).substr(0, 32);
}

drift_observation observation_of(const drift::drift_item& d, const std::string& environment) {
  drift_observation o;
  o.address = d.address;
  o.type = d.type;
  o.change = std::string(drift::to_string(d.change));
  for (const auto& a : d.attributes) o.attributes.push_back(a.name);
  o.severity = std::string(drift::to_string(d.level));
  o.fingerprint = aws::crypto::sha256_hex(drift::fingerprint(d));
  o.environment = environment;
  return o;
}

core::result<observed, aws::error> drifts::observe(
    const std::string& scope, const std::string& drift_id, const drift_observation& what,
    core::time::time_point now, std::optional<core::time::time_point> address_resolved_at) {
  const ddb::item key = key_of(scope, drift_id);
  const std::string at = core::time::iso8601(now);
  ddb::update_request u;
  u.table = table_;
  u.key = key;
  u.update =
      "SET #address = :address, #type = :type, #change = :change, #attributes = :attributes, "
      "#severity = :severity, #fingerprint = :fingerprint, #environment = :environment, "
      "#last_seen = :now, #first_seen = if_not_exists(#first_seen, :now), "
      "#status = if_not_exists(#status, :open), #recurrences = if_not_exists(#recurrences, :zero) "
      "ADD #scans_seen :one";
  u.args.names = kNames;
  observation_values(u.args.values, what);
  u.args.values[":now"] = at;
  u.args.values[":open"] = std::string(lc::open);
  u.args.values[":zero"] = 0;
  u.args.values[":one"] = 1;
  u.return_values = "ALL_OLD";
  auto old = ddb::update_item(s_, u);
  if (!old) return old.error();

  lc::previous_sighting before;
  before.exists = !old->empty();
  before.status = ddb::get_s(*old, "status");
  before.fingerprint = ddb::get_s(*old, "fingerprint");
  before.resolved_at = core::time::parse_iso8601(ddb::get_s(*old, "resolved_at"));
  if (!before.exists) before.address_resolved_at = address_resolved_at;
  const lc::verdict v = lc::classify(before, what.fingerprint, now);

  observed out;
  out.kind = v.kind;
  out.first_seen = before.exists ? ddb::get_s(*old, "first_seen", at) : at;
  out.scans_seen = ddb::get_int(*old, "scans_seen").value_or(0) + 1;
  out.recurrences = ddb::get_int(*old, "recurrences").value_or(0);
  out.status = before.exists ? before.status : std::string(lc::open);
  out.announced_at = ddb::get_s(*old, "announced_at");
  out.remediation_failed_at = ddb::get_s(*old, "remediation_failed_at");
  out.previous_status = before.status;
  out.remediation_event_ids = detail::string_list(*old, "remediation_event_ids");
  if (v.next_status) {
    // A new item holds the status this update gave it.
    const std::string from = before.exists ? before.status : std::string(lc::open);
    auto moved = move_status(s_, table_, key, from, *v.next_status, v.recurrence);
    if (moved) {
      out.status = ddb::get_s(*moved, "status");
      out.recurrences = ddb::get_int(*moved, "recurrences").value_or(out.recurrences);
    } else if (!ddb::is_condition_failed(moved.error())) {
      return moved.error();
    }
    // A failed condition: a concurrent writer moved the status first; its move stands.
  }
  return out;
}

core::result<std::vector<drift_record>, aws::error> drifts::resolve_absent(
    const std::string& scope, const std::set<std::string>& seen_ids, core::time::time_point now) {
  auto items = list(scope);
  if (!items) return items.error();
  std::vector<drift_record> out;
  for (auto& r : *items) {
    if (seen_ids.count(r.drift_id) || !lc::resolves_when_absent(r.status)) continue;
    ddb::update_request u;
    u.table = table_;
    u.key = key_of(scope, r.drift_id);
    u.update = "SET #status = :resolved, resolved_at = :now";
    u.condition = "#status = :seen";
    u.args.names = {{"#status", "status"}};
    u.args.values = {{":resolved", std::string(lc::resolved_without_us)},
                     {":seen", r.status},
                     {":now", core::time::iso8601(now)}};
    auto moved = ddb::update_item(s_, u);
    if (!moved) {
      if (ddb::is_condition_failed(moved.error())) continue;  // moved meanwhile: not ours
      return moved.error();
    }
    out.push_back(from_item(*moved));
  }
  return out;
}

core::result<int, aws::error> drifts::seed(const std::string& scope,
                                           const std::vector<seed_item>& items,
                                           core::time::time_point first_seen) {
  const std::string at = core::time::iso8601(first_seen);
  int written = 0;
  for (const auto& i : items) {
    ddb::put_request p;
    p.table = table_;
    const auto& w = i.what;
    p.attributes = {
        {"scope", scope},
        {"drift_id", i.drift_id},
        {"address", w.address},
        {"type", w.type},
        {"change", w.change},
        {"attributes", detail::strings(w.attributes)},
        {"severity", w.severity},
        {"fingerprint", w.fingerprint},
        {"environment", w.environment},
        {"status", std::string(lc::open)},
        {"first_seen", at},
        {"last_seen", at},
        {"scans_seen", 1},
        {"recurrences", 0},
        // The previous report's scan alerted and published as it then did: a re-announcement
        // counts from there.
        {"announced_at", at},
    };
    p.condition = "attribute_not_exists(drift_id)";
    auto put = ddb::put_item(s_, p);
    if (put)
      ++written;
    else if (!ddb::is_condition_failed(put.error()))
      return put.error();
  }
  return written;
}

core::result<core::unit, aws::error> drifts::announced(const std::string& scope,
                                                       const std::string& drift_id,
                                                       core::time::time_point now) {
  ddb::update_request u;
  u.table = table_;
  u.key = key_of(scope, drift_id);
  u.update = "SET announced_at = :now";
  u.condition = "attribute_exists(drift_id)";
  u.args.values = {{":now", core::time::iso8601(now)}};
  auto r = ddb::update_item(s_, u);
  if (!r && !ddb::is_condition_failed(r.error())) return r.error();
  return core::unit{};
}

core::result<std::vector<drift_record>, aws::error> drifts::list(const std::string& scope) {
  ddb::query_request q;
  q.table = table_;
  q.key_condition = "#scope = :scope";
  q.args.names = {{"#scope", "scope"}};
  q.args.values = {{":scope", scope}};
  q.consistent_read = true;
  auto items = ddb::query(s_, q);
  if (!items) return items.error();
  std::vector<drift_record> out;
  for (const auto& it : *items) out.push_back(from_item(it));
  return out;
}

core::result<std::vector<drift_record>, aws::error> drifts::list_all() {
  std::vector<drift_record> out;
  ddb::scan_request r;
  r.table = table_;
  auto done = ddb::scan_each(s_, r, [&](const ddb::item& it) {
    out.push_back(from_item(it));
    return true;
  });
  if (!done) return done.error();
  return out;
}

// ---- A remediation's confirmation.

namespace {

// One move of the confirmation: read the item, and only from one of `from` write `update` on
// condition that the status is still the one read.
core::result<std::optional<drift_record>, aws::error> confirmation_move(
    aws::session& s, const std::string& table, const std::string& scope,
    const std::string& drift_id, std::initializer_list<std::string_view> from,
    const std::function<ddb::update_request(const std::string& seen)>& move) {
  auto got = ddb::get_item(s, table, key_of(scope, drift_id), true);
  if (!got) return got.error();
  if (!*got) return std::optional<drift_record>{};
  const std::string seen = ddb::get_s(**got, "status");
  if (std::find(from.begin(), from.end(), seen) == from.end()) return std::optional<drift_record>{};
  ddb::update_request u = move(seen);
  u.table = table;
  u.key = key_of(scope, drift_id);
  u.condition = "#status = :seen";
  u.args.names["#status"] = "status";
  u.args.values[":seen"] = seen;
  u.return_values = "ALL_NEW";
  auto moved = ddb::update_item(s, u);
  if (!moved) {
    if (ddb::is_condition_failed(moved.error())) return std::optional<drift_record>{};
    return moved.error();
  }
  return std::optional<drift_record>(from_item(*moved));
}

// The check's verdict on a remediated drift.
ddb::update_request confirmation_verdict(std::string_view to, core::time::time_point now) {
  ddb::update_request u;
  const bool gone = to == lc::confirmed;
  u.update = gone ? "SET #status = :to, resolved_at = :now, confirmed_at = :now"
                  : "SET #status = :to, confirmed_at = :now REMOVE resolved_at";
  u.args.values = {{":to", std::string(to)}, {":now", core::time::iso8601(now)}};
  return u;
}

}  // namespace

core::result<std::optional<drift_record>, aws::error> drifts::mark_remediated(
    const std::string& scope, const std::string& drift_id,
    const std::vector<std::string>& event_ids, core::time::time_point now) {
  ddb::update_request u;
  u.update =
      "SET #status = :to, remediated_at = :now, remediation_event_ids = :events "
      "REMOVE resolved_at, confirmed_at, remediation_failed_at";
  u.args.values = {{":to", std::string(lc::remediated)},
                   {":now", core::time::iso8601(now)},
                   {":events", detail::strings(event_ids)}};
  return confirmation_move(s_, table_, scope, drift_id,
                           {lc::open, lc::returned, lc::remediating, lc::drift_remains},
                           [&](const std::string&) { return u; });
}

core::result<std::optional<drift_record>, aws::error> drifts::mark_remediating(
    const std::string& scope, const std::string& drift_id, const std::string& remediation_id,
    core::time::time_point now) {
  ddb::update_request u;
  u.update =
      "SET #status = :to, remediating_at = :now, remediation_id = :rem REMOVE resolved_at, "
      "confirmed_at";
  u.args.values = {{":to", std::string(lc::remediating)},
                   {":now", core::time::iso8601(now)},
                   {":rem", remediation_id}};
  return confirmation_move(s_, table_, scope, drift_id, {lc::open, lc::returned, lc::drift_remains},
                           [&](const std::string&) { return u; });
}

core::result<std::optional<drift_record>, aws::error> drifts::mark_remediation_failed(
    const std::string& scope, const std::string& drift_id, core::time::time_point now) {
  return confirmation_move(
      s_, table_, scope, drift_id, {lc::remediating, lc::open, lc::returned, lc::drift_remains},
      [&](const std::string& seen) {
        ddb::update_request u;
        u.update = "SET #status = :to, remediation_failed_at = :now";
        u.args.values = {{":to", seen == lc::remediating ? std::string(lc::open) : seen},
                         {":now", core::time::iso8601(now)}};
        return u;
      });
}

core::result<std::optional<drift_record>, aws::error> drifts::confirm(const std::string& scope,
                                                                      const std::string& drift_id,
                                                                      core::time::time_point now) {
  return confirmation_move(
      s_, table_, scope, drift_id, {lc::remediating, lc::remediated},
      [&](const std::string&) { return confirmation_verdict(lc::confirmed, now); });
}

core::result<std::optional<drift_record>, aws::error> drifts::mark_drift_remains(
    const std::string& scope, const std::string& drift_id, core::time::time_point now) {
  return confirmation_move(
      s_, table_, scope, drift_id, {lc::remediating, lc::remediated},
      [&](const std::string&) { return confirmation_verdict(lc::drift_remains, now); });
}

core::result<std::vector<drift_record>, aws::error> drifts::confirm_absent(
    const std::string& scope, const std::set<std::string>& seen_ids, core::time::time_point now) {
  auto items = list(scope);
  if (!items) return items.error();
  std::vector<drift_record> out;
  for (const auto& r : *items) {
    if (seen_ids.count(r.drift_id) || !lc::awaits_confirmation(r.status)) continue;
    auto moved = confirm(scope, r.drift_id, now);
    if (!moved) return moved.error();
    if (*moved) out.push_back(std::move(**moved));
  }
  return out;
}

}  // namespace store
