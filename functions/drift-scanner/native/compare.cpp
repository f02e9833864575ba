#include "compare.h"

#include <algorithm>
#include <cctype>
#include <set>

#include "aws/retry.h"
#include "json_util.h"
#include "terraform/redact.h"

namespace scanner::native {

std::string describe_failure(const aws::error& e) {
  std::string s = e.code.empty() ? "error" : e.code;
  if (aws::classify(e) == aws::retry_class::throttling) s = "Throttling (" + s + ")";
  if (!e.message.empty()) s += ": " + e.message;
  return s;
}

const char* kind_name(rule_kind k) {
  switch (k) {
    case rule_kind::ignore:
      return "ignore";
    case rule_kind::policy_json:
      return "policy_json";
    case rule_kind::null_is_empty:
      return "null_is_empty";
    case rule_kind::set_order:
      return "set_order";
    case rule_kind::case_insensitive:
      return "case_insensitive";
    case rule_kind::aws_tags:
      return "aws_tags";
    case rule_kind::sensitive_values:
      return "sensitive_values";
    case rule_kind::managed_by_part:
      return "managed_by_part";
  }
  return "?";
}

std::string rule_key(const std::string& type, const rule& r) {
  return type + "." + r.attribute + ":" + kind_name(r.kind);
}

namespace {

using alloc_t = rapidjson::Document::AllocatorType;

bool is_empty(const rapidjson::Value& v) {
  return v.IsNull() || (v.IsObject() && v.MemberCount() == 0) || (v.IsArray() && v.Empty()) ||
         (v.IsString() && v.GetStringLength() == 0);
}

// Policy canonical form: keys sorted, every array sorted (IAM treats statement, action and
// resource lists as sets), one-element arrays as their element.
void canonical_policy(rapidjson::Value& v, alloc_t& a) {
  if (v.IsObject()) {
    for (auto it = v.MemberBegin(); it != v.MemberEnd(); ++it) canonical_policy(it->value, a);
  } else if (v.IsArray()) {
    for (auto& e : v.GetArray()) canonical_policy(e, a);
    if (v.Size() == 1) {
      rapidjson::Value only(v[0], a);
      v = std::move(only);
      return;
    }
    std::vector<std::pair<std::string, size_t>> order;
    for (rapidjson::SizeType i = 0; i < v.Size(); ++i) order.emplace_back(to_go_json(v[i]), i);
    std::sort(order.begin(), order.end());
    rapidjson::Value sorted(rapidjson::kArrayType);
    for (auto& [text, i] : order)
      sorted.PushBack(rapidjson::Value(v[static_cast<rapidjson::SizeType>(i)], a), a);
    v = std::move(sorted);
  }
}

// Applies one rule to a copy of a value; returns whether it changed anything.
void apply(rule_kind k, rapidjson::Value& v, alloc_t& a) {
  switch (k) {
    case rule_kind::ignore:
      break;
    case rule_kind::policy_json:
      if (v.IsString()) {
        rapidjson::Document p;
        p.Parse(v.GetString(), v.GetStringLength());
        if (!p.HasParseError()) {
          rapidjson::Value copy(p, a);
          canonical_policy(copy, a);
          v = string_value(to_go_json(copy), a);
        }
      }
      break;
    case rule_kind::null_is_empty:
      if (is_empty(v)) v.SetNull();
      break;
    case rule_kind::set_order:
      if (v.IsArray()) {
        std::vector<std::pair<std::string, size_t>> order;
        for (rapidjson::SizeType i = 0; i < v.Size(); ++i) order.emplace_back(to_go_json(v[i]), i);
        std::sort(order.begin(), order.end());
        rapidjson::Value sorted(rapidjson::kArrayType);
        for (auto& [t, i] : order)
          sorted.PushBack(rapidjson::Value(v[static_cast<rapidjson::SizeType>(i)], a), a);
        v = std::move(sorted);
      }
      break;
    case rule_kind::case_insensitive:
      if (v.IsString()) {
        std::string s(v.GetString(), v.GetStringLength());
        for (auto& c : s) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
        v = string_value(s, a);
      }
      break;
    case rule_kind::aws_tags:
      if (v.IsObject()) {
        for (auto it = v.MemberBegin(); it != v.MemberEnd();) {
          if (std::string_view(it->name.GetString()).rfind("aws:", 0) == 0)
            it = v.EraseMember(it);
          else
            ++it;
        }
      }
      break;
    case rule_kind::sensitive_values:
    case rule_kind::managed_by_part:
      break;
  }
}

// Whether `whole` manages, beside `inst`, the split resource a managed_by_part rule names: a
// current managed instance of its type whose part_key attribute is inst's id.
bool part_in_state(const terraform::state* whole, const rule& r,
                   const terraform::resource_instance& inst) {
  if (!whole || r.part_type.empty() || inst.id.empty()) return false;
  for (const auto& p : whole->resources) {
    if (p.type != r.part_type || p.mode != terraform::resource_mode::managed || !p.deposed.empty())
      continue;
    rapidjson::Document attrs;
    attrs.Parse(p.attributes.c_str(), p.attributes.size());
    const rapidjson::Value* key = attrs.IsObject() ? member(attrs, r.part_key.c_str()) : nullptr;
    if (key && key->IsString() && inst.id == key->GetString()) return true;
  }
  return false;
}

// The path of every scalar under `v` (object members and list elements; map keys stay).
void leaf_paths(const rapidjson::Value& v, terraform::attr_path& at,
                std::vector<terraform::attr_path>& out) {
  if (v.IsObject()) {
    for (auto it = v.MemberBegin(); it != v.MemberEnd(); ++it) {
      at.push_back({terraform::path_step::kind::key, it->name.GetString(), 0});
      leaf_paths(it->value, at, out);
      at.pop_back();
    }
  } else if (v.IsArray()) {
    for (rapidjson::SizeType i = 0; i < v.Size(); ++i) {
      at.push_back({terraform::path_step::kind::index, "", static_cast<std::int64_t>(i)});
      leaf_paths(v[i], at, out);
      at.pop_back();
    }
  } else if (!v.IsNull()) {
    out.push_back(at);
  }
}

bool has_sensitive(const std::vector<terraform::attr_path>& paths) { return !paths.empty(); }

}  // namespace

std::vector<drift::report_attribute> compare(const terraform::resource_instance& inst,
                                             rapidjson::Document& live,
                                             const std::vector<rule>& rules,
                                             std::map<std::string, int>& suppressed,
                                             const terraform::state* whole) {
  std::vector<drift::report_attribute> out;
  rapidjson::Document state;
  state.Parse(inst.attributes.c_str(), inst.attributes.size());
  if (!state.IsObject() || !live.IsObject()) return out;
  const auto secrets = terraform::sensitive_strings(inst.attributes, inst.sensitive_paths);
  static const rapidjson::Value null_value;
  std::set<std::string> names;
  for (auto it = live.MemberBegin(); it != live.MemberEnd(); ++it)
    names.insert(it->name.GetString());
  auto& a = live.GetAllocator();
  for (const auto& name : names) {
    const rapidjson::Value* sv = member(state, name.c_str());
    if (!sv) sv = &null_value;
    rapidjson::Value& lv = live[name.c_str()];
    if (*sv == lv) continue;
    std::vector<const rule*> mine;
    for (const auto& r : rules)
      if (r.attribute == name) mine.push_back(&r);
    bool hidden = false;
    rapidjson::Value s_copy(*sv, a), l_copy(lv, a);
    for (const rule* r : mine) {
      if (r->kind == rule_kind::managed_by_part) {
        if (!part_in_state(whole, *r, inst)) continue;
        ++suppressed[rule_key(inst.type, *r)];
        hidden = true;
        break;
      }
      if (r->kind == rule_kind::ignore) {
        ++suppressed[rule_key(inst.type, *r)];
        hidden = true;
        break;
      }
      apply(r->kind, s_copy, a);
      apply(r->kind, l_copy, a);
      if (s_copy == l_copy) {
        ++suppressed[rule_key(inst.type, *r)];
        hidden = true;
        break;
      }
    }
    if (hidden) continue;
    for (const rule* r : mine)
      if (r->kind == rule_kind::set_order) to_set_order(lv, a);
    auto paths = terraform::paths_under(inst.sensitive_paths, name);
    for (const rule* r : mine)
      if (r->kind == rule_kind::sensitive_values) {
        terraform::attr_path at;
        leaf_paths(*sv, at, paths);
        leaf_paths(lv, at, paths);
      }
    const std::string raw_expected = to_text(*sv), raw_actual = to_text(lv);
    drift::report_attribute attr;
    attr.name = name;
    attr.expected = terraform::redact(raw_expected, paths, secrets);
    attr.actual = terraform::redact(raw_actual, paths, secrets);
    attr.sensitive =
        has_sensitive(paths) || attr.expected != raw_expected || attr.actual != raw_actual;
    out.push_back(std::move(attr));
  }
  return out;
}

}  // namespace scanner::native
