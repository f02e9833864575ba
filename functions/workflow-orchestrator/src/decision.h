// What the orchestrator decides about one drift before dispatching: severity and priority from
// the shared table, policy-version compatibility, and whether a human must approve.
#pragma once

#include <map>
#include <optional>
#include <string>
#include <vector>

#include "deployment.h"
#include "drift/event.h"

namespace orchestrator {

struct policy_check {
  std::string deployed;   // the deployment's policy_version ("v1.0.0" when it recorded none)
  std::string current;    // the current version, empty when none is published
  bool conflict = false;  // current is a major version ahead, or a version is malformed
  std::string note;       // why, when conflict
};

struct decision {
  std::string severity;  // CRITICAL .. INFO
  std::string severity_reason;
  std::string priority;  // P0 .. P3
  std::string environment;
  // A rule calls the change expected (an autoscaled count): never approved unattended.
  bool expected_change = false;
  bool auto_approve = true;
  bool manual_review_required = false;
  std::vector<std::string> review_reasons;
  policy_check policy;
};

// The environment a drift belongs to: the event's (detail.terraform.environment or its
// Environment tag), else the deployment's, else the deployment's Environment tag.
std::string environment_of(const drift::drift_event& ev, const deployment* dep);

// Severity and priority only (used also when no deployment matched).
decision grade(const drift::drift_event& ev, const deployment* dep);

policy_check check_policy(const std::string& deployed, const std::optional<std::string>& current);

// The full decision, from the tags recorded with the deployment only. Resources recorded as
// Criticality (or CriticalityLevel) = critical, or without AutoRevert=true, policy conflicts,
// and events whose claimed AutoRevert/Criticality tags differ from the recorded ones, are
// never auto-approved.
decision decide(const drift::drift_event& ev, const deployment& dep,
                const std::optional<std::string>& current_policy);

}  // namespace orchestrator
