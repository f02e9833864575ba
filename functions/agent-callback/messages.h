// The message people get about a remediation outcome (notify/message.h), built from what the
// callback knows: the event's history item, the outcome recorded for it, and the remediation
// the run claimed when the call names one. Pure: no I/O.
#pragma once

#include <string>
#include <string_view>

#include "notify/message.h"
#include "outcome_report.h"

namespace callback {

// What the callback may know beside the outcome; empty when it does not.
struct message_context {
  std::string repository;   // owner/repo holding the Terraform code (GITHUB_REPOSITORY)
  std::string commit;       // the known-good commit the remediation re-applies
  std::string region;       // the remediation's region
  std::string report_link;  // the drift's report page
};

// The message's outcome for a recorded history status: "remediated", "failed" (also for
// `cancelled`: the drift stays and nothing was applied) or "awaiting_review".
std::string outcome_word(std::string_view history_status);

// The resource type of a Terraform address: aws_s3_bucket for module.m.aws_s3_bucket.b["x"];
// data sources keep their type. Empty when the address has none.
std::string resource_type(std::string_view address);

// kind remediation_outcome: one finding (the event's drift), the run URL, the detail (the
// workflow's error; for a cancelled run it says so), where the drift was seen.
notify::message outcome_message(const outcome_facts& f, const message_context& ctx);

}  // namespace callback
