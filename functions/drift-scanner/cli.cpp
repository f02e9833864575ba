#include "cli.h"

#include <unistd.h>

#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <fstream>
#include <iostream>
#include <sstream>
#include <string>
#include <string_view>
#include <vector>

#include "config.h"
#include "handler.h"
#include "scanner.h"
#include "state_fetch.h"

namespace scanner {

namespace {

struct options {
  std::string targets, targets_file, target, workspace, plan, environment, region, engine, rules,
      ignore;
  std::string out = "drift-reports";
  bool write_s3 = false, alert = false, publish = false, metrics = false, json = false,
       color = true, quiet = false;
};

// The one option table: the parser looks every argument up here, and --help is made from it.
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
    {{"--write-s3", "", "", "Outputs (local only unless asked)",
      "also write reports to s3://$REPORT_BUCKET/reports/..."},
     nullptr,
     &options::write_s3},
    {{"--alert", "", "", "Outputs (local only unless asked)",
      "send the SNS alert (ALERT_TOPIC_ARN) on new/changed/resolved\nCRITICAL drift"},
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

const option_spec* find_option(std::string_view arg) {
  for (const auto& s : option_specs)
    if (arg == s.public_part.name ||
        (!s.public_part.short_name.empty() && arg == s.public_part.short_name))
      return &s;
  return nullptr;
}

std::string usage() {
  constexpr std::size_t column = 26;
  std::string out =
      "drift-scanner: find drift between Terraform state and AWS, grade it, report it.\n\n"
      "Usage: bootstrap [options]\n"
      "  (the same executable is the Lambda function when AWS_LAMBDA_RUNTIME_API is set)\n";
  std::string_view section;
  for (const auto& s : option_specs) {
    const cli_option& o = s.public_part;
    if (o.section != section) {
      section = o.section;
      out += "\n" + std::string(section) + "\n";
    }
    std::string head = "  ";
    if (!o.short_name.empty()) head += std::string(o.short_name) + ", ";
    head += o.name;
    if (!o.value.empty()) head += " " + std::string(o.value);
    head += head.size() + 2 <= column ? std::string(column - head.size(), ' ')
                                      : "\n" + std::string(column, ' ');
    out += head;
    std::string_view help = o.help;
    for (bool first = true; !help.empty() || first; first = false) {
      const auto nl = help.find('\n');
      if (!first) out += std::string(column, ' ');
      out += std::string(help.substr(0, nl)) + "\n";
      help = nl == std::string_view::npos ? std::string_view{} : help.substr(nl + 1);
    }
  }
  out += "\nExit code, as `terraform plan -detailed-exitcode`: 0 no drift, 2 drift, 1 an error.\n";
  return out;
}

// https://no-color.org: NO_COLOR present and not empty turns colour off.
bool no_color_env() {
  const char* v = std::getenv("NO_COLOR");
  return v && *v;
}

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

}  // namespace

int run_cli(int argc, char** argv) {
  options o;
  auto need = [&](int& i) -> const char* {
    if (i + 1 >= argc) {
      std::cerr << "drift-scanner: " << argv[i] << " needs a value (see --help)\n";
      return nullptr;
    }
    return argv[++i];
  };
  for (int i = 1; i < argc; ++i) {
    const std::string a = argv[i];
    const option_spec* spec = find_option(a);
    if (!spec) {
      std::cerr << "drift-scanner: unknown option " << a << " (see --help)\n";
      return 1;
    }
    if (spec->text) {
      const char* v = need(i);
      if (!v) return 1;
      o.*(spec->text) = v;
    } else if (spec->flag) {
      o.*(spec->flag) = spec->to;
    } else {  // --help
      std::cout << usage();
      return 0;
    }
  }

  const environment_config env = read_environment();
  std::shared_ptr<aws::session> base;
  // Local plan grading needs no AWS; everything else does, and a session costs nothing.
  base = aws::session::from_environment();

  std::vector<target> targets;
  if (!o.targets.empty() || !o.targets_file.empty()) {
    std::string text = o.targets;
    if (!o.targets_file.empty()) {
      auto t = read_source(base.get(), o.targets_file);
      if (!t) {
        std::cerr << "drift-scanner: " << t.error().message << "\n";
        return 1;
      }
      text = t.value();
    }
    auto parsed = parse_targets(text);
    if (!parsed) {
      std::cerr << "drift-scanner: " << parsed.error().message << "\n";
      return 1;
    }
    targets = std::move(parsed.value());
  } else if (!env.scan_targets.empty() || !env.scan_targets_parameter.empty()) {
    auto loaded = load_targets(env, base.get());
    if (!loaded) {
      std::cerr << "drift-scanner: " << loaded.error().message << "\n";
      return 1;
    }
    targets = std::move(loaded.value());
  }

  scan_request req;
  req.target = o.target;
  req.workspace = o.workspace;
  if (!o.plan.empty()) {
    auto text = read_source(base.get(), o.plan);
    if (!text) {
      std::cerr << "drift-scanner: " << text.error().message << "\n";
      return 1;
    }
    req.plan_json = std::move(text.value());
    if (targets.empty()) {
      // An ad-hoc target: grading a plan from anywhere, with no backend to read.
      target t;
      t.name = o.target.empty() ? "local" : o.target;
      t.region = !o.region.empty() ? o.region : (base ? base->region() : "");
      const std::string ws = o.workspace.empty() ? "default" : o.workspace;
      if (!o.environment.empty()) t.environments[ws] = o.environment;
      req.target = t.name;
      req.workspace = ws;
      targets.push_back(std::move(t));
      base.reset();  // no state to fetch for it
    } else if (req.target.empty()) {
      if (targets.size() != 1) {
        std::cerr << "drift-scanner: --plan needs --target when several targets are configured\n";
        return 1;
      }
      req.target = targets.front().name;
    }
  }
  if (targets.empty()) {
    std::cerr << "drift-scanner: no scan targets (use --targets, --targets-file, SCAN_TARGETS or "
                 "--plan; see --help)\n";
    return 1;
  }
  for (auto& t : targets) {
    if (!o.rules.empty()) t.rules_file = o.rules;
    if (!o.ignore.empty()) t.ignore_file = o.ignore;
  }

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
  if (o.plan.empty() || !base) {
    // keep base as is
  }
  if (!o.quiet && ::isatty(2))
    cfg.progress = [](const std::string& line) { std::cerr << "... " << line << "\n"; };
  if ((o.write_s3 || o.alert || o.publish || o.metrics) && !base)
    base = aws::session::from_environment();

  scan_runner runner(cfg, base);
  const run_outcome out = runner.run(targets, req);
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

std::string cli_usage() { return usage(); }

}  // namespace scanner
