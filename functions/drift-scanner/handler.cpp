#include "handler.h"

#include <lambda_runtime/log.h>
#include <rapidjson/document.h>
#include <rapidjson/stringbuffer.h>
#include <rapidjson/writer.h>

#include <algorithm>
#include <cctype>
#include <cstdlib>
#include <mutex>
#include <string_view>

#include "aws_calls.h"
#include "config.h"
#include "core/env.h"
#include "core/json.h"
#include "fan_out.h"
#include "live_check.h"
#include "notify/deliver.h"
#include "outputs.h"

namespace scanner {

namespace {
namespace json = core::json;

constexpr std::string_view kConfirmRevert = "confirm_revert";

// The strings of d[name]; an error when it is there and not an array of strings.
core::result<std::vector<std::string>> strings_of(const rapidjson::Value& d, const char* name) {
  std::vector<std::string> out;
  if (!d.HasMember(name)) return out;
  const auto& a = d[name];
  if (!a.IsArray()) return core::error{"InvalidEvent", std::string(name) + " is not a list"};
  for (const auto& v : a.GetArray()) {
    if (!v.IsString())
      return core::error{"InvalidEvent", std::string(name) + " holds a value that is not a string"};
    out.emplace_back(v.GetString(), v.GetStringLength());
  }
  return out;
}

core::result<revert_request> parse_revert(const rapidjson::Value& d) {
  revert_request r;
  for (auto [name, into] :
       {std::pair{"addresses", &r.addresses}, std::pair{"drift_ids", &r.drift_ids},
        std::pair{"drift_event_ids", &r.drift_event_ids}}) {
    auto list = strings_of(d, name);
    if (!list) return list.error();
    *into = std::move(list.value());
  }
  if (r.addresses.empty() || r.drift_ids.empty())
    return core::error{"InvalidEvent", "a revert check needs addresses and drift_ids"};
  return r;
}

// {"sent": {channel: n}, "failed": {channel: n}}
void write_notifications(json::writer& w, const notification_tally& t) {
  w.Key("notifications");
  w.StartObject();
  for (const auto* counts : {&t.sent, &t.failed}) {
    w.Key(counts == &t.sent ? "sent" : "failed");
    w.StartObject();
    for (const auto& [channel, n] : *counts) {
      w.Key(channel.c_str(), static_cast<rapidjson::SizeType>(channel.size()));
      w.Int(n);
    }
    w.EndObject();
  }
  w.EndObject();
}

// Messages not delivered are logged (their text names no secret: notify::delivery_report) and
// listed in the answer; they never fail the invocation.
void log_notifications(const notification_tally& t, const std::string& target) {
  for (const auto& e : t.errors)
    lambda_runtime::log::warn(e, {{"target", target}, {"output", "notification"}});
}

// What settings a notifier was built for: another value means another notifier.
std::string settings_key(const notify::settings& s) {
  std::string k;
  for (const auto* v :
       {&s.slack_webhook_param, &s.teams_webhook_param, &s.pagerduty_routing_key_param,
        &s.pagerduty_events_url, &s.github_api_url, &s.github_repository, &s.github_token_param})
    k += *v + '\x1f';
  return k + (s.github_issues ? "1" : "0") + (s.allow_plain_http ? "1" : "0") +
         std::to_string(s.max_attempts) + '\x1f' + std::to_string(s.first_backoff.count()) +
         '\x1f' + std::to_string(s.timeout.count());
}

// The container's one notifier: a deliberate warm-container cache. It keeps the webhook URLs,
// the routing key and the GitHub token it read from SSM (SecureStrings, decrypted, on the
// function's session) for the container's life, so warm invocations read none of them again.
// Built at the first invocation that configures messages; built anew only when the settings
// or the session change (an in-process test). No variable set: no notifier, nothing is sent.
std::shared_ptr<notify::notifier> container_notifier(const notify::settings& s,
                                                     const std::shared_ptr<aws::session>& session) {
  if (!s.any() || !session) return nullptr;
  static std::mutex guard;
  static std::shared_ptr<notify::notifier> kept;
  static std::string kept_for;
  static const aws::session* kept_session = nullptr;
  const std::lock_guard<std::mutex> hold(guard);
  const std::string key = settings_key(s);
  if (kept && kept_for == key && kept_session == session.get()) return kept;
  kept = std::make_shared<notify::notifier>(
      s, [session](const std::string& name) -> core::result<std::string> {
        auto value = aws_calls::ssm_get_parameter(*session, name);
        if (!value)
          return core::error{"SecretUnreadable", "cannot read the SSM parameter " + name + ": " +
                                                     value.error().describe()};
        return std::move(value.value());
      });
  kept_for = key;
  kept_session = session.get();
  return kept;
}

std::string revert_json(const revert_outcome& o) {
  rapidjson::StringBuffer sb;
  json::writer w(sb);
  w.StartObject();
  w.Key("revert_check");
  w.StartObject();
  json::kv(w, "target", o.target);
  json::kv(w, "workspace", o.workspace);
  json::kv_list(w, "confirmed", o.confirmed);
  json::kv_list(w, "drift_remains", o.drift_remains);
  json::kv_list(w, "undecided", o.undecided);
  w.Key("events_recorded");
  w.Int(o.events_recorded);
  w.Key("metrics_sent");
  w.Bool(o.metrics_sent);
  w.Key("alerted");
  w.Bool(o.alerted);
  write_notifications(w, o.notifications);
  w.EndObject();
  w.Key("errors");
  w.StartArray();
  for (const auto& e : o.errors) json::str(w, e);
  for (const auto& e : o.notifications.errors) json::str(w, "notification: " + e);
  w.EndArray();
  w.EndObject();
  return std::string(sb.GetString(), sb.GetSize());
}

// A slice of a workspace's scan, as unit_event (fan_out.cpp) writes it. The run id names S3
// keys: only letters, digits and '-'.
core::result<slice_spec> parse_slice(const rapidjson::Value& v) {
  auto bad = [](const std::string& why) { return core::error{"InvalidEvent", "slice: " + why}; };
  if (!v.IsObject()) return bad("an object {run, index, count, from, to}");
  slice_spec s;
  const auto* run = v.FindMember("run") != v.MemberEnd() ? &v["run"] : nullptr;
  if (!run || !run->IsString() || run->GetStringLength() == 0 || run->GetStringLength() > 64)
    return bad("run is an id of 1 to 64 characters");
  s.run = run->GetString();
  for (char c : s.run)
    if (!std::isalnum(static_cast<unsigned char>(c)) && c != '-')
      return bad("run holds only letters, digits and '-'");
  auto integer = [&](const char* k, int& out) {
    const auto it = v.FindMember(k);
    if (it == v.MemberEnd() || !it->value.IsInt()) return false;
    out = it->value.GetInt();
    return true;
  };
  if (!integer("count", s.count) || s.count < 1 || s.count > max_slices)
    return bad("count is a whole number from 1 to " + std::to_string(max_slices));
  if (!integer("index", s.index) || s.index < 0 || s.index >= s.count)
    return bad("index is a whole number from 0 to count - 1");
  for (auto [k, out] : {std::pair{"from", &s.range.from}, std::pair{"to", &s.range.to}}) {
    const auto it = v.FindMember(k);
    if (it == v.MemberEnd()) continue;
    if (!it->value.IsString()) return bad(std::string(k) + " is an address");
    *out = it->value.GetString();
  }
  if (!s.range.from.empty() && !s.range.to.empty() && s.range.to <= s.range.from)
    return bad("from comes before to");
  return s;
}

}  // namespace

core::result<scan_request> parse_event(const std::string& payload, aws::session* s) {
  scan_request req;
  if (payload.find_first_not_of(" \t\r\n") == std::string::npos) return req;  // scheduled
  auto parsed = core::json::parse(payload);
  if (!parsed)
    return core::error{"InvalidInput",
                       "the invocation event is not acceptable JSON: " + parsed.error().message};
  const rapidjson::Document& d = *parsed;
  if (!d.IsObject()) return req;  // not ours: a full scheduled scan
  if (d.HasMember("target") && d["target"].IsString()) req.target = d["target"].GetString();
  if (d.HasMember("workspace") && d["workspace"].IsString())
    req.workspace = d["workspace"].GetString();
  if (d.HasMember("plan")) {
    const auto& p = d["plan"];
    if (p.IsString()) {
      req.plan_json = std::string(p.GetString(), p.GetStringLength());
    } else {
      rapidjson::StringBuffer sb;
      rapidjson::Writer<rapidjson::StringBuffer> w(sb);
      p.Accept(w);
      req.plan_json = std::string(sb.GetString(), sb.GetSize());
    }
  } else if (d.HasMember("plan_uri") && d["plan_uri"].IsString()) {
    const std::string uri = d["plan_uri"].GetString();
    auto where = aws_calls::parse_s3_uri(uri);
    if (!where) return core::error{"InvalidEvent", "plan_uri is not an s3:// URI"};
    if (!s) return core::error{"NoSession", "no AWS session to read " + uri};
    auto got = aws_calls::s3_get(*s, where->first, where->second);
    if (!got)
      return core::error{"PlanUnreadable", "cannot read " + uri + ": " + got.error().describe()};
    if (!got.value()) return core::error{"PlanNotFound", "no object at " + uri};
    req.plan_json = std::move(*got.value());
  }
  if (req.plan_json && req.target.empty())
    return core::error{"InvalidEvent", "a plan needs the target it belongs to (\"target\")"};
  if (d.HasMember("unmanaged")) {
    if (!d["unmanaged"].IsBool())
      return core::error{"InvalidEvent", "\"unmanaged\" is true or false"};
    req.find_unmanaged = d["unmanaged"].GetBool();
  }
  if (d.HasMember("slice")) {
    auto slice = parse_slice(d["slice"]);
    if (!slice) return slice.error();
    if (req.target.empty() || req.workspace.empty() || req.plan_json)
      return core::error{"InvalidEvent", "a slice names its target and workspace, and no plan"};
    req.slice = std::move(slice.value());
  }
  if (d.HasMember("action") && d["action"].IsString() &&
      std::string_view(d["action"].GetString()) == kConfirmRevert) {
    auto revert = parse_revert(d);
    if (!revert) return revert.error();
    // A plan handed in (CI's refresh-only plan after the apply) is what the check grades.
    if (req.target.empty() || req.workspace.empty())
      return core::error{"InvalidEvent", "a revert check names its target and workspace"};
    req.revert = std::move(revert.value());
  }
  return req;
}

std::string outcome_json(const run_outcome& o) {
  rapidjson::StringBuffer sb;
  json::writer w(sb);
  auto str = [&](std::string_view k, std::string_view v) { json::kv(w, k, v); };
  w.StartObject();
  w.Key("exit_code");
  w.Int(o.exit_code);
  w.Key("scans");
  w.StartArray();
  for (const auto& s : o.scans) {
    const auto& r = s.report;
    w.StartObject();
    str("target", r.target.name);
    str("workspace", r.target.workspace);
    str("environment", r.target.environment);
    str("engine", r.engine);
    w.Key("exit_code");
    w.Int(r.exit_code);
    w.Key("resources_scanned");
    w.Int(r.summary.resources_scanned);
    w.Key("drifted");
    w.Int(r.summary.drifted);
    str("highest", r.summary.highest ? std::string(drift::to_string(*r.summary.highest)) : "NONE");
    str("report_uri", s.report_uri);
    w.Key("alerted");
    w.Bool(s.alerted);
    w.Key("events_published");
    w.Int(s.events_published);
    write_notifications(w, s.notifications);
    w.Key("errors");
    w.StartArray();
    for (const auto& e : r.errors) json::str(w, e.code + ": " + e.message);
    for (const auto& e : s.output_errors) json::str(w, e);
    for (const auto& e : s.notifications.errors) json::str(w, "notification: " + e);
    w.EndArray();
    w.EndObject();
  }
  w.EndArray();
  w.Key("metrics_sent");
  w.Bool(o.metrics_sent);
  if (!o.slice_parts.empty()) json::kv_list(w, "slice_parts", o.slice_parts);
  json::kv_list(w, "errors", o.errors);
  w.EndObject();
  return std::string(sb.GetString(), sb.GetSize());
}

// One run's outcome added to another's, as if both were one run.
static void absorb(run_outcome& into, run_outcome from) {
  for (auto& s : from.scans) into.scans.push_back(std::move(s));
  for (auto& e : from.errors) into.errors.push_back(std::move(e));
  for (auto& p : from.slice_parts) into.slice_parts.push_back(std::move(p));
  const auto rank = [](int code) { return code == 1 ? 2 : (code == 2 ? 1 : 0); };
  if (rank(from.exit_code) > rank(into.exit_code)) into.exit_code = from.exit_code;
  into.metrics_sent = into.metrics_sent || from.metrics_sent;
}

static void log_run(const run_outcome& out) {
  for (const auto& s : out.scans) {
    for (const auto& e : s.output_errors)
      lambda_runtime::log::error(e, {{"target", s.report.target.name}});
    log_notifications(s.notifications, s.report.target.name);
  }
  for (const auto& e : out.errors) lambda_runtime::log::error(e);
}

static std::string fanned_out_json(const fan_out_result& f) {
  rapidjson::StringBuffer sb;
  json::writer w(sb);
  w.StartObject();
  json::kv_list(w, "fanned_out", f.queued);
  w.EndObject();
  return std::string(sb.GetString(), sb.GetSize());
}

// Inside Lambda every output configured in the environment is written, and the scan stops
// 15 s before the deadline to leave time for the reports and metrics of what it scanned.
static scanner_config lambda_config(const environment_config& env,
                                    std::chrono::system_clock::time_point deadline,
                                    const std::vector<target>& targets,
                                    const std::shared_ptr<aws::session>& session) {
  scanner_config cfg;
  cfg.engine = env.scan_engine;
  cfg.report_bucket = env.report_bucket;
  cfg.alert_topic_arn = env.alert_topic_arn;
  cfg.drift_topic_arn = env.drift_topic_arn;
  cfg.metrics_namespace = env.metrics_namespace;
  cfg.max_state_bytes = env.max_state_bytes;
  cfg.write_s3 = !env.report_bucket.empty();
  cfg.send_alerts = !env.alert_topic_arn.empty();
  cfg.publish_events = !env.drift_topic_arn.empty();
  cfg.put_metrics = true;
  cfg.deadline = deadline - std::chrono::seconds(15);
  cfg.progress = [](const std::string& line) { lambda_runtime::log::info(line); };
  cfg.known_targets = targets;
  cfg.lifecycle = env.lifecycle;
  cfg.change_journal_table = env.live.journal_table;
  cfg.rebuild_fleet_page = cfg.write_s3;
  cfg.report_base_url = env.report_base_url;
  cfg.notifier = container_notifier(env.notify, session);
  return cfg;
}

lambda_runtime::invocation_response handle_invocation(
    const lambda_runtime::invocation_request& req, const std::shared_ptr<aws::session>& session) {
  using lambda_runtime::invocation_response;
  // The function's own AWS calls end before the deadline (role sessions per target keep their
  // own timeouts; the scan itself stops 15 s early, below).
  if (session) session->set_deadline(req.ctx.deadline - std::chrono::seconds(1));
  const environment_config env = read_environment();
  if (!env.problem.empty()) {
    lambda_runtime::log::error("bad configuration", {{"error", env.problem}});
    return invocation_response::failure({"ConfigurationError", env.problem});
  }
  if (env.disabled) {
    lambda_runtime::log::warn("scan skipped: DISABLE_PROCESSING is set");
    return invocation_response::success(R"({"skipped":true,"reason":"DISABLE_PROCESSING"})");
  }
  auto targets = load_targets(env, session.get());
  if (!targets) {
    lambda_runtime::log::error("no scan targets", {{"error", targets.error().message}});
    return invocation_response::failure({"ConfigurationError", targets.error().message});
  }
  // The live path: CloudTrail change events from the change-events queue, or one invoked
  // directly.
  if (auto messages = change_messages(req.payload)) {
    scan_runner runner(lambda_config(env, req.ctx.deadline, targets.value(), session), session);
    const auto checked = check_changes(runner, targets.value(), *messages, env.live);
    for (const auto& e : checked.errors) lambda_runtime::log::error(e, {{"check", "change"}});
    return invocation_response::success(live_outcome_json(checked));
  }
  auto request = parse_event(req.payload, session.get());
  if (!request)
    return invocation_response::failure({request.error().code, request.error().message});

  const scanner_config cfg = lambda_config(env, req.ctx.deadline, targets.value(), session);

  scan_runner runner(cfg, session);
  run_outcome scanned_here;  // units of a fan-out scanned in this invocation
  // A scheduled scan fans out: one asynchronous invocation per unit of work (work_plan.h):
  // a target that fits one invocation, else each of its workspaces or their slices.
  std::vector<target> to_scan = targets.value();
  const auto self = core::env::get("SCANNER_FUNCTION_NAME");
  if (request->target.empty() && !request->plan_json && self && session) {
    work_budget budget = env.budget;
    // Unset: this invocation's remaining time less a minute for the reports (a quarter of a
    // short timeout); the units run in invocations with the same timeout.
    const double remaining =
        std::chrono::duration<double>(req.ctx.deadline - std::chrono::system_clock::now()).count();
    budget.seconds = env.budget_seconds > 0 ? static_cast<double>(env.budget_seconds)
                                            : std::max(remaining - 60, remaining * 0.75);
    const auto units = runner.plan(to_scan, budget, random_uuid());
    const fan_out_result fanned = fan_out(units, *self, *session);
    for (const auto& e : fanned.errors) lambda_runtime::log::warn(e);
    if (!fanned.queued.empty())
      lambda_runtime::log::info("fanned out", {{"units", std::to_string(fanned.queued.size())}});
    if (fanned.scan_here.empty()) return invocation_response::success(fanned_out_json(fanned));
    // What was not queued (or the one unit there is) is scanned here: whole targets together,
    // a workspace or a slice on its own.
    to_scan.clear();
    for (const auto& u : fanned.scan_here) {
      const auto t = std::find_if(targets->begin(), targets->end(),
                                  [&](const target& x) { return x.name == u.target; });
      if (t != targets->end() && u.workspace.empty()) to_scan.push_back(*t);
      if (t == targets->end() || u.workspace.empty()) continue;
      scan_request one;
      one.target = u.target;
      one.workspace = u.workspace;
      one.find_unmanaged = u.find_unmanaged;
      one.slice = u.slice;
      absorb(scanned_here, runner.run(targets.value(), one));
    }
    if (to_scan.empty()) {
      log_run(scanned_here);
      return invocation_response::success(outcome_json(scanned_here));
    }
  }

  if (request->revert) {
    const auto checked = runner.check_revert(to_scan, request.value());
    for (const auto& e : checked.errors)
      lambda_runtime::log::warn(e, {{"target", checked.target}, {"check", "revert"}});
    log_notifications(checked.notifications, checked.target);
    lambda_runtime::log::info("revert checked",
                              {{"target", checked.target},
                               {"workspace", checked.workspace},
                               {"confirmed", std::to_string(checked.confirmed.size())},
                               {"drift_remains", std::to_string(checked.drift_remains.size())},
                               {"undecided", std::to_string(checked.undecided.size())}});
    return invocation_response::success(revert_json(checked));
  }
  run_outcome out = runner.run(to_scan, request.value());
  if (!scanned_here.scans.empty() || !scanned_here.slice_parts.empty()) {
    absorb(scanned_here, std::move(out));
    out = std::move(scanned_here);
  }
  log_run(out);
  return invocation_response::success(outcome_json(out));
}

}  // namespace scanner
