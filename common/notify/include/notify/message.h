// What a person should hear about, in one shape for every channel: the scanner and the callback
// fill a message; render.h turns it into Slack, Teams, PagerDuty, e-mail and GitHub issue
// payloads; deliver.h sends it. Plain data: values are raw (never escaped here), and values a
// report redacts arrive already redacted.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "drift/changed_by.h"

namespace notify {

enum class kind {
  drift,                // drift new or changed at or above the alert severity
  drift_resolved,       // drift that a scan no longer finds (PagerDuty resolve, issue close)
  remediation_outcome,  // a remediation ended: remediated, failed or awaiting_review
  remediation_stuck,    // the sweeper found a remediation that never reported back
};
const char* to_string(kind k);

struct attribute_change {
  std::string name;  // Terraform attribute path, e.g. "tags.Owner"
  std::string expected;
  std::string actual;
};

struct finding {
  std::string drift_id;     // stable across scans: PagerDuty dedup_key, the issue marker
  std::string address;      // Terraform address
  std::string type;         // aws_s3_bucket
  std::string resource_id;  // ARN when known, else the cloud id
  std::string severity;     // "CRITICAL", "HIGH", "MEDIUM", "LOW", "INFO"
  std::string change;       // "update", "delete", "unmanaged"
  std::string status;       // "new", "changed", "standing", "resolved"
  std::string reason;       // the grading rule's reason
  std::vector<attribute_change> attributes;
  std::optional<drift::changed_by> changed_by;
};

struct place {
  std::string target;
  std::string workspace;
  std::string environment;
  std::string account;
  std::string region;
};

struct message {
  kind what = kind::drift;
  place where;
  std::string severity;  // the worst severity the message speaks of
  std::vector<finding> findings;
  std::string report_link;  // the HTML report (https or presigned); may be empty
  std::string report_uri;   // s3://.../report.json; may be empty
  // Remediation outcome and stuck remediations.
  std::string outcome;     // "remediated", "failed", "awaiting_review", "stuck"
  std::string run_url;     // the GitHub Actions run
  std::string detail;      // the workflow's error, the guard's reasons, why it is stuck
  std::string repository;  // owner/repo holding the Terraform code
  std::string commit;      // the known-good commit a remediation re-applies
};

}  // namespace notify
