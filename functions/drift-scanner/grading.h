// Grading: engine findings -> the drift report's entries, through the shared severity table
// (with the target's rules file), its ignore rules, the cost table and the remediation
// suggestions of common/drift. Pure: no I/O.
#pragma once

#include <string>

#include "drift/ignore.h"
#include "drift/report.h"
#include "drift/severity.h"
#include "engine.h"

namespace scanner {

struct report_context {
  std::string scan_id;
  std::string started_at;  // ISO 8601 UTC
  std::string finished_at;
  drift::report_target target;
};

// The complete report: drifts graded, ignored ones counted, summary and exit code computed.
drift::report grade(const findings& f, const report_context& ctx, const drift::rule_table& rules,
                    const drift::ignore_rules& ignore);

}  // namespace scanner
