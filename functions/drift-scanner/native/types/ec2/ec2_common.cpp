#include "ec2_common.h"

#include <cctype>

namespace scanner::native::ec2 {

std::vector<live_resource> read_batch(const read_context& ctx, const instance_list& batch,
                                      const std::string& action, const std::string& set_name,
                                      const std::string& filter, const std::string& id_field,
                                      const build_fn& build) {
  aws::xml_response keep;
  auto items = ec2_by_id(ctx, action, set_name, filter, id_field, batch, keep);
  if (!items) return all_failed(batch.size(), items.error());
  std::vector<live_resource> out;
  for (const auto* inst : batch) {
    auto it = items->find(inst->id);
    if (it == items->end()) {
      out.push_back(live_resource::gone());
      continue;
    }
    doc_ptr d = build(ctx, *inst, it->second);
    out.push_back(d ? live_resource::found(std::move(d)) : live_resource::gone());
  }
  return out;
}

core::result<std::vector<discovered>, aws::error> list_all(
    const read_context& ctx, const std::string& action, const std::string& set_name,
    const std::string& id_field, const std::function<bool(const pugi::xml_node&)>& keep) {
  ctx.count();
  aws::ec2::describe_request req;
  req.page_size = 1000;
  auto r = aws::ec2::describe(ctx.cloud, action, "", set_name, req);
  if (!r) return r.error();
  std::vector<discovered> out;
  for (auto item : r->result.children("item")) {
    if (keep && !keep(item)) continue;
    std::string id = xtext(item, id_field.c_str());
    out.push_back({id, id, aws::ec2::tags_of(item)});
  }
  return out;
}

std::string request_param(const change_call& c, std::string_view name) {
  const std::string key(name);
  auto top = string_at(c.request, {key.c_str()});
  if (!top.empty() || name.empty()) return top;
  const std::string wrapper = std::string(c.event_name) + "Request";
  std::string upper = key;
  upper[0] = static_cast<char>(std::toupper(static_cast<unsigned char>(upper[0])));
  return string_at(c.request, {wrapper.c_str(), upper.c_str()});
}

std::vector<std::string> item_ids(const rapidjson::Value& v, const char* set, const char* field) {
  std::vector<std::string> out;
  const auto* s = member(v, set);
  const auto* items = s ? member(*s, "items") : nullptr;
  if (!items || !items->IsArray()) return out;
  for (const auto& item : items->GetArray()) out.push_back(string_at(item, {field}));
  return out;
}

bool is_tagging(const change_call& c) {
  return c.event_name == "CreateTags" || c.event_name == "DeleteTags";
}

std::vector<std::string> tagged_ids(const change_call& c, std::string_view prefix) {
  std::vector<std::string> out;
  for (auto& id : item_ids(c.request, "resourcesSet", "resourceId"))
    if (id.starts_with(prefix)) out.push_back(std::move(id));
  return out;
}

}  // namespace scanner::native::ec2
