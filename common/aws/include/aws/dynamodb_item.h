// DynamoDB attribute values and items, built and read without touching the wire format:
//   aws::dynamodb::item it{{"id", "abc"}, {"count", 3}, {"done", true}};
//   std::string id = get_s(it, "id");  std::optional<long long> n = it.at("count").as_int();
#pragma once

#include <rapidjson/document.h>

#include <cstdint>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace aws::dynamodb {

class value;
using item = std::map<std::string, value>;

class value {
 public:
  enum class type { null, s, n, b, boolean, l, m, ss, ns, bs };

  value() = default;  // NULL
  value(const char* s) : t_(type::s), str_(s) {}
  value(std::string s) : t_(type::s), str_(std::move(s)) {}
  value(std::string_view s) : t_(type::s), str_(s) {}
  value(int v) : t_(type::n), str_(std::to_string(v)) {}
  value(long v) : t_(type::n), str_(std::to_string(v)) {}
  value(long long v) : t_(type::n), str_(std::to_string(v)) {}
  value(unsigned v) : t_(type::n), str_(std::to_string(v)) {}
  value(unsigned long v) : t_(type::n), str_(std::to_string(v)) {}
  value(unsigned long long v) : t_(type::n), str_(std::to_string(v)) {}
  value(double v);
  value(bool v) : t_(type::boolean), bool_(v) {}
  value(std::vector<value> l) : t_(type::l), list_(std::move(l)) {}
  value(item m);

  static value null() { return value(); }
  static value number(std::string digits);  // exact decimal text, e.g. "12.50"
  static value binary(std::string bytes);
  static value string_set(std::vector<std::string> v);
  static value number_set(std::vector<std::string> v);
  static value binary_set(std::vector<std::string> v);  // raw bytes, base64 on the wire

  type kind() const { return t_; }
  bool is_null() const { return t_ == type::null; }
  // nullopt / nullptr when the value is of another type.
  const std::string* as_s() const { return t_ == type::s ? &str_ : nullptr; }
  const std::string* as_n_text() const { return t_ == type::n ? &str_ : nullptr; }
  const std::string* as_b() const { return t_ == type::b ? &str_ : nullptr; }
  std::optional<long long> as_int() const;
  std::optional<double> as_double() const;
  std::optional<bool> as_bool() const;
  const std::vector<value>* as_l() const { return t_ == type::l ? &list_ : nullptr; }
  const item* as_m() const { return t_ == type::m ? map_.get() : nullptr; }
  const std::vector<std::string>* as_set() const {
    return t_ == type::ss || t_ == type::ns || t_ == type::bs ? &set_ : nullptr;
  }

  bool operator==(const value& o) const;

 private:
  type t_ = type::null;
  std::string str_;
  bool bool_ = false;
  std::vector<value> list_;
  std::shared_ptr<const item> map_;
  std::vector<std::string> set_;
};

// Shorthands for reading an item: the attribute when present and of that type, else fallback.
std::string get_s(const item& it, const std::string& name, std::string fallback = "");
std::optional<long long> get_int(const item& it, const std::string& name);
std::optional<double> get_double(const item& it, const std::string& name);
std::optional<bool> get_bool(const item& it, const std::string& name);
const item* get_m(const item& it, const std::string& name);

// Wire form ({"S": "x"}, {"M": {...}}...) in both directions.
rapidjson::Value to_wire(const value& v, rapidjson::Document::AllocatorType& a);
rapidjson::Value to_wire(const item& it, rapidjson::Document::AllocatorType& a);
value from_wire(const rapidjson::Value& v);
item item_from_wire(const rapidjson::Value& obj);

}  // namespace aws::dynamodb
