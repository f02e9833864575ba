#include "cli.h"

#include <unistd.h>

#include <fstream>
#include <iostream>
#include <memory>
#include <string>
#include <string_view>
#include <variant>
#include <vector>

#include "config.h"
#include "core/cli.h"
#include "core/env.h"
#include "handler.h"
#include "live_check.h"
#include "report_html.h"
#include "scanner.h"
#include "state_fetch.h"

namespace scanner {

namespace {

struct options {
  std::string targets, targets_file, target, workspace, plan, environment, region, engine, rules,
      ignore, html, event;
  std::string out = "drift-reports";
  bool write_s3 = false, alert = false, publish = false, metrics = false, json = false,
       color = true, quiet = false;
};

// The one option table: the CLI11 parser is built from it, and --help is that parser's listing.
struct option_spec {
  cli_option public_part;
  std::string options::*text = nullptr;  // an option with a value stores it here
  bool options::*flag = nullptr;         // a switch sets this member to `to`
  bool to = true;
};

const option_spec option_specs[] = {
    {{"--targets", "", "JSON", "What to scan",
      "scan targets as JSON (the SCAN_TARGETS format); default: the\n"
      "SCAN_TARGETS or SCAN_TARGETS_PARAMETER environment variable"},
     &options::targets},
    {{"--targets-file", "", "PATH", "What to scan",
      "read the scan targets from a file (local path or s3:// URI)"},
     &options::targets_file},
    {{"--target", "", "NAME", "What to scan", "scan only this target"}, &options::target},
    {{"--workspace", "", "WS", "What to scan", "scan only this workspace (with --target)"},
     &options::workspace},
    {{"--plan", "", "FILE", "What to scan",
      "grade a `terraform show -json` plan file instead of scanning\n"
      "(local path or s3:// URI); the report is for --target/--workspace;\n"
      "without targets, an ad-hoc target named by --target (default\n"
      "\"local\") with --environment and --region"},
     &options::plan},
    {{"--event", "", "FILE", "What to scan",
      "check the resources one CloudTrail change event touched (an\n"
      "EventBridge event, or an SQS batch of them; local path or s3://\n"
      "URI) and print the targeted report; the resource index is read\n"
      "from s3://$REPORT_BUCKET/index/"},
     &options::event},
    {{"--environment", "", "ENV", "What to scan",
      "environment of the ad-hoc target of --plan (default: the workspace)"},
     &options::environment},
    {{"--region", "", "REGION", "What to scan",
      "region of the ad-hoc target of --plan (default: AWS_REGION)"},
     &options::region},
    {{"--engine", "", "ENGINE", "What to scan",
      "native | terraform | auto (default: SCAN_ENGINE, else auto)"},
     &options::engine},
    {{"--rules", "", "FILE", "What to scan",
      "rules file for every target (overrides the targets' rules_file)"},
     &options::rules},
    {{"--ignore", "", "FILE", "What to scan",
      ".driftignore-style file for every target (overrides ignore_file)"},
     &options::ignore},
    {{"--out", "", "DIR", "Outputs (local only unless asked)",
      "write reports under DIR/reports/<target>/<workspace>/ (default\n"
      "./drift-reports); previous latest.json there decides alerts"},
     &options::out},
    {{"--html", "", "FILE", "Outputs (local only unless asked)",
      "also write the scan's HTML report page to FILE (one scan: name\n"
      "it with --target/--workspace when several are configured)"},
     &options::html},
    {{"--write-s3", "", "", "Outputs (local only unless asked)",
      "also write reports to s3://$REPORT_BUCKET/reports/..."},
     nullptr,
     &options::write_s3},
    {{"--alert", "", "", "Outputs (local only unless asked)",
      "send the SNS alert (ALERT_TOPIC_ARN) on new/changed/resolved\ndrift at or above "
      "ALERT_MIN_SEVERITY (default HIGH)"},
     nullptr,
     &options::alert},
    {{"--publish-events", "", "", "Outputs (local only unless asked)",
      "publish drift events (DRIFT_TOPIC_ARN) for AutoRevert=true resources"},
     nullptr,
     &options::publish},
    {{"--metrics", "", "", "Outputs (local only unless asked)",
      "send the run's metrics to CloudWatch (METRICS_NAMESPACE)"},
     nullptr,
     &options::metrics},
    {{"--json", "", "", "Outputs (local only unless asked)",
      "print the run's outcome as JSON instead of the summary"},
     nullptr,
     &options::json},
    {{"--no-color", "", "", "Outputs (local only unless asked)",
      "never colour the summary (it is coloured only on a terminal, and\n"
      "not when the NO_COLOR environment variable is set and not empty)"},
     nullptr,
     &options::color,
     false},
    {{"--quiet", "", "", "Outputs (local only unless asked)",
      "no progress lines (they go to stderr, only on a terminal)"},
     nullptr,
     &options::quiet},
    {{"--help", "-h", "", "Outputs (local only unless asked)", "this text"}},
};

// The CLI11 parser of option_specs, writing into `o`.
std::unique_ptr<CLI::App> make_parser(options& o) {
  auto app = std::make_unique<CLI::App>(
      "drift-scanner: find drift between Terraform state and AWS, grade it, report it.",
      "drift-scan");
  app->formatter(std::make_shared<core::cli::help_layout>(
      "Usage: drift-scan [options]\n"
      "  (the Lambda function is the same scanner: the zip's bootstrap)\n",
      26));
  app->footer(
      "Exit code, as `terraform plan -detailed-exitcode`: 0 no drift, 2 drift, 1 an error.");
  app->set_help_flag();  // added again below, in its place in the table
  for (const auto& s : option_specs) {
    const cli_option& p = s.public_part;
    std::string names(p.name);
    if (!p.short_name.empty()) names = std::string(p.short_name) + "," + names;
    CLI::Option* opt = nullptr;
    if (s.text) {
      opt = app->add_option(names, o.*(s.text), std::string(p.help))
                ->type_name(std::string(p.value))
                ->multi_option_policy(CLI::MultiOptionPolicy::TakeLast);
    } else if (s.flag) {
      bool options::*member = s.flag;
      const bool to = s.to;
      opt = app->add_flag_callback(
                   names, [&o, member, to] { o.*member = to; }, std::string(p.help))
                ->multi_option_policy(CLI::MultiOptionPolicy::TakeLast);
    } else {
      opt = app->set_help_flag(names, std::string(p.help));
    }
    opt->group(std::string(p.section));
  }
  return app;
}

// The options of the command line, or the exit code to end with now (--help, a usage error).
std::variant<options, int> parse_command_line(int argc, char** argv) {
  options o;
  const auto app = make_parser(o);
  try {
    app->parse(argc, argv);
  } catch (const CLI::CallForHelp&) {
    std::cout << app->help();
    return 0;
  } catch (const CLI::ExtrasError&) {
    std::cerr << "drift-scanner: unknown option " << app->remaining().front() << " (see --help)\n";
    return 1;
  } catch (const CLI::ArgumentMismatch& e) {
    if (const std::string name = core::cli::option_of(e, *app); !name.empty())
      std::cerr << "drift-scanner: " << name << " needs a value (see --help)\n";
    else
      std::cerr << "drift-scanner: " << e.what() << " (see --help)\n";
    return 1;
  } catch (const CLI::ParseError& e) {
    std::cerr << "drift-scanner: " << e.what() << " (see --help)\n";
    return 1;
  }
  return o;
}

// https://no-color.org: NO_COLOR present and not empty turns colour off.
bool no_color_env() { return core::env::get("NO_COLOR").has_value(); }

const char* sev_colour(const std::string& sev) {
  if (sev == "CRITICAL") return "\033[1;31m";
  if (sev == "HIGH") return "\033[31m";
  if (sev == "MEDIUM") return "\033[33m";
  if (sev == "LOW") return "\033[36m";
  return "\033[2m";
}

void print_summary(const run_outcome& o, bool colour) {
  auto paint = [&](const std::string& s, const char* c) {
    return colour ? std::string(c) + s + "\033[0m" : s;
  };
  for (const auto& s : o.scans) {
    const auto& r = s.report;
    const std::string verdict = r.exit_code == 0   ? "no drift"
                                : r.exit_code == 2 ? "DRIFT"
                                                   : "ERROR";
    std::cout << paint(r.target.name + "/" + r.target.workspace, "\033[1m") << " ("
              << r.target.environment << ", " << r.engine
              << "): " << paint(verdict, r.exit_code == 0 ? "\033[32m" : "\033[1;31m") << ", "
              << r.summary.drifted << " drifted of " << r.summary.resources_scanned << " resources";
    if (r.summary.highest) std::cout << ", highest " << drift::to_string(*r.summary.highest);
    if (r.summary.monthly_cost_delta != 0 || r.summary.cost_unknown)
      std::cout << ", cost delta " << r.summary.monthly_cost_delta << " USD/month"
                << (r.summary.cost_unknown
                        ? " (+" + std::to_string(r.summary.cost_unknown) + " unknown)"
                        : "");
    if (r.summary.ignored) std::cout << ", " << r.summary.ignored << " ignored";
    std::cout << "\n";
    for (const auto& d : r.drifts) {
      const std::string sev(drift::to_string(d.level));
      std::string attrs;
      for (const auto& a : d.attributes) attrs += (attrs.empty() ? "" : ",") + a.name;
      std::cout << "  "
                << paint(sev + std::string(9 - std::min<std::size_t>(sev.size(), 8), ' '),
                         sev_colour(sev))
                << d.address << " " << drift::to_string(d.change)
                << (attrs.empty() ? "" : " [" + attrs + "]") << "\n      " << d.reason << "\n      "
                << d.fix.action << ": " << d.fix.command << "\n";
    }
    for (const auto& e : r.errors)
      std::cout << "  " << paint("error", "\033[1;31m") << " " << e.code << ": " << e.message
                << "\n";
    for (const auto& e : s.output_errors)
      std::cout << "  " << paint("error", "\033[1;31m") << " " << e << "\n";
    if (!s.report_uri.empty()) std::cout << "  report: " << s.report_uri << "\n";
    if (s.alerted) std::cout << "  alert sent\n";
    if (s.events_published)
      std::cout << "  " << s.events_published << " drift event(s) published\n";
  }
  for (const auto& e : o.errors) std::cout << paint("error", "\033[1;31m") << " " << e << "\n";
}

// Targets named on the command line (--targets, --targets-file), else by the environment
// (SCAN_TARGETS, SCAN_TARGETS_PARAMETER); none at all is not an error here (--plan may add one).
core::result<std::vector<target>> configured_targets(const options& o,
                                                     const environment_config& env,
                                                     aws::session* session) {
  if (!o.targets.empty() || !o.targets_file.empty()) {
    std::string text = o.targets;
    if (!o.targets_file.empty()) {
      auto read = read_source(session, o.targets_file);
      if (!read) return read.error();
      text = std::move(read.value());
    }
    return parse_targets(text);
  }
  if (!env.scan_targets.empty() || !env.scan_targets_parameter.empty())
    return load_targets(env, session);
  return std::vector<target>{};
}

// --plan: the plan to grade, for the target it names, or for an ad-hoc target made from
// --target/--workspace/--environment/--region when no targets are configured (that one has no
// backend to read, so the session is dropped).
core::result<core::unit> add_plan(const options& o, std::vector<target>& targets,
                                  std::shared_ptr<aws::session>& session, scan_request& req) {
  auto text = read_source(session.get(), o.plan);
  if (!text) return text.error();
  req.plan_json = std::move(text.value());
  if (targets.empty()) {
    target t;
    t.name = o.target.empty() ? "local" : o.target;
    t.region = !o.region.empty() ? o.region : (session ? session->region() : "");
    const std::string ws = o.workspace.empty() ? "default" : o.workspace;
    if (!o.environment.empty()) t.environments[ws] = o.environment;
    req.target = t.name;
    req.workspace = ws;
    targets.push_back(std::move(t));
    session.reset();
  } else if (req.target.empty()) {
    if (targets.size() != 1)
      return core::error{"Usage", "--plan needs --target when several targets are configured"};
    req.target = targets.front().name;
  }
  return core::unit{};
}

scanner_config make_config(const options& o, const environment_config& env) {
  scanner_config cfg;
  cfg.engine = o.engine.empty() ? env.scan_engine : o.engine;
  cfg.report_bucket = env.report_bucket;
  cfg.alert_topic_arn = env.alert_topic_arn;
  cfg.drift_topic_arn = env.drift_topic_arn;
  cfg.metrics_namespace = env.metrics_namespace;
  cfg.local_dir = o.out;
  cfg.write_s3 = o.write_s3;
  cfg.send_alerts = o.alert;
  cfg.publish_events = o.publish;
  cfg.put_metrics = o.metrics;
  cfg.lifecycle = env.lifecycle;
  cfg.change_journal_table = env.live.journal_table;
  cfg.rebuild_fleet_page = o.write_s3;
  cfg.report_base_url = env.report_base_url;
  if (!o.quiet && ::isatty(2))
    cfg.progress = [](const std::string& line) { std::cerr << "... " << line << "\n"; };
  return cfg;
}

// --html: the page of the run's one scan; failing to write it is an output error of that scan
// (exit 1), as a report that cannot be written is.
void write_html(const std::string& file, run_outcome& out) {
  if (out.scans.size() != 1) {
    out.errors.push_back("--html needs exactly one scan, this run made " +
                         std::to_string(out.scans.size()) + " (see --target, --workspace)");
    out.exit_code = 1;
    return;
  }
  std::ofstream f(file, std::ios::binary | std::ios::trunc);
  f << report_html(out.scans.front().report);
  if (f.flush()) return;
  out.scans.front().output_errors.push_back("cannot write " + file);
  out.exit_code = 1;
}

int usage_error(const std::string& message) {
  std::cerr << "drift-scanner: " << message << "\n";
  return 1;
}

// --event: the live path by hand. Each targeted report is printed as JSON (one per line), the
// events acknowledged without a check are said on stderr. Exit code as a scan's.
int check_event_file(const options& o, const environment_config& env,
                     const std::vector<target>& targets,
                     const std::shared_ptr<aws::session>& session) {
  auto text = read_source(session.get(), o.event);
  if (!text) return usage_error(text.error().message);
  auto messages = change_messages(text.value());
  if (!messages) messages = std::vector<change_message>{{o.event, text.value()}};
  scan_runner runner(make_config(o, env), session);
  const auto out = check_changes(runner, targets, *messages, env.live);
  if (o.json) {
    std::cout << live_outcome_json(out) << "\n";
  } else {
    for (const auto& s : out.reports) std::cout << drift::to_json(s.report) << "\n";
  }
  int code = out.errors.empty() && out.retry.empty() ? 0 : 1;
  for (const auto& s : out.reports) {
    if (s.report.exit_code == 1 || !s.output_errors.empty()) code = 1;
    if (s.report.exit_code == 2 && code == 0) code = 2;
    if (!s.report_uri.empty()) std::cerr << "report: " << s.report_uri << "\n";
  }
  for (const auto& [reason, n] : out.ignored)
    std::cerr << "ignored (" << reason << "): " << n << " event(s)\n";
  for (const auto& e : out.errors) std::cerr << "error: " << e << "\n";
  return code;
}

}  // namespace

int run_cli(int argc, char** argv) {
  auto parsed = parse_command_line(argc, argv);
  if (const int* exit_now = std::get_if<int>(&parsed)) return *exit_now;
  const options& o = std::get<options>(parsed);

  const environment_config env = read_environment();
  if (!env.problem.empty()) return usage_error(env.problem);
  std::shared_ptr<aws::session> session = aws::session::from_environment();
  auto targets = configured_targets(o, env, session.get());
  if (!targets) return usage_error(targets.error().message);

  if (!o.event.empty()) {
    if (targets->empty())
      return usage_error(
          "--event needs the scan targets (--targets, --targets-file, SCAN_TARGETS)");
    return check_event_file(o, env, targets.value(), session);
  }
  scan_request req;
  req.target = o.target;
  req.workspace = o.workspace;
  if (!o.plan.empty()) {
    if (auto added = add_plan(o, targets.value(), session, req); !added)
      return usage_error(added.error().message);
  }
  if (targets->empty())
    return usage_error(
        "no scan targets (use --targets, --targets-file, SCAN_TARGETS or --plan; see --help)");
  for (auto& t : targets.value()) {
    if (!o.rules.empty()) t.rules_file = o.rules;
    if (!o.ignore.empty()) t.ignore_file = o.ignore;
  }

  // Outputs to AWS need a session even for an ad-hoc plan target.
  if ((o.write_s3 || o.alert || o.publish || o.metrics) && !session)
    session = aws::session::from_environment();
  scan_runner runner(make_config(o, env), session);
  run_outcome out = runner.run(targets.value(), req);
  if (!o.html.empty()) write_html(o.html, out);
  if (o.json)
    std::cout << outcome_json(out) << "\n";
  else
    print_summary(out, o.color && !no_color_env() && ::isatty(1));
  return out.exit_code;
}

std::span<const cli_option> cli_options() {
  static const std::vector<cli_option> table = [] {
    std::vector<cli_option> out;
    for (const auto& s : option_specs) out.push_back(s.public_part);
    return out;
  }();
  return table;
}

std::string cli_usage() {
  options unused;
  return make_parser(unused)->help();
}

}  // namespace scanner
