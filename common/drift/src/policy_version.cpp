#include "drift/policy_version.h"

#include <charconv>

namespace drift {

std::optional<semver> parse_policy_version(std::string_view t) {
  while (!t.empty() && t.front() == ' ') t.remove_prefix(1);
  while (!t.empty() && t.back() == ' ') t.remove_suffix(1);
  if (!t.empty() && (t.front() == 'v' || t.front() == 'V')) t.remove_prefix(1);
  if (t.empty()) return std::nullopt;
  int parts[3] = {0, 0, 0};
  int count = 0;
  while (true) {
    if (count == 3) return std::nullopt;
    const auto dot = t.find('.');
    const std::string_view piece = t.substr(0, dot);
    if (piece.empty() || piece.size() > 9) return std::nullopt;
    for (char ch : piece) {
      if (ch < '0' || ch > '9') return std::nullopt;
    }
    int value = 0;
    auto [ptr, ec] = std::from_chars(piece.data(), piece.data() + piece.size(), value);
    if (ec != std::errc() || ptr != piece.data() + piece.size()) return std::nullopt;
    parts[count++] = value;
    if (dot == std::string_view::npos) break;
    t.remove_prefix(dot + 1);
  }
  return semver{parts[0], parts[1], parts[2]};
}

policy_check compare_policy_versions(std::string_view deployed, std::string_view current) {
  const auto d = parse_policy_version(deployed);
  const auto c = parse_policy_version(current);
  if (!d) {
    return {policy_verdict::manual_review,
            "deployed policy version \"" + std::string(deployed) + "\" is not a version"};
  }
  if (!c) {
    return {policy_verdict::manual_review,
            "current policy version \"" + std::string(current) + "\" is not a version"};
  }
  if (c->major > d->major) {
    return {policy_verdict::conflict, "current policy major version " + std::to_string(c->major) +
                                          " is ahead of the deployed " + std::to_string(d->major) +
                                          ": breaking policy change"};
  }
  if (c->major < d->major) {
    return {policy_verdict::manual_review,
            "current policy major version " + std::to_string(c->major) +
                " is behind the deployed " + std::to_string(d->major) + ": policy rolled back?"};
  }
  return {policy_verdict::compatible, "same policy major version " + std::to_string(c->major)};
}

std::string_view to_string(policy_verdict v) {
  switch (v) {
    case policy_verdict::compatible:
      return "compatible";
    case policy_verdict::conflict:
      return "conflict";
    case policy_verdict::manual_review:
      return "manual_review";
  }
  return "manual_review";
}

}  // namespace drift
