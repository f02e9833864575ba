// The callback's input: what the remediation workflow sends, validated before anything is
// read or written.
#pragma once

#include <optional>
#include <string>
#include <string_view>

#include "core/result.h"
#include "drift/status.h"

namespace callback {

// What a run ended in, and the names a workflow may report it by (drift/status.h).
using drift::status::outcome;
using drift::status::parse_outcome;

struct request {
  std::string drift_event_id;
  std::string reported_status;  // as sent, e.g. GitHub's job.status "success"
  outcome status = outcome::remediated;
  std::optional<double> mttr_seconds;  // the caller's own measurement, if any
  std::string workflow_run_url;
  std::string error_message;
  // Given together by a run that claimed its remediation: the outcome counts only from the
  // run holding the claim.
  std::string remediation_id;
  std::string run_id;
};

// Parses and validates the invocation payload. Errors carry code "InvalidInput" and a message
// that names the offending field.
core::result<request> parse_request(std::string_view payload);

}  // namespace callback
