#include "remediation.h"

#include "aws/crypto.h"
#include "ddb.h"

namespace orchestrator {
namespace {

// A remediation is claimed within minutes; the item outlives any run that could claim it.
constexpr std::int64_t kRemediationTtlSeconds = 30LL * 24 * 3600;

}  // namespace

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

core::result<core::unit, aws::error> record_remediation(aws::session& s, const std::string& table,
                                                        const remediation& r, time_point now) {
  const deployment& dep = r.dep;
  const ddb::av state = ddb::M_raw({
      {"bucket", ddb::S(dep.state_bucket)},
      {"key", ddb::S(dep.state_key)},
      {"workspace_key_prefix",
       ddb::S(dep.workspace_key_prefix.empty() ? "env:" : dep.workspace_key_prefix)},
      {"region", ddb::S(dep.state_region)},
      {"lock_table", ddb::S(dep.lock_table)},
      {"use_lockfile", ddb::BOOL(dep.use_lockfile)},
  });
  const ddb::attributes item = {
      {"remediation_id", ddb::S(r.remediation_id)},
      {"status", ddb::S("recorded")},
      {"deployment_id", ddb::S(dep.deployment_id)},
      {"drift_event_ids", ddb::L(r.drift_event_ids)},
      {"history_timestamp", ddb::S(r.history_timestamp)},
      {"git_commit_sha", ddb::S(dep.git_commit_sha)},
      {"git_branch", ddb::S(dep.git_branch)},
      {"tfvars_path", ddb::S(dep.tfvars_path)},
      {"workspace", ddb::S(dep.workspace.empty() ? "default" : dep.workspace)},
      {"region", ddb::S(dep.region)},
      {"state", state},
      {"addresses", ddb::L(r.addresses)},
      {"auto_approve", ddb::BOOL(r.d.auto_approve)},
      {"manual_review_required", ddb::BOOL(r.d.manual_review_required)},
      {"review_reasons", ddb::L(r.d.review_reasons)},
      {"severity", ddb::S(r.d.severity)},
      {"environment", ddb::S(r.d.environment)},
      {"created_at", ddb::S(iso8601(now))},
      {"ttl", ddb::N(epoch_seconds(now) + kRemediationTtlSeconds)},
  };
  auto put = ddb::put_item(s, table, item, "attribute_not_exists(remediation_id)");
  if (!put && !ddb::condition_failed(put.error())) return put.error();
  return core::unit{};
}

}  // namespace orchestrator
