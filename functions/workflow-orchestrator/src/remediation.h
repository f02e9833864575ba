// The remediation the orchestrator decides on, recorded in our own table before the dispatch
// names it (docs/remediation-claim.md). The workflow reads these facts back through the
// callback's claim; nothing in the dispatch can change them.
#pragma once

#include <string>
#include <vector>

#include "decision.h"
#include "deployment.h"
#include "drift/event.h"
#include "store/remediations.h"

namespace orchestrator {

struct remediation {
  std::string remediation_id;
  std::vector<std::string> drift_event_ids;
  std::string history_timestamp;
  deployment dep;
  std::vector<std::string> addresses;  // exactly as Terraform prints them
  decision d;
};

// "rem-" + 32 hex digits of SHA-256 over the history key: every redelivery and retry of one
// drift names the same remediation, so a second dispatch can only ever be claimed once.
std::string remediation_id_for(const std::string& drift_event_id,
                               const std::string& history_timestamp);

// The addresses to target: the event's own address first, then every address recorded for
// the resource at deployment.
std::vector<std::string> target_addresses(const drift::drift_event& ev, const deployment& dep);

remediation make_remediation(const drift::drift_event& ev, const std::string& history_timestamp,
                             const deployment& dep, const decision& d);

// The item the store records (store::remediations::record: written once, never rewritten).
store::remediation_record to_record(const remediation& r);

// A gathering that `joining` joins: its addresses added (each once), the higher severity, and
// review when either asks for it (with both sets of reasons). What the remediation then applies
// answers every event it names.
store::remediation_record merged_with(const store::remediation_record& seen,
                                      const remediation& joining);

// The decision as the remediation records it, once events joined it: severity and approval are
// the merged ones (priority follows the severity), policy and environment the leading event's.
decision as_recorded(decision d, const store::remediation_record& r);

}  // namespace orchestrator
