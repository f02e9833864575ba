// The drift-history `status` lifecycle as the callback sees it: which statuses a workflow
// outcome maps to, which are final, and what a callback may do to a record in a given status.
#pragma once

#include <optional>
#include <string_view>

namespace callback {

// What a remediation run ended in (or stopped for).
enum class outcome { remediated, remediation_failed, cancelled, awaiting_review };

// GitHub's job.status values (success, failure, cancelled), the seed's "failed", the history
// names themselves and awaiting_review; case-insensitive. nullopt for anything else.
std::optional<outcome> parse_outcome(std::string_view reported);

// The history `status` value for an outcome.
std::string_view history_status(outcome o);

inline bool is_final(outcome o) { return o != outcome::awaiting_review; }

// remediated, remediation_failed, cancelled, unmatched, rejected, skipped, failed: a record in
// one of these never changes status again.
bool is_final_status(std::string_view status);

enum class transition {
  apply,     // the record moves to the new status
  repeat,    // the record already holds exactly this outcome: nothing to change
  conflict,  // the record is final with another outcome (or awaiting_review after final)
};

transition classify(std::string_view current_status, outcome next);

}  // namespace callback
