#include "store/remediations.h"

#include "aws/dynamodb.h"
#include "item_read.h"

namespace store {
namespace ddb = aws::dynamodb;

namespace {

// A remediation is claimed within minutes; the item outlives any run that could claim it.
constexpr std::int64_t kTtlSeconds = 30LL * 24 * 3600;

constexpr const char* kGathering = remediation_gathering;
constexpr const char* kRecorded = remediation_recorded;
constexpr const char* kClaimed = remediation_claimed;

remediation_record from_item(const ddb::item& it) {
  remediation_record r;
  r.remediation_id = ddb::get_s(it, "remediation_id");
  r.status = ddb::get_s(it, "status");
  r.claimed_by_run_id = ddb::get_s(it, "claimed_by_run_id");
  r.claimed_at = ddb::get_s(it, "claimed_at");
  r.claimed_run_url = ddb::get_s(it, "claimed_run_url");
  r.deployment_id = ddb::get_s(it, "deployment_id");
  r.drift_event_ids = detail::string_list(it, "drift_event_ids");
  r.history_timestamp = ddb::get_s(it, "history_timestamp");
  r.git_commit_sha = ddb::get_s(it, "git_commit_sha");
  r.git_branch = ddb::get_s(it, "git_branch");
  r.tfvars_path = ddb::get_s(it, "tfvars_path");
  r.workspace = ddb::get_s(it, "workspace");
  r.region = ddb::get_s(it, "region");
  if (const ddb::item* st = ddb::get_m(it, "state")) {
    r.state.bucket = ddb::get_s(*st, "bucket");
    r.state.key = ddb::get_s(*st, "key");
    r.state.workspace_key_prefix = ddb::get_s(*st, "workspace_key_prefix");
    r.state.region = ddb::get_s(*st, "region");
    r.state.lock_table = ddb::get_s(*st, "lock_table");
    r.state.use_lockfile = ddb::get_bool(*st, "use_lockfile").value_or(false);
  }
  r.addresses = detail::string_list(it, "addresses");
  r.auto_approve = ddb::get_bool(it, "auto_approve").value_or(false);
  r.manual_review_required = ddb::get_bool(it, "manual_review_required").value_or(true);
  r.review_reasons = detail::string_list(it, "review_reasons");
  r.severity = ddb::get_s(it, "severity");
  r.environment = ddb::get_s(it, "environment");
  r.created_at = ddb::get_s(it, "created_at");
  return r;
}

}  // namespace

bool remediation_record::answers(const std::string& drift_event_id) const {
  for (const auto& id : drift_event_ids)
    if (id == drift_event_id) return true;
  return false;
}

namespace {

// The item as first written, in `status`; never over an existing one.
core::result<core::unit, aws::error> put_new(aws::session& s, const std::string& table,
                                             const remediation_record& r, const char* status,
                                             core::time::time_point now) {
  const ddb::item state = {
      {"bucket", r.state.bucket},
      {"key", r.state.key},
      {"workspace_key_prefix", r.state.workspace_key_prefix},
      {"region", r.state.region},
      {"lock_table", r.state.lock_table},
      {"use_lockfile", r.state.use_lockfile},
  };
  ddb::put_request p;
  p.table = table;
  p.attributes = {
      {"remediation_id", r.remediation_id},
      {"status", status},
      {"deployment_id", r.deployment_id},
      {"drift_event_ids", detail::strings(r.drift_event_ids)},
      {"history_timestamp", r.history_timestamp},
      {"git_commit_sha", r.git_commit_sha},
      {"git_branch", r.git_branch},
      {"tfvars_path", r.tfvars_path},
      {"workspace", r.workspace},
      {"region", r.region},
      {"state", ddb::value(state)},
      {"addresses", detail::strings(r.addresses)},
      {"auto_approve", r.auto_approve},
      {"manual_review_required", r.manual_review_required},
      {"review_reasons", detail::strings(r.review_reasons)},
      {"severity", r.severity},
      {"environment", r.environment},
      {"created_at", core::time::iso8601(now)},
      {"ttl", core::time::epoch_seconds(now) + kTtlSeconds},
  };
  p.condition = "attribute_not_exists(remediation_id)";
  auto put = ddb::put_item(s, p);
  if (!put && !ddb::is_condition_failed(put.error())) return put.error();
  return core::unit{};
}

}  // namespace

core::result<core::unit, aws::error> remediations::record(const remediation_record& r,
                                                          core::time::time_point now) {
  return put_new(s_, table_, r, kRecorded, now);
}

core::result<core::unit, aws::error> remediations::open_gathering(const remediation_record& r,
                                                                  core::time::time_point now) {
  return put_new(s_, table_, r, kGathering, now);
}

core::result<join_result, aws::error> remediations::join(const remediation_record& seen,
                                                         const remediation_record& merged,
                                                         const std::string& event_id) {
  if (seen.answers(event_id)) return join_result::already;
  if (seen.status != kGathering) return join_result::not_gathering;
  ddb::update_request u;
  u.table = table_;
  u.key = {{"remediation_id", seen.remediation_id}};
  u.update =
      "SET drift_event_ids = list_append(drift_event_ids, :me), addresses = :addrs, "
      "severity = :sev, auto_approve = :auto, manual_review_required = :review, "
      "review_reasons = :reasons";
  u.condition = "#s = :gathering AND size(drift_event_ids) = :n";
  u.args.names = {{"#s", "status"}};
  u.args.values = {{":me", detail::strings({event_id})},
                   {":addrs", detail::strings(merged.addresses)},
                   {":sev", merged.severity},
                   {":auto", merged.auto_approve},
                   {":review", merged.manual_review_required},
                   {":reasons", detail::strings(merged.review_reasons)},
                   {":gathering", kGathering},
                   {":n", static_cast<long long>(seen.drift_event_ids.size())}};
  auto r = ddb::update_item(s_, u);
  if (r) return join_result::joined;
  if (!ddb::is_condition_failed(r.error())) return r.error();
  // Sealed meanwhile, or another event joined first: the caller reads again and merges again.
  return join_result::raced;
}

core::result<std::optional<remediation_record>, aws::error> remediations::seal(
    const std::string& remediation_id) {
  ddb::update_request u;
  u.table = table_;
  u.key = {{"remediation_id", remediation_id}};
  u.update = "SET #s = :recorded";
  u.condition = "#s = :gathering";
  u.args.names = {{"#s", "status"}};
  u.args.values = {{":recorded", kRecorded}, {":gathering", kGathering}};
  auto r = ddb::update_item(s_, u);
  if (r) return std::optional<remediation_record>(from_item(*r));
  if (!ddb::is_condition_failed(r.error())) return r.error();
  return find(remediation_id);
}

core::result<claim_result, aws::error> remediations::claim(const std::string& remediation_id,
                                                           const std::string& run_id,
                                                           const std::string& run_url,
                                                           core::time::time_point now) {
  const ddb::item key = {{"remediation_id", remediation_id}};
  // Two rounds at most: a lost race is answered from what the winner wrote.
  for (int round = 0; round < 2; ++round) {
    auto got = ddb::get_item(s_, table_, key, true);
    if (!got) return got.error();
    claim_result out;
    if (!*got) return out;  // unknown
    const ddb::item& it = **got;
    if (ddb::get_s(it, "status") == kClaimed) {
      const std::string by = ddb::get_s(it, "claimed_by_run_id");
      if (by == run_id) {
        out.verdict = claim_verdict::claimed;
        out.record = from_item(it);
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
    u.args.values = {{":claimed", kClaimed},
                     {":recorded", kRecorded},
                     {":run", run_id},
                     {":at", core::time::iso8601(now)}};
    if (!run_url.empty()) {
      u.update += ", claimed_run_url = :url";
      u.args.values[":url"] = run_url;
    }
    auto updated = ddb::update_item(s_, u);
    if (updated) {
      out.verdict = claim_verdict::claimed;
      out.record = from_item(*updated);
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

core::result<std::optional<remediation_record>, aws::error> remediations::find(
    const std::string& remediation_id) {
  auto got = ddb::get_item(s_, table_, {{"remediation_id", remediation_id}}, true);
  if (!got) return got.error();
  if (!*got) return std::optional<remediation_record>();
  return std::optional<remediation_record>(from_item(**got));
}

}  // namespace store
