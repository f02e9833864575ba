#include "live_check.h"

#include <lambda_runtime/log.h>

#include <algorithm>
#include <set>
#include <thread>

#include "change_event.h"
#include "core/json.h"
#include "core/time.h"
#include "grading.h"
#include "messages.h"
#include "native/registry.h"
#include "native/unmanaged.h"
#include "outputs.h"
#include "resource_index.h"
#include "store/change_journal.h"
#include "store/drifts.h"

namespace scanner {

namespace json = core::json;
using clock = std::chrono::system_clock;

// The live path's access to the runner's outputs (a friend of scan_runner): the same report
// writing, drifts table, alert rule and drift events as a scan, for a targeted report.
class live_checker {
 public:
  live_checker(scan_runner& r, const std::vector<target>& targets, const live_settings& s)
      : runner_(r), cfg_(r.cfg_), targets_(targets), settings_(s) {}

  live_outcome run(const std::vector<change_message>& messages);

 private:
  // One event that located a managed resource.
  struct touch {
    const change_event* event = nullptr;
    std::string message_id;
    std::string address;
    std::string resource;  // ARN, else id (the journal's key)
  };
  struct group {
    const target* tgt = nullptr;
    std::string workspace;
    std::vector<touch> touches;
  };

  // An id-located resource no index names: reported as unmanaged when in the tag scope.
  struct stray {
    const change_event* event = nullptr;
    std::string message_id;
    std::string_view type;
    std::string id;
  };

  void ignore(const std::string& message_id, const char* reason, const std::string& why);
  void check_unmanaged(const stray& u);
  const target* target_for(const workspace_index& ix, const change_event& e, bool global) const;
  void check_group(const group& g);
  void write_journal(const group& g);
  void announce(drift::report& r, const group& g, const change_event& newest, workspace_outcome& o);

  scan_runner& runner_;
  const scanner_config& cfg_;
  const std::vector<target>& targets_;
  const live_settings& settings_;
  live_outcome out_;
  std::set<std::string> acknowledged_;  // message ids ignored: never retried
  std::vector<stray> strays_;
};

void live_checker::ignore(const std::string& message_id, const char* reason,
                          const std::string& why) {
  ++out_.ignored[reason];
  acknowledged_.insert(message_id);
  lambda_runtime::log::warn("change event ignored",
                            {{"message_id", message_id}, {"reason", reason}, {"detail", why}});
}

const target* live_checker::target_for(const workspace_index& ix, const change_event& e,
                                       bool global) const {
  for (const auto& t : targets_) {
    if (t.name != ix.target) continue;
    if (!t.account_id.empty() && !e.account.empty() && t.account_id != e.account) return nullptr;
    if (!global && !t.region.empty() && !e.region.empty() && t.region != e.region) return nullptr;
    return &t;
  }
  return nullptr;
}

live_outcome live_checker::run(const std::vector<change_message>& messages) {
  std::vector<change_event> events;
  std::vector<std::string> ids;
  events.reserve(messages.size());
  for (const auto& m : messages) {
    auto e = parse_change_event(m.body);
    if (!e) {
      ignore(m.message_id, ignore_reason::malformed, e.error().code + ": " + e.error().message);
      continue;
    }
    events.push_back(std::move(e.value()));
    ids.push_back(m.message_id);
  }

  // The index is read once per invocation, and only when some event may need it.
  std::optional<resource_index> index;
  std::map<std::pair<std::string, std::string>, group> groups;
  for (std::size_t i = 0; i < events.size(); ++i) {
    const change_event& e = events[i];
    if (!e.is_write()) {
      ignore(ids[i], ignore_reason::not_write, e.event_name + (e.failed() ? " failed" : " read"));
      continue;
    }
    if (made_by(e, settings_.ignore_role_arns)) {
      ignore(ids[i], ignore_reason::ignored_role,
             e.event_name + " by " + e.by.session_issuer_arn + e.by.principal_arn);
      continue;
    }
    const auto located = native::locate(e);
    if (located.empty()) {
      ignore(ids[i], ignore_reason::unsupported, e.event_source + " " + e.event_name);
      continue;
    }
    if (!index) {
      if (!runner_.base_ || cfg_.report_bucket.empty()) {
        out_.errors.push_back("REPORT_BUCKET is not set: no resource index to look in");
        ignore(ids[i], ignore_reason::not_found, "no resource index");
        continue;
      }
      auto loaded = resource_index::load(*runner_.base_, cfg_.report_bucket);
      if (!loaded) {
        // S3 failing is transient: every event not already acknowledged is delivered again.
        out_.errors.push_back("resource index: " + loaded.error().describe());
        for (const auto& id : ids)
          if (!acknowledged_.count(id)) out_.retry.push_back(id);
        groups.clear();
        break;
      }
      index = std::move(loaded.value());
    }
    bool managed = false;
    for (const auto& l : located) {
      const auto* m = native::find_module(l.type);
      const bool global = m && m->changes && m->changes->global;
      // A resource located by attribute values (policy attachments, memberships) cannot be
      // told apart in the index: every instance of its type is read again (a few reads).
      const auto matches =
          l.where.id.empty() ? index->of_type(l.type) : index->find(l.type, l.where.id);
      for (const auto& hit : matches) {
        const target* t = target_for(*hit.workspace, e, global);
        if (!t) continue;
        managed = true;
        auto& g = groups[{t->name, hit.workspace->workspace}];
        g.tgt = t;
        g.workspace = hit.workspace->workspace;
        g.touches.push_back({&e, ids[i], hit.entry->address,
                             hit.entry->arn.empty() ? hit.entry->id : hit.entry->arn});
      }
    }
    // No state of a configured target manages it. The scheduled scan's unmanaged discovery
    // reports such resources (in the tag scope); the live path does not yet.
    if (!managed) {
      const auto& first = located.front();
      if (first.where.id.empty() || e.event_name.rfind("Delete", 0) == 0)
        ignore(ids[i], ignore_reason::unmanaged,
               e.event_name + " " + std::string(first.type) + " (no id, or deleted)");
      else
        strays_.push_back({&e, ids[i], first.type, first.where.id});
    }
  }

  // Settle: CloudTrail records a call when it is made; a few seconds later the resource reads
  // as the call left it. Usually this has passed already (the queue's delay does the rest).
  auto ready = clock::time_point::min();
  for (const auto& [k, g] : groups)
    for (const auto& t : g.touches)
      if (auto at = core::time::parse_iso8601(t.event->event_time))
        ready = std::max(ready, *at + settings_.settle);
  const auto now = clock::now();
  if (ready > now) {
    auto wait = ready - now;
    if (cfg_.deadline != clock::time_point::max())
      wait = std::min<clock::duration>(
          wait, std::max<clock::duration>(cfg_.deadline - now - std::chrono::seconds(20),
                                          clock::duration::zero()));
    wait = std::min<clock::duration>(wait, settings_.settle);
    std::this_thread::sleep_for(wait);
  }

  for (const auto& [k, g] : groups) check_group(g);
  for (const auto& u : strays_) check_unmanaged(u);

  if (cfg_.put_metrics && runner_.base_ && !out_.ignored.empty()) {
    std::vector<aws_calls::metric_datum> data;
    for (const auto& [reason, n] : out_.ignored)
      data.push_back({"ChangeEventsIgnored", {{"Reason", reason}}, double(n), "Count"});
    auto sent = aws_calls::put_metric_data(*runner_.base_, cfg_.metrics_namespace, data);
    out_.metrics_sent = sent.ok();
    if (!sent) out_.errors.push_back("PutMetricData failed: " + sent.error().describe());
  }
  std::sort(out_.retry.begin(), out_.retry.end());
  out_.retry.erase(std::unique(out_.retry.begin(), out_.retry.end()), out_.retry.end());
  return std::move(out_);
}

namespace {

// A failure worth another delivery: AWS answering with throttling or a server error, or not
// answering. A state that is missing or unreadable stays so: acknowledged, reported.
bool transient(const std::string& code) {
  static const std::set<std::string> lasting = {
      "StateNotFound", "InvalidState",      "StateTooLarge",     "InvalidTarget",
      "NoEngine",      "InvalidRulesFile",  "InvalidIgnoreFile", "UnsupportedVersion",
      "NotJson",       "StateAccessDenied", "AccessDenied",      "NoSession"};
  return !lasting.count(code);
}

std::string changes_key(const std::string& target, const std::string& workspace,
                        const change_event& e) {
  const auto at = core::time::parse_iso8601(e.event_time).value_or(clock::now());
  return "reports/" + target + "/" + workspace + "/changes/" + core::time::iso8601_for_key(at) +
         "-" + (e.event_id.empty() ? e.id : e.event_id) + ".json";
}

}  // namespace

void live_checker::check_group(const group& g) {
  std::vector<std::string> addresses;
  for (const auto& t : g.touches)
    if (std::find(addresses.begin(), addresses.end(), t.address) == addresses.end())
      addresses.push_back(t.address);
  auto retry_group = [&](const std::string& why) {
    out_.errors.push_back(g.tgt->name + "/" + g.workspace + ": " + why);
    for (const auto& t : g.touches) out_.retry.push_back(t.message_id);
  };
  // The newest call decides the report's trigger; each drift names the newest call on it.
  auto newer = [](const touch& a, const touch& b) {
    return a.event->event_time < b.event->event_time;
  };
  const touch& newest = *std::max_element(g.touches.begin(), g.touches.end(), newer);

  drift::report r = runner_.check_addresses(*g.tgt, g.workspace, addresses);
  for (const auto& e : r.errors)
    if (transient(e.code)) return retry_group(e.code + ": " + e.message);
  const change_event& ne = *newest.event;
  r.trigger = drift::report_trigger{ne.event_id, ne.id, ne.event_name, ne.event_time, ne.source};
  for (auto& d : r.drifts) {
    const touch* last = nullptr;
    for (const auto& t : g.touches)
      if (t.address == d.address && (!last || newer(*last, t))) last = &t;
    if (last) d.changed_by = last->event->by;
  }

  workspace_outcome o;
  announce(r, g, ne, o);
  write_journal(g);
  if (!o.output_errors.empty()) {
    for (const auto& e : o.output_errors) lambda_runtime::log::error(e, {{"target", g.tgt->name}});
    retry_group(o.output_errors.front());
  }
  lambda_runtime::log::info("change checked", {{"target", g.tgt->name},
                                               {"workspace", g.workspace},
                                               {"event_id", ne.event_id},
                                               {"drifted", std::to_string(r.summary.drifted)},
                                               {"report", o.report_uri}});
  o.report = std::move(r);
  out_.reports.push_back(std::move(o));
}

// The scheduled scan's unmanaged discovery, for one resource: its type's listing in the
// event's target (account and region), the resource's tags held against UNMANAGED_SCOPE_TAGS.
// In scope, an `unmanaged` finding in a report of the target's `_unmanaged` segment.
void live_checker::check_unmanaged(const stray& u) {
  const auto* m = native::find_module(u.type);
  const bool global = m && m->changes && m->changes->global;
  const target* t = nullptr;
  for (const auto& c : targets_)
    if ((c.account_id.empty() || u.event->account.empty() || c.account_id == u.event->account) &&
        (global || c.region.empty() || u.event->region.empty() || c.region == u.event->region)) {
      t = &c;
      break;
    }
  if (!m || !m->list || !t || !runner_.base_)
    return ignore(u.message_id, ignore_reason::unmanaged,
                  std::string(u.type) + " " + u.id + ": no target or listing for it");
  const auto cloud = runner_.session_for(*t, t->region);
  const terraform::state none;
  const native::read_context ctx{*cloud, none, t->account_id, t->region, nullptr, cfg_.deadline};
  auto listed = m->list(ctx);
  if (!listed) {
    out_.errors.push_back(std::string(u.type) + " listing: " + listed.error().describe());
    out_.retry.push_back(u.message_id);
    return;
  }
  const auto found = std::find_if(listed->begin(), listed->end(),
                                  [&](const native::discovered& d) { return d.id == u.id; });
  if (found == listed->end())
    return ignore(u.message_id, ignore_reason::not_found, std::string(u.type) + " " + u.id);
  if (!native::in_unmanaged_scope(found->tags))
    return ignore(u.message_id, ignore_reason::unmanaged_out_of_scope,
                  std::string(u.type) + " " + u.id);
  findings f;
  f.engine = "native";
  finding x;
  x.change = drift::change_kind::unmanaged;
  x.type = std::string(u.type);
  x.id = found->import_id.empty() ? found->id : found->import_id;
  x.tags = found->tags;
  f.drifts.push_back(std::move(x));
  const std::string ws = "_unmanaged";
  const auto now = core::time::iso8601(clock::now());
  report_context rc{
      random_uuid(), now, now, {t->name, t->account_id, t->region, ws, "unknown", ""}};
  drift::report r = grade(f, rc, drift::rule_table::builtin(), drift::ignore_rules{});
  const change_event& e = *u.event;
  r.trigger = drift::report_trigger{e.event_id, e.id, e.event_name, e.event_time, e.source};
  for (auto& d : r.drifts) d.changed_by = e.by;
  group g{t, ws, {}};
  workspace_outcome o;
  announce(r, g, e, o);
  if (!o.output_errors.empty()) {
    out_.errors.push_back(o.output_errors.front());
    out_.retry.push_back(u.message_id);
  }
  o.report = std::move(r);
  out_.reports.push_back(std::move(o));
}

void live_checker::announce(drift::report& r, const group& g, const change_event& newest,
                            workspace_outcome& o) {
  const auto now = clock::now();
  // With the drifts table, each drift keeps its identity and is announced once, whether the
  // live path or the scheduled scan sees it first. Nothing is resolved: this check read only
  // the changed resources.
  std::vector<store::observed> sightings;
  const bool tracked = !cfg_.lifecycle.drifts_table.empty() && runner_.base_;
  const std::string scope = store::drift_scope(g.tgt->name, g.workspace);
  if (tracked) {
    store::drifts table(*runner_.base_, cfg_.lifecycle.drifts_table);
    for (auto& d : r.drifts) {
      d.drift_id = store::drift_id(g.tgt->name, g.workspace, d);
      auto seen =
          table.observe(scope, d.drift_id, store::observation_of(d, r.target.environment), now);
      if (!seen) {
        o.output_errors.push_back("drifts table: " + seen.error().describe());
        return;
      }
      d.first_seen = seen->first_seen;
      d.scans_seen = static_cast<int>(seen->scans_seen);
      d.recurrence = static_cast<int>(seen->recurrences);
      sightings.push_back(std::move(*seen));
    }
  }
  runner_.write_report(r, changes_key(g.tgt->name, g.workspace, newest), "", false, o);

  scan_runner::tracked t{scope, sightings, {}};
  drift::critical_delta delta;
  for (std::size_t i = 0; i < r.drifts.size(); ++i) {
    const auto kind = tracked ? sightings[i].kind : drift::lifecycle::sighting::new_drift;
    if (!drift::lifecycle::should_alert(kind, r.drifts[i].level, cfg_.lifecycle.alert_minimum))
      continue;
    (kind == drift::lifecycle::sighting::changed   ? delta.changed
     : kind == drift::lifecycle::sighting::remains ? delta.remains
                                                   : delta.added)
        .push_back(r.drifts[i]);
  }
  if (cfg_.send_alerts && runner_.base_) {
    if (auto msg = build_alert(r, delta, o.report_uri, cfg_.lifecycle.alert_minimum)) {
      // Each finding of the alert names who changed it (build_alert, from changed_by).
      if (cfg_.alert_topic_arn.empty()) {
        o.output_errors.push_back("ALERT_TOPIC_ARN is not set");
      } else if (auto sent = aws_calls::sns_publish(*runner_.base_, cfg_.alert_topic_arn,
                                                    msg->subject, msg->body);
                 !sent) {
        o.output_errors.push_back("alert not sent: " + sent.error().describe());
      } else {
        o.alerted = true;
        if (tracked)
          for (const auto* list : {&delta.added, &delta.changed, &delta.remains})
            for (const auto& d : *list) runner_.mark_announced(t, d.drift_id, now, o);
      }
    }
  }
  // Slack, Teams, PagerDuty: the same messages a scheduled scan sends for the same news, so
  // that a console change reaches people within the minute the live path takes.
  runner_.send_messages(messages::for_scan(r, delta, o.report_uri, o.page_link), o.notifications);
  if (!cfg_.publish_events || !runner_.base_) return;
  const event_context ec{g.tgt->account_id, g.tgt->region,
                         "s3://" + g.tgt->state.bucket + "/" + g.tgt->state_key_of(g.workspace),
                         o.report_uri, core::time::iso8601(now)};
  for (std::size_t i = 0; i < r.drifts.size(); ++i) {
    const auto& d = r.drifts[i];
    if (!auto_revert(d)) continue;
    if (tracked) {
      const auto& seen = sightings[i];
      const drift::lifecycle::announce_history told{
          core::time::parse_iso8601(seen.announced_at),
          core::time::parse_iso8601(seen.remediation_failed_at)};
      if (!drift::lifecycle::should_announce(seen.kind, told, now, cfg_.lifecycle.announce))
        continue;
    }
    if (cfg_.drift_topic_arn.empty()) {
      o.output_errors.push_back("DRIFT_TOPIC_ARN is not set");
      return;
    }
    // build_drift_event names the actor (changeAuthor, changeTime) from d.changed_by.
    const auto [body, trimmed] =
        event_json_within_limit(build_drift_event(r, d, ec, random_uuid()));
    (void)trimmed;
    if (auto sent = aws_calls::sns_publish(*runner_.base_, cfg_.drift_topic_arn, "", body)) {
      ++o.events_published;
      if (tracked) runner_.mark_announced(t, d.drift_id, now, o);
    } else {
      o.output_errors.push_back("drift event for " + d.address +
                                " not sent: " + sent.error().describe());
    }
  }
}

void live_checker::write_journal(const group& g) {
  if (settings_.journal_table.empty() || !runner_.base_) return;
  store::change_journal journal(*runner_.base_, settings_.journal_table);
  const auto now = clock::now();
  for (const auto& t : g.touches) {
    const change_event& e = *t.event;
    store::change_entry entry{t.resource,         e.event_time,         e.event_id,  e.event_name,
                              e.event_source,     g.tgt->name,          g.workspace, t.address,
                              e.by.principal_arn, changed_by_json(e.by)};
    if (auto put = journal.record(entry, now))
      ++out_.journaled;
    else
      out_.errors.push_back("change journal: " + put.error().describe()),
          out_.retry.push_back(t.message_id);
  }
}

std::vector<std::string> attach_changed_by(aws::session& s, const std::string& journal_table,
                                           drift::report& r, const drift::report* previous) {
  std::vector<std::string> problems;
  store::change_journal journal(s, journal_table);
  for (auto& d : r.drifts) {
    if (d.changed_by || d.change == drift::change_kind::unmanaged) continue;
    std::string since;
    if (previous && previous->exit_code != 1) {
      const bool was_drifting =
          std::any_of(previous->drifts.begin(), previous->drifts.end(),
                      [&](const drift::drift_item& p) { return p.address == d.address; });
      if (!was_drifting) since = previous->started_at;
    }
    for (const auto* key : {&d.arn, &d.id}) {
      if (key->empty()) continue;
      auto found = journal.latest(*key, since);
      if (!found) {
        problems.push_back(d.address + ": " + found.error().describe());
        break;
      }
      if (!*found || (*found)->address != d.address) continue;
      // The journal keeps the report's JSON object; read back through the guarded parser.
      auto by = json::parse((*found)->changed_by_json);
      if (!by || !by->IsObject()) continue;
      changed_by c;
      c.principal_arn = json::string_member(*by, "principal_arn");
      c.identity_type = json::string_member(*by, "identity_type");
      c.account_id = json::string_member(*by, "account_id");
      c.user_name = json::string_member(*by, "user_name");
      c.session_issuer_arn = json::string_member(*by, "session_issuer_arn");
      c.session_name = json::string_member(*by, "session_name");
      c.identity_center_user_id = json::string_member(*by, "identity_center_user_id");
      c.identity_store_arn = json::string_member(*by, "identity_store_arn");
      c.by_service = json::string_member(*by, "by_service");
      c.source_ip = json::string_member(*by, "source_ip");
      c.user_agent = json::string_member(*by, "user_agent");
      c.event_id = json::string_member(*by, "event_id");
      c.event_time = json::string_member(*by, "event_time");
      d.changed_by = std::move(c);
      break;
    }
  }
  return problems;
}

live_outcome check_changes(scan_runner& runner, const std::vector<target>& targets,
                           const std::vector<change_message>& messages, const live_settings& s) {
  return live_checker(runner, targets, s).run(messages);
}

std::string live_outcome_json(const live_outcome& o) {
  rapidjson::StringBuffer sb;
  json::writer w(sb);
  w.StartObject();
  w.Key("batchItemFailures");
  w.StartArray();
  for (const auto& id : o.retry) {
    w.StartObject();
    json::kv(w, "itemIdentifier", id);
    w.EndObject();
  }
  w.EndArray();
  w.Key("reports");
  w.StartArray();
  for (const auto& s : o.reports) {
    w.StartObject();
    json::kv(w, "target", s.report.target.name);
    json::kv(w, "workspace", s.report.target.workspace);
    json::kv(w, "report_uri", s.report_uri);
    w.Key("drifted");
    w.Int(s.report.summary.drifted);
    w.Key("alerted");
    w.Bool(s.alerted);
    w.Key("events_published");
    w.Int(s.events_published);
    w.Key("errors");
    w.StartArray();
    for (const auto& e : s.report.errors) json::str(w, e.code + ": " + e.message);
    for (const auto& e : s.output_errors) json::str(w, e);
    w.EndArray();
    w.EndObject();
  }
  w.EndArray();
  w.Key("ignored");
  w.StartObject();
  for (const auto& [reason, n] : o.ignored) {
    json::key(w, reason);
    w.Int(n);
  }
  w.EndObject();
  w.Key("journaled");
  w.Int(o.journaled);
  w.Key("metrics_sent");
  w.Bool(o.metrics_sent);
  json::kv_list(w, "errors", o.errors);
  w.EndObject();
  return std::string(sb.GetString(), sb.GetSize());
}

}  // namespace scanner
