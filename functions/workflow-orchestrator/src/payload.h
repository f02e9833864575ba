// The repository_dispatch client_payload, schema version 2: it names the remediation recorded
// in our table and the drift events it answers, and nothing that changes what gets applied
// (docs/remediation-claim.md).
#pragma once

#include <string>

#include "remediation.h"

namespace orchestrator {

inline constexpr const char* dispatch_event_type = "drift-detected";
inline constexpr int payload_schema_version = 2;

std::string build_client_payload(const remediation& r);

}  // namespace orchestrator
