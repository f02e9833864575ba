// The change journal (CHANGE_JOURNAL_TABLE): one item per CloudTrail call that touched a
// resource a state manages. Hash key `resource` (the resource's ARN, else its id), range key
// `event_time` (the call's ISO-8601 time), TTL attribute `expires_at` (epoch seconds, 90 days
// after the call). The scanner's live path writes it; a scheduled scan may read the latest entry
// of a resource to say who changed it.
#pragma once

#include <chrono>
#include <optional>
#include <string>

#include "aws/error.h"
#include "aws/session.h"
#include "core/result.h"
#include "core/time.h"

namespace store {

inline constexpr std::chrono::hours change_journal_ttl{24 * 90};

struct change_entry {
  std::string resource;    // the resource's ARN, else its id
  std::string event_time;  // ISO 8601 (CloudTrail eventTime)
  std::string event_id;    // CloudTrail eventID
  std::string event_name;  // "AuthorizeSecurityGroupIngress"
  std::string event_source;
  std::string target;  // the scan target and workspace whose state manages the resource
  std::string workspace;
  std::string address;          // Terraform address
  std::string principal_arn;    // who made the call
  std::string changed_by_json;  // the whole changed_by object as reports write it
};

class change_journal {
 public:
  change_journal(aws::session& s, std::string table) : s_(s), table_(std::move(table)) {}

  // Puts the entry (a redelivered event writes the same item again: same key, same values).
  // expires_at is 90 days after event_time (after `now` when event_time cannot be read).
  core::result<core::unit, aws::error> record(const change_entry& e, core::time::time_point now);

  // The newest entry of a resource at or after `since` (ISO 8601; empty: any), or nullopt.
  core::result<std::optional<change_entry>, aws::error> latest(const std::string& resource,
                                                               const std::string& since = {});

 private:
  aws::session& s_;
  std::string table_;
};

}  // namespace store
