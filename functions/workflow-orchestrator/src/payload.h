// The repository_dispatch client_payload (README.md, "The dispatch payload", is its one
// description; the workflow template reads exactly those fields). GitHub accepts at most 10
// top-level properties, so everything beyond the decision itself is nested.
#pragma once

#include <string>

#include "decision.h"
#include "deployment.h"
#include "drift/event.h"

namespace orchestrator {

inline constexpr const char* dispatch_event_type = "drift-detected";
inline constexpr int payload_schema_version = 1;

struct payload_context {
  std::string callback_function_name;
  std::string history_timestamp;  // the history item's range key (the event's time)
  std::string lock_id;            // the remediation lock held for this dispatch
  int attempt = 0;                // retries before this dispatch
};

std::string build_client_payload(const drift::drift_event& ev, const deployment& dep,
                                 const decision& d, const payload_context& ctx);

}  // namespace orchestrator
