#include "payload.h"

#include "json_util.h"

namespace orchestrator {
namespace {

void string_array(json::writer& w, const std::vector<std::string>& v) {
  w.StartArray();
  for (const auto& s : v) json::str(w, s);
  w.EndArray();
}

}  // namespace

std::string build_client_payload(const drift::drift_event& ev, const deployment& dep,
                                 const decision& d, const payload_context& ctx) {
  rapidjson::StringBuffer sb;
  json::writer w(sb);
  w.StartObject();
  // 1-7: what the workflow branches on, flat so that `if:` expressions stay short.
  json::kv(w, "drift_event_id", ev.id);
  json::kv(w, "deployment_id", dep.deployment_id);
  json::kv(w, "severity", d.severity);
  json::kv(w, "priority", d.priority);
  json::key(w, "auto_approve");
  w.Bool(d.auto_approve);
  json::key(w, "manual_review_required");
  w.Bool(d.manual_review_required);
  json::key(w, "review_reasons");
  string_array(w, d.review_reasons);

  // 8: how to reproduce the known-good deployment.
  json::key(w, "deployment");
  w.StartObject();
  json::kv(w, "git_commit_sha", dep.git_commit_sha);
  json::kv(w, "git_branch", dep.git_branch);
  json::kv(w, "tfvars_path", dep.tfvars_path);
  json::kv(w, "workspace", dep.workspace.empty() ? "default" : dep.workspace);
  json::kv(w, "environment", d.environment);
  json::kv(w, "account_id", dep.account_id);
  json::kv(w, "region", dep.region);
  json::kv(w, "deployed_at", dep.deployed_at);
  json::kv(w, "terraform_version", dep.terraform_version);
  json::key(w, "policy");
  w.StartObject();
  json::kv(w, "deployed_version", d.policy.deployed);
  json::kv(w, "current_version", d.policy.current);
  json::key(w, "conflict");
  w.Bool(d.policy.conflict);
  w.EndObject();
  json::key(w, "state");
  w.StartObject();
  json::kv(w, "bucket", dep.state_bucket);
  json::kv(w, "key", dep.state_key);
  json::kv(w, "workspace_key_prefix",
           dep.workspace_key_prefix.empty() ? "env:" : dep.workspace_key_prefix);
  json::kv(w, "full_key", dep.full_state_key());
  json::kv(w, "region", dep.state_region);
  json::kv(w, "lock_table", dep.lock_table);
  json::key(w, "use_lockfile");
  w.Bool(dep.use_lockfile);
  json::kv(w, "location", dep.state_location());
  w.EndObject();
  w.EndObject();

  // 9: what drifted.
  json::key(w, "drift");
  w.StartObject();
  json::kv(w, "resource_arn", ev.detail.resource_arn);
  json::kv(w, "resource_type", ev.detail.resource_type);
  json::key(w, "terraform_addresses");
  {
    std::vector<std::string> addrs = dep.terraform_addresses;
    if (addrs.empty() && !dep.terraform_address.empty()) addrs.push_back(dep.terraform_address);
    if (ev.detail.terraform && !ev.detail.terraform->address.empty()) {
      bool known = false;
      for (const auto& a : addrs) known = known || a == ev.detail.terraform->address;
      if (!known) addrs.insert(addrs.begin(), ev.detail.terraform->address);
    }
    string_array(w, addrs);
  }
  json::key(w, "changed_properties");
  string_array(w, ev.detail.changed_properties);
  json::kv(w, "drift_type", ev.detail.drift_type);
  json::kv(w, "change_author", ev.detail.change_author);
  json::kv(w, "change_time", ev.detail.change_time);
  json::kv(w, "detected_by", ev.detail.detected_by);
  json::kv(w, "source", ev.source);
  json::kv(w, "event_time", ev.time);
  json::kv(w, "severity_reason", d.severity_reason);
  json::kv(w, "report_uri", ev.detail.terraform ? ev.detail.terraform->report_uri : std::string());
  w.EndObject();

  // 10: how to report back.
  json::key(w, "callback");
  w.StartObject();
  json::kv(w, "function_name", ctx.callback_function_name);
  json::kv(w, "drift_event_id", ev.id);
  json::kv(w, "timestamp", ctx.history_timestamp);
  json::kv(w, "lock_id", ctx.lock_id);
  json::key(w, "attempt");
  w.Int(ctx.attempt);
  json::key(w, "schema_version");
  w.Int(payload_schema_version);
  w.EndObject();
  w.EndObject();
  return std::string(sb.GetString(), sb.GetSize());
}

}  // namespace orchestrator
