#include "scanner.h"

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <map>
#include <set>

#include "aws/credential_providers.h"
#include "core/time.h"
#include "drift/ignore.h"
#include "fleet.h"
#include "grading.h"
#include "live_check.h"
#include "messages.h"
#include "outputs.h"
#include "plan_findings.h"
#include "report_html.h"
#include "resource_index.h"
#include "slice_parts.h"
#include "state_fetch.h"
#include "store/history.h"
#include "terraform_engine.h"

namespace fs = std::filesystem;

namespace scanner {

namespace {

using clock = std::chrono::system_clock;

double seconds_since(clock::time_point t0) {
  return std::chrono::duration<double>(clock::now() - t0).count();
}

drift::report error_report(const target& t, const std::string& workspace,
                           const std::string& environment, std::string code, std::string message,
                           clock::time_point started, const std::string& state_location) {
  findings f;
  f.engine = "none";
  f.errors.push_back({std::move(code), std::move(message), ""});
  report_context ctx{random_uuid(),
                     core::time::iso8601(started),
                     core::time::iso8601(clock::now()),
                     {t.name, t.account_id, t.region, workspace, environment, state_location}};
  return grade(f, ctx, drift::rule_table::builtin(), drift::ignore_rules{});
}

bool write_file(const fs::path& p, const std::string& body) {
  std::error_code ec;
  fs::create_directories(p.parent_path(), ec);
  std::ofstream out(p, std::ios::binary | std::ios::trunc);
  out << body;
  return static_cast<bool>(out);
}

std::optional<std::string> read_file(const fs::path& p) {
  std::ifstream in(p, std::ios::binary);
  if (!in) return std::nullopt;
  return std::string(std::istreambuf_iterator<char>(in), {});
}

// The SNS alert's per-protocol messages: e-mail gets the plain text for people, when there is one.
std::map<std::string, std::string> email_of(std::string body) {
  if (body.empty()) return {};
  return {{"email", std::move(body)}};
}

fleet_source fleet_source_of(const scanner_config& cfg) {
  return {cfg.report_bucket, cfg.lifecycle.drifts_table, cfg.lifecycle.history_table,
          cfg.report_base_url};
}

}  // namespace

// How a target's drift is graded: its rules and ignore files, when it names them. A broken
// file is an error of every report of the target; the built-in table still grades, so the
// drift is not lost.
struct grading_setup {
  std::optional<drift::rule_table> custom_rules;
  drift::ignore_rules ignore;
  std::vector<drift::report_error> errors;
  const drift::rule_table& rules() const {
    return custom_rules ? *custom_rules : drift::rule_table::builtin();
  }
};

namespace {

// The state as a revert check reads it: the instances of the addresses a remediation applied
// (an address names its instances and, for a module, everything inside, as -target does).
terraform::state state_with_addresses(const terraform::state& full,
                                      const std::vector<std::string>& addresses) {
  terraform::state out = full;
  out.resources.clear();
  for (const auto& r : full.resources)
    for (const auto& a : addresses)
      if (r.address == a || (r.address.rfind(a, 0) == 0 && r.address.size() > a.size() &&
                             (r.address[a.size()] == '[' || r.address[a.size()] == '.'))) {
        out.resources.push_back(r);
        break;
      }
  return out;
}

grading_setup load_grading(const target& t, aws::session* s) {
  grading_setup g;
  if (!t.rules_file.empty()) {
    auto text = read_source(s, t.rules_file);
    auto parsed = text ? drift::rule_table::builtin().with_overrides(text.value())
                       : core::result<drift::rule_table>(text.error());
    if (parsed)
      g.custom_rules = std::move(parsed.value());
    else
      g.errors.push_back({"InvalidRulesFile", t.rules_file + ": " + parsed.error().message, ""});
  }
  if (!t.ignore_file.empty()) {
    auto text = read_source(s, t.ignore_file);
    if (text)
      g.ignore = drift::ignore_rules::parse(text.value());
    else
      g.errors.push_back({"InvalidIgnoreFile", t.ignore_file + ": " + text.error().message, ""});
  }
  return g;
}

// The workspaces a request scans: the one it names, the one a handed-in plan is for, the
// target's list, or those found under its backend's prefix.
core::result<std::vector<std::string>> workspaces_to_scan(const target& t, const scan_request& req,
                                                          aws::session* state_session) {
  if (!req.workspace.empty()) return std::vector<std::string>{req.workspace};
  if (req.plan_json)
    return std::vector<std::string>{t.state.workspaces.size() == 1 ? t.state.workspaces[0]
                                                                   : "default"};
  return target_workspaces(state_session, t);
}

// The engine SCAN_ENGINE asks for ("auto": Terraform when a binary and the target's
// terraform_dir exist, else native), or the error that there is none.
core::result<std::unique_ptr<engine>> choose_engine(const std::string& wanted, const target& t) {
  if (terraform_engine_chosen(wanted, t))
    return std::unique_ptr<engine>(std::make_unique<terraform_engine>());
  if (wanted != "native" && wanted != "auto")
    return core::error{"NoEngine", "unknown SCAN_ENGINE '" + wanted + "'"};
  auto native = make_native_engine();
  if (!native) return core::error{"NoEngine", "the native engine is not part of this build"};
  return native;
}

}  // namespace

std::map<std::string, int> notification_tally::failures_by_channel() const {
  std::map<std::string, int> out;
  for (const auto& [channel, n] : sent) out[channel] += 0;
  for (const auto& [channel, n] : failed) out[channel] += n;
  return out;
}

scan_runner::scan_runner(scanner_config cfg, std::shared_ptr<aws::session> base)
    : cfg_(std::move(cfg)), base_(std::move(base)) {}

void scan_runner::say(const std::string& line) const {
  if (cfg_.progress) cfg_.progress(line);
}

std::shared_ptr<aws::session> scan_runner::session_for(const target& t, const std::string& region) {
  if (!base_) return nullptr;
  aws::session::options o;
  o.region = region.empty() ? base_->region() : region;
  o.credentials = base_->credentials();
  if (!t.role_arn.empty()) {
    aws::assume_role_options a;
    a.role_arn = t.role_arn;
    a.external_id = t.external_id;
    a.session_name = "drift-scanner-" + t.name.substr(0, 40);
    o.credentials = aws::assume_role_credentials(base_, a);
  }
  return std::make_shared<aws::session>(std::move(o));
}

run_outcome scan_runner::run(const std::vector<target>& targets, const scan_request& req) {
  run_outcome out;
  metrics_.clear();
  any_success_ = false;
  run_targets_ = &targets;
  slice_parts_.clear();
  listed_scopes_.clear();
  const auto t0 = clock::now();
  bool matched = false;
  for (const auto& t : targets) {
    if (!req.target.empty() && t.name != req.target) continue;
    matched = true;
    for (auto& w : scan_target(t, req)) out.scans.push_back(std::move(w));
  }
  if (!matched)
    out.errors.push_back(req.target.empty() ? "no scan targets configured"
                                            : "no scan target named " + req.target);
  out.slice_parts = std::move(slice_parts_);
  // The fleet page is rebuilt whole after each run's reports: with a fan-out, the last target
  // to finish writes it, complete all the same.
  if (cfg_.rebuild_fleet_page && cfg_.write_s3 && base_ && !out.scans.empty()) {
    if (auto page = rebuild_fleet_page(*base_, fleet_source_of(cfg_), clock::now(), out.errors);
        !page)
      out.errors.push_back("fleet page not written: " + page.error().describe());
  }
  if (cfg_.put_metrics && base_ && !metrics_.empty()) {
    // The "no scan in 12 h" alarm watches ScanDuration without dimensions: once per run.
    if (any_success_) metrics_.push_back({"ScanDuration", {}, seconds_since(t0), "Seconds"});
    out.metrics_sent = send_metrics(out.errors);
  }
  bool failed = !out.errors.empty(), drifted = false;
  for (const auto& s : out.scans) {
    if (s.report.exit_code == 1 || !s.output_errors.empty()) failed = true;
    if (s.report.exit_code == 2) drifted = true;
  }
  out.exit_code = failed ? 1 : (drifted ? 2 : 0);
  return out;
}

std::vector<workspace_outcome> scan_runner::scan_target(const target& t, const scan_request& req) {
  const auto started = clock::now();
  auto target_failure = [&](core::error e) {
    say("target " + t.name + ": " + e.message);
    const std::string env =
        t.state.workspaces.size() == 1 ? t.environment_of(t.state.workspaces[0]) : "unknown";
    return std::vector<workspace_outcome>{
        emit(error_report(t, "_target", env, std::move(e.code), std::move(e.message), started,
                          "s3://" + t.state.bucket + "/" + t.state.key),
             t, "", seconds_since(started))};
  };
  if (!t.problem.empty()) return target_failure({"InvalidTarget", t.problem});

  const auto state_session = session_for(t, t.state.region);
  const auto cloud_session = session_for(t, t.region);
  const grading_setup grading = load_grading(t, state_session.get());
  auto workspaces = workspaces_to_scan(t, req, state_session.get());
  if (!workspaces) return target_failure(workspaces.error());

  std::vector<workspace_outcome> out;
  if (req.slice) {
    if (auto o =
            scan_slice(t, workspaces->front(), req, grading, state_session.get(), cloud_session))
      out.push_back(std::move(*o));
    return out;
  }
  // Unmanaged discovery lists an account's region once a run: with the first workspace of the
  // first target there (the event may say otherwise).
  bool list_region = req.find_unmanaged.value_or(true);
  if (!req.find_unmanaged && !t.discovery_scope().empty())
    list_region = listed_scopes_.insert(t.discovery_scope()).second;
  bool first = true;
  for (const auto& ws : workspaces.value()) {
    const auto ws_started = clock::now();
    scan_request this_one = req;
    this_one.find_unmanaged = list_region && first;
    first = false;
    drift::report r =
        scan_workspace(t, ws, this_one, grading, state_session.get(), cloud_session, ws_started);
    out.push_back(emit(std::move(r), t, t.state_key_of(ws), seconds_since(ws_started)));
  }
  return out;
}

std::optional<workspace_outcome> scan_runner::scan_slice(
    const target& t, const std::string& ws, const scan_request& req, const grading_setup& grading,
    aws::session* state_session, const std::shared_ptr<aws::session>& cloud_session) {
  const auto started = clock::now();
  const slice_spec& slice = *req.slice;
  const std::string part_name = t.name + "/" + ws + " part " + std::to_string(slice.index + 1) +
                                " of " + std::to_string(slice.count);
  say("scanning " + part_name);
  scan_request this_one = req;
  this_one.find_unmanaged = req.find_unmanaged.value_or(slice.index == 0);
  const workspace_scan scan{
      &t, ws, t.environment_of(ws), t.state_key_of(ws), nullptr, cloud_session, cfg_.deadline};
  findings part = find_drift(scan, this_one, state_session);
  auto fail = [&](std::string code, std::string message) {
    say("  " + part_name + ": " + message);
    return emit(error_report(t, ws, t.environment_of(ws), std::move(code), std::move(message),
                             started, "s3://" + t.state.bucket + "/" + t.state_key_of(ws)),
                t, t.state_key_of(ws), seconds_since(started));
  };
  if (!base_ || cfg_.report_bucket.empty() || !cfg_.write_s3)
    return fail("NoReportBucket", part_name + ": a sliced scan keeps its parts in REPORT_BUCKET");
  auto progress = write_part_and_merge(*base_, cfg_.report_bucket, t.name, ws, slice, part,
                                       core::time::iso8601(started));
  if (!progress) return fail(progress.error().code, part_name + ": " + progress.error().message);
  slice_parts_.push_back(part_name);
  say("  " + part_name + ": " + std::to_string(progress->present) + " of " +
      std::to_string(slice.count) + " parts written" +
      (progress->taken_over    ? ", merged here (its earlier attempt claimed the merge)"
       : progress->merged_here ? ", merged here"
                               : ""));
  if (!progress->merged_here) return std::nullopt;
  drift::report r = graded(std::move(progress->merged), t, ws, grading, progress->started_at);
  auto outcome = emit(std::move(r), t, t.state_key_of(ws), seconds_since(started));
  if (auto marked = mark_merge_emitted(*base_, cfg_.report_bucket, t.name, ws, slice); !marked)
    say("  " + part_name + ": the merge is not marked emitted (" + marked.error().message +
        "): a retry of this slice would emit again");
  return outcome;
}

drift::report scan_runner::graded(findings f, const target& t, const std::string& ws,
                                  const grading_setup& grading, const std::string& started_at) {
  f.errors.insert(f.errors.end(), grading.errors.begin(), grading.errors.end());
  report_context ctx{random_uuid(),
                     started_at,
                     core::time::iso8601(clock::now()),
                     {t.name, t.account_id, t.region, ws, t.environment_of(ws),
                      "s3://" + t.state.bucket + "/" + t.state_key_of(ws)}};
  drift::report r = grade(f, ctx, grading.rules(), grading.ignore);
  say("  " + t.name + "/" + ws + ": exit " + std::to_string(r.exit_code) + ", " +
      std::to_string(r.summary.drifted) + " drifted of " +
      std::to_string(r.summary.resources_scanned));
  return r;
}

drift::report scan_runner::scan_workspace(const target& t, const std::string& ws,
                                          const scan_request& req, const grading_setup& grading,
                                          aws::session* state_session,
                                          const std::shared_ptr<aws::session>& cloud_session,
                                          clock::time_point started) {
  const std::string state_key = t.state_key_of(ws);
  const std::string environment = t.environment_of(ws);
  say("scanning " + t.name + "/" + ws + " (" + environment + ")");
  const workspace_scan scan{&t, ws, environment, state_key, nullptr, cloud_session, cfg_.deadline};
  return graded(find_drift(scan, req, state_session), t, ws, grading, core::time::iso8601(started));
}

revert_outcome scan_runner::check_revert(const std::vector<target>& targets,
                                         const scan_request& req) {
  revert_outcome out;
  out.target = req.target;
  out.workspace = req.workspace;
  metrics_.clear();
  run_targets_ = &targets;
  const auto t = std::find_if(targets.begin(), targets.end(),
                              [&](const target& x) { return x.name == req.target; });
  if (t == targets.end() || !t->problem.empty()) {
    out.errors.push_back(t == targets.end() ? "no scan target named " + req.target
                                            : "target " + t->name + ": " + t->problem);
    return out;
  }
  const auto started = clock::now();
  const auto state_session = session_for(*t, t->state.region);
  const grading_setup grading = load_grading(*t, state_session.get());
  const drift::report r = scan_workspace(*t, req.workspace, req, grading, state_session.get(),
                                         session_for(*t, t->region), started);
  for (const auto& e : r.errors) out.errors.push_back(e.code + ": " + e.message);

  // Gone only when every remediated resource was really compared; otherwise the next
  // scheduled scan decides.
  const bool compared =
      r.errors.empty() && !r.incomplete && r.not_checked.empty() && r.summary.resources_scanned > 0;
  std::set<std::string> still, drifting;
  for (const auto& d : r.drifts) {
    still.insert(store::drift_id(t->name, req.workspace, d));
    drifting.insert(d.address);
  }
  // A drift id names the attributes that drifted: a resource still drifting on others has a new
  // id, and its old one is not gone. The table says which address each id is.
  const std::string scope = store::drift_scope(t->name, req.workspace);
  std::map<std::string, std::string> address_of;
  if (!cfg_.lifecycle.drifts_table.empty() && base_) {
    auto known = store::drifts(*base_, cfg_.lifecycle.drifts_table).list(scope);
    if (known)
      for (const auto& k : *known) address_of[k.drift_id] = k.address;
    else
      out.errors.push_back("drifts table: " + known.error().describe());
  }
  std::vector<revert_verdict> verdicts;
  for (const auto& id : req.revert->drift_ids) {
    const auto where = address_of.find(id);
    if (still.count(id) || (where != address_of.end() && drifting.count(where->second)))
      out.drift_remains.push_back(id);
    else if (compared && (where != address_of.end() || address_of.empty()))
      out.confirmed.push_back(id);
    else
      out.undecided.push_back(id);
  }
  const auto now = clock::now();
  if (!cfg_.lifecycle.drifts_table.empty() && base_) {
    store::drifts table(*base_, cfg_.lifecycle.drifts_table);
    std::set<std::string> newly_remaining;
    for (const auto* ids : {&out.confirmed, &out.drift_remains})
      for (const auto& id : *ids) {
        auto moved = ids == &out.confirmed ? table.confirm(scope, id, now)
                                           : table.mark_drift_remains(scope, id, now);
        if (!moved)
          out.errors.push_back("drifts table: " + id + ": " + moved.error().describe());
        else if (*moved && ids == &out.drift_remains)
          newly_remaining.insert(id);
      }
    // Said once, by whoever moves the drift to drift_remains: a later scan sees it standing.
    std::set<std::string> remaining_addresses;
    for (const auto& id : newly_remaining)
      if (auto where = address_of.find(id); where != address_of.end())
        remaining_addresses.insert(where->second);
    out.alerted = alert_revert_not_held(r, *t, req.workspace, newly_remaining, remaining_addresses,
                                        table, out.errors, out.notifications);
  }
  for (const auto& id : out.confirmed) verdicts.push_back({id, true, req.revert->drift_event_ids});
  for (const auto& id : out.drift_remains)
    verdicts.push_back({id, false, req.revert->drift_event_ids});
  out.events_recorded = record_revert_verdicts(verdicts, now, out.errors);
  for (auto& m : notification_metrics(out.notifications.failures_by_channel()))
    metrics_.push_back(std::move(m));
  if (cfg_.put_metrics && base_ && !metrics_.empty()) out.metrics_sent = send_metrics(out.errors);
  return out;
}

drift::report scan_runner::check_addresses(const target& t, const std::string& workspace,
                                           const std::vector<std::string>& addresses) {
  scan_request req;
  req.target = t.name;
  req.workspace = workspace;
  req.revert = revert_request{addresses, {}, {}};
  const auto state_session = session_for(t, t.state.region);
  const grading_setup grading = load_grading(t, state_session.get());
  return scan_workspace(t, workspace, req, grading, state_session.get(), session_for(t, t.region),
                        clock::now());
}

findings scan_runner::find_drift(workspace_scan scan, const scan_request& req,
                                 aws::session* state_session) {
  const target& t = *scan.tgt;
  const std::string state_location = "s3://" + t.state.bucket + "/" + scan.state_key;
  // Grading a handed-in plan needs no state (it only adds ids, ARNs and tags), so a state
  // that cannot be read is an error only when an engine would compare it.
  std::optional<terraform::state> state;
  std::optional<core::error> state_error;
  if (!state_session) {
    state_error = core::error{"NoSession", "no AWS session to read " + state_location};
  } else if (auto st = fetch_state(*state_session, t, scan.workspace, cfg_.max_state_bytes)) {
    state = std::move(st.value());
  } else {
    state_error = st.error();
  }

  findings f;
  if (req.plan_json) {
    auto from_plan = findings_from_plan_json(*req.plan_json, state ? &*state : nullptr, "plan");
    if (from_plan) return std::move(from_plan.value());
    f.engine = "plan";
    f.errors.push_back({"InvalidPlan", from_plan.error().message, ""});
    return f;
  }
  if (state_error) {
    f.engine = "none";
    f.errors.push_back({state_error->code, state_error->message, ""});
    return f;
  }
  auto eng = choose_engine(cfg_.engine, t);
  if (!eng) {
    f.engine = cfg_.engine;
    f.errors.push_back({eng.error().code, eng.error().message, ""});
    return f;
  }
  // A revert check reads only what the remediation applied.
  terraform::state only_remediated, only_slice;
  if (req.revert) {
    only_remediated = state_with_addresses(*state, req.revert->addresses);
    scan.state = &only_remediated;
    scan.whole_state = &*state;
    scan.find_unmanaged = false;
  } else {
    scan.state = &*state;
    scan.find_unmanaged = req.find_unmanaged.value_or(true);
    if (req.slice) {
      only_slice = state_in_range(*state, req.slice->range);
      scan.state = &only_slice;
      scan.whole_state = &*state;
    }
    // Every full scan says which workspace manages which resource (the live path looks there);
    // of a sliced one, the first slice.
    if (cfg_.write_s3 && base_ && !cfg_.report_bucket.empty() &&
        (!req.slice || req.slice->index == 0))
      if (auto e = write_resource_index(*base_, cfg_.report_bucket, *state_session, t,
                                        scan.workspace, *state);
          !e.empty())
        say("resource index of " + t.name + "/" + scan.workspace + " not written: " + e);
  }
  scan.known_targets = cfg_.known_targets.empty() ? run_targets_ : &cfg_.known_targets;
  return eng.value()->scan(scan);
}

workspace_outcome scan_runner::emit(drift::report r, const target& t, const std::string& state_key,
                                    double seconds) {
  workspace_outcome o;
  const auto now = clock::now();
  const std::string ws = r.target.workspace;
  // A scan that failed outright does not replace latest.json: the next good scan then
  // compares with the last good one, so a standing CRITICAL drift is not announced again.
  const bool replace_latest = r.exit_code != 1 || !r.drifts.empty();
  const auto previous = previous_report(latest_key(t.name, ws), o);
  // Before the report is written: its drifts carry what the table knows of them.
  std::optional<tracked> seen;
  if (!cfg_.lifecycle.drifts_table.empty() && base_ && replace_latest)
    seen = track(r, previous, now, o);
  const tracked* lifecycle = seen ? &*seen : nullptr;
  if (!cfg_.change_journal_table.empty() && base_)
    for (const auto& e :
         attach_changed_by(*base_, cfg_.change_journal_table, r, previous ? &*previous : nullptr))
      say("change journal not read: " + e);
  write_report(r, report_key(t.name, ws, now), latest_key(t.name, ws), replace_latest, o);
  // The alert (SNS) and the messages for people say the same news: one delta for both.
  if (replace_latest && ((cfg_.send_alerts && base_) || cfg_.notifier)) {
    const drift::critical_delta delta = alert_delta(r, previous, lifecycle);
    if (cfg_.send_alerts && base_) send_alert(r, delta, lifecycle, o);
    send_messages(messages::for_scan(r, delta, o.report_uri, o.page_link), o.notifications);
  }
  if (cfg_.publish_events && base_)
    publish_drift_events(r,
                         {t.account_id, t.region, "s3://" + t.state.bucket + "/" + state_key,
                          o.report_uri, core::time::iso8601(now)},
                         lifecycle, o);
  for (auto& m :
       scan_metrics(r, seconds, o.output_errors.size(), o.notifications.failures_by_channel()))
    metrics_.push_back(std::move(m));
  if (r.exit_code != 1) any_success_ = true;
  o.report = std::move(r);
  return o;
}

std::optional<drift::report> scan_runner::previous_report(const std::string& latest,
                                                          workspace_outcome& o) {
  if (cfg_.write_s3 && base_ && !cfg_.report_bucket.empty()) {
    auto got = aws_calls::s3_get(*base_, cfg_.report_bucket, latest);
    if (!got) {
      o.output_errors.push_back("cannot read previous report: " + got.error().describe());
      return std::nullopt;
    }
    if (got.value())
      if (auto p = drift::parse_report(*got.value())) return std::move(p.value());
    return std::nullopt;
  }
  if (!cfg_.local_dir.empty())
    if (auto text = read_file(fs::path(cfg_.local_dir) / latest))
      if (auto p = drift::parse_report(*text)) return std::move(p.value());
  return std::nullopt;
}

std::optional<scan_runner::tracked> scan_runner::track(drift::report& r,
                                                       const std::optional<drift::report>& previous,
                                                       clock::time_point now,
                                                       workspace_outcome& o) {
  store::drifts table(*base_, cfg_.lifecycle.drifts_table);
  const std::string& name = r.target.name;
  const std::string& ws = r.target.workspace;
  tracked t;
  t.scope = store::drift_scope(name, ws);
  auto unusable = [&](const aws::error& e) -> std::optional<tracked> {
    o.output_errors.push_back("drifts table " + cfg_.lifecycle.drifts_table + ": " + e.describe());
    return std::nullopt;
  };
  auto known = table.list(t.scope);
  if (!known) return unusable(known.error());
  // The first scan with a table: the previous report's drift was announced when it was new, so
  // it is taken over as standing since that report, not announced a second time.
  if (known->empty() && previous && !previous->drifts.empty()) {
    std::vector<store::seed_item> items;
    for (const auto& d : previous->drifts)
      items.push_back(
          {store::drift_id(name, ws, d), store::observation_of(d, previous->target.environment)});
    const auto since = core::time::parse_iso8601(previous->started_at).value_or(now);
    if (auto seeded = table.seed(t.scope, items, since); !seeded) return unusable(seeded.error());
  }
  // Recurrence is by address: another drift of an address resolved lately counts too.
  std::map<std::string, core::time::time_point> resolved_at_of;
  for (const auto& k : *known) {
    const auto at = core::time::parse_iso8601(k.resolved_at);
    if (!at || !drift::lifecycle::is_resolved(k.status)) continue;
    auto [it, fresh] = resolved_at_of.emplace(k.address, *at);
    if (!fresh && *at > it->second) it->second = *at;
  }
  std::set<std::string> ids;
  for (auto& d : r.drifts) {
    d.drift_id = store::drift_id(name, ws, d);
    const auto resolved = resolved_at_of.find(d.address);
    auto seen = table.observe(
        t.scope, d.drift_id, store::observation_of(d, r.target.environment), now,
        resolved == resolved_at_of.end() ? std::nullopt
                                         : std::optional<core::time::time_point>(resolved->second));
    if (!seen) return unusable(seen.error());
    d.first_seen = seen->first_seen;
    d.scans_seen = static_cast<int>(seen->scans_seen);
    d.recurrence = static_cast<int>(seen->recurrences);
    ids.insert(d.drift_id);
    t.sightings.push_back(std::move(*seen));
  }
  // A failed or partial scan cannot tell that a drift is gone.
  if (!r.incomplete && r.errors.empty()) {
    auto resolved = table.resolve_absent(t.scope, ids, now);
    if (!resolved) return unusable(resolved.error());
    t.resolved = std::move(*resolved);
  }
  record_revert_verdicts(revert_verdicts_of(table, t, r, now, o), now, o.output_errors);
  return t;
}

// The scan as the check after remediations that no revert check answered: a remediated drift
// it still sees did not hold (observe() moved it to drift_remains), a remediating or remediated
// one a complete scan no longer sees is confirmed.
std::vector<scan_runner::revert_verdict> scan_runner::revert_verdicts_of(store::drifts& table,
                                                                         const tracked& t,
                                                                         const drift::report& r,
                                                                         clock::time_point now,
                                                                         workspace_outcome& o) {
  std::vector<revert_verdict> out;
  for (std::size_t i = 0; i < t.sightings.size() && i < r.drifts.size(); ++i)
    if (t.sightings[i].kind == drift::lifecycle::sighting::remains)
      out.push_back({r.drifts[i].drift_id, false, t.sightings[i].remediation_event_ids});
  if (r.incomplete || !r.errors.empty()) return out;
  std::set<std::string> ids;
  for (const auto& d : r.drifts) ids.insert(d.drift_id);
  auto confirmed = table.confirm_absent(t.scope, ids, now);
  if (!confirmed) {
    o.output_errors.push_back("drifts table " + cfg_.lifecycle.drifts_table +
                              ": confirmation: " + confirmed.error().describe());
    return out;
  }
  for (auto& c : *confirmed) out.push_back({c.drift_id, true, std::move(c.remediation_event_ids)});
  return out;
}

bool scan_runner::alert_revert_not_held(const drift::report& r, const target& t,
                                        const std::string& workspace,
                                        const std::set<std::string>& drift_ids,
                                        const std::set<std::string>& addresses,
                                        store::drifts& table, std::vector<std::string>& errors,
                                        notification_tally& told_people) {
  if ((!cfg_.send_alerts && !cfg_.notifier) || drift_ids.empty()) return false;
  drift::critical_delta delta;
  for (const auto& d : r.drifts) {
    const std::string id = store::drift_id(t.name, workspace, d);
    if ((drift_ids.count(id) || addresses.count(d.address)) &&
        drift::lifecycle::worth_alerting(d.level, cfg_.lifecycle.alert_minimum)) {
      delta.remains.push_back(d);
      delta.remains.back().drift_id = id;
    }
  }
  // A check writes no report: the messages link none.
  send_messages(messages::for_scan(r, delta, "", ""), told_people);
  if (!cfg_.send_alerts) return false;
  const auto msg = build_alert(r, delta, "none (a check of the remediated resources only)",
                               cfg_.lifecycle.alert_minimum);
  if (!msg) return false;
  if (cfg_.alert_topic_arn.empty()) {
    errors.push_back("ALERT_TOPIC_ARN is not set");
    return false;
  }
  auto sent = aws_calls::sns_publish(*base_, cfg_.alert_topic_arn, msg->subject, msg->body,
                                     email_of(messages::email_body(r, delta, "", "")));
  if (!sent) {
    errors.push_back("alert not sent: " + sent.error().describe());
    return false;
  }
  const std::string scope = store::drift_scope(t.name, workspace);
  std::set<std::string> told(drift_ids);
  for (const auto& d : delta.remains) told.insert(d.drift_id);
  for (const auto& id : told)
    if (auto done = table.announced(scope, id, clock::now()); !done)
      errors.push_back("drifts table: announcement of " + id +
                       " not recorded: " + done.error().describe());
  return true;
}

int scan_runner::record_revert_verdicts(const std::vector<revert_verdict>& verdicts,
                                        clock::time_point now, std::vector<std::string>& errors) {
  if (cfg_.lifecycle.history_table.empty() || !base_) return 0;
  store::history history(*base_, cfg_.lifecycle.history_table);
  int recorded = 0;
  for (const auto& v : verdicts)
    for (const auto& event_id : v.event_ids) {
      auto found = history.find(event_id);
      if (!found) {
        errors.push_back("history " + event_id + ": " + found.error().describe());
        continue;
      }
      if (!*found) continue;
      const store::history_item& item = **found;
      // An event about another drift of the same remediation is that drift's verdict.
      if (!item.drift_id.empty() && item.drift_id != v.drift_id) continue;
      const auto verdict = v.held ? drift::lifecycle::confirmed : drift::lifecycle::drift_remains;
      auto written = history.record_revert(item.key(), verdict, now);
      if (!written) {
        errors.push_back("history " + event_id +
                         ": revert check not recorded: " + written.error().describe());
        continue;
      }
      if (!*written) continue;  // checked before, or not remediated: counted by that check
      ++recorded;
      // The success of a remediation is the revert holding, so it is counted here, once per
      // event, with the dimensions the callback's MTTR carries.
      metrics_.push_back({"RemediationSuccess",
                          {{"Environment", item.environment.empty() ? "unknown" : item.environment},
                           {"Severity", item.severity.empty() ? "unknown" : item.severity}},
                          v.held ? 1.0 : 0.0,
                          "Count"});
    }
  return recorded;
}

bool scan_runner::send_metrics(std::vector<std::string>& errors) {
  auto r = aws_calls::put_metric_data(*base_, cfg_.metrics_namespace, metrics_);
  if (!r) errors.push_back("PutMetricData failed: " + r.error().describe());
  return r.ok();
}

void scan_runner::mark_announced(const tracked& t, const std::string& drift_id,
                                 clock::time_point now, workspace_outcome& o) {
  auto done = store::drifts(*base_, cfg_.lifecycle.drifts_table).announced(t.scope, drift_id, now);
  if (!done)
    o.output_errors.push_back("drifts table: announcement of " + drift_id +
                              " not recorded: " + done.error().describe());
}

void scan_runner::write_report(const drift::report& r, const std::string& key,
                               const std::string& latest, bool replace_latest,
                               workspace_outcome& o) {
  // Each report is stored twice: the JSON that alerts and the next scan read, and beside it
  // its HTML page for people. A failed write of either is an output error.
  const std::string json = drift::to_json(r);
  const std::string html = report_html(r);
  if (!cfg_.local_dir.empty()) {
    const fs::path dir(cfg_.local_dir);
    auto local = [&](const std::string& k, const std::string& l, const std::string& body) {
      if (!write_file(dir / k, body))
        o.output_errors.push_back("cannot write " + (dir / k).string());
      if (replace_latest) write_file(dir / l, body);
    };
    local(key, latest, json);
    local(html_twin(key), html_twin(latest), html);
    o.report_uri = (dir / key).string();
  }
  if (!cfg_.write_s3 || !base_) return;
  if (cfg_.report_bucket.empty()) {
    o.output_errors.push_back("REPORT_BUCKET is not set");
    return;
  }
  auto put = [&](const std::string& k, const std::string& l, const std::string& body,
                 const std::string& type) {
    auto done = aws_calls::s3_put(*base_, cfg_.report_bucket, k, body, type);
    if (done && replace_latest) done = aws_calls::s3_put(*base_, cfg_.report_bucket, l, body, type);
    return done;
  };
  if (auto done = put(key, latest, json, "application/json"))
    o.report_uri = "s3://" + cfg_.report_bucket + "/" + key;
  else
    o.output_errors.push_back("cannot write report: " + done.error().describe());
  if (auto page = put(html_twin(key), html_twin(latest), html, html_content_type); !page) {
    o.output_errors.push_back("cannot write HTML report: " + page.error().describe());
  } else if (auto link = report_link(*base_, fleet_source_of(cfg_), html_twin(key))) {
    o.page_link = *link;  // for the alert; a page without a link is still a page
  }
}

drift::critical_delta scan_runner::alert_delta(const drift::report& r,
                                               const std::optional<drift::report>& previous,
                                               const tracked* t) const {
  const drift::severity minimum = cfg_.lifecycle.alert_minimum;
  drift::critical_delta delta;
  if (t) {
    for (std::size_t i = 0; i < r.drifts.size() && i < t->sightings.size(); ++i) {
      const auto kind = t->sightings[i].kind;
      if (!drift::lifecycle::should_alert(kind, r.drifts[i].level, minimum)) continue;
      (kind == drift::lifecycle::sighting::changed   ? delta.changed
       : kind == drift::lifecycle::sighting::remains ? delta.remains
                                                     : delta.added)
          .push_back(r.drifts[i]);
    }
    for (const auto& gone : t->resolved) {
      const auto level = drift::parse_severity(gone.severity);
      if (!level || !drift::lifecycle::worth_alerting(*level, minimum)) continue;
      drift::drift_item d;
      d.address = gone.address;
      d.type = gone.type;
      d.level = *level;
      d.drift_id = gone.drift_id;
      delta.resolved.push_back(std::move(d));
    }
  } else {
    delta = drift::compare_reports(previous ? &*previous : nullptr, r, minimum);
  }
  return delta;
}

void scan_runner::send_alert(const drift::report& r, const drift::critical_delta& delta,
                             const tracked* t, workspace_outcome& o) {
  const auto msg = build_alert(r, delta, o.report_uri, cfg_.lifecycle.alert_minimum, o.page_link);
  if (!msg) return;
  if (cfg_.alert_topic_arn.empty()) {
    o.output_errors.push_back("ALERT_TOPIC_ARN is not set");
    return;
  }
  // The default message stays what every subscriber has read so far; e-mail subscribers get
  // the plain text the chat messages carry.
  auto sent =
      aws_calls::sns_publish(*base_, cfg_.alert_topic_arn, msg->subject, msg->body,
                             email_of(messages::email_body(r, delta, o.report_uri, o.page_link)));
  if (!sent) {
    o.output_errors.push_back("alert not sent: " + sent.error().describe());
    return;
  }
  o.alerted = true;
  if (t)
    for (const auto* list : {&delta.added, &delta.changed, &delta.remains})
      for (const auto& d : *list) mark_announced(*t, d.drift_id, clock::now(), o);
}

void scan_runner::send_messages(const std::vector<notify::message>& messages,
                                notification_tally& tally) {
  if (!cfg_.notifier) return;
  for (const auto& m : messages) {
    const notify::delivery_report d = cfg_.notifier->send(m);
    for (const auto& [channel, n] : d.sent) tally.sent[channel] += n;
    for (const auto& [channel, n] : d.failed) tally.failed[channel] += n;
    for (const auto& e : d.errors)
      tally.errors.push_back(std::string(notify::to_string(m.what)) + " message: " + e);
  }
}

void scan_runner::publish_drift_events(const drift::report& r, const event_context& ec,
                                       const tracked* t, workspace_outcome& o) {
  const auto now = clock::now();
  for (std::size_t i = 0; i < r.drifts.size(); ++i) {
    const auto& d = r.drifts[i];
    if (!auto_revert(d)) continue;
    // With a drifts table, only news (and a due re-announcement) goes out: standing drift is
    // already in the orchestrator's hands.
    if (t && i < t->sightings.size()) {
      const auto& seen = t->sightings[i];
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
    const auto [json, trimmed] =
        event_json_within_limit(build_drift_event(r, d, ec, random_uuid()));
    if (trimmed) say("drift event for " + d.address + " trimmed to fit SNS; the report has it all");
    auto sent = aws_calls::sns_publish(*base_, cfg_.drift_topic_arn, "", json);
    if (sent) {
      ++o.events_published;
      if (t) mark_announced(*t, d.drift_id, now, o);
    } else
      o.output_errors.push_back("drift event for " + d.address +
                                " not sent: " + sent.error().describe());
  }
}

}  // namespace scanner
