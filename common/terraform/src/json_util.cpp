#include "json_util.h"

#include <rapidjson/error/en.h>
#include <rapidjson/stringbuffer.h>
#include <rapidjson/writer.h>

#include "core/json.h"

namespace terraform::detail {

std::optional<std::string> parse_json(std::string_view bytes, rapidjson::Document& doc) {
  auto parsed = core::json::parse(
      bytes, {core::json::terraform_file_limits.max_bytes, static_cast<unsigned>(max_depth)});
  if (!parsed) return parsed.error().message;
  doc = std::move(*parsed);
  return std::nullopt;
}

json_text to_text(const rapidjson::Value& v) {
  rapidjson::StringBuffer buf;
  rapidjson::Writer<rapidjson::StringBuffer> w(buf);
  v.Accept(w);
  return json_text(buf.GetString(), buf.GetSize());
}

void collect_sensitive_tree(const rapidjson::Value& tree, attr_path& prefix,
                            std::vector<attr_path>& out) {
  if (tree.IsTrue()) {
    out.push_back(prefix);
  } else if (tree.IsObject()) {
    for (auto it = tree.MemberBegin(); it != tree.MemberEnd(); ++it) {
      prefix.push_back({path_step::kind::attribute,
                        std::string(it->name.GetString(), it->name.GetStringLength()), 0});
      collect_sensitive_tree(it->value, prefix, out);
      prefix.pop_back();
    }
  } else if (tree.IsArray()) {
    for (rapidjson::SizeType i = 0; i < tree.Size(); ++i) {
      prefix.push_back({path_step::kind::index, {}, static_cast<std::int64_t>(i)});
      collect_sensitive_tree(tree[i], prefix, out);
      prefix.pop_back();
    }
  }
}

std::optional<std::string> parse_cty_paths(const rapidjson::Value& list,
                                           std::vector<attr_path>& out) {
  if (!list.IsArray()) return "expected an array of paths";
  for (rapidjson::SizeType i = 0; i < list.Size(); ++i) {
    const auto& p = list[i];
    if (!p.IsArray()) return "[" + std::to_string(i) + "]: expected an array of steps";
    attr_path path;
    for (rapidjson::SizeType j = 0; j < p.Size(); ++j) {
      const auto& step = p[j];
      const std::string where = "[" + std::to_string(i) + "][" + std::to_string(j) + "]";
      const std::string type = string_member(step, "type");
      const auto* value = member(step, "value");
      if (type == "get_attr" && value && value->IsString()) {
        path.push_back({path_step::kind::attribute, value->GetString(), 0});
      } else if (type == "index" && value && value->IsObject()) {
        const auto* key = member(*value, "value");
        if (key && key->IsString()) {
          path.push_back({path_step::kind::key, key->GetString(), 0});
        } else if (key && key->IsInt64()) {
          path.push_back({path_step::kind::index, {}, key->GetInt64()});
        } else {
          return where + ": index value must be a string or an integer";
        }
      } else {
        return where + ": expected {\"type\": \"get_attr\"|\"index\", \"value\": ...}";
      }
    }
    out.push_back(std::move(path));
  }
  return std::nullopt;
}

std::optional<std::string> read_index_key(const rapidjson::Value* v, index_key& out) {
  if (!v || v->IsNull()) {
    out = std::monostate{};
  } else if (v->IsInt64()) {
    out = v->GetInt64();
  } else if (v->IsString()) {
    out = std::string(v->GetString(), v->GetStringLength());
  } else {
    return "expected an integer or a string";
  }
  return std::nullopt;
}

}  // namespace terraform::detail
