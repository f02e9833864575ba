#include "terraform/plan.h"

#include <algorithm>
#include <set>

#include "json_util.h"
#include "state_json.h"
#include "terraform/redact.h"

namespace terraform {

namespace {

using detail::member;
using detail::string_member;

core::error invalid(const std::string& where, const std::string& what) {
  return {"InvalidPlan", where + ": " + what};
}

// before_sensitive / after_sensitive: `true` (all), `false` (none) or a tree of true leaves.
std::vector<attr_path> sensitive_paths(const rapidjson::Value* tree) {
  std::vector<attr_path> out;
  if (tree) {
    attr_path prefix;
    detail::collect_sensitive_tree(*tree, prefix, out);
  }
  return out;
}

bool is_sensitive_under(const std::vector<attr_path>& paths) { return !paths.empty(); }

// Top-level attributes whose values differ. Compared on raw values, reported redacted.
std::vector<changed_attribute> diff_attributes(const rapidjson::Value* before,
                                               const rapidjson::Value* after,
                                               const std::vector<attr_path>& before_sensitive,
                                               const std::vector<attr_path>& after_sensitive,
                                               const std::vector<std::string>& secrets) {
  std::vector<changed_attribute> out;
  const bool before_obj = before && before->IsObject();
  const bool after_obj = after && after->IsObject();
  if (!before_obj || !after_obj) return out;  // create/delete: the action says it all
  std::set<std::string> names;
  for (auto it = before->MemberBegin(); it != before->MemberEnd(); ++it) {
    names.emplace(it->name.GetString(), it->name.GetStringLength());
  }
  for (auto it = after->MemberBegin(); it != after->MemberEnd(); ++it) {
    names.emplace(it->name.GetString(), it->name.GetStringLength());
  }
  static const rapidjson::Value null_value;
  for (const auto& name : names) {
    const auto* b = member(*before, name.c_str());
    const auto* a = member(*after, name.c_str());
    const rapidjson::Value& bv = b ? *b : null_value;
    const rapidjson::Value& av = a ? *a : null_value;
    if (bv == av) continue;
    changed_attribute c;
    c.name = name;
    const auto bs = paths_under(before_sensitive, name);
    const auto as = paths_under(after_sensitive, name);
    const json_text raw_before = detail::to_text(bv);
    const json_text raw_after = detail::to_text(av);
    c.before = redact(raw_before, bs, secrets);
    c.after = redact(raw_after, as, secrets);
    c.sensitive = is_sensitive_under(bs) || is_sensitive_under(as) || c.before != raw_before ||
                  c.after != raw_after;
    out.push_back(std::move(c));
  }
  return out;
}

core::result<resource_change> read_change(const rapidjson::Value& rc, const std::string& where) {
  if (!rc.IsObject()) return invalid(where, "expected an object");
  resource_change out;
  out.address = string_member(rc, "address");
  if (out.address.empty()) return invalid(where + ".address", "missing");
  out.module_address = string_member(rc, "module_address");
  out.type = string_member(rc, "type");
  out.name = string_member(rc, "name");
  out.provider = string_member(rc, "provider_name");
  out.deposed = string_member(rc, "deposed");
  out.action_reason = string_member(rc, "action_reason");
  const std::string mode = string_member(rc, "mode");
  out.mode = mode == "data" ? resource_mode::data : resource_mode::managed;
  if (auto err = detail::read_index_key(member(rc, "index"), out.key)) {
    return invalid(where + ".index", *err);
  }
  const auto* change = member(rc, "change");
  if (!change || !change->IsObject()) return invalid(where + ".change", "expected an object");
  const auto* actions = member(*change, "actions");
  if (!actions || !actions->IsArray()) {
    return invalid(where + ".change.actions", "expected an array of strings");
  }
  for (const auto& a : actions->GetArray()) {
    if (!a.IsString()) return invalid(where + ".change.actions", "expected an array of strings");
    out.actions.emplace_back(a.GetString(), a.GetStringLength());
  }
  out.before_sensitive = sensitive_paths(member(*change, "before_sensitive"));
  out.after_sensitive = sensitive_paths(member(*change, "after_sensitive"));
  const auto* before = member(*change, "before");
  const auto* after = member(*change, "after");
  const json_text raw_before = before ? detail::to_text(*before) : "null";
  const json_text raw_after = after ? detail::to_text(*after) : "null";
  auto secrets = sensitive_strings(raw_before, out.before_sensitive);
  for (auto& s : sensitive_strings(raw_after, out.after_sensitive)) secrets.push_back(std::move(s));
  out.before = redact(raw_before, out.before_sensitive, secrets);
  out.after = redact(raw_after, out.after_sensitive, secrets);
  out.changed = diff_attributes(before, after, out.before_sensitive, out.after_sensitive, secrets);
  return out;
}

std::optional<core::error> read_changes(const rapidjson::Value& root, const char* field,
                                        std::vector<resource_change>& out) {
  const auto* list = member(root, field);
  if (!list || list->IsNull()) return std::nullopt;
  if (!list->IsArray()) return invalid(field, "expected an array");
  for (rapidjson::SizeType i = 0; i < list->Size(); ++i) {
    auto rc = read_change((*list)[i], std::string(field) + "[" + std::to_string(i) + "]");
    if (!rc) return rc.error();
    out.push_back(std::move(rc).value());
  }
  return std::nullopt;
}

bool read_bool(const rapidjson::Value& root, const char* field, bool fallback) {
  const auto* v = member(root, field);
  return v && v->IsBool() ? v->GetBool() : fallback;
}

}  // namespace

bool resource_change::is_delete() const {
  return actions.size() == 1 && actions.front() == "delete";
}

bool resource_change::is_update() const {
  return actions.size() == 1 && actions.front() == "update";
}

core::result<plan> parse_plan(std::string_view bytes) {
  rapidjson::Document doc;
  if (auto err = detail::parse_json(bytes, doc)) return core::error{"NotJson", *err};
  if (!doc.IsObject()) return invalid("(root)", "expected an object");
  plan p;
  const auto* fv = member(doc, "format_version");
  if (!fv || !fv->IsString()) return invalid("format_version", "missing or not a string");
  p.format_version = fv->GetString();
  if (!(p.format_version.rfind("0.", 0) == 0 || p.format_version.rfind("1.", 0) == 0)) {
    return core::error{"UnsupportedVersion", "plan format_version \"" + p.format_version +
                                                 "\" is not supported (0.x and 1.x are)"};
  }
  p.terraform_version = string_member(doc, "terraform_version");
  p.timestamp = string_member(doc, "timestamp");
  p.applyable = read_bool(doc, "applyable", false);
  p.complete = read_bool(doc, "complete", true);
  p.errored = read_bool(doc, "errored", false);
  if (auto err = read_changes(doc, "resource_drift", p.resource_drift)) return *err;
  if (auto err = read_changes(doc, "resource_changes", p.resource_changes)) return *err;
  if (const auto* prior = member(doc, "prior_state"); prior && !prior->IsNull()) {
    if (!prior->IsObject()) return invalid("prior_state", "expected an object");
    state st;
    if (auto err = detail::read_json_state(*prior, st)) return invalid("prior_state", *err);
    p.prior_state = std::move(st);
  }
  return p;
}

}  // namespace terraform
