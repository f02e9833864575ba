// The drift report the scanner writes (reports/<target>/<workspace>/<UTC>.json and
// latest.json), its JSON writer and reader, and the comparison of two reports that decides
// whether to alert. README.md documents the schema.
#pragma once

#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/result.h"
#include "drift/changed_by.h"
#include "drift/severity.h"

namespace drift {

inline constexpr int report_schema_version = 1;

struct report_attribute {
  std::string name;
  std::string expected = "null";  // compact JSON, redacted: what the state/configuration says
  std::string actual = "null";    // compact JSON, redacted: what the cloud has
  bool sensitive = false;
};

struct remediation {
  std::string action;  // "revert", "accept", "import", "investigate"
  std::string command;
  std::string description;
};

struct drift_item {
  std::string address;
  std::string type;
  std::string id;
  std::string arn;
  change_kind change = change_kind::update;
  std::vector<report_attribute> attributes;
  severity level = severity::info;
  std::string reason;
  std::string rule;
  remediation fix;
  // False when a rule says the change is expected and must never be reverted unattended (an
  // autoscaled count): no drift event asks for an automatic revert of it. JSON: written only
  // when false.
  bool auto_remediate = true;
  // Monthly on-demand cost delta in USD; nullopt with cost_unknown when it cannot be priced.
  std::optional<double> monthly_cost_delta;
  bool cost_unknown = false;
  std::map<std::string, std::string> tags;  // redacted; decides AutoRevert
  // The drift across scans, when the scanner keeps a drifts table (JSON fields written only
  // then): its stable id, when it was first seen, in how many scans, and how often it came
  // back after being resolved.
  std::string drift_id;
  std::string first_seen;
  int scans_seen = 0;
  int recurrence = 0;
  // Who made the change, when a CloudTrail change event named it (the live path); nullopt
  // when unknown. Shown on the report's page.
  std::optional<drift::changed_by> changed_by;
};

struct not_checked_item {
  std::string address;
  std::string type;
  std::string reason;
  bool unknown_type = false;  // the engine has no reader for the type at all
};

struct coverage_item {
  std::string type;
  int managed = 0;
  int found = 0;
};

struct report_error {
  std::string code;
  std::string message;
  std::string address;  // empty when not about one resource
};

struct report_target {
  std::string name;
  std::string account;
  std::string region;
  std::string workspace;
  std::string environment;
  std::string state_location;  // s3://bucket/key
};

struct report_summary {
  int resources_scanned = 0;
  int drifted = 0;
  std::map<std::string, int> by_change;    // update, delete, unmanaged (all present)
  std::map<std::string, int> by_severity;  // CRITICAL .. INFO (all present)
  std::optional<severity> highest;         // nullopt: no drift ("NONE" in JSON)
  double monthly_cost_delta = 0;           // sum of the known deltas
  int cost_unknown = 0;                    // drifts whose delta could not be priced
  int ignored = 0;                         // drifts dropped by ignore rules
};

// What started a targeted check of the live path: the CloudTrail call (its eventID), the
// EventBridge event that delivered it, the call's name, time and source ("aws.ec2"). Written
// only on such reports.
struct report_trigger {
  std::string event_id;
  std::string eventbridge_id;
  std::string event_name;
  std::string time;
  std::string source;
};

struct report {
  int schema_version = report_schema_version;
  std::string scan_id;
  std::string started_at;  // ISO 8601 UTC
  std::string finished_at;
  report_target target;
  std::string engine;  // "terraform", "native" or "plan"
  int exit_code = 0;   // terraform plan -detailed-exitcode: 0 none, 2 drift, 1 error
  bool incomplete = false;
  report_summary summary;
  std::vector<drift_item> drifts;
  std::vector<not_checked_item> not_checked;
  std::map<std::string, int> suppressed;  // normalisation rule -> differences it hid
  std::vector<coverage_item> coverage;
  std::vector<report_error> errors;
  std::optional<report_trigger> trigger;  // a live-path check's change event
};

// Recomputes summary counts, highest severity, cost and exit_code from drifts and errors
// (keeps resources_scanned and ignored). exit_code: 1 with errors, else 2 with drift, else 0.
void summarize(report& r);

// How much of the workspace was really compared: resources compared, not checked (by reason,
// the text before its first ':'), and of a type the engine cannot read. Derived from the
// report; written as summary.checks.
struct check_counts {
  int compared = 0;
  int not_checked = 0;
  int unknown_type = 0;
  std::map<std::string, int> not_checked_by_reason;
};
check_counts count_checks(const report& r);

// IaC coverage: managed resources among those found, per type and in total (percent of found;
// 100 when nothing was found).
double coverage_percent(int managed, int found);

std::string to_json(const report& r);
core::result<report> parse_report(std::string_view bytes);

// Changes whenever the drift's kind, attribute names or values (expected or actual) do.
std::string fingerprint(const drift_item& d);

// Drifts at or above `minimum` (drift/lifecycle.h's alert rule) new since the previous report,
// changed (other attributes or values), or resolved (gone, or now below `minimum`; never
// claimed by a failed or incomplete scan). No previous report: every such drift is new.
struct critical_delta {
  std::vector<drift_item> added;
  std::vector<drift_item> changed;
  std::vector<drift_item> resolved;
  // Remediated, and still drifting when checked again: the revert did not hold.
  std::vector<drift_item> remains;
  bool should_alert() const {
    return !added.empty() || !changed.empty() || !resolved.empty() || !remains.empty();
  }
  bool has_news() const { return !added.empty() || !changed.empty() || !remains.empty(); }
};
critical_delta compare_reports(const report* previous, const report& current, severity minimum);
inline critical_delta compare_critical(const report* previous, const report& current) {
  return compare_reports(previous, current, severity::critical);
}

}  // namespace drift
