#include "unmanaged.h"

#include <cstdlib>
#include <set>

#include "aws/s3.h"
#include "aws/session.h"
#include "registry.h"
#include "terraform/state.h"

namespace scanner::native {

namespace {

struct state_ref {
  std::string bucket, key, region, prefix;
  std::vector<std::string> workspaces;  // empty: all
};

state_ref ref_of(const target& t) {
  return {t.state.bucket,
          t.state.key,
          t.state.region,
          t.state.workspace_key_prefix.empty() ? "env:" : t.state.workspace_key_prefix,
          {}};
}

// The configured targets in the same account and region (SCAN_TARGETS or the SSM parameter,
// as the scan runner loaded them; a workspace_scan built by hand may have none).
std::vector<state_ref> sibling_targets(const workspace_scan& ws, const std::string& account,
                                       const std::string& region) {
  std::vector<state_ref> out;
  if (!ws.known_targets) return out;
  for (const auto& t : *ws.known_targets)
    if (t.problem.empty() && t.account_id == account && t.region == region &&
        !t.state.bucket.empty() && !t.state.key.empty())
      out.push_back(ref_of(t));
  return out;
}

// Every state key of a backend location: <key> and <prefix>/<ws>/<key>.
std::vector<std::string> state_keys(aws::session& s, const state_ref& r, std::atomic<int>* calls) {
  std::vector<std::string> keys;
  if (calls) calls->fetch_add(1);
  auto listing = aws::s3::list_objects(s, r.bucket, r.prefix + "/");
  if (listing) {
    const std::string suffix = "/" + r.key;
    for (const auto& o : listing->objects)
      if (o.key.size() > suffix.size() &&
          o.key.compare(o.key.size() - suffix.size(), suffix.size(), suffix) == 0)
        keys.push_back(o.key);
  }
  keys.push_back(r.key);  // default (absent: skipped when fetched)
  return keys;
}

std::map<std::string, std::string> scope_tags() {
  std::map<std::string, std::string> out;
  const char* env = std::getenv("UNMANAGED_SCOPE_TAGS");
  if (!env) return out;
  std::string s(env);
  size_t pos = 0;
  while (pos < s.size()) {
    size_t comma = s.find(',', pos);
    std::string kv = s.substr(pos, comma == std::string::npos ? std::string::npos : comma - pos);
    if (auto eq = kv.find('='); eq != std::string::npos) out[kv.substr(0, eq)] = kv.substr(eq + 1);
    if (comma == std::string::npos) break;
    pos = comma + 1;
  }
  return out;
}

}  // namespace

bool in_unmanaged_scope(const std::map<std::string, std::string>& tags) {
  for (const auto& [k, v] : scope_tags())
    if (auto it = tags.find(k); it == tags.end() || it->second != v) return false;
  return true;
}

void find_unmanaged(const read_context& ctx, const workspace_scan& ws, findings& f) {
  // type -> ids held by any state that counts.
  std::map<std::string, std::set<std::string>> managed;
  auto add_state = [&](const terraform::state& st) {
    for (const auto& r : st.resources)
      if (r.mode == terraform::resource_mode::managed && !r.id.empty())
        managed[r.type].insert(r.id);
  };
  // A slice's or a check's state holds part of the workspace: the whole of it is managed.
  add_state(ws.whole_state ? *ws.whole_state : *ws.state);

  std::vector<state_ref> refs;
  if (ws.tgt) refs.push_back(ref_of(*ws.tgt));
  for (auto& r : sibling_targets(ws, ctx.account_id, ctx.region)) refs.push_back(std::move(r));
  std::set<std::string> seen{ws.tgt ? ws.tgt->state.bucket + "/" + ws.state_key : ""};
  for (const auto& r : refs) {
    aws::session::options o;
    o.region = r.region.empty() ? ctx.region : r.region;
    o.credentials = ctx.cloud.credentials();
    aws::session s(std::move(o));
    for (const auto& key : state_keys(s, r, ctx.calls)) {
      if (!seen.insert(r.bucket + "/" + key).second) continue;
      ctx.count();
      auto obj = aws::s3::get_object(s, r.bucket, key);
      if (!obj) {
        if (aws::s3::is_not_found(obj.error())) continue;
        // Without every state, "unmanaged" could be wrong: say so instead of guessing.
        f.not_checked.push_back({"", "*",
                                 "unmanaged discovery skipped: state s3://" + r.bucket + "/" + key +
                                     " unreadable (" + describe_failure(obj.error()) + ")"});
        return;
      }
      auto st = terraform::parse_state(obj->body);
      if (st) add_state(*st);
    }
  }

  const auto scope = scope_tags();
  for (const auto* m : all_modules()) {
    if (!m->list) continue;
    const auto& ids = managed[std::string(m->type)];
    read_context list_ctx = ctx;
    list_ctx.managed_ids = &ids;
    auto listed = m->list(list_ctx);
    if (!listed) {
      f.not_checked.push_back({"", std::string(m->type),
                               "unmanaged discovery failed: " + describe_failure(listed.error())});
      continue;
    }
    drift::coverage_item cov{std::string(m->type), 0, 0};
    for (const auto& d : *listed) {
      ++cov.found;
      if (ids.count(d.id)) {
        ++cov.managed;
        continue;
      }
      bool in_scope = true;
      for (const auto& [k, v] : scope) {
        auto it = d.tags.find(k);
        if (it == d.tags.end() || it->second != v) in_scope = false;
      }
      if (!in_scope) continue;
      finding u;
      u.change = drift::change_kind::unmanaged;
      u.type = std::string(m->type);
      u.id = d.import_id.empty() ? d.id : d.import_id;
      u.tags = d.tags;
      f.drifts.push_back(std::move(u));
    }
    f.coverage.push_back(std::move(cov));
  }
}

}  // namespace scanner::native
