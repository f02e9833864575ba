#include "registry.h"

#include <vector>

namespace harness {

std::string function_name_of(const std::string& name_or_arn) {
  std::vector<std::string> parts;
  std::size_t start = 0;
  for (std::size_t colon; (colon = name_or_arn.find(':', start)) != std::string::npos;
       start = colon + 1)
    parts.push_back(name_or_arn.substr(start, colon - start));
  parts.push_back(name_or_arn.substr(start));
  if (parts.size() >= 7 && parts[0] == "arn") return parts[6];  // arn:aws:lambda:r:a:function:n
  if (parts.size() >= 3 && parts[1] == "function") return parts[2];  // a:function:n
  return parts[0];                                                   // n or n:qualifier
}

function_pool* registry::find(const std::string& name_or_arn) const {
  const std::string name = function_name_of(name_or_arn);
  if (auto it = pools_.find(name); it != pools_.end()) return it->second.get();
  if (name == "function" && !first_.empty()) return pools_.at(first_).get();
  return nullptr;
}

}  // namespace harness
