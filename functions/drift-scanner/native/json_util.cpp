#include "json_util.h"

#include <rapidjson/stringbuffer.h>
#include <rapidjson/writer.h>

#include <algorithm>
#include <cstdio>

namespace scanner::native {

doc_ptr new_object() {
  auto d = std::make_shared<rapidjson::Document>();
  d->SetObject();
  return d;
}

rapidjson::Value string_value(std::string_view s, rapidjson::Document::AllocatorType& a) {
  rapidjson::Value v;
  v.SetString(s.data(), static_cast<rapidjson::SizeType>(s.size()), a);
  return v;
}

namespace {
void put(rapidjson::Document& d, const char* name, rapidjson::Value v) {
  auto& a = d.GetAllocator();
  if (auto it = d.FindMember(name); it != d.MemberEnd()) {
    it->value = std::move(v);
    return;
  }
  d.AddMember(string_value(name, a), v, a);
}
}  // namespace

void set_string(rapidjson::Document& d, const char* name, std::string_view v) {
  put(d, name, string_value(v, d.GetAllocator()));
}
void set_bool(rapidjson::Document& d, const char* name, bool v) {
  put(d, name, rapidjson::Value(v));
}
void set_int(rapidjson::Document& d, const char* name, long long v) {
  put(d, name, rapidjson::Value(static_cast<int64_t>(v)));
}
void set_null(rapidjson::Document& d, const char* name) { put(d, name, rapidjson::Value()); }
void set_value(rapidjson::Document& d, const char* name, rapidjson::Value& v) {
  put(d, name, std::move(v));
}
void set_map(rapidjson::Document& d, const char* name,
             const std::map<std::string, std::string>& m) {
  auto& a = d.GetAllocator();
  rapidjson::Value o(rapidjson::kObjectType);
  for (const auto& [k, v] : m) o.AddMember(string_value(k, a), string_value(v, a), a);
  put(d, name, std::move(o));
}
void set_string_list(rapidjson::Document& d, const char* name, const std::vector<std::string>& v) {
  auto& a = d.GetAllocator();
  rapidjson::Value arr(rapidjson::kArrayType);
  for (const auto& s : v) arr.PushBack(string_value(s, a), a);
  put(d, name, std::move(arr));
}

namespace {

void go_string(std::string_view s, std::string& out) {
  out += '"';
  for (unsigned char c : s) {
    switch (c) {
      case '"':
        out += "\\\"";
        break;
      case '\\':
        out += "\\\\";
        break;
      case '\n':
        out += "\\n";
        break;
      case '\r':
        out += "\\r";
        break;
      case '\t':
        out += "\\t";
        break;
      case '<':
        out += "\\u003c";
        break;
      case '>':
        out += "\\u003e";
        break;
      case '&':
        out += "\\u0026";
        break;
      default:
        if (c < 0x20) {
          char b[8];
          std::snprintf(b, sizeof b, "\\u%04x", c);
          out += b;
        } else {
          out += static_cast<char>(c);
        }
    }
  }
  out += '"';
}

void go_json(const rapidjson::Value& v, std::string& out) {
  if (v.IsObject()) {
    std::vector<const rapidjson::Value::Member*> ms;
    for (auto it = v.MemberBegin(); it != v.MemberEnd(); ++it) ms.push_back(&*it);
    std::sort(ms.begin(), ms.end(), [](auto* a, auto* b) {
      return std::string_view(a->name.GetString(), a->name.GetStringLength()) <
             std::string_view(b->name.GetString(), b->name.GetStringLength());
    });
    out += '{';
    for (size_t i = 0; i < ms.size(); ++i) {
      if (i) out += ',';
      go_string({ms[i]->name.GetString(), ms[i]->name.GetStringLength()}, out);
      out += ':';
      go_json(ms[i]->value, out);
    }
    out += '}';
  } else if (v.IsArray()) {
    out += '[';
    for (rapidjson::SizeType i = 0; i < v.Size(); ++i) {
      if (i) out += ',';
      go_json(v[i], out);
    }
    out += ']';
  } else if (v.IsString()) {
    go_string({v.GetString(), v.GetStringLength()}, out);
  } else {
    out += to_text(v);
  }
}

// cty's set hash bytes (cty/value_ops.go appendSetHashBytes): how Terraform orders the
// elements of a set of objects. JSON objects are taken as cty objects (attributes sorted).
void hash_bytes(const rapidjson::Value& v, std::string& out) {
  if (v.IsNull()) {
    out += '~';
  } else if (v.IsBool()) {
    out += v.GetBool() ? 'T' : 'F';
  } else if (v.IsNumber()) {
    // big.Float.String(): %.10g.
    char b[64];
    std::snprintf(b, sizeof b, "%.10g", v.GetDouble());
    out += b;
  } else if (v.IsString()) {
    // Go's %q for printable ASCII.
    out += '"';
    for (rapidjson::SizeType i = 0; i < v.GetStringLength(); ++i) {
      char c = v.GetString()[i];
      if (c == '"' || c == '\\') out += '\\';
      out += c;
    }
    out += '"';
  } else if (v.IsArray()) {
    out += '[';
    for (const auto& e : v.GetArray()) {
      hash_bytes(e, out);
      out += ';';
    }
    out += ']';
  } else if (v.IsObject()) {
    std::vector<std::pair<std::string_view, const rapidjson::Value*>> ms;
    for (auto it = v.MemberBegin(); it != v.MemberEnd(); ++it)
      ms.emplace_back(std::string_view(it->name.GetString(), it->name.GetStringLength()),
                      &it->value);
    std::sort(ms.begin(), ms.end(), [](const auto& a, const auto& b) { return a.first < b.first; });
    out += '<';
    for (const auto& m : ms) {
      hash_bytes(*m.second, out);
      out += ';';
    }
    out += '>';
  }
}

std::string set_hash_bytes(const rapidjson::Value& v) {
  std::string bytes;
  hash_bytes(v, bytes);
  return bytes;
}

}  // namespace

std::string to_go_json(const rapidjson::Value& v) {
  std::string out;
  go_json(v, out);
  return out;
}

void to_set_order(rapidjson::Value& set, rapidjson::Document::AllocatorType& a) {
  if (!set.IsArray() || set.Size() < 2) return;
  std::vector<rapidjson::Value> elems;
  for (auto& e : set.GetArray()) elems.emplace_back(std::move(e));
  set.Clear();
  const bool primitive = elems[0].IsString() || elems[0].IsNumber() || elems[0].IsBool();
  if (primitive) {
    std::stable_sort(elems.begin(), elems.end(), [](const auto& a, const auto& b) {
      if (a.IsString() && b.IsString())
        return std::string_view(a.GetString(), a.GetStringLength()) <
               std::string_view(b.GetString(), b.GetStringLength());
      if (a.IsNumber() && b.IsNumber()) return a.GetDouble() < b.GetDouble();
      if (a.IsBool() && b.IsBool()) return !a.GetBool() && b.GetBool();
      return false;
    });
  } else {
    // cty orders elements without a natural order by their set hash bytes.
    std::vector<std::pair<std::string, size_t>> order;
    for (size_t i = 0; i < elems.size(); ++i) order.emplace_back(set_hash_bytes(elems[i]), i);
    std::stable_sort(order.begin(), order.end(),
                     [](const auto& a, const auto& b) { return a.first < b.first; });
    std::vector<rapidjson::Value> sorted;
    for (auto& [h, i] : order) sorted.emplace_back(std::move(elems[i]));
    elems = std::move(sorted);
  }
  for (auto& e : elems) set.PushBack(e, a);
}

std::map<std::string, std::string> string_map(const rapidjson::Value* v) {
  std::map<std::string, std::string> m;
  if (!v || !v->IsObject()) return m;
  for (auto it = v->MemberBegin(); it != v->MemberEnd(); ++it)
    if (it->value.IsString()) m[it->name.GetString()] = it->value.GetString();
  return m;
}

}  // namespace scanner::native
