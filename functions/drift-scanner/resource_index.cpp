#include "resource_index.h"

#include <mutex>

#include "aws/s3.h"
#include "aws_calls.h"
#include "core/json.h"
#include "core/time.h"
#include "targets.h"

namespace scanner {

namespace json = core::json;

std::string index_key(const std::string& target, const std::string& workspace) {
  return std::string(index_prefix) + target + "/" + workspace + ".json";
}

workspace_index index_of(const terraform::state& st, std::string target, std::string workspace,
                         std::string state_key, std::string state_etag, std::string written_at) {
  workspace_index ix{std::move(target),     std::move(workspace),  std::move(state_key),
                     std::move(state_etag), std::move(written_at), {}};
  for (const auto& r : st.resources)
    if (r.mode == terraform::resource_mode::managed && r.deposed.empty())
      ix.resources.push_back({r.address, r.type, r.id, r.arn});
  return ix;
}

std::string index_json(const workspace_index& ix) {
  rapidjson::StringBuffer sb;
  json::writer w(sb);
  w.StartObject();
  json::kv(w, "target", ix.target);
  json::kv(w, "workspace", ix.workspace);
  json::kv(w, "state_key", ix.state_key);
  json::kv(w, "state_etag", ix.state_etag);
  json::kv(w, "written_at", ix.written_at);
  json::key(w, "resources");
  w.StartArray();
  for (const auto& e : ix.resources) {
    w.StartObject();
    json::kv(w, "address", e.address);
    json::kv(w, "type", e.type);
    json::kv(w, "id", e.id);
    json::kv(w, "arn", e.arn);
    w.EndObject();
  }
  w.EndArray();
  w.EndObject();
  return std::string(sb.GetString(), sb.GetSize());
}

core::result<workspace_index> parse_index(std::string_view text) {
  auto parsed = json::parse(text);
  if (!parsed) return core::error{"InvalidIndex", parsed.error().message};
  const rapidjson::Value& d = *parsed;
  const auto* list = json::member(d, "resources");
  if (!d.IsObject() || !list || !list->IsArray())
    return core::error{"InvalidIndex", "not a resource index (no resources list)"};
  workspace_index ix{json::string_member(d, "target"),     json::string_member(d, "workspace"),
                     json::string_member(d, "state_key"),  json::string_member(d, "state_etag"),
                     json::string_member(d, "written_at"), {}};
  for (const auto& r : list->GetArray())
    ix.resources.push_back({json::string_member(r, "address"), json::string_member(r, "type"),
                            json::string_member(r, "id"), json::string_member(r, "arn")});
  return ix;
}

std::string write_resource_index(aws::session& s, const std::string& bucket,
                                 aws::session& state_session, const target& t,
                                 const std::string& workspace, const terraform::state& st) {
  const std::string state_key = t.state_key_of(workspace);
  auto head = aws::s3::head_object(state_session, t.state.bucket, state_key);
  const auto ix = index_of(st, t.name, workspace, state_key, head ? head->etag : "",
                           core::time::iso8601(std::chrono::system_clock::now()));
  auto put = aws_calls::s3_put(s, bucket, index_key(t.name, workspace), index_json(ix));
  return put ? "" : put.error().describe();
}

resource_index::resource_index(std::vector<std::shared_ptr<const workspace_index>> all)
    : all_(std::move(all)) {}

core::result<resource_index, aws::error> resource_index::load(aws::session& s,
                                                              const std::string& bucket) {
  // Warm-container cache, on purpose: key -> (ETag, index). A listing is needed anyway to see
  // new workspaces; an object whose ETag did not change is not read again.
  static std::mutex mu;
  static std::map<std::string, std::pair<std::string, std::shared_ptr<const workspace_index>>>
      cache;
  auto listed = aws::s3::list_objects(s, bucket, std::string(index_prefix));
  if (!listed) return listed.error();
  std::vector<std::shared_ptr<const workspace_index>> all;
  for (const auto& o : listed->objects) {
    {
      std::lock_guard<std::mutex> lock(mu);
      if (auto hit = cache.find(o.key); hit != cache.end() && hit->second.first == o.etag) {
        all.push_back(hit->second.second);
        continue;
      }
    }
    auto got = aws::s3::get_object(s, bucket, o.key);
    if (!got) {
      if (aws::s3::is_not_found(got.error())) continue;  // removed since the listing
      return got.error();
    }
    auto ix = parse_index(got->body);
    if (!ix) continue;  // not an index of ours: nothing to find there
    auto shared = std::make_shared<const workspace_index>(std::move(ix.value()));
    std::lock_guard<std::mutex> lock(mu);
    cache[o.key] = {o.etag, shared};
    all.push_back(std::move(shared));
  }
  return resource_index(std::move(all));
}

std::vector<index_match> resource_index::find(std::string_view type,
                                              std::string_view id_or_arn) const {
  std::vector<index_match> out;
  if (id_or_arn.empty()) return out;
  for (const auto& w : all_)
    for (const auto& e : w->resources)
      if (e.type == type && (e.id == id_or_arn || e.arn == id_or_arn)) out.push_back({w.get(), &e});
  return out;
}

std::vector<index_match> resource_index::of_type(std::string_view type) const {
  std::vector<index_match> out;
  for (const auto& w : all_)
    for (const auto& e : w->resources)
      if (e.type == type) out.push_back({w.get(), &e});
  return out;
}

}  // namespace scanner
