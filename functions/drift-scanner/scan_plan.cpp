// scan_runner::plan: the scheduled scan's cut into invocations (work_plan.h), from each
// target's states as the backend holds them now.
#include <set>

#include "scanner.h"
#include "state_fetch.h"
#include "terraform_engine.h"

namespace scanner {

std::vector<work_unit> scan_runner::plan(const std::vector<target>& targets,
                                         const work_budget& budget, const std::string& run) {
  std::vector<work_unit> out;
  // Unmanaged discovery lists an account's region once: in the first target planned there.
  std::set<std::string> listed_scopes;
  for (const auto& t : targets) {
    const std::string scope = t.discovery_scope();
    const bool listed_before = !scope.empty() && listed_scopes.count(scope);
    const work_unit whole{t.name, {}, std::nullopt, !listed_before, 0};
    // Only the native engine's work is estimated: Terraform refreshes a workspace at once.
    const bool native = (cfg_.engine == "native" || cfg_.engine == "auto") &&
                        !terraform_engine_chosen(cfg_.engine, t);
    if (!t.problem.empty() || !native) {
      out.push_back(whole);
      continue;
    }
    const auto state_session = session_for(t, t.state.region);
    auto listed = target_workspaces(state_session.get(), t);
    if (!state_session || !listed) {  // the target's own invocation reports it
      out.push_back(whole);
      continue;
    }
    const std::vector<std::string> names = std::move(listed.value());
    std::vector<terraform::state> states;
    states.reserve(names.size());
    std::vector<workspace_state> sized;
    bool readable = true;
    for (const auto& ws : names) {
      auto st = fetch_state(*state_session, t, ws, cfg_.max_state_bytes);
      if (!st) {
        readable = false;  // the target's own invocation reports it
        break;
      }
      states.push_back(std::move(st.value()));
    }
    if (!readable) {
      out.push_back(whole);
      continue;
    }
    for (size_t i = 0; i < names.size(); ++i) sized.push_back({names[i], &states[i]});
    if (!scope.empty()) listed_scopes.insert(scope);
    for (auto& u : plan_target(t.name, sized, budget, run)) {
      if (listed_before) u.find_unmanaged = false;
      say("plan: " + t.name + (u.workspace.empty() ? "" : "/" + u.workspace) +
          (u.slice ? " part " + std::to_string(u.slice->index + 1) + " of " +
                         std::to_string(u.slice->count)
                   : "") +
          ", about " + std::to_string(static_cast<int>(u.estimated_seconds)) + " s");
      out.push_back(std::move(u));
    }
  }
  return out;
}

}  // namespace scanner
