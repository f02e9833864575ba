#include "ini.h"

#include <cstdio>
#include <memory>

#include "core/env.h"

namespace aws::detail {
namespace {

std::string trim(const std::string& s) {
  auto b = s.find_first_not_of(" \t\r\n");
  if (b == std::string::npos) return {};
  auto e = s.find_last_not_of(" \t\r\n");
  return s.substr(b, e - b + 1);
}

std::string home_file(const char* name) {
  const auto home = core::env::get("HOME");
  return home ? *home + "/.aws/" + name : std::string();
}

}  // namespace

ini_sections read_ini(const std::string& path) {
  ini_sections out;
  if (path.empty()) return out;
  // stdio, not <fstream>: iostreams would pull libstdc++'s streams and locales (~0.4 MB) into
  // every static bootstrap for this one small file.
  std::unique_ptr<std::FILE, int (*)(std::FILE*)> in(std::fopen(path.c_str(), "r"), &std::fclose);
  if (!in) return out;
  std::string text;
  char chunk[4096];
  for (std::size_t n; (n = std::fread(chunk, 1, sizeof chunk, in.get())) > 0;)
    text.append(chunk, n);
  std::string section;
  for (std::size_t start = 0; start < text.size();) {
    std::size_t end = text.find('\n', start);
    if (end == std::string::npos) end = text.size();
    std::string line = trim(text.substr(start, end - start));
    start = end + 1;
    if (line.empty() || line[0] == '#' || line[0] == ';') continue;
    if (line.front() == '[' && line.back() == ']') {
      section = trim(line.substr(1, line.size() - 2));
      out[section];
      continue;
    }
    auto eq = line.find('=');
    if (eq == std::string::npos || section.empty()) continue;
    std::string key = trim(line.substr(0, eq));
    for (auto& c : key) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    out[section][key] = trim(line.substr(eq + 1));
  }
  return out;
}

std::string credentials_file_path() {
  return core::env::get_or("AWS_SHARED_CREDENTIALS_FILE", home_file("credentials"));
}
std::string config_file_path() { return core::env::get_or("AWS_CONFIG_FILE", home_file("config")); }
std::string profile_name() { return core::env::get_or("AWS_PROFILE", "default"); }

std::map<std::string, std::string> config_profile(const std::string& profile) {
  auto cfg = read_ini(config_file_path());
  if (auto it = cfg.find("profile " + profile); it != cfg.end()) return it->second;
  if (auto it = cfg.find(profile); it != cfg.end() && profile == "default") return it->second;
  return {};
}

}  // namespace aws::detail
