#include "core/env.h"

#include <charconv>
#include <cstdlib>

extern char** environ;

namespace core::env {

map process_environment() {
  map out;
  for (char** e = environ; e && *e; ++e) {
    const std::string_view kv(*e);
    const auto eq = kv.find('=');
    if (eq != std::string_view::npos) out.emplace(kv.substr(0, eq), kv.substr(eq + 1));
  }
  return out;
}

std::optional<std::string> get(const char* name) {
  const char* v = std::getenv(name);
  if (!v || !*v) return std::nullopt;
  return std::string(v);
}

std::string get_or(const char* name, std::string fallback) {
  auto v = get(name);
  return v ? std::move(*v) : std::move(fallback);
}

std::string get_or(const map& env, std::string_view name, std::string fallback) {
  const auto it = env.find(name);
  return it == env.end() || it->second.empty() ? std::move(fallback) : it->second;
}

bool truthy(std::string_view v) {
  return v == "true" || v == "TRUE" || v == "True" || v == "1" || v == "yes" || v == "on";
}

core::result<long long> number(const map& env, std::string_view name, long long min, long long max,
                               long long fallback) {
  const std::string v = get_or(env, name, {});
  if (v.empty()) return fallback;
  long long n = 0;
  const auto [p, ec] = std::from_chars(v.data(), v.data() + v.size(), n);
  if (ec != std::errc() || p != v.data() + v.size() || n < min || n > max)
    return core::error{"InvalidConfig", std::string(name) + " must be a whole number from " +
                                            std::to_string(min) + " to " + std::to_string(max)};
  return n;
}

}  // namespace core::env
