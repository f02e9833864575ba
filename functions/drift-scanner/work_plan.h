// How a scheduled scan is cut into Lambda invocations: each target's work is estimated from
// its states (instances per type times the type's AWS calls, native_calls_for, times a
// per-call latency, over the engine's workers). A target that fits one invocation's budget is
// one unit, as before; one that does not becomes one unit per workspace, and a workspace that
// still does not fit becomes slices by address range. Pure: no AWS, no clock.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "terraform/state.h"

namespace scanner {

struct work_budget {
  double seconds = 600;                // what one invocation may spend reading AWS
  double call_latency_seconds = 0.04;  // an AWS call's round trip, as the estimate assumes
  int workers = 8;                     // concurrent readers (NATIVE_WORKERS)
};

// Instance addresses from `from` (inclusive) to `to` (exclusive), in string order; an empty
// bound is open. Slices cover every address whatever the state holds when they run, so a
// state changed between the plan and the slice is still read whole, each address once.
struct address_range {
  std::string from;
  std::string to;
  bool contains(std::string_view address) const;
};

// The most slices one workspace is cut into (a slice event naming more is refused).
inline constexpr int max_slices = 1000;

// One slice of a workspace's scan: part `index` of `count` of the scheduled run `run`.
struct slice_spec {
  std::string run;
  int index = 0;
  int count = 1;
  address_range range;
};

struct work_unit {
  std::string target;
  std::string workspace;  // empty: every workspace of the target in one invocation
  std::optional<slice_spec> slice;
  // Unmanaged discovery: one unit per target lists the region (the first workspace's, its
  // first slice); the others read only their states.
  bool find_unmanaged = true;
  double estimated_seconds = 0;
};

// The estimated AWS calls and seconds of scanning a state's managed instances.
double estimated_calls(const terraform::state& st);
double estimated_seconds(const terraform::state& st, const work_budget& b);

// The address ranges that cut `st` into slices that each fit the budget (a margin kept), by
// cumulative cost over its instance addresses in string order (so a type's instances stay
// together and batch); one open range when it fits.
std::vector<address_range> slice_ranges(const terraform::state& st, const work_budget& b);

// `st` with only the instances whose address is in `r`.
terraform::state state_in_range(const terraform::state& st, const address_range& r);

struct workspace_state {
  std::string name;
  const terraform::state* state = nullptr;
};

// The units of one target whose workspaces' states are `workspaces` (in scan order).
std::vector<work_unit> plan_target(const std::string& target,
                                   const std::vector<workspace_state>& workspaces,
                                   const work_budget& b, const std::string& run);

}  // namespace scanner
