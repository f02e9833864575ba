// Test-side helpers of the scanner's tests: running commands, the `workspaces` fixture, the
// real bootstrap under the emulator harness, and reading what it left in moto.
#pragma once

#include <rapidjson/document.h>
#include <sys/wait.h>
#include <unistd.h>

#include <array>
#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <map>
#include <sstream>
#include <stdexcept>
#include <string>
#include <vector>

#include "moto.h"

namespace scanner_test {

inline std::string env_or_throw(const char* name) {
  const char* v = std::getenv(name);
  if (!v) throw std::runtime_error(std::string(name) + " is not set: run this test through ctest");
  return v;
}

inline std::string shell_quote(const std::string& s) {
  std::string out = "'";
  for (char c : s) out += c == '\'' ? std::string("'\\''") : std::string(1, c);
  return out + "'";
}

struct command_result {
  int status = -1;
  std::string out;
};

// Runs `cmd` through /bin/sh; stdout captured, stderr passed through (ctest shows it).
inline command_result run(const std::string& cmd) {
  command_result r;
  FILE* p = ::popen(cmd.c_str(), "r");
  if (!p) throw std::runtime_error("cannot run: " + cmd);
  std::array<char, 8192> buf{};
  std::size_t n;
  while ((n = std::fread(buf.data(), 1, buf.size(), p)) > 0) r.out.append(buf.data(), n);
  const int st = ::pclose(p);
  r.status = WIFEXITED(st) ? WEXITSTATUS(st) : -1;
  return r;
}

inline rapidjson::Document parse(const std::string& text) {
  rapidjson::Document d;
  d.Parse(text.c_str(), text.size());
  if (d.HasParseError()) throw std::runtime_error("not JSON: " + text.substr(0, 500));
  return d;
}

inline std::string read_file(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) throw std::runtime_error("cannot read " + path);
  std::ostringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

inline void write_file(const std::string& path, const std::string& body) {
  std::ofstream out(path, std::ios::binary | std::ios::trunc);
  out << body;
}

inline std::string source_dir() { return env_or_throw("DRIFT_SOURCE_DIR"); }
inline std::string build_dir() { return env_or_throw("DRIFT_BUILD_DIR"); }
// The zip's Lambda bootstrap (run under the harness) and the same scanner's command line.
inline std::string bootstrap() { return build_dir() + "/functions/drift-scanner/bootstrap"; }
inline std::string cli() { return build_dir() + "/functions/drift-scanner/drift-scan"; }

inline std::string temp_dir() {
  std::string t = "/tmp/scanner-test-XXXXXX";
  if (!::mkdtemp(t.data())) throw std::runtime_error("mkdtemp failed");
  return t;
}

// The `workspaces` fixture's description (tests/workspaces/README.md).
inline rapidjson::Document workspaces() {
  return parse(read_file(build_dir() + "/fixtures/workspaces/workspaces.json"));
}

// observe.py: what the scanner left in moto.
inline command_result observe(const std::string& args) {
  return run("python3 " + source_dir() + "/tests/scanner/observe.py " +
             drift_test::moto_endpoint() + " " + args);
}

// One invocation of the real bootstrap under the harness (one-shot mode); the response.
inline command_result invoke(const std::map<std::string, std::string>& env,
                             const std::string& event, int timeout_seconds = 280) {
  const std::string dir = temp_dir();
  write_file(dir + "/event.json", event);
  std::string cmd = build_dir() + "/harness/lambda-harness --function drift-scanner --bootstrap " +
                    shell_quote(bootstrap()) + " --timeout " + std::to_string(timeout_seconds) +
                    " --log-file " + shell_quote(dir + "/function.log");
  std::map<std::string, std::string> all{
      {"AWS_ACCESS_KEY_ID", "test"},
      {"AWS_SECRET_ACCESS_KEY", "test"},
      {"AWS_REGION", "us-east-1"},
      {"AWS_ENDPOINT_URL", drift_test::moto_endpoint()},
      {"PATH", env_or_throw("PATH")},
      {"HOME", std::getenv("HOME") ? std::getenv("HOME") : "/tmp"},
      {"TF_CLI_CONFIG_FILE", source_dir() + "/tests/workspaces/cli.tfrc"}};
  for (const auto& [k, v] : env) all[k] = v;
  for (const auto& [k, v] : all) cmd += " --env " + shell_quote(k + "=" + v);
  cmd += " --event " + shell_quote(dir + "/event.json");
  auto r = run(cmd);
  if (r.status != 0) r.out += "\n--- function log ---\n" + read_file(dir + "/function.log");
  return r;
}

// The same scanner as a command-line tool, with every output switched on: what the Lambda
// handler does for `{"target": target, "workspace": workspace}` (or {} when both are empty).
inline command_result run_cli(const std::map<std::string, std::string>& env,
                              const std::string& target, const std::string& workspace) {
  const std::string dir = temp_dir();
  std::string cmd = "env";
  std::map<std::string, std::string> all{
      {"AWS_ACCESS_KEY_ID", "test"},
      {"AWS_SECRET_ACCESS_KEY", "test"},
      {"AWS_REGION", "us-east-1"},
      {"AWS_ENDPOINT_URL", drift_test::moto_endpoint()},
      {"TF_CLI_CONFIG_FILE", source_dir() + "/tests/workspaces/cli.tfrc"}};
  for (const auto& [k, v] : env) all[k] = v;
  for (const auto& [k, v] : all) cmd += " " + shell_quote(k + "=" + v);
  cmd += " " + shell_quote(cli()) +
         " --json --quiet --write-s3 --alert --publish-events --metrics --out " + shell_quote(dir);
  if (!target.empty()) cmd += " --target " + shell_quote(target);
  if (!workspace.empty()) cmd += " --workspace " + shell_quote(workspace);
  return run(cmd);
}

}  // namespace scanner_test
