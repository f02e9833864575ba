#include "work_plan.h"

#include <algorithm>
#include <cmath>
#include <map>

#include "engine.h"

namespace scanner {

namespace {

// A slice is cut to fill this share of the budget: the estimate is an average, and a slow
// page or a retry must not push a slice past its invocation's timeout.
constexpr double kFill = 0.7;

bool counted(const terraform::resource_instance& r) {
  return r.mode == terraform::resource_mode::managed && r.deposed.empty();
}

std::map<std::string, size_t> instances_per_type(const terraform::state& st) {
  std::map<std::string, size_t> n;
  for (const auto& r : st.resources)
    if (counted(r)) ++n[r.type];
  return n;
}

double seconds_of(double calls, const work_budget& b) {
  return calls * b.call_latency_seconds / std::max(1, b.workers);
}

}  // namespace

bool address_range::contains(std::string_view address) const {
  return (from.empty() || address >= from) && (to.empty() || address < to);
}

double estimated_calls(const terraform::state& st) {
  double calls = 0;
  for (const auto& [type, n] : instances_per_type(st)) calls += native_calls_for(type, n);
  return calls;
}

double estimated_seconds(const terraform::state& st, const work_budget& b) {
  return seconds_of(estimated_calls(st), b);
}

std::vector<address_range> slice_ranges(const terraform::state& st, const work_budget& b) {
  const double total = estimated_seconds(st, b);
  const double fill = b.seconds * kFill;
  if (fill <= 0 || total <= fill) return {address_range{}};
  // Each instance's share of its type's cost (batching makes the type's cost sub-linear).
  const auto per_type = instances_per_type(st);
  std::map<std::string, double> share;
  for (const auto& [type, n] : per_type)
    share[type] = seconds_of(native_calls_for(type, n), b) / static_cast<double>(n);
  std::vector<std::pair<std::string, double>> costs;
  for (const auto& r : st.resources)
    if (counted(r)) costs.emplace_back(r.address, share[r.type]);
  std::sort(costs.begin(), costs.end());
  // At most max_slices (what a slice event may name): a workspace too large even for that
  // gets fuller slices, and their deadline reports what they could not read.
  const int count = static_cast<int>(std::min(std::ceil(total / fill), double(max_slices)));
  const double each = total / count;
  std::vector<address_range> out{address_range{}};
  double so_far = 0;
  for (size_t i = 0; i < costs.size(); ++i) {
    // Instance addresses are unique in a state, so a cut before one never splits anything.
    if (i > 0 && static_cast<int>(out.size()) < count &&
        so_far >= each * static_cast<double>(out.size())) {
      out.back().to = costs[i].first;
      out.push_back(address_range{costs[i].first, {}});
    }
    so_far += costs[i].second;
  }
  return out;
}

terraform::state state_in_range(const terraform::state& st, const address_range& r) {
  terraform::state out = st;
  out.resources.clear();
  for (const auto& inst : st.resources)
    if (r.contains(inst.address)) out.resources.push_back(inst);
  return out;
}

std::vector<work_unit> plan_target(const std::string& target,
                                   const std::vector<workspace_state>& workspaces,
                                   const work_budget& b, const std::string& run) {
  double total = 0;
  std::vector<double> each;
  for (const auto& w : workspaces) {
    each.push_back(w.state ? estimated_seconds(*w.state, b) : 0);
    total += each.back();
  }
  if (total <= b.seconds * kFill) return {work_unit{target, {}, std::nullopt, true, total}};
  std::vector<work_unit> out;
  for (size_t i = 0; i < workspaces.size(); ++i) {
    const bool owner = i == 0;
    const auto& w = workspaces[i];
    const auto ranges = w.state ? slice_ranges(*w.state, b) : std::vector<address_range>{{}};
    if (ranges.size() == 1) {
      out.push_back(work_unit{target, w.name, std::nullopt, owner, each[i]});
      continue;
    }
    const int count = static_cast<int>(ranges.size());
    for (int k = 0; k < count; ++k)
      out.push_back(work_unit{target, w.name, slice_spec{run, k, count, ranges[k]}, owner && k == 0,
                              each[i] / count});
  }
  return out;
}

}  // namespace scanner
