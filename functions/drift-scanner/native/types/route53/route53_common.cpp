#include "route53_common.h"

#include <cctype>
#include <cstdio>

namespace scanner::native::route53 {
namespace {

bool is_record_type(const std::string& s) {
  if (s.empty() || s.size() > 5) return false;
  for (char c : s)
    if (!std::isupper(static_cast<unsigned char>(c))) return false;
  return true;
}

}  // namespace

std::string canonical_name(const std::string& name) {
  if (name == ".") return name;
  std::string in = name;
  if (!in.empty() && in.back() == '.') in.pop_back();
  std::string out;
  for (size_t i = 0; i < in.size(); ++i) {
    const auto c = static_cast<unsigned char>(std::tolower(static_cast<unsigned char>(in[i])));
    if (c == '\\' && i + 3 < in.size() && std::isdigit(static_cast<unsigned char>(in[i + 1])) &&
        std::isdigit(static_cast<unsigned char>(in[i + 2])) &&
        std::isdigit(static_cast<unsigned char>(in[i + 3]))) {
      out.append(in, i, 4);  // already an escape code
      i += 3;
    } else if (c == '\\' || std::isalnum(c) || c == '_' || c == '-' || c == '.') {
      out += static_cast<char>(c);
    } else {
      char esc[5];
      std::snprintf(esc, sizeof esc, "\\%03o", c);
      out += esc;
    }
  }
  return out;
}

std::string fully_qualified(const std::string& name, const std::string& zone) {
  const std::string n = canonical_name(name);
  const std::string z = canonical_name(zone);
  if (n == z) return n;
  if (n.size() > z.size() && n.compare(n.size() - z.size(), z.size(), z) == 0 &&
      n[n.size() - z.size() - 1] == '.')
    return n;
  return n.empty() ? z : n + "." + z;
}

std::string record_id(const record_key& k) {
  std::string id = k.zone_id + "_" + k.name + "_" + k.type;
  if (!k.set_identifier.empty()) id += "_" + k.set_identifier;
  return id;
}

record_key parse_record_id(const std::string& id) {
  record_key k;
  const auto first = id.find('_');
  if (first == std::string::npos) return k;
  k.zone_id = id.substr(0, first);
  std::string rest = id.substr(first + 1);
  auto last = rest.rfind('_');
  if (last == std::string::npos) return k;
  k.name = rest.substr(0, last);
  k.type = rest.substr(last + 1);
  if (!is_record_type(k.type)) {
    k.set_identifier = k.type;
    last = k.name.rfind('_');
    if (last == std::string::npos) {
      k.type.clear();
    } else {
      k.type = k.name.substr(last + 1);
      k.name.resize(last);
    }
  }
  if (!k.name.empty() && k.name.back() == '.') k.name.pop_back();
  return k;
}

}  // namespace scanner::native::route53
