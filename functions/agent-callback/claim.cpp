#include "claim.h"

#include <rapidjson/document.h>
#include <rapidjson/stringbuffer.h>
#include <rapidjson/writer.h>

#include "aws/dynamodb.h"
#include "core/json.h"

namespace callback {
namespace ddb = aws::dynamodb;

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

std::vector<std::string> string_list(const ddb::item& it, const std::string& name) {
  std::vector<std::string> out;
  auto found = it.find(name);
  if (found == it.end()) return out;
  if (const auto* l = found->second.as_l())
    for (const auto& v : *l)
      if (const auto* s = v.as_s()) out.push_back(*s);
  return out;
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

// The facts exactly as the workflow reads them (docs/remediation-claim.md, "The claim").
std::string facts_json(const ddb::item& it) {
  rapidjson::StringBuffer buf;
  writer w(buf);
  w.StartObject();
  for (const char* k : {"remediation_id", "status", "claimed_by_run_id", "claimed_at",
                        "deployment_id", "git_commit_sha", "git_branch", "tfvars_path", "workspace",
                        "region", "severity", "environment"})
    kv(w, k, ddb::get_s(it, k));
  list(w, "drift_event_ids", string_list(it, "drift_event_ids"));
  list(w, "addresses", string_list(it, "addresses"));
  list(w, "review_reasons", string_list(it, "review_reasons"));
  // A missing decision reads as "a human must look": never approve by default.
  w.Key("auto_approve");
  w.Bool(ddb::get_bool(it, "auto_approve").value_or(false));
  w.Key("manual_review_required");
  w.Bool(ddb::get_bool(it, "manual_review_required").value_or(true));
  w.Key("state");
  w.StartObject();
  static const ddb::item none;
  const ddb::item* st = ddb::get_m(it, "state");
  if (!st) st = &none;
  for (const char* k : {"bucket", "key", "workspace_key_prefix", "region", "lock_table"})
    kv(w, k, ddb::get_s(*st, k));
  w.Key("use_lockfile");
  w.Bool(ddb::get_bool(*st, "use_lockfile").value_or(false));
  w.EndObject();
  w.EndObject();
  return std::string(buf.GetString(), buf.GetSize());
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

core::result<claim_result, aws::error> remediation_store::claim(const claim_request& r,
                                                                const std::string& now_iso) {
  const ddb::item key = {{"remediation_id", r.remediation_id}};
  // Two rounds at most: a lost race is answered from what the winner wrote.
  for (int round = 0; round < 2; ++round) {
    auto got = ddb::get_item(s_, table_, key, true);
    if (!got) return got.error();
    claim_result out;
    if (!*got) return out;  // unknown
    const ddb::item& it = **got;
    const std::string status = ddb::get_s(it, "status");
    if (status == "claimed") {
      const std::string by = ddb::get_s(it, "claimed_by_run_id");
      if (by == r.run_id) {
        out.verdict = claim_verdict::claimed;
        out.facts_json = facts_json(it);
      } else {
        out.verdict = claim_verdict::already_claimed;
        out.claimed_by = by;
        out.claimed_at = ddb::get_s(it, "claimed_at");
      }
      return out;
    }
    ddb::update_request u;
    u.table = table_;
    u.key = key;
    u.update = "SET #s = :claimed, claimed_by_run_id = :run, claimed_at = :at";
    u.condition = "#s = :recorded";
    u.args.names = {{"#s", "status"}};
    u.args.values = {
        {":claimed", "claimed"}, {":recorded", "recorded"}, {":run", r.run_id}, {":at", now_iso}};
    if (!r.run_url.empty()) {
      u.update += ", claimed_run_url = :url";
      u.args.values[":url"] = r.run_url;
    }
    auto updated = ddb::update_item(s_, u);
    if (updated) {
      out.verdict = claim_verdict::claimed;
      out.facts_json = facts_json(*updated);
      return out;
    }
    if (!ddb::is_condition_failed(updated.error())) return updated.error();
  }
  // Still not claimable after a lost race: a status we do not know. Refuse, never apply.
  claim_result out;
  out.verdict = claim_verdict::already_claimed;
  out.claimed_by = "(unknown: the item is in an unexpected state)";
  return out;
}

core::result<std::optional<core::error>, aws::error> remediation_store::refuse_unless_claimant(
    const std::string& remediation_id, const std::string& run_id,
    const std::string& drift_event_id) {
  auto got = ddb::get_item(s_, table_, {{"remediation_id", remediation_id}}, true);
  if (!got) return got.error();
  if (!*got)
    return std::optional<core::error>(
        core::error{"UnknownRemediation", "no remediation '" + remediation_id + "'"});
  const ddb::item& it = **got;
  if (ddb::get_s(it, "status") != "claimed" || ddb::get_s(it, "claimed_by_run_id") != run_id)
    return std::optional<core::error>(core::error{
        "NotClaimant",
        "run '" + run_id + "' does not hold the claim on remediation '" + remediation_id + "'"});
  bool answers = false;
  for (const auto& id : string_list(it, "drift_event_ids"))
    answers = answers || id == drift_event_id;
  if (!answers)
    return std::optional<core::error>(
        core::error{"NotClaimant", "remediation '" + remediation_id +
                                       "' does not answer drift event '" + drift_event_id + "'"});
  return std::optional<core::error>();
}

}  // namespace callback
