// The Lambda side: turns an invocation event into a scan request and the run into the
// function's JSON answer.
#pragma once

#include <lambda_runtime/runtime.h>

#include <memory>
#include <string>

#include "aws/session.h"
#include "core/result.h"
#include "scanner.h"

namespace scanner {

// {"target": name, "workspace"?: ws, "plan"?: {...} | "...", "plan_uri"?: "s3://..."};
// anything else (the EventBridge schedule, {}) scans every target.
core::result<scan_request> parse_event(const std::string& payload, aws::session* s);

// {"exit_code", "scans": [{target, workspace, environment, engine, exit_code, drifted,
// highest, report_uri, alerted, events_published, errors}], "metrics_sent", "errors"}
std::string outcome_json(const run_outcome& o);

// One invocation: configuration from the environment (read each time: cheap, and a changed
// DISABLE_PROCESSING takes effect at once), targets, the scan, the answer.
lambda_runtime::invocation_response handle_invocation(const lambda_runtime::invocation_request& req,
                                                      const std::shared_ptr<aws::session>& session);

}  // namespace scanner
