// One AWS API call as EventBridge delivers it ("AWS API Call via CloudTrail", the CloudTrail
// record in `detail`): what was called, on which resource, and who made the call. Input from
// outside: read only through the guarded parser (core::json::parse), every problem an error
// value.
#pragma once

#include <rapidjson/document.h>
#include <rapidjson/stringbuffer.h>
#include <rapidjson/writer.h>

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/result.h"
#include "drift/changed_by.h"

namespace scanner {

inline constexpr std::string_view cloudtrail_detail_type = "AWS API Call via CloudTrail";

// Who made a call, as reports show it (drift/changed_by.h: a report's drift carries it).
using changed_by = drift::changed_by;

struct change_event {
  // The EventBridge envelope.
  std::string id;      // the EventBridge event id
  std::string source;  // "aws.ec2"
  std::string time;
  std::vector<std::string> resources;
  // The CloudTrail record.
  std::string event_id;
  std::string event_name;    // "AuthorizeSecurityGroupIngress"
  std::string event_source;  // "ec2.amazonaws.com"
  std::string event_time;
  std::string region;   // awsRegion (us-east-1 for IAM), else the envelope's region
  std::string account;  // recipientAccountId, else the envelope's account
  std::optional<bool> read_only;
  std::string error_code;  // a failed call changed nothing
  std::string error_message;
  rapidjson::Document request_parameters;  // null when the record has none
  rapidjson::Document response_elements;   // null when the record has none
  changed_by by;

  bool failed() const { return !error_code.empty(); }
  // Whether the call may have changed something: not failed, not read-only.
  bool is_write() const { return !failed() && !read_only.value_or(false); }
};

// One EventBridge event (JSON text, e.g. an SQS message body). Errors: the parser's codes
// (InvalidJson, TooLarge, TooDeep, InvalidUtf8), or "NotCloudTrailCall" with what is wrong.
core::result<change_event> parse_change_event(std::string_view text);
// The same from an envelope already parsed with core::json::parse.
core::result<change_event> change_event_from(const rapidjson::Value& envelope);

// `changed_by` as a JSON object (every field, null when unknown), for reports.
void write_changed_by(rapidjson::Writer<rapidjson::StringBuffer>& w, const changed_by& by);
std::string changed_by_json(const changed_by& by);

// Whether the call was made by a session of one of `role_arns` (the product's remediation role,
// the Terraform pipeline's roles): the session issuer, or else the assumed-role ARN, names the
// same role in the same account and partition. A role ARN may carry a path
// (arn:aws:iam::<acct>:role/<path/>name); role names are unique in an account whatever their
// path. IAM users, root and service calls without a session of those roles are not made by
// them.
bool made_by(const change_event& e, const std::vector<std::string>& role_arns);

}  // namespace scanner
