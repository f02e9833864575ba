#include "module_util.h"

#include <cstdlib>

namespace scanner::native {

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

live_resource failed(const aws::error& e) { return live_resource::unchecked(describe_failure(e)); }

std::vector<live_resource> all_failed(size_t n, const aws::error& e) {
  return std::vector<live_resource>(n, failed(e));
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

}  // namespace scanner::native
