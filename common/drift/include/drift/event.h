// The drift event envelope (EventBridge shape) carried by the drift topic: the DevOps
// Agent's events (CloudFormation property names) and the scanner's
// (source drift-detection.scanner, Terraform attribute names, detail.terraform).
#pragma once

#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/result.h"

namespace drift {

inline constexpr std::string_view agent_source = "aws.devops-agent";
inline constexpr std::string_view agent_detail_type = "AWS DevOps Agent - Drift Detected";
inline constexpr std::string_view scanner_source = "drift-detection.scanner";
inline constexpr std::string_view scanner_detail_type = "Drift Detected";

// Where a scanner finding came from, so a remediation can find the workspace.
struct terraform_ref {
  std::string address;
  std::string workspace;
  std::string environment;
  std::string target;
  std::string state_location;  // s3://bucket/full/state/key
  std::string report_uri;      // s3://bucket/reports/...json
};

// One changed attribute with its values (scanner events only; redacted).
struct event_change {
  std::string attribute;
  std::string expected = "null";  // compact JSON
  std::string actual = "null";
};

struct event_detail {
  std::string drift_type;     // "configuration_change", "resource_deleted", "unmanaged"
  std::string resource_type;  // AWS::S3::Bucket or aws_s3_bucket
  std::string resource_arn;   // required
  std::vector<std::string> changed_properties;
  std::string detected_by;
  std::string change_author;
  std::string change_time;
  std::string severity;  // as sent; the orchestrator grades again with the shared table
  std::string severity_reason;
  // The scanner's identity of the drift across scans (the drifts table); absent in the Agent's
  // events and from a scanner that keeps no drifts table.
  std::string drift_id;
  std::map<std::string, std::string> tags;
  std::optional<terraform_ref> terraform;
  std::vector<event_change> changes;
};

struct drift_event {
  std::string version = "0";
  std::string id;
  std::string detail_type;
  std::string source;
  std::string account;
  std::string time;
  std::string region;
  std::vector<std::string> resources;
  event_detail detail;

  // Terraform attribute names (scanner, or any event with detail.terraform) or
  // CloudFormation property names (the Agent).
  bool terraform_vocabulary() const;
  // detail.terraform.environment, else the Environment tag, else empty.
  std::string environment() const;
};

struct field_error {
  std::string field;  // e.g. "detail.resourceArn"
  std::string problem;
};

struct event_error {
  std::string code;     // "NotJson" or "InvalidEvent"
  std::string message;  // all problems in one line, for logs and history
  std::vector<field_error> fields;
};

// Never throws, whatever the bytes. Unknown fields are ignored.
core::result<drift_event, event_error> parse_event(std::string_view bytes);

// The event as JSON; empty source/detail-type default to the scanner's.
std::string to_json(const drift_event& e);

}  // namespace drift
