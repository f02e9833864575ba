// One callback invocation. Either a claim (the workflow's first step: docs/remediation-claim.md)
// or an outcome: validate, read the event's history item, move it along the lifecycle
// (conditionally), release the remediation lock, then report the outcome.
#pragma once

#include <lambda_runtime/runtime.h>

#include "aws/session.h"
#include "config.h"

namespace callback {

// errorType values a caller can act on.
inline constexpr const char* kInvalidInput = "InvalidInput";       // fix the call
inline constexpr const char* kUnknownEvent = "UnknownDriftEvent";  // no history record
inline constexpr const char* kStatusConflict = "StatusConflict";   // already final, differently
inline constexpr const char* kDependencyFailure = "DependencyFailure";  // AWS failed: call again
inline constexpr const char* kAlreadyClaimed = "AlreadyClaimed";  // another run holds the claim
inline constexpr const char* kUnknownRemediation = "UnknownRemediation";
inline constexpr const char* kNotClaimant = "NotClaimant";  // this run does not hold the claim
inline constexpr const char* kConfigurationError = "ConfigurationError";

lambda_runtime::invocation_response handle(aws::session& s, const config& cfg,
                                           const lambda_runtime::invocation_request& req);

}  // namespace callback
