#include "decision.h"

#include <algorithm>
#include <cctype>

#include "drift/policy_version.h"
#include "drift/severity.h"

namespace orchestrator {
namespace {

std::string lower(std::string s) {
  std::transform(s.begin(), s.end(), s.begin(),
                 [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
  return s;
}

const std::string* find_tag(const std::map<std::string, std::string>& tags, std::string_view name) {
  for (const auto& [k, v] : tags)
    if (lower(k) == lower(std::string(name))) return &v;
  return nullptr;
}

drift::change_kind change_of(const std::string& drift_type) {
  if (auto k = drift::parse_change_kind(drift_type)) return *k;
  if (drift_type == "resource_deleted" || drift_type == "deleted")
    return drift::change_kind::deleted;
  return drift::change_kind::update;
}

}  // namespace

std::string environment_of(const drift::drift_event& ev, const deployment* dep) {
  if (auto env = ev.environment(); !env.empty()) return env;
  if (dep && !dep->environment.empty()) return dep->environment;
  if (dep) {
    if (const auto* e = find_tag(dep->tags, "Environment")) return *e;
  }
  return {};
}

decision grade(const drift::drift_event& ev, const deployment* dep) {
  decision d;
  d.environment = environment_of(ev, dep);
  drift::grading_input in;
  in.resource_type = ev.detail.resource_type;
  in.change = change_of(ev.detail.drift_type);
  in.environment = d.environment;
  if (!ev.detail.changes.empty()) {
    for (const auto& c : ev.detail.changes)
      in.changes.push_back({c.attribute, c.expected, c.actual});
  } else {
    // The Agent names properties only: conditions on values then count as met.
    for (const auto& p : ev.detail.changed_properties)
      in.changes.push_back({p, std::nullopt, std::nullopt});
  }
  const drift::grade g = drift::rule_table::builtin().evaluate(in);
  drift::severity level = g.level;
  d.severity_reason = g.reason;
  d.expected_change = !g.auto_remediate;
  // The sender may know more than property names (values, context): never grade below it.
  if (auto sent = drift::parse_severity(ev.detail.severity); sent && *sent > level) {
    level = *sent;
    d.severity_reason =
        ev.detail.severity_reason.empty()
            ? "severity " + std::string(drift::to_string(*sent)) + " as sent by " + ev.source
            : ev.detail.severity_reason;
  }
  d.severity = std::string(drift::to_string(level));
  d.priority = std::string(drift::priority(level, d.environment));
  return d;
}

policy_check check_policy(const std::string& deployed, const std::optional<std::string>& current) {
  policy_check p;
  // A deployment that recorded no version predates versioned policies: the seed's v1.0.0.
  p.deployed = deployed.empty() ? "v1.0.0" : deployed;
  if (!current || current->empty()) return p;  // nothing published: nothing to conflict with
  p.current = *current;
  const drift::policy_check c = drift::compare_policy_versions(p.deployed, p.current);
  if (c.verdict != drift::policy_verdict::compatible) {
    p.conflict = true;
    p.note = c.reason.empty() ? std::string(drift::to_string(c.verdict)) : c.reason;
  }
  return p;
}

decision decide(const drift::drift_event& ev, const deployment& dep,
                const std::optional<std::string>& current_policy) {
  decision d = grade(ev, &dep);
  d.policy = check_policy(dep.policy_version, current_policy);
  if (d.policy.conflict)
    d.review_reasons.push_back("policy version " + d.policy.deployed + " deployed, " +
                               d.policy.current + " current: " + d.policy.note);
  // Only the tags recorded with the deployment decide: an event is a claim by whoever sent
  // it, and a forged or console-edited AutoRevert must not approve an unattended apply.
  if (d.expected_change)
    d.review_reasons.push_back(
        "an expected change (an autoscaled count): reverting it would fight the autoscaler");
  const auto& tags = dep.tags;
  for (const char* name : {"Criticality", "CriticalityLevel"})
    if (const auto* c = find_tag(tags, name); c && lower(*c) == "critical")
      d.review_reasons.push_back("resource recorded as " + std::string(name) + "=critical");
  const auto* revert = find_tag(tags, "AutoRevert");
  if (!revert || lower(*revert) != "true")
    d.review_reasons.push_back("resource not recorded with AutoRevert=true");
  for (const auto& [k, v] : ev.detail.tags) {
    const auto* recorded = find_tag(tags, k);
    if ((lower(k) == "autorevert" || lower(k).rfind("criticality", 0) == 0) &&
        (!recorded || *recorded != v))
      d.review_reasons.push_back("the event claims " + k + "=" + v +
                                 ", which the deployment did not record");
  }
  d.manual_review_required = !d.review_reasons.empty();
  d.auto_approve = !d.manual_review_required;
  return d;
}

}  // namespace orchestrator
