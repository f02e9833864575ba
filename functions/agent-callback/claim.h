// The claim: the remediation workflow's first step asks for the facts the orchestrator
// recorded, and the remediation becomes this run's with a conditional write, so that a second
// run for the same remediation never applies (docs/remediation-claim.md).
#pragma once

#include <optional>
#include <string>
#include <string_view>

#include "core/result.h"
#include "store/remediations.h"

namespace callback {

struct claim_request {
  std::string remediation_id;
  std::string run_id;
  std::string run_url;
};

// nullopt when the payload is not a claim (no "action"); InvalidInput for a claim with missing
// or malformed fields, or an unknown action.
core::result<std::optional<claim_request>> parse_claim(std::string_view payload);

// The facts of a claimed remediation exactly as the workflow reads them
// (docs/remediation-claim.md, "The claim").
std::string facts_json(const store::remediation_record& r);

// nullopt when `run_id` holds the claim on the remediation and it answers `drift_event_id`;
// otherwise the refusal (NotClaimant or UnknownRemediation) saying why.
std::optional<core::error> claimant_refusal(const std::optional<store::remediation_record>& r,
                                            const std::string& remediation_id,
                                            const std::string& run_id,
                                            const std::string& drift_event_id);

}  // namespace callback
