#include "aws/dynamodb_item.h"

#include <charconv>
#include <cstdio>
#include <cstdlib>

#include "aws/crypto.h"

namespace aws::dynamodb {
namespace {

using crypto::base64;

// A binary DynamoDB answers with; text that is not base64 reads as empty.
std::string unbase64(std::string_view text) { return crypto::unbase64(text).value_or(""); }

rapidjson::Value str(const std::string& s, rapidjson::Document::AllocatorType& a) {
  return rapidjson::Value(s.c_str(), static_cast<rapidjson::SizeType>(s.size()), a);
}

}  // namespace

value::value(double v) : t_(type::n) {
  char buf[32];
  std::snprintf(buf, sizeof buf, "%.17g", v);
  str_ = buf;
}
value::value(item m) : t_(type::m), map_(std::make_shared<const item>(std::move(m))) {}

value value::number(std::string digits) {
  value v;
  v.t_ = type::n;
  v.str_ = std::move(digits);
  return v;
}
value value::binary(std::string bytes) {
  value v;
  v.t_ = type::b;
  v.str_ = std::move(bytes);
  return v;
}
value value::string_set(std::vector<std::string> s) {
  value v;
  v.t_ = type::ss;
  v.set_ = std::move(s);
  return v;
}
value value::binary_set(std::vector<std::string> s) {
  value v;
  v.t_ = type::bs;
  v.set_ = std::move(s);
  return v;
}
value value::number_set(std::vector<std::string> s) {
  value v;
  v.t_ = type::ns;
  v.set_ = std::move(s);
  return v;
}

std::optional<long long> value::as_int() const {
  if (t_ != type::n) return std::nullopt;
  long long out = 0;
  auto [p, ec] = std::from_chars(str_.data(), str_.data() + str_.size(), out);
  if (ec != std::errc() || p != str_.data() + str_.size()) return std::nullopt;
  return out;
}
std::optional<double> value::as_double() const {
  if (t_ != type::n) return std::nullopt;
  char* end = nullptr;
  double d = std::strtod(str_.c_str(), &end);
  if (end != str_.c_str() + str_.size()) return std::nullopt;
  return d;
}
std::optional<bool> value::as_bool() const {
  if (t_ != type::boolean) return std::nullopt;
  return bool_;
}

bool value::operator==(const value& o) const {
  if (t_ != o.t_) return false;
  switch (t_) {
    case type::null:
      return true;
    case type::boolean:
      return bool_ == o.bool_;
    case type::l:
      return list_ == o.list_;
    case type::m:
      return *map_ == *o.map_;
    case type::ss:
    case type::ns:
    case type::bs:
      return set_ == o.set_;
    default:
      return str_ == o.str_;
  }
}

std::string get_s(const item& it, const std::string& name, std::string fallback) {
  auto f = it.find(name);
  return f != it.end() && f->second.as_s() ? *f->second.as_s() : fallback;
}
std::optional<long long> get_int(const item& it, const std::string& name) {
  auto f = it.find(name);
  return f != it.end() ? f->second.as_int() : std::nullopt;
}
std::optional<double> get_double(const item& it, const std::string& name) {
  auto f = it.find(name);
  return f != it.end() ? f->second.as_double() : std::nullopt;
}
std::optional<bool> get_bool(const item& it, const std::string& name) {
  auto f = it.find(name);
  return f != it.end() ? f->second.as_bool() : std::nullopt;
}
const item* get_m(const item& it, const std::string& name) {
  auto f = it.find(name);
  return f != it.end() ? f->second.as_m() : nullptr;
}

rapidjson::Value to_wire(const item& it, rapidjson::Document::AllocatorType& a) {
  rapidjson::Value obj(rapidjson::kObjectType);
  for (const auto& [k, v] : it) obj.AddMember(str(k, a), to_wire(v, a), a);
  return obj;
}

rapidjson::Value to_wire(const value& v, rapidjson::Document::AllocatorType& a) {
  rapidjson::Value out(rapidjson::kObjectType);
  auto set = [&](const char* tag, bool b64) {
    rapidjson::Value arr(rapidjson::kArrayType);
    for (const auto& s : *v.as_set()) arr.PushBack(str(b64 ? base64(s) : s, a), a);
    out.AddMember(rapidjson::StringRef(tag), arr, a);
  };
  switch (v.kind()) {
    case value::type::null:
      out.AddMember("NULL", true, a);
      break;
    case value::type::s:
      out.AddMember("S", str(*v.as_s(), a), a);
      break;
    case value::type::n:
      out.AddMember("N", str(*v.as_n_text(), a), a);
      break;
    case value::type::b:
      out.AddMember("B", str(base64(*v.as_b()), a), a);
      break;
    case value::type::boolean:
      out.AddMember("BOOL", *v.as_bool(), a);
      break;
    case value::type::l: {
      rapidjson::Value arr(rapidjson::kArrayType);
      for (const auto& e : *v.as_l()) arr.PushBack(to_wire(e, a), a);
      out.AddMember("L", arr, a);
      break;
    }
    case value::type::m:
      out.AddMember("M", to_wire(*v.as_m(), a), a);
      break;
    case value::type::ss:
      set("SS", false);
      break;
    case value::type::ns:
      set("NS", false);
      break;
    case value::type::bs:
      set("BS", true);
      break;
  }
  return out;
}

value from_wire(const rapidjson::Value& v) {
  if (!v.IsObject() || v.MemberCount() == 0) return value();
  const auto& m = *v.MemberBegin();
  // Lengths, never C strings: a value may hold 0x00.
  const std::string tag(m.name.GetString(), m.name.GetStringLength());
  const auto& x = m.value;
  auto text = [](const rapidjson::Value& s) {
    return std::string(s.GetString(), s.GetStringLength());
  };
  auto strings = [&](bool b64) {
    std::vector<std::string> out;
    if (x.IsArray())
      for (const auto& e : x.GetArray())
        if (e.IsString()) out.push_back(b64 ? unbase64(text(e)) : text(e));
    return out;
  };
  if (tag == "S" && x.IsString()) return value(text(x));
  if (tag == "N" && x.IsString()) return value::number(text(x));
  if (tag == "B" && x.IsString()) return value::binary(unbase64(text(x)));
  if (tag == "BOOL" && x.IsBool()) return value(x.GetBool());
  if (tag == "L" && x.IsArray()) {
    std::vector<value> l;
    for (const auto& e : x.GetArray()) l.push_back(from_wire(e));
    return value(std::move(l));
  }
  if (tag == "M") return value(item_from_wire(x));
  if (tag == "SS") return value::string_set(strings(false));
  if (tag == "NS") return value::number_set(strings(false));
  if (tag == "BS") return value::binary_set(strings(true));
  return value();
}

item item_from_wire(const rapidjson::Value& obj) {
  item it;
  if (!obj.IsObject()) return it;
  for (auto m = obj.MemberBegin(); m != obj.MemberEnd(); ++m)
    it.emplace(std::string(m->name.GetString(), m->name.GetStringLength()), from_wire(m->value));
  return it;
}

}  // namespace aws::dynamodb
