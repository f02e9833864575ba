#include <string>

#include "terraform/types.h"

namespace terraform {

std::string quote_key(const std::string& key) {
  std::string out = "\"";
  for (char c : key) {
    if (c == '"' || c == '\\') out += '\\';
    out += c;
  }
  return out + "\"";
}

std::string format_address(const std::string& module, resource_mode mode, const std::string& type,
                           const std::string& name, const index_key& key) {
  std::string out;
  if (!module.empty()) out = module + ".";
  if (mode == resource_mode::data) out += "data.";
  out += type + "." + name;
  if (const auto* i = std::get_if<std::int64_t>(&key)) {
    out += "[" + std::to_string(*i) + "]";
  } else if (const auto* s = std::get_if<std::string>(&key)) {
    out += "[" + quote_key(*s) + "]";
  }
  return out;
}

std::string to_string(const attr_path& path) {
  std::string out;
  for (const auto& step : path) {
    switch (step.step) {
      case path_step::kind::attribute:
        if (!out.empty()) out += '.';
        out += step.name;
        break;
      case path_step::kind::key:
        out += "[" + quote_key(step.name) + "]";
        break;
      case path_step::kind::index:
        out += "[" + std::to_string(step.index) + "]";
        break;
    }
  }
  return out;
}

}  // namespace terraform
