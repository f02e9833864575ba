#include "module_util.h"

#include <algorithm>
#include <cstdlib>
#include <set>
#include <utility>

#include "registry.h"

namespace scanner::native {

int readers_with_parent(const read_context& ctx, std::string_view parent, const std::string& id,
                        parent_id_fn parent_id_of) {
  if (!ctx.memo) return 0;
  const std::string key = "readers-with-parent:" + std::string(parent);
  auto readers = read_once<std::map<std::string, int>>(ctx.memo, key, 0, [&] {
    std::set<std::string> parents;
    std::map<std::string, int> parts;
    for (const auto& r : ctx.state.resources) {
      if (r.mode != terraform::resource_mode::managed || !r.deposed.empty()) continue;
      if (r.type == parent) {
        parents.insert(r.id);
      } else if (const auto* m = find_module(r.type); m && m->shares_reads_with == parent) {
        ++parts[parent_id_of ? parent_id_of(r) : r.id];
      }
    }
    std::map<std::string, int> both;
    for (const auto& [i, n] : parts)
      if (parents.count(i)) both[i] = n + 1;
    return both;
  });
  auto it = readers->find(id);
  return it == readers->end() ? 0 : it->second;
}

void set_tags(rapidjson::Document& live, const terraform::resource_instance& inst,
              const std::map<std::string, std::string>& cloud_tags) {
  std::map<std::string, std::string> tags;
  for (const auto& [k, v] : cloud_tags)
    if (k.rfind("aws:", 0) != 0) tags[k] = v;
  rapidjson::Document state;
  state.Parse(inst.attributes.c_str(), inst.attributes.size());
  const auto* st = member(state, "tags");
  if (tags.empty() && (!st || st->IsNull()))
    set_null(live, "tags");
  else
    set_map(live, "tags", tags);
  set_map(live, "tags_all", tags);
}

live_resource found_with_tags(
    const doc_ptr& d, const terraform::resource_instance& inst,
    const core::result<std::map<std::string, std::string>, aws::error>& tags,
    bool (*missing)(const aws::error&)) {
  if (!tags) return missing ? gone_or_failed(tags.error(), missing) : failed(tags.error());
  set_tags(*d, inst, *tags);
  return live_resource::found(d);
}

live_resource failed(const aws::error& e) { return live_resource::unchecked(describe_failure(e)); }

std::vector<live_resource> all_failed(size_t n, const aws::error& e) {
  return std::vector<live_resource>(n, failed(e));
}

live_resource gone_or_failed(const aws::error& e, bool (*missing)(const aws::error&)) {
  return missing(e) ? live_resource::gone() : failed(e);
}

live_resource deadline_reached() { return live_resource::unchecked("scan deadline reached"); }

std::vector<live_resource> all_deadline_reached(size_t n) {
  return std::vector<live_resource>(n, deadline_reached());
}

std::vector<live_resource> each_instance(
    const read_context& ctx, const instance_list& batch,
    const std::function<live_resource(const terraform::resource_instance&)>& one) {
  std::vector<live_resource> out;
  out.reserve(batch.size());
  for (const auto* inst : batch)
    out.push_back(ctx.past_deadline() ? deadline_reached() : one(*inst));
  return out;
}

decltype(type_module::read) one_by_one(read_one_fn read_one) {
  return [read_one = std::move(read_one)](const read_context& ctx, const instance_list& batch) {
    return each_instance(
        ctx, batch, [&](const terraform::resource_instance& inst) { return read_one(ctx, inst); });
  };
}

std::vector<discovered> discovered_ids(const std::vector<std::string>& ids) {
  std::vector<discovered> out;
  out.reserve(ids.size());
  for (const auto& id : ids) out.push_back({id, id, {}});
  return out;
}

core::result<std::map<std::string, pugi::xml_node>, aws::error> ec2_by_id(
    const read_context& ctx, const std::string& action, const std::string& set_name,
    const std::string& filter, const std::string& id_field, const instance_list& batch,
    aws::xml_response& keep) {
  aws::ec2::describe_request req;
  aws::ec2::filter f{filter, {}};
  for (const auto* i : batch) f.values.push_back(i->id);
  req.filters.push_back(std::move(f));
  ctx.count();
  auto r = aws::ec2::describe(ctx.cloud, action, "", set_name, req);
  if (!r) return r.error();
  keep = std::move(r).value();
  std::map<std::string, pugi::xml_node> out;
  for (auto item : keep.result.children("item")) out[xtext(item, id_field.c_str())] = item;
  return out;
}

std::string xtext(const pugi::xml_node& n, const char* path) {
  auto x = n.first_element_by_path(path);
  return x ? x.child_value() : "";
}

bool xbool(const pugi::xml_node& n, const char* path) { return xtext(n, path) == "true"; }

long long xint(const pugi::xml_node& n, const char* path) {
  return std::strtoll(xtext(n, path).c_str(), nullptr, 10);
}

std::vector<std::string> xitems(const pugi::xml_node& n, const char* set, const char* field) {
  std::vector<std::string> out;
  for (auto it : n.child(set).children("item")) out.emplace_back(it.child_value(field));
  return out;
}

std::string string_at(const rapidjson::Value& v, std::initializer_list<const char*> path) {
  const rapidjson::Value* at = &v;
  for (const char* name : path) {
    at = member(*at, name);
    if (!at) return {};
  }
  return at->IsString() ? std::string(at->GetString(), at->GetStringLength()) : std::string();
}

std::vector<change_target> targets_of(const std::vector<std::string>& ids) {
  std::vector<change_target> out;
  for (const auto& id : ids) {
    if (id.empty()) continue;
    const bool seen =
        std::any_of(out.begin(), out.end(), [&](const change_target& t) { return t.id == id; });
    if (!seen) out.push_back({id});
  }
  return out;
}

}  // namespace scanner::native
