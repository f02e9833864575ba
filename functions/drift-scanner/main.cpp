// drift-scanner: inside Lambda (AWS_LAMBDA_RUNTIME_API set) the scheduled or targeted scan
// handler; elsewhere the same scanner as a command-line tool (see --help).
#include <lambda_runtime/log.h>
#include <lambda_runtime/runtime.h>

#include <cstdlib>
#include <memory>

#include "cli.h"
#include "config.h"
#include "handler.h"
#include "scanner.h"

namespace {

lambda_runtime::invocation_response handle(const lambda_runtime::invocation_request& req,
                                           const std::shared_ptr<aws::session>& session) {
  using lambda_runtime::invocation_response;
  const scanner::environment_config env = scanner::read_environment();
  if (env.disabled) {
    lambda_runtime::log::warn("scan skipped: DISABLE_PROCESSING is set");
    return invocation_response::success(R"({"skipped":true,"reason":"DISABLE_PROCESSING"})");
  }
  auto targets = scanner::load_targets(env, session.get());
  if (!targets) {
    lambda_runtime::log::error("no scan targets", {{"error", targets.error().message}});
    return invocation_response::failure({"ConfigurationError", targets.error().message});
  }
  auto request = scanner::parse_event(req.payload, session.get());
  if (!request)
    return invocation_response::failure({request.error().code, request.error().message});

  scanner::scanner_config cfg;
  cfg.engine = env.scan_engine;
  cfg.report_bucket = env.report_bucket;
  cfg.alert_topic_arn = env.alert_topic_arn;
  cfg.drift_topic_arn = env.drift_topic_arn;
  cfg.metrics_namespace = env.metrics_namespace;
  cfg.write_s3 = !env.report_bucket.empty();
  cfg.send_alerts = !env.alert_topic_arn.empty();
  cfg.publish_events = !env.drift_topic_arn.empty();
  cfg.put_metrics = true;
  // Leave time to write the reports and metrics of what was scanned.
  cfg.deadline = req.ctx.deadline - std::chrono::seconds(15);
  cfg.progress = [](const std::string& line) { lambda_runtime::log::info(line); };

  scanner::scan_runner runner(cfg, session);
  const auto out = runner.run(targets.value(), request.value());
  for (const auto& s : out.scans)
    for (const auto& e : s.output_errors)
      lambda_runtime::log::error(e, {{"target", s.report.target.name}});
  for (const auto& e : out.errors) lambda_runtime::log::error(e);
  return invocation_response::success(scanner::outcome_json(out));
}

}  // namespace

int main(int argc, char** argv) {
  if (!std::getenv("AWS_LAMBDA_RUNTIME_API")) return scanner::run_cli(argc, argv);
  // One session per process, kept warm between invocations (the intended use of aws::session).
  auto session = aws::session::from_environment();
  return lambda_runtime::run(
      [session](const lambda_runtime::invocation_request& req) { return handle(req, session); });
}
