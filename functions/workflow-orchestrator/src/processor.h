// One record from start to end, as named steps (processor.cpp): parse, record, look up, lock,
// decide, dispatch, record again. Every path ends in a history status (drift/status.h) and an
// outcome for the response.
#pragma once

#include <string>

#include "aws/session.h"
#include "config.h"
#include "core/time.h"
#include "github/dispatch.h"
#include "github/token_cache.h"
#include "policy_source.h"
#include "records.h"

namespace orchestrator {

// What the function needs beyond its configuration; kept warm across invocations.
struct services {
  aws::session& aws;
  github::dispatcher& github;
  github::token_cache& token;
  policy_source& policy;
};

struct record_outcome {
  std::string item_id;  // for batchItemFailures
  std::string message_id;
  std::string drift_event_id;
  std::string resource_arn;
  std::string outcome;  // dispatched, awaiting_review, duplicate, retry_scheduled, unmatched,
                        // rejected, skipped, failed, error
  std::string status;   // the history status written ("" when none was)
  std::string detail;   // why, in a sentence
  std::string environment;
  // The drift event's source on its first delivery (drift::agent_source or scanner_source);
  // "" for a record that is not a drift event and for a scheduled retry of one already counted.
  std::string detected_by;
  bool retry_record = false;     // report the record as failed, so it is delivered again
  bool dispatch_failed = false;  // counts in DispatchFailures
  bool dispatch_attempted = false;
};

class processor {
 public:
  processor(const config& cfg, services svc) : cfg_(cfg), svc_(svc) {}

  // `deadline`: the invocation's; no dispatch starts that could not finish before it.
  record_outcome handle(const inbound_record& rec, const std::string& request_id,
                        core::time::time_point now, core::time::time_point deadline);

 private:
  const config& cfg_;
  services svc_;
};

}  // namespace orchestrator
