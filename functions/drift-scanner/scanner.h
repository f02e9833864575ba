// One scan run: for each selected target and workspace, fetch the state, run the engine (or
// ingest a plan), grade, and emit the report, the alert, the drift events and the metrics.
// A target that fails is reported in its own report and in the metrics; the others still run.
#pragma once

#include <chrono>
#include <functional>
#include <map>
#include <memory>
#include <optional>
#include <set>
#include <string>
#include <vector>

#include "aws/session.h"
#include "aws_calls.h"
#include "drift/lifecycle.h"
#include "drift/report.h"
#include "engine.h"
#include "notify/deliver.h"
#include "outputs.h"
#include "store/drifts.h"
#include "targets.h"
#include "work_plan.h"

namespace scanner {

// A drift's life across scans (DRIFTS_TABLE, ALERT_MIN_SEVERITY, REANNOUNCE_HOURS,
// COOLDOWN_SECONDS).
struct lifecycle_settings {
  // The drifts table; empty: each scan compares with the previous latest.json only (the CLI).
  std::string drifts_table;
  drift::severity alert_minimum = drift::lifecycle::default_alert_minimum;
  // When standing drift's events go out again: after REANNOUNCE_HOURS (zero: never), and once
  // a failed remediation's cool-down (the orchestrator's COOLDOWN_SECONDS) has ended.
  drift::lifecycle::announce_policy announce;
  // HISTORY_TABLE: a check after a remediation records its verdict on the drift events it
  // answers (revert_status) and publishes RemediationSuccess; empty: only the drifts table moves.
  std::string history_table;
};

struct scanner_config {
  std::string engine = "auto";  // SCAN_ENGINE: native | terraform | auto
  std::string report_bucket;
  std::string alert_topic_arn;
  std::string drift_topic_arn;
  std::string metrics_namespace = "TerraformPipeline/Drift";
  bool write_s3 = false;        // reports to s3://report_bucket/reports/...
  bool send_alerts = false;     // SNS alert on new/changed/resolved drift (alert_minimum)
  bool publish_events = false;  // drift events for AutoRevert=true resources
  bool put_metrics = false;     // one PutMetricData for the run
  std::string local_dir;        // non-empty: reports also written under this folder
  long long max_state_bytes = 256LL * 1024 * 1024;  // MAX_STATE_MB
  std::chrono::system_clock::time_point deadline = std::chrono::system_clock::time_point::max();
  std::function<void(const std::string&)> progress;  // one line per step (CLI)
  // The whole configured list when this run scans only part of it (one fanned-out target);
  // empty: the run's own targets are the whole list.
  std::vector<target> known_targets;
  lifecycle_settings lifecycle;
  // After a run that wrote reports to S3: rebuild the fleet page (reports/index.html, fleet.h)
  // from the bucket and the drifts and history tables.
  bool rebuild_fleet_page = false;
  // REPORT_BASE_URL: links to report pages (fleet page, alerts) are <base>/<key>; empty:
  // presigned S3 GET URLs.
  std::string report_base_url;
  // CHANGE_JOURNAL_TABLE: a scan's drifts name who changed them, from the live path's journal.
  std::string change_journal_table;
  // Messages for people (Slack, Teams, PagerDuty, GitHub issues; messages.h): the container's
  // one notifier (handler.cpp keeps it warm across invocations); null: none are sent.
  std::shared_ptr<notify::notifier> notifier;
};

// What the messages of a scan or a check did, per channel (notify::delivery_report summed).
// A message not delivered never fails the scan: it is counted (NotificationFailures) and
// listed, but is no output error (ScanErrors, exit code).
struct notification_tally {
  std::map<std::string, int> sent;
  std::map<std::string, int> failed;
  std::vector<std::string> errors;
  // Every channel a message went to, with its failures (zeros included): NotificationFailures.
  std::map<std::string, int> failures_by_channel() const;
};

// The check after a remediation (the callback's {"action": "confirm_revert", ...}): only these
// addresses are read, and each drift id is judged gone or still there.
struct revert_request {
  std::vector<std::string> addresses;        // Terraform addresses the remediation applied
  std::vector<std::string> drift_ids;        // the drifts it answered (drifts table ids)
  std::vector<std::string> drift_event_ids;  // their drift events (history items)
};

struct scan_request {
  std::string target;     // empty: every target
  std::string workspace;  // empty: every workspace of the target(s)
  // A `terraform show -json` plan to grade instead of running an engine (needs target).
  std::optional<std::string> plan_json;
  // A revert check (needs target and workspace): no report, alert or drift event.
  std::optional<revert_request> revert;
  // One slice of the workspace (needs target and workspace; a sliced fan-out's unit): its part
  // goes to the report bucket, and the slice that completes the set emits the report.
  std::optional<slice_spec> slice;
  // Whether this scan lists the region for unmanaged resources; unset: the first workspace
  // of each target scanned (of a slice, the first slice) does, the others do not.
  std::optional<bool> find_unmanaged;
};

// What a revert check found and recorded.
struct revert_outcome {
  std::string target;
  std::string workspace;
  std::vector<std::string> confirmed;      // gone: the revert held
  std::vector<std::string> drift_remains;  // still drifting
  std::vector<std::string> undecided;      // not compared (errors, throttling, deadline)
  int events_recorded = 0;                 // history items that got their revert_status
  bool alerted = false;  // an alert named the drift that remains (at or above the minimum)
  bool metrics_sent = false;
  std::vector<std::string> errors;
  notification_tally notifications;
};

struct workspace_outcome {
  drift::report report;
  std::string report_uri;  // s3://... when written to S3, else the local file, else ""
  std::string page_link;   // the HTML page's link (REPORT_BASE_URL or presigned) when in S3
  bool alerted = false;
  int events_published = 0;
  std::vector<std::string> output_errors;  // writes, alerts or events that failed
  notification_tally notifications;        // messages for people (never an output error)
};

struct run_outcome {
  std::vector<workspace_outcome> scans;
  // terraform -detailed-exitcode over the run: 1 if any scan or output failed, else 2 if any
  // drift, else 0.
  int exit_code = 0;
  bool metrics_sent = false;
  std::vector<std::string> errors;  // run-level (metrics, unknown target)
  // Slices of a sliced workspace scanned in this run: "<target>/<workspace> part i of n".
  std::vector<std::string> slice_parts;
};

struct grading_setup;  // a target's rules and ignore files (scanner.cpp)
class live_checker;    // the live path's targeted checks (live_check.cpp)

class scan_runner {
 public:
  // `base`: the function's own session (credentials and region); may be null for a purely
  // local run (plan grading without AWS).
  scan_runner(scanner_config cfg, std::shared_ptr<aws::session> base);
  run_outcome run(const std::vector<target>& targets, const scan_request& req);
  // A scheduled scan cut into invocations (work_plan.h): each target's states are read and
  // estimated; targets whose states cannot be read stay whole (their invocation reports why).
  std::vector<work_unit> plan(const std::vector<target>& targets, const work_budget& budget,
                              const std::string& run);
  // A revert check (req.revert set): a read of only the remediated addresses, without
  // unmanaged discovery, then the verdicts recorded (revert_check.cpp).
  revert_outcome check_revert(const std::vector<target>& targets, const scan_request& req);
  // One workspace's report of just these addresses (their instances, as a revert check reads
  // them), without unmanaged discovery and without any output: the live path's read.
  drift::report check_addresses(const target& t, const std::string& workspace,
                                const std::vector<std::string>& addresses);

 private:
  friend class live_checker;  // writes its targeted reports through the same outputs
  // One verdict of a revert check, with the drift events it answers.
  struct revert_verdict {
    std::string drift_id;
    bool held = false;
    std::vector<std::string> event_ids;
  };
  // Records each verdict on its events' history items (once per item) and queues one
  // RemediationSuccess datum per item recorded; failures are added to `errors`.
  int record_revert_verdicts(const std::vector<revert_verdict>& verdicts,
                             std::chrono::system_clock::time_point now,
                             std::vector<std::string>& errors);
  // A targeted check found the revert of `drift_ids` (at `addresses`) did not hold: one alert
  // naming what still drifts there at or above the alert minimum, each then recorded as
  // announced. Whether it was sent.
  bool alert_revert_not_held(const drift::report& r, const target& t, const std::string& workspace,
                             const std::set<std::string>& drift_ids,
                             const std::set<std::string>& addresses, store::drifts& table,
                             std::vector<std::string>& errors, notification_tally& told);
  // The run's one PutMetricData of what metrics_ holds; false (and an error) when it failed.
  bool send_metrics(std::vector<std::string>& errors);
  std::vector<workspace_outcome> scan_target(const target& t, const scan_request& req);
  // One workspace's findings (find_drift) graded into its report, before any output.
  drift::report scan_workspace(const target& t, const std::string& ws, const scan_request& req,
                               const grading_setup& grading, aws::session* state_session,
                               const std::shared_ptr<aws::session>& cloud_session,
                               std::chrono::system_clock::time_point started);
  // A slice's part written to the report bucket; the workspace's outcome when this slice
  // completed the set and won the merge (or when its part could not be written: an error
  // report), else nullopt.
  std::optional<workspace_outcome> scan_slice(const target& t, const std::string& ws,
                                              const scan_request& req, const grading_setup& grading,
                                              aws::session* state_session,
                                              const std::shared_ptr<aws::session>& cloud_session);
  // Findings graded into a workspace's report.
  drift::report graded(findings f, const target& t, const std::string& ws,
                       const grading_setup& grading, const std::string& started_at);
  // The findings of one workspace: its state read, then the engine's comparison, or the
  // handed-in plan; every failure is an error of the findings.
  findings find_drift(workspace_scan scan, const scan_request& req, aws::session* state_session);
  // The outputs of one report, each step adding what failed to o.output_errors: the previous
  // latest.json (what the alert compares with), the report and latest.json, the alert, the
  // drift events; and the report's metrics for the run's one PutMetricData.
  workspace_outcome emit(drift::report r, const target& t, const std::string& state_key,
                         double seconds);
  std::optional<drift::report> previous_report(const std::string& latest, workspace_outcome& o);
  // What the drifts table made of this scan's drifts (same order as the report's), and the
  // drifts it resolved; nullopt without a table, or when it could not be used (an output
  // error: the alert then compares with the previous report, as without a table).
  struct tracked {
    std::string scope;
    std::vector<store::observed> sightings;
    std::vector<store::drift_record> resolved;
  };
  std::optional<tracked> track(drift::report& r, const std::optional<drift::report>& previous,
                               std::chrono::system_clock::time_point now, workspace_outcome& o);
  std::vector<revert_verdict> revert_verdicts_of(store::drifts& table, const tracked& t,
                                                 const drift::report& r,
                                                 std::chrono::system_clock::time_point now,
                                                 workspace_outcome& o);
  void mark_announced(const tracked& t, const std::string& drift_id,
                      std::chrono::system_clock::time_point now, workspace_outcome& o);
  void write_report(const drift::report& r, const std::string& key, const std::string& latest,
                    bool replace_latest, workspace_outcome& o);
  // What the alert rule (ALERT_MIN_SEVERITY) makes of a scan: with the drifts table its
  // sightings and the drifts it resolved, else the comparison with the previous report.
  drift::critical_delta alert_delta(const drift::report& r,
                                    const std::optional<drift::report>& previous,
                                    const tracked* t) const;
  void send_alert(const drift::report& r, const drift::critical_delta& delta, const tracked* t,
                  workspace_outcome& o);
  // The scan's messages (messages.h) through the container's notifier; what each channel took
  // or refused is added to `tally` and logged, never thrown.
  void send_messages(const std::vector<notify::message>& messages, notification_tally& tally);
  void publish_drift_events(const drift::report& r, const event_context& ec, const tracked* t,
                            workspace_outcome& o);
  std::shared_ptr<aws::session> session_for(const target& t, const std::string& region);
  void say(const std::string& line) const;

  scanner_config cfg_;
  std::shared_ptr<aws::session> base_;
  std::vector<aws_calls::metric_datum> metrics_;
  bool any_success_ = false;
  const std::vector<target>* run_targets_ = nullptr;  // during run()
  std::vector<std::string> slice_parts_;              // during run()
  std::set<std::string> listed_scopes_;  // during run(): accounts' regions a target listed
};

}  // namespace scanner
