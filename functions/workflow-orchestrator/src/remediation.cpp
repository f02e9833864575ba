#include "remediation.h"

#include "aws/crypto.h"

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

}  // namespace orchestrator
