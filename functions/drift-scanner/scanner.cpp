#include "scanner.h"

#include <filesystem>
#include <fstream>

#include "aws/credential_providers.h"
#include "core/time.h"
#include "drift/ignore.h"
#include "grading.h"
#include "outputs.h"
#include "plan_findings.h"
#include "state_fetch.h"
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

}  // namespace

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
  if (cfg_.put_metrics && base_ && !metrics_.empty()) {
    // The "no scan in 12 h" alarm watches ScanDuration without dimensions: once per run.
    if (any_success_) metrics_.push_back({"ScanDuration", {}, seconds_since(t0), "Seconds"});
    auto r = aws_calls::put_metric_data(*base_, cfg_.metrics_namespace, metrics_);
    if (r)
      out.metrics_sent = true;
    else
      out.errors.push_back("PutMetricData failed: " + r.error().describe());
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
  std::vector<workspace_outcome> out;
  const auto started = clock::now();
  auto target_failure = [&](std::string code, std::string message) {
    say("target " + t.name + ": " + message);
    const std::string env =
        t.state.workspaces.size() == 1 ? t.environment_of(t.state.workspaces[0]) : "unknown";
    out.push_back(emit(error_report(t, "_target", env, std::move(code), std::move(message), started,
                                    "s3://" + t.state.bucket + "/" + t.state.key),
                       t, "", seconds_since(started)));
    return out;
  };
  if (!t.problem.empty()) return target_failure("InvalidTarget", t.problem);

  auto state_session = session_for(t, t.state.region);
  auto cloud_session = session_for(t, t.region);

  // Grading configuration: a broken rules or ignore file is an error of every report of the
  // target (the built-in table still grades, so the drift is not lost).
  std::vector<drift::report_error> config_errors;
  const drift::rule_table* rules = &drift::rule_table::builtin();
  std::optional<drift::rule_table> custom;
  if (!t.rules_file.empty()) {
    auto text = read_source(state_session.get(), t.rules_file);
    auto parsed = text ? drift::rule_table::builtin().with_overrides(text.value())
                       : core::result<drift::rule_table>(text.error());
    if (parsed) {
      custom = std::move(parsed.value());
      rules = &*custom;
    } else {
      config_errors.push_back(
          {"InvalidRulesFile", t.rules_file + ": " + parsed.error().message, ""});
    }
  }
  drift::ignore_rules ignore;
  if (!t.ignore_file.empty()) {
    auto text = read_source(state_session.get(), t.ignore_file);
    if (text)
      ignore = drift::ignore_rules::parse(text.value());
    else
      config_errors.push_back(
          {"InvalidIgnoreFile", t.ignore_file + ": " + text.error().message, ""});
  }

  std::vector<std::string> workspaces;
  if (!req.workspace.empty()) {
    workspaces = {req.workspace};
  } else if (req.plan_json) {
    workspaces = {t.state.workspaces.size() == 1 ? t.state.workspaces[0] : "default"};
  } else if (!t.state.workspaces.empty()) {
    workspaces = t.state.workspaces;
  } else {
    if (!state_session) return target_failure("NoSession", "no AWS session to list workspaces");
    auto found = discover_workspaces(*state_session, t);
    if (!found) return target_failure(found.error().code, found.error().message);
    workspaces = found.value();
    if (workspaces.empty())
      return target_failure("StateNotFound", "no state under s3://" + t.state.bucket + "/" +
                                                 t.state.workspace_key_prefix + "/ nor at " +
                                                 t.state.key);
  }

  for (const auto& ws : workspaces) {
    const auto ws_started = clock::now();
    const std::string state_key = t.state_key_of(ws);
    const std::string state_location = "s3://" + t.state.bucket + "/" + state_key;
    const std::string environment = t.environment_of(ws);
    say("scanning " + t.name + "/" + ws + " (" + environment + ")");

    std::optional<terraform::state> state;
    findings f;
    if (!state_session) {
      if (!req.plan_json)
        f.errors.push_back({"NoSession", "no AWS session to read " + state_location, ""});
    } else {
      auto st = fetch_state(*state_session, t, ws, cfg_.max_state_bytes);
      if (st) state = std::move(st.value());
      // Grading a handed-in plan needs no state: it only adds ids, ARNs and tags.
      else if (!req.plan_json)
        f.errors.push_back({st.error().code, st.error().message, ""});
    }
    if (req.plan_json) {
      auto pf = findings_from_plan_json(*req.plan_json, state ? &*state : nullptr, "plan");
      if (pf)
        f = std::move(pf.value());
      else
        f.errors.push_back({"InvalidPlan", pf.error().message, ""}), f.engine = "plan";
    } else if (f.errors.empty()) {
      workspace_scan scan{&t, ws, environment, state_key, &*state, cloud_session, cfg_.deadline};
      scan.known_targets = cfg_.known_targets.empty() ? run_targets_ : &cfg_.known_targets;
      std::unique_ptr<engine> eng;
      const bool want_tf =
          cfg_.engine == "terraform" ||
          (cfg_.engine == "auto" && !t.terraform_dir.empty() && fs::is_directory(t.terraform_dir) &&
           !terraform_engine::locate_binary().empty());
      if (want_tf)
        eng = std::make_unique<terraform_engine>();
      else if (cfg_.engine == "native" || cfg_.engine == "auto")
        eng = make_native_engine();
      if (eng) {
        f = eng->scan(scan);
      } else {
        f.engine = cfg_.engine;
        f.errors.push_back({"NoEngine",
                            cfg_.engine == "native" || cfg_.engine == "auto"
                                ? "the native engine is not part of this build"
                                : "unknown SCAN_ENGINE '" + cfg_.engine + "'",
                            ""});
      }
    } else {
      f.engine = "none";
    }
    f.errors.insert(f.errors.end(), config_errors.begin(), config_errors.end());
    report_context ctx{random_uuid(),
                       core::time::iso8601(ws_started),
                       core::time::iso8601(clock::now()),
                       {t.name, t.account_id, t.region, ws, environment, state_location}};
    drift::report r = grade(f, ctx, *rules, ignore);
    say("  " + t.name + "/" + ws + ": exit " + std::to_string(r.exit_code) + ", " +
        std::to_string(r.summary.drifted) + " drifted of " +
        std::to_string(r.summary.resources_scanned));
    out.push_back(emit(std::move(r), t, state_key, seconds_since(ws_started)));
  }
  return out;
}

workspace_outcome scan_runner::emit(drift::report r, const target& t, const std::string& state_key,
                                    double seconds) {
  workspace_outcome o;
  const auto now = clock::now();
  const std::string ws = r.target.workspace;
  const std::string key = report_key(t.name, ws, now);
  const std::string latest = latest_key(t.name, ws);
  // A scan that failed outright does not replace latest.json: the next good scan then
  // compares with the last good one, so a standing CRITICAL drift is not announced again.
  const bool replace_latest = r.exit_code != 1 || !r.drifts.empty();

  std::optional<drift::report> previous;
  if (cfg_.write_s3 && base_ && !cfg_.report_bucket.empty()) {
    auto got = aws_calls::s3_get(*base_, cfg_.report_bucket, latest);
    if (got && got.value()) {
      if (auto p = drift::parse_report(*got.value())) previous = std::move(p.value());
    } else if (!got) {
      o.output_errors.push_back("cannot read previous report: " + got.error().describe());
    }
  } else if (!cfg_.local_dir.empty()) {
    if (auto text = read_file(fs::path(cfg_.local_dir) / latest))
      if (auto p = drift::parse_report(*text)) previous = std::move(p.value());
  }

  const std::string body = drift::to_json(r);
  if (!cfg_.local_dir.empty()) {
    const fs::path file = fs::path(cfg_.local_dir) / key;
    if (!write_file(file, body)) o.output_errors.push_back("cannot write " + file.string());
    if (replace_latest) write_file(fs::path(cfg_.local_dir) / latest, body);
    o.report_uri = file.string();
  }
  if (cfg_.write_s3 && base_) {
    if (cfg_.report_bucket.empty()) {
      o.output_errors.push_back("REPORT_BUCKET is not set");
    } else {
      auto put = aws_calls::s3_put(*base_, cfg_.report_bucket, key, body);
      if (put && replace_latest) put = aws_calls::s3_put(*base_, cfg_.report_bucket, latest, body);
      if (put)
        o.report_uri = "s3://" + cfg_.report_bucket + "/" + key;
      else
        o.output_errors.push_back("cannot write report: " + put.error().describe());
    }
  }

  if (cfg_.send_alerts && base_ && replace_latest) {
    const auto delta = drift::compare_critical(previous ? &*previous : nullptr, r);
    if (auto msg = build_alert(r, delta, o.report_uri)) {
      if (cfg_.alert_topic_arn.empty()) {
        o.output_errors.push_back("ALERT_TOPIC_ARN is not set");
      } else {
        auto sent = aws_calls::sns_publish(*base_, cfg_.alert_topic_arn, msg->subject, msg->body);
        if (sent)
          o.alerted = true;
        else
          o.output_errors.push_back("alert not sent: " + sent.error().describe());
      }
    }
  }

  if (cfg_.publish_events && base_) {
    event_context ec{t.account_id, t.region, "s3://" + t.state.bucket + "/" + state_key,
                     o.report_uri, core::time::iso8601(now)};
    for (const auto& d : r.drifts) {
      if (!auto_revert(d)) continue;
      if (cfg_.drift_topic_arn.empty()) {
        o.output_errors.push_back("DRIFT_TOPIC_ARN is not set");
        break;
      }
      const auto [json, trimmed] =
          event_json_within_limit(build_drift_event(r, d, ec, random_uuid()));
      if (trimmed)
        say("drift event for " + d.address + " trimmed to fit SNS; the report has it all");
      auto sent = aws_calls::sns_publish(*base_, cfg_.drift_topic_arn, "", json);
      if (sent)
        ++o.events_published;
      else
        o.output_errors.push_back("drift event for " + d.address +
                                  " not sent: " + sent.error().describe());
    }
  }

  for (auto& m : scan_metrics(r, seconds, o.output_errors.size())) metrics_.push_back(std::move(m));
  if (r.exit_code != 1) any_success_ = true;
  o.report = std::move(r);
  return o;
}

}  // namespace scanner
