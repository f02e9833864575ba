// The claim: the remediation workflow's first step asks for the facts the orchestrator
// recorded, and the remediation becomes this run's with a conditional write, so that a second
// run for the same remediation never applies (docs/remediation-claim.md).
#pragma once

#include <optional>
#include <string>
#include <string_view>

#include "aws/error.h"
#include "aws/session.h"
#include "core/result.h"

namespace callback {

struct claim_request {
  std::string remediation_id;
  std::string run_id;
  std::string run_url;
};

// nullopt when the payload is not a claim (no "action"); InvalidInput for a claim with missing
// or malformed fields, or an unknown action.
core::result<std::optional<claim_request>> parse_claim(std::string_view payload);

enum class claim_verdict { claimed, already_claimed, unknown };

struct claim_result {
  claim_verdict verdict = claim_verdict::unknown;
  std::string facts_json;  // claimed: the recorded facts, as the workflow reads them
  std::string claimed_by;  // already_claimed: the run holding it
  std::string claimed_at;
};

class remediation_store {
 public:
  remediation_store(aws::session& s, std::string table) : s_(s), table_(std::move(table)) {}

  // Claims for `r.run_id`; the same run claiming again gets the same facts.
  core::result<claim_result, aws::error> claim(const claim_request& r, const std::string& now_iso);

  // nullopt when `run_id` holds the claim on `remediation_id` and the remediation answers
  // `drift_event_id`; otherwise the refusal (NotClaimant or UnknownRemediation) saying why.
  core::result<std::optional<core::error>, aws::error> refuse_unless_claimant(
      const std::string& remediation_id, const std::string& run_id,
      const std::string& drift_event_id);

 private:
  aws::session& s_;
  std::string table_;
};

}  // namespace callback
