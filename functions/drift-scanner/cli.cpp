#include "cli.h"

#include <unistd.h>

#include <cstdio>
#include <cstring>
#include <fstream>
#include <iostream>
#include <sstream>
#include <string>

#include "config.h"
#include "handler.h"
#include "scanner.h"
#include "state_fetch.h"

namespace scanner {

namespace {

constexpr const char* usage =
    R"(drift-scanner: find drift between Terraform state and AWS, grade it, report it.

Usage: bootstrap [options]
  (the same executable is the Lambda function when AWS_LAMBDA_RUNTIME_API is set)

What to scan
  --targets JSON          scan targets as JSON (the SCAN_TARGETS format); default: the
                          SCAN_TARGETS or SCAN_TARGETS_PARAMETER environment variable
  --targets-file PATH     read the scan targets from a file (local path or s3:// URI)
  --target NAME           scan only this target
  --workspace WS          scan only this workspace (with --target)
  --plan FILE             grade a `terraform show -json` plan file instead of scanning
                          (local path or s3:// URI); the report is for --target/--workspace;
                          without targets, an ad-hoc target named by --target (default
                          "local") with --environment and --region
  --environment ENV       environment of the ad-hoc target of --plan (default: the workspace)
  --region REGION         region of the ad-hoc target of --plan (default: AWS_REGION)
  --engine ENGINE         native | terraform | auto (default: SCAN_ENGINE, else auto)
  --rules FILE            rules file for every target (overrides the targets' rules_file)
  --ignore FILE           .driftignore-style file for every target (overrides ignore_file)

Outputs (local only unless asked)
  --out DIR               write reports under DIR/reports/<target>/<workspace>/ (default
                          ./drift-reports); previous latest.json there decides alerts
  --write-s3              also write reports to s3://$REPORT_BUCKET/reports/...
  --alert                 send the SNS alert (ALERT_TOPIC_ARN) on new/changed/resolved
                          CRITICAL drift
  --publish-events        publish drift events (DRIFT_TOPIC_ARN) for AutoRevert=true resources
  --metrics               send the run's metrics to CloudWatch (METRICS_NAMESPACE)
  --json                  print the run's outcome as JSON instead of the summary
  --no-color              never colour the summary (it is coloured only on a terminal)
  --quiet                 no progress lines
  -h, --help              this text

Exit code, as `terraform plan -detailed-exitcode`: 0 no drift, 2 drift, 1 an error.
)";

struct options {
  std::string targets, targets_file, target, workspace, plan, environment, region, engine, rules,
      ignore;
  std::string out = "drift-reports";
  bool write_s3 = false, alert = false, publish = false, metrics = false, json = false,
       color = true, quiet = false;
};

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
    std::string* value = nullptr;
    if (a == "-h" || a == "--help") {
      std::cout << usage;
      return 0;
    } else if (a == "--targets")
      value = &o.targets;
    else if (a == "--targets-file")
      value = &o.targets_file;
    else if (a == "--target")
      value = &o.target;
    else if (a == "--workspace")
      value = &o.workspace;
    else if (a == "--plan")
      value = &o.plan;
    else if (a == "--environment")
      value = &o.environment;
    else if (a == "--region")
      value = &o.region;
    else if (a == "--engine")
      value = &o.engine;
    else if (a == "--rules")
      value = &o.rules;
    else if (a == "--ignore")
      value = &o.ignore;
    else if (a == "--out")
      value = &o.out;
    else if (a == "--write-s3")
      o.write_s3 = true;
    else if (a == "--alert")
      o.alert = true;
    else if (a == "--publish-events")
      o.publish = true;
    else if (a == "--metrics")
      o.metrics = true;
    else if (a == "--json")
      o.json = true;
    else if (a == "--no-color")
      o.color = false;
    else if (a == "--quiet")
      o.quiet = true;
    else {
      std::cerr << "drift-scanner: unknown option " << a << " (see --help)\n";
      return 1;
    }
    if (value) {
      const char* v = need(i);
      if (!v) return 1;
      *value = v;
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
    print_summary(out, o.color && ::isatty(1));
  return out.exit_code;
}

}  // namespace scanner
