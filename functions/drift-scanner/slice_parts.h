// The parts of a sliced workspace scan (work_plan.h) and how they become the workspace's one
// report. Each slice's invocation writes its findings, ungraded, to the report bucket under
// slices/<target>/<workspace>/<run>/<index>.json (in the report's JSON shape; S3 expires them).
// The invocation that finds every part present claims the merge with a conditional write of
// <run>/merged, so of slices finishing together exactly one grades and emits the workspace's
// report; a part written again (a retried invocation) replaces itself. The claim names its
// slice, and <run>/emitted marks an emitted report: when the claimant dies between claiming
// and emitting, Lambda's retry of that same slice finds its own claim and no mark, and merges
// (a copy of the event running at the same moment as the first would merge twice: a second,
// equal report). The merge is a pure
// function of the set of parts: the same parts always give the same findings, equal to those
// of the workspace scanned in one piece (drifts and not-checked by address, as the engine
// orders them; unmanaged findings and coverage from the one part that listed the region).
#pragma once

#include <string>
#include <vector>

#include "aws/session.h"
#include "core/result.h"
#include "engine.h"
#include "work_plan.h"

namespace scanner {

std::string slice_part_key(const std::string& target, const std::string& workspace,
                           const slice_spec& s);

std::string findings_to_json(const findings& f, const std::string& started_at);
core::result<findings> findings_from_json(std::string_view json, std::string* started_at);

// The workspace's findings from its slices' parts (any order; each index once).
findings merge_slice_parts(const std::vector<findings>& parts);

struct slice_progress {
  int present = 0;           // parts written so far, this one included
  bool merged_here = false;  // this invocation won the merge: `merged` holds the findings
  bool taken_over = false;   // ... as the retry of the slice that claimed it and died
  findings merged;
  std::string started_at;  // the earliest part's start
};

// Writes this slice's part, then merges when every part is there and no one merged yet.
core::result<slice_progress> write_part_and_merge(aws::session& s, const std::string& bucket,
                                                  const std::string& target,
                                                  const std::string& workspace,
                                                  const slice_spec& slice, const findings& part,
                                                  const std::string& started_at);

// Marks the run's merge as emitted (after the merging slice emitted the report).
core::result<core::unit> mark_merge_emitted(aws::session& s, const std::string& bucket,
                                            const std::string& target, const std::string& workspace,
                                            const slice_spec& slice);

}  // namespace scanner
