#include "terraform/redact.h"

#include <algorithm>
#include <string_view>
#include <unordered_set>

#include "json_util.h"

namespace terraform {

namespace {

rapidjson::Value* step_into(rapidjson::Value& v, const path_step& step) {
  if (step.step == path_step::kind::index) {
    if (!v.IsArray() || step.index < 0 || static_cast<std::uint64_t>(step.index) >= v.Size()) {
      return nullptr;
    }
    return &v[static_cast<rapidjson::SizeType>(step.index)];
  }
  if (!v.IsObject()) return nullptr;
  // Looked up through a const view: comparing mutable rapidjson member iterators is
  // ambiguous in C++20 (clang warns).
  const rapidjson::Value& view = v;
  auto it = view.FindMember(rapidjson::StringRef(step.name.data(), step.name.size()));
  return it == view.MemberEnd() ? nullptr : const_cast<rapidjson::Value*>(&it->value);
}

rapidjson::Value* walk(rapidjson::Value& root, const attr_path& path) {
  rapidjson::Value* at = &root;
  for (const auto& step : path) {
    at = step_into(*at, step);
    if (!at) return nullptr;
  }
  return at;
}

void collect_strings(const rapidjson::Value& v, std::vector<std::string>& out) {
  if (v.IsString()) {
    if (v.GetStringLength() > 0) out.emplace_back(v.GetString(), v.GetStringLength());
  } else if (v.IsArray()) {
    for (const auto& e : v.GetArray()) collect_strings(e, out);
  } else if (v.IsObject()) {
    for (auto it = v.MemberBegin(); it != v.MemberEnd(); ++it) collect_strings(it->value, out);
  }
}

// A hash set, so redaction stays linear in the value's size however many secrets there are.
using secret_set = std::unordered_set<std::string_view>;

void replace_strings(rapidjson::Value& v, const secret_set& secrets,
                     rapidjson::Document::AllocatorType& alloc) {
  if (v.IsString()) {
    const std::string_view s(v.GetString(), v.GetStringLength());
    if (secrets.count(s) != 0) {
      v.SetString(redacted_marker, alloc);
    }
  } else if (v.IsArray()) {
    for (auto& e : v.GetArray()) replace_strings(e, secrets, alloc);
  } else if (v.IsObject()) {
    for (rapidjson::SizeType i = 0; i < v.MemberCount(); ++i) {
      replace_strings((v.MemberBegin() + i)->value, secrets, alloc);
    }
  }
}

json_text fully_redacted() { return std::string("\"") + redacted_marker + "\""; }

}  // namespace

json_text redact(const json_text& value, const std::vector<attr_path>& paths) {
  return redact(value, paths, {});
}

json_text redact(const json_text& value, const std::vector<attr_path>& paths,
                 const std::vector<std::string>& secrets) {
  if (paths.empty() && secrets.empty()) return value;
  rapidjson::Document doc;
  if (detail::parse_json(value, doc)) return fully_redacted();
  for (const auto& path : paths) {
    // A null stays null: "no value" reveals nothing and keeps removals visible.
    if (auto* at = walk(doc, path); at && !at->IsNull()) {
      at->SetString(redacted_marker, doc.GetAllocator());
    }
  }
  if (!secrets.empty())
    replace_strings(doc, secret_set(secrets.begin(), secrets.end()), doc.GetAllocator());
  return detail::to_text(doc);
}

std::vector<std::string> sensitive_strings(const json_text& value,
                                           const std::vector<attr_path>& paths) {
  std::vector<std::string> out;
  if (paths.empty()) return out;
  rapidjson::Document doc;
  if (detail::parse_json(value, doc)) return out;
  for (const auto& path : paths) {
    if (auto* at = walk(doc, path)) collect_strings(*at, out);
  }
  std::sort(out.begin(), out.end());
  out.erase(std::unique(out.begin(), out.end()), out.end());
  return out;
}

std::vector<attr_path> paths_under(const std::vector<attr_path>& paths, const std::string& name) {
  std::vector<attr_path> out;
  for (const auto& p : paths) {
    if (p.empty()) {
      out.push_back({});  // the whole object is sensitive, so is each attribute
    } else if (p.front().step != path_step::kind::index && p.front().name == name) {
      out.emplace_back(p.begin() + 1, p.end());
    }
  }
  return out;
}

}  // namespace terraform
