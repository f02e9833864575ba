#include "claim.h"

#include <rapidjson/document.h>
#include <rapidjson/stringbuffer.h>
#include <rapidjson/writer.h>

#include "core/json.h"

namespace callback {
namespace {

constexpr std::size_t kMaxIdLength = 256;
constexpr std::size_t kMaxUrlLength = 2048;

core::error invalid(std::string message) { return {"InvalidInput", std::move(message)}; }

core::result<std::string> required_string(const rapidjson::Value& doc, const char* key,
                                          std::size_t max_length) {
  const auto* v = core::json::member(doc, key);
  if (!v || v->IsNull()) return invalid(std::string(key) + " is missing");
  if (!v->IsString()) return invalid(std::string(key) + " must be a string");
  std::string s(v->GetString(), v->GetStringLength());
  if (s.empty()) return invalid(std::string(key) + " is empty");
  if (s.size() > max_length) return invalid(std::string(key) + " is too long");
  return s;
}

using writer = rapidjson::Writer<rapidjson::StringBuffer>;

void kv(writer& w, const char* k, const std::string& v) {
  w.Key(k);
  w.String(v.c_str(), static_cast<rapidjson::SizeType>(v.size()));
}

void list(writer& w, const char* k, const std::vector<std::string>& v) {
  w.Key(k);
  w.StartArray();
  for (const auto& s : v) w.String(s.c_str(), static_cast<rapidjson::SizeType>(s.size()));
  w.EndArray();
}

}  // namespace

core::result<std::optional<claim_request>> parse_claim(std::string_view payload) {
  // Malformed input is refused by parse_request, which names what it expects.
  auto parsed = core::json::parse(payload);
  if (!parsed || !parsed->IsObject()) return std::optional<claim_request>();
  const rapidjson::Document& doc = *parsed;
  const auto* action = core::json::member(doc, "action");
  if (!action || action->IsNull()) return std::optional<claim_request>();
  if (!action->IsString() || std::string_view(action->GetString()) != "claim")
    return invalid("action must be \"claim\" (or absent, to report an outcome)");
  claim_request r;
  auto id = required_string(doc, "remediation_id", kMaxIdLength);
  if (!id) return id.error();
  r.remediation_id = std::move(*id);
  auto run = required_string(doc, "run_id", kMaxIdLength);
  if (!run) return run.error();
  r.run_id = std::move(*run);
  if (const auto* url = core::json::member(doc, "run_url"); url && !url->IsNull()) {
    if (!url->IsString()) return invalid("run_url must be a string");
    r.run_url.assign(url->GetString(),
                     std::min<std::size_t>(url->GetStringLength(), kMaxUrlLength));
  }
  return std::optional<claim_request>(std::move(r));
}

std::string facts_json(const store::remediation_record& r) {
  rapidjson::StringBuffer buf;
  writer w(buf);
  w.StartObject();
  kv(w, "remediation_id", r.remediation_id);
  kv(w, "status", r.status);
  kv(w, "claimed_by_run_id", r.claimed_by_run_id);
  kv(w, "claimed_at", r.claimed_at);
  kv(w, "deployment_id", r.deployment_id);
  kv(w, "git_commit_sha", r.git_commit_sha);
  kv(w, "git_branch", r.git_branch);
  kv(w, "tfvars_path", r.tfvars_path);
  kv(w, "workspace", r.workspace);
  kv(w, "region", r.region);
  kv(w, "severity", r.severity);
  kv(w, "environment", r.environment);
  list(w, "drift_event_ids", r.drift_event_ids);
  list(w, "addresses", r.addresses);
  list(w, "review_reasons", r.review_reasons);
  w.Key("auto_approve");
  w.Bool(r.auto_approve);
  w.Key("manual_review_required");
  w.Bool(r.manual_review_required);
  w.Key("state");
  w.StartObject();
  kv(w, "bucket", r.state.bucket);
  kv(w, "key", r.state.key);
  kv(w, "workspace_key_prefix", r.state.workspace_key_prefix);
  kv(w, "region", r.state.region);
  kv(w, "lock_table", r.state.lock_table);
  w.Key("use_lockfile");
  w.Bool(r.state.use_lockfile);
  w.EndObject();
  w.EndObject();
  return std::string(buf.GetString(), buf.GetSize());
}

std::optional<core::error> claimant_refusal(const std::optional<store::remediation_record>& r,
                                            const std::string& remediation_id,
                                            const std::string& run_id,
                                            const std::string& drift_event_id) {
  if (!r) return core::error{"UnknownRemediation", "no remediation '" + remediation_id + "'"};
  if (r->status != "claimed" || r->claimed_by_run_id != run_id)
    return core::error{
        "NotClaimant",
        "run '" + run_id + "' does not hold the claim on remediation '" + remediation_id + "'"};
  if (!r->answers(drift_event_id))
    return core::error{"NotClaimant", "remediation '" + remediation_id +
                                          "' does not answer drift event '" + drift_event_id + "'"};
  return std::nullopt;
}

}  // namespace callback
