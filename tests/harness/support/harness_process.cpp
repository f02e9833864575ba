#include "harness_process.h"

#include <fcntl.h>
#include <httplib.h>
#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include <algorithm>
#include <cctype>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <stdexcept>

namespace harness_test {
namespace {

std::string lower(std::string s) {
  std::transform(s.begin(), s.end(), s.begin(), [](unsigned char c) { return std::tolower(c); });
  return s;
}

// fork + exec with the current environment plus `env`, stdout/stderr to files.
int start_process(const std::vector<std::string>& argv,
                  const std::map<std::string, std::string>& env, const std::string& out_file,
                  const std::string& err_file) {
  const pid_t pid = fork();
  if (pid < 0) throw std::runtime_error("fork failed");
  if (pid == 0) {
    for (const auto& [k, v] : env) setenv(k.c_str(), v.c_str(), 1);
    int out = open(out_file.c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0644);
    int err = open(err_file.c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0644);
    if (out >= 0) dup2(out, 1);
    if (err >= 0) dup2(err, 2);
    std::vector<char*> args;
    for (const auto& a : argv) args.push_back(const_cast<char*>(a.c_str()));
    args.push_back(nullptr);
    execv(args[0], args.data());
    _exit(127);
  }
  return pid;
}

int wait_exit(int pid) {
  int status = 0;
  waitpid(pid, &status, 0);
  return WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status);
}

}  // namespace

std::string harness_exe() { return HARNESS_EXE; }
std::string test_bootstrap() { return TEST_BOOTSTRAP; }

temp_dir::temp_dir() {
  const char* build = std::getenv("DRIFT_BUILD_DIR");
  std::string base = std::string(build ? build : "/tmp") + "/test-tmp";
  std::filesystem::create_directories(base);
  std::string pattern = base + "/harness-XXXXXX";
  if (!mkdtemp(pattern.data())) throw std::runtime_error("mkdtemp failed");
  path_ = pattern;
}

temp_dir::~temp_dir() {
  std::error_code ec;
  std::filesystem::remove_all(path_, ec);
}

std::string read_file(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  std::stringstream s;
  s << in.rdbuf();
  return s.str();
}

void write_file(const std::string& path, const std::string& text) {
  std::ofstream out(path, std::ios::binary);
  out << text;
}

harness_process::harness_process(std::vector<std::string> args,
                                 std::map<std::string, std::string> env) {
  std::vector<std::string> argv{harness_exe()};
  argv.insert(argv.end(), args.begin(), args.end());
  for (const char* a : {"--port", "0", "--port-file"}) argv.push_back(a);
  argv.push_back(dir_.file("port"));
  argv.push_back("--log-file");
  argv.push_back(dir_.file("functions.log"));
  pid_ = start_process(argv, env, dir_.file("stdout"), dir_.file("stderr"));
  const bool up = eventually(
      [&] {
        std::ifstream in(dir_.file("port"));
        return static_cast<bool>(in >> port_);
      },
      60);
  if (!up) {
    stop();
    throw std::runtime_error("lambda-harness did not start: " + read_file(dir_.file("stderr")));
  }
}

harness_process::~harness_process() { stop(); }

int harness_process::stop() {
  if (pid_ <= 0) return -1;
  kill(pid_, SIGTERM);
  const int code = wait_exit(pid_);
  pid_ = -1;
  return code;
}

reply harness_process::invoke(const std::string& function, const std::string& payload,
                              const std::string& type,
                              const std::map<std::string, std::string>& headers) const {
  httplib::Client client("127.0.0.1", port_);
  client.set_read_timeout(120);
  httplib::Headers h{{"X-Amz-Invocation-Type", type}};
  for (const auto& [k, v] : headers) h.emplace(k, v);
  auto res = client.Post(("/2015-03-31/functions/" + function + "/invocations").c_str(), h, payload,
                         "application/json");
  reply r;
  if (!res) return r;
  r.status = res->status;
  r.body = res->body;
  for (const auto& [k, v] : res->headers) r.headers[lower(k)] = v;
  return r;
}

std::string harness_process::log() const { return read_file(dir_.file("functions.log")); }

run_result run_harness(const std::vector<std::string>& args,
                       const std::map<std::string, std::string>& env) {
  temp_dir dir;
  std::vector<std::string> argv{harness_exe()};
  argv.insert(argv.end(), args.begin(), args.end());
  run_result r;
  r.exit_code = wait_exit(start_process(argv, env, dir.file("out"), dir.file("err")));
  r.out = read_file(dir.file("out"));
  r.err = read_file(dir.file("err"));
  return r;
}

std::string shell(const std::string& command, bool* ok) {
  std::string out;
  FILE* p = popen(command.c_str(), "r");
  if (!p) {
    if (ok) *ok = false;
    return out;
  }
  char buf[4096];
  std::size_t n;
  while ((n = fread(buf, 1, sizeof buf, p)) > 0) out.append(buf, n);
  const int status = pclose(p);
  if (ok) *ok = WIFEXITED(status) && WEXITSTATUS(status) == 0;
  return out;
}

}  // namespace harness_test
