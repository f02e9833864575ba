#include "elbv2_common.h"

#include <cstdlib>

namespace scanner::native::elbv2 {
namespace {

using item_map = std::map<std::string, pugi::xml_node>;

// The batch's items by ARN; ARNs missing from the answer are gone. `keep` holds the pages.
core::result<item_map, aws::error> describe_arns(const read_context& ctx,
                                                 const std::vector<std::string>& arns,
                                                 const char* action, const char* id_param,
                                                 const char* list_name, const char* arn_field,
                                                 std::vector<aws::elbv2::members>& keep) {
  item_map out;
  ctx.count();
  auto all = aws::elbv2::describe(ctx.cloud, action, aws::elbv2::with_members({}, id_param, arns),
                                  list_name);
  if (all) {
    for (auto i : all->items) out[i.child_value(arn_field)] = i;
    keep.push_back(std::move(*all));
    return out;
  }
  if (!aws::elbv2::is_not_found(all.error()) || arns.size() == 1) {
    if (aws::elbv2::is_not_found(all.error())) return out;
    return all.error();
  }
  for (const auto& arn : arns) {
    ctx.count();
    auto one = aws::elbv2::describe(ctx.cloud, action,
                                    aws::elbv2::with_members({}, id_param, {arn}), list_name);
    if (!one) {
      if (aws::elbv2::is_not_found(one.error())) continue;
      return one.error();
    }
    for (auto i : one->items) out[i.child_value(arn_field)] = i;
    keep.push_back(std::move(*one));
  }
  return out;
}

}  // namespace

std::vector<live_resource> read_batch(const read_context& ctx, const instance_list& batch,
                                      const char* action, const char* id_param,
                                      const char* list_name, const char* arn_field,
                                      const build_fn& build) {
  if (ctx.past_deadline()) return all_deadline_reached(batch.size());
  std::vector<std::string> arns;
  for (const auto* inst : batch) arns.push_back(inst->id);
  std::vector<aws::elbv2::members> keep;
  auto items = describe_arns(ctx, arns, action, id_param, list_name, arn_field, keep);
  if (!items) return all_failed(batch.size(), items.error());
  std::vector<std::string> found;
  for (const auto& [arn, item] : *items) found.push_back(arn);
  auto tags = tags_of(ctx, found);
  return each_instance(ctx, batch, [&](const terraform::resource_instance& inst) {
    auto it = items->find(inst.id);
    if (it == items->end()) return live_resource::gone();
    if (!tags) return failed(tags.error());
    auto t = tags->find(inst.id);
    return build(ctx, inst, it->second, t == tags->end() ? tag_map{} : t->second);
  });
}

core::result<std::map<std::string, tag_map>, aws::error> tags_of(
    const read_context& ctx, const std::vector<std::string>& arns) {
  std::map<std::string, tag_map> out;
  for (size_t i = 0; i < arns.size(); i += aws::elbv2::kTagsPerCall) {
    std::vector<std::string> part(
        arns.begin() + static_cast<long>(i),
        arns.begin() + static_cast<long>(std::min(arns.size(), i + aws::elbv2::kTagsPerCall)));
    ctx.count();
    auto r = aws::elbv2::describe_tags(ctx.cloud, part);
    if (!r) return r.error();
    out.merge(*r);
  }
  return out;
}

core::result<attribute_map, aws::error> attributes(const read_context& ctx, const char* action,
                                                   const char* id_param, const std::string& arn) {
  ctx.count();
  return aws::elbv2::attributes(ctx.cloud, action, id_param, arn);
}

core::result<std::vector<discovered>, aws::error> list_all(const read_context& ctx,
                                                           const char* action,
                                                           const char* list_name,
                                                           const char* arn_field) {
  ctx.count();
  auto all = aws::elbv2::describe(ctx.cloud, action, {}, list_name);
  if (!all) return all.error();
  std::vector<std::string> ids;
  for (auto i : all->items) ids.push_back(i.child_value(arn_field));
  return discovered_ids(ids);
}

rapidjson::Document state_of(const terraform::resource_instance& inst) {
  rapidjson::Document d;
  d.Parse(inst.attributes.c_str(), inst.attributes.size());
  if (!d.IsObject()) d.SetObject();
  return d;
}

void keep_state(rapidjson::Document& live, const rapidjson::Document& state, const char* name) {
  const auto* v = member(state, name);
  if (!v) {
    set_null(live, name);
    return;
  }
  rapidjson::Value copy(*v, live.GetAllocator());
  set_value(live, name, copy);
}

std::optional<std::string> attr(const attribute_map& a, const char* key) {
  auto it = a.find(key);
  if (it == a.end()) return std::nullopt;
  return it->second;
}

void set_bool_attr(rapidjson::Document& live, const rapidjson::Document& state, const char* name,
                   const attribute_map& a, const char* key) {
  if (auto v = attr(a, key))
    set_bool(live, name, *v == "true");
  else
    keep_state(live, state, name);
}

void set_int_attr(rapidjson::Document& live, const rapidjson::Document& state, const char* name,
                  const attribute_map& a, const char* key) {
  if (auto v = attr(a, key))
    set_int(live, name, std::strtoll(v->c_str(), nullptr, 10));
  else
    keep_state(live, state, name);
}

void set_string_attr(rapidjson::Document& live, const rapidjson::Document& state, const char* name,
                     const attribute_map& a, const char* key) {
  if (auto v = attr(a, key))
    set_string(live, name, *v);
  else
    keep_state(live, state, name);
}

std::vector<std::string> members_of(const pugi::xml_node& n, const char* list) {
  std::vector<std::string> out;
  for (auto m : n.child(list).children("member")) out.emplace_back(m.child_value());
  return out;
}

std::vector<std::string> arns_in(const rapidjson::Value& request, const char* list,
                                 const char* field) {
  std::vector<std::string> out;
  const auto* v = member(request, list);
  if (!v || !v->IsArray()) return out;
  for (const auto& e : v->GetArray()) {
    if (e.IsString())
      out.emplace_back(e.GetString(), e.GetStringLength());
    else if (field && e.IsObject())
      out.push_back(string_at(e, {field}));
  }
  return out;
}

std::vector<change_target> arn_changes(const change_call& c, const char* param,
                                       std::string_view kind) {
  if (c.event_name == "AddTags" || c.event_name == "RemoveTags") {
    std::vector<std::string> ids;
    for (auto& arn : arns_in(c.request, "resourceArns"))
      if (arn.find(kind) != std::string::npos) ids.push_back(std::move(arn));
    return targets_of(ids);
  }
  return targets_of({string_at(c.request, {param})});
}

object& object::str(const char* name, std::string_view v) {
  v_.AddMember(string_value(name, a_), string_value(v, a_), a_);
  return *this;
}

object& object::boolean(const char* name, bool v) {
  v_.AddMember(string_value(name, a_), rapidjson::Value(v), a_);
  return *this;
}

object& object::integer(const char* name, long long v) {
  v_.AddMember(string_value(name, a_), rapidjson::Value(static_cast<int64_t>(v)), a_);
  return *this;
}

object& object::null(const char* name) {
  v_.AddMember(string_value(name, a_), rapidjson::Value(), a_);
  return *this;
}

object& object::str_or_null(const char* name, const std::optional<std::string>& v) {
  return v ? str(name, *v) : null(name);
}

object& object::value(const char* name, rapidjson::Value v) {
  v_.AddMember(string_value(name, a_), v, a_);
  return *this;
}

rapidjson::Value array_of(std::vector<rapidjson::Value> items, rapidjson::Document& d) {
  rapidjson::Value out(rapidjson::kArrayType);
  for (auto& i : items) out.PushBack(i, d.GetAllocator());
  return out;
}

void set_list(rapidjson::Document& live, const char* name, std::vector<rapidjson::Value> items) {
  auto v = array_of(std::move(items), live);
  set_value(live, name, v);
}

void set_block(rapidjson::Document& live, const char* name, rapidjson::Value block) {
  std::vector<rapidjson::Value> one;
  one.push_back(std::move(block));
  set_list(live, name, std::move(one));
}

}  // namespace scanner::native::elbv2
