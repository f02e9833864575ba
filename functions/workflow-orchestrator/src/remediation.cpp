#include "remediation.h"

#include <algorithm>

#include "aws/crypto.h"
#include "drift/severity.h"

namespace orchestrator {

std::string remediation_id_for(const std::string& drift_event_id,
                               const std::string& history_timestamp) {
  return "rem-" + aws::crypto::sha256_hex(drift_event_id + "\n" + history_timestamp).substr(0, 32);
}

std::vector<std::string> target_addresses(const drift::drift_event& ev, const deployment& dep) {
  std::vector<std::string> addrs = dep.terraform_addresses;
  if (addrs.empty() && !dep.terraform_address.empty()) addrs.push_back(dep.terraform_address);
  if (ev.detail.terraform && !ev.detail.terraform->address.empty()) {
    bool known = false;
    for (const auto& a : addrs) known = known || a == ev.detail.terraform->address;
    if (!known) addrs.insert(addrs.begin(), ev.detail.terraform->address);
  }
  return addrs;
}

remediation make_remediation(const drift::drift_event& ev, const std::string& history_timestamp,
                             const deployment& dep, const decision& d) {
  remediation r;
  r.remediation_id = remediation_id_for(ev.id, history_timestamp);
  r.drift_event_ids = {ev.id};
  r.history_timestamp = history_timestamp;
  r.dep = dep;
  r.addresses = target_addresses(ev, dep);
  r.d = d;
  return r;
}

store::remediation_record to_record(const remediation& r) {
  const deployment& dep = r.dep;
  store::remediation_record out;
  out.remediation_id = r.remediation_id;
  out.deployment_id = dep.deployment_id;
  out.drift_event_ids = r.drift_event_ids;
  out.history_timestamp = r.history_timestamp;
  out.git_commit_sha = dep.git_commit_sha;
  out.git_branch = dep.git_branch;
  out.tfvars_path = dep.tfvars_path;
  out.workspace = dep.workspace.empty() ? "default" : dep.workspace;
  out.region = dep.region;
  out.state = {dep.state_bucket,
               dep.state_key,
               dep.workspace_key_prefix.empty() ? "env:" : dep.workspace_key_prefix,
               dep.state_region,
               dep.lock_table,
               dep.use_lockfile};
  out.addresses = r.addresses;
  out.auto_approve = r.d.auto_approve;
  out.manual_review_required = r.d.manual_review_required;
  out.review_reasons = r.d.review_reasons;
  out.severity = r.d.severity;
  out.environment = r.d.environment;
  return out;
}

namespace {

void add_missing(std::vector<std::string>& to, const std::vector<std::string>& from) {
  for (const auto& v : from)
    if (std::find(to.begin(), to.end(), v) == to.end()) to.push_back(v);
}

std::string higher_severity(const std::string& a, const std::string& b) {
  const auto sa = drift::parse_severity(a), sb = drift::parse_severity(b);
  if (!sa) return b;
  if (!sb) return a;
  return *sb > *sa ? b : a;
}

}  // namespace

store::remediation_record merged_with(const store::remediation_record& seen,
                                      const remediation& joining) {
  store::remediation_record m = seen;
  add_missing(m.addresses, joining.addresses);
  m.severity = higher_severity(seen.severity, joining.d.severity);
  m.auto_approve = seen.auto_approve && joining.d.auto_approve;
  m.manual_review_required = seen.manual_review_required || joining.d.manual_review_required;
  add_missing(m.review_reasons, joining.d.review_reasons);
  return m;
}

decision as_recorded(decision d, const store::remediation_record& r) {
  if (auto level = drift::parse_severity(r.severity)) {
    d.severity = r.severity;
    d.priority = std::string(drift::priority(*level, d.environment));
  }
  d.auto_approve = r.auto_approve;
  d.manual_review_required = r.manual_review_required;
  d.review_reasons = r.review_reasons;
  return d;
}

}  // namespace orchestrator
