// Compatibility of the policy version a resource was deployed with and the current one.
#pragma once

#include <optional>
#include <string>
#include <string_view>

namespace drift {

struct semver {
  int major = 0;
  int minor = 0;
  int patch = 0;
};

// "v2.1.0", "2.1.0", "2.1", "2" (a leading v or V is optional). nullopt when malformed.
std::optional<semver> parse_policy_version(std::string_view text);

enum class policy_verdict {
  compatible,     // same major version
  conflict,       // current major ahead of the deployed one: breaking policy change
  manual_review,  // malformed or missing version, or current major behind (rolled back)
};

struct policy_check {
  policy_verdict verdict = policy_verdict::manual_review;
  std::string reason;
};

policy_check compare_policy_versions(std::string_view deployed, std::string_view current);

std::string_view to_string(policy_verdict v);  // "compatible", "conflict", "manual_review"

}  // namespace drift
