// One callback invocation: validate, read the event's history record, move it along the
// lifecycle (conditionally), release the remediation lock, then report the outcome.
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

lambda_runtime::invocation_response handle(aws::session& s, const config& cfg,
                                           const lambda_runtime::invocation_request& req);

}  // namespace callback
