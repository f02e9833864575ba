// What a graded report turns into, as pure functions: where it is stored, the SNS alert
// message, the CloudWatch metric data and the drift events. Sending is the scanner's job.
#pragma once

#include <chrono>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "aws_calls.h"
#include "drift/event.h"
#include "drift/report.h"

namespace scanner {

// reports/<target>/<workspace>/<UTC-timestamp>.json and latest.json beside it. The
// timestamp (2026-11-23T18-00-00Z) sorts as time does and needs no escaping anywhere.
std::string report_key(const std::string& target, const std::string& workspace,
                       std::chrono::system_clock::time_point at);
std::string latest_key(const std::string& target, const std::string& workspace);
// The HTML page of a report (report_html.h) is stored beside it, under the same name ending
// in .html: <UTC-timestamp>.html and latest.html.
std::string html_twin(const std::string& json_key);
inline constexpr const char* html_content_type = "text/html; charset=utf-8";

struct alert_message {
  std::string subject;
  std::string body;
};
// One message per target scan: counts, the top findings (new and changed first, with their
// drift ids when the scanner keeps a drifts table), what was resolved, and the report's
// location, and the link to its HTML page when there is one (REPORT_BASE_URL or presigned).
// `minimum` is the alert rule's (ALERT_MIN_SEVERITY) that made `delta`. nullopt when the delta
// does not warrant an alert.
std::optional<alert_message> build_alert(const drift::report& r, const drift::critical_delta& delta,
                                         const std::string& report_uri,
                                         drift::severity minimum = drift::severity::critical,
                                         const std::string& page_link = {});

// DriftDetected (Environment, Severity; every severity, zeros included), ResourcesScanned
// and ScanErrors (Environment), ScanDuration (Environment) for a scan that succeeded.
// ScanErrors counts the report's errors plus `output_errors`: a report, alert or drift event
// that could not be published. NotificationFailures (Channel) for each channel a message of
// the scan went to (notification_failures: channel -> messages it failed to take, zeros
// included): a message not delivered is counted there, never in ScanErrors.
std::vector<aws_calls::metric_datum> scan_metrics(
    const drift::report& r, double duration_seconds, std::size_t output_errors = 0,
    const std::map<std::string, int>& notification_failures = {});
// NotificationFailures (Channel) alone: one datum per channel.
std::vector<aws_calls::metric_datum> notification_metrics(
    const std::map<std::string, int>& notification_failures);

// Whether a drift opted in to auto-remediation: tag AutoRevert=true (value case-insensitive),
// and no rule forbids it (drift_item::auto_remediate: an autoscaled count never is).
bool auto_revert(const drift::drift_item& d);

struct event_context {
  std::string account;
  std::string region;
  std::string state_location;  // s3://bucket/full-key
  std::string report_uri;
  std::string time;  // ISO 8601 UTC
};
// The drift event envelope (common/drift/README.md), source drift-detection.scanner; one event per
// drift.
drift::drift_event build_drift_event(const drift::report& r, const drift::drift_item& d,
                                     const event_context& ctx, std::string id);

// SNS takes at most 256 KiB. An event over that keeps its names and drops the values
// (expected/actual), then keeps the first changed properties only; the report it points to
// (detail.terraform.reportUri) has everything. Returns the JSON to publish, and whether it
// was trimmed.
inline constexpr std::size_t max_event_bytes = 256 * 1024;
std::pair<std::string, bool> event_json_within_limit(drift::drift_event e,
                                                     std::size_t limit = max_event_bytes);

// A random version-4 UUID (scan ids, event ids).
std::string random_uuid();

}  // namespace scanner
