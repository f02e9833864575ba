#include "process.h"

#include <fcntl.h>
#include <signal.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cstdlib>
#include <cstring>
#include <fstream>
#include <sstream>
#include <thread>

#include "core/env.h"

namespace scanner {

namespace {

std::string slurp(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  std::ostringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

// A temporary file removed with its owner.
struct temp_file {
  std::string path;
  int fd = -1;
  temp_file() {
    path = core::env::get_or("TMPDIR", "/tmp") + "/drift-scanner-XXXXXX";
    fd = ::mkstemp(path.data());
  }
  ~temp_file() {
    if (fd >= 0) ::close(fd);
    if (fd >= 0) ::unlink(path.c_str());
  }
  temp_file(const temp_file&) = delete;
  temp_file& operator=(const temp_file&) = delete;
};

// This process's environment with `changes` applied ("" removes a variable), as NAME=value.
std::vector<std::string> child_environment(const std::map<std::string, std::string>& changes) {
  core::env::map merged = core::env::process_environment();
  for (const auto& [k, v] : changes) {
    if (v.empty())
      merged.erase(k);
    else
      merged[k] = v;
  }
  std::vector<std::string> out;
  for (const auto& [k, v] : merged) out.push_back(k + "=" + v);
  return out;
}

// The null-terminated array execve wants, pointing into `strings`.
std::vector<char*> c_array(std::vector<std::string>& strings) {
  std::vector<char*> out;
  for (auto& s : strings) out.push_back(s.data());
  out.push_back(nullptr);
  return out;
}

// In the forked child: only async-signal-safe calls. Its own process group, so that a timeout
// ends Terraform's providers (its children) too.
[[noreturn]] void exec_child(char* const* args, char* const* envp, const std::string& cwd,
                             int out_fd, int err_fd) {
  ::setpgid(0, 0);
  const int devnull = ::open("/dev/null", O_RDONLY);
  if (devnull >= 0) ::dup2(devnull, 0);
  ::dup2(out_fd, 1);
  ::dup2(err_fd, 2);
  if (!cwd.empty() && ::chdir(cwd.c_str()) != 0) ::_exit(126);
  ::execve(args[0], args, envp);
  ::_exit(127);
}

// Waits for the child until the deadline, then ends its whole group: TERM, 2 s, KILL.
core::result<process_result> wait_for(pid_t pid, std::chrono::system_clock::time_point deadline) {
  process_result r;
  int status = 0;
  for (;;) {
    const pid_t w = ::waitpid(pid, &status, WNOHANG);
    if (w == pid) break;
    if (w < 0 && errno != EINTR) return core::error{"ProcessError", "waitpid failed"};
    if (std::chrono::system_clock::now() >= deadline) {
      ::kill(-pid, SIGTERM);
      std::this_thread::sleep_for(std::chrono::seconds(2));
      ::kill(-pid, SIGKILL);
      ::waitpid(pid, &status, 0);
      r.timed_out = true;
      return r;
    }
    std::this_thread::sleep_for(std::chrono::milliseconds(50));
  }
  if (WIFEXITED(status)) r.exit_code = WEXITSTATUS(status);
  return r;
}

}  // namespace

core::result<process_result> run_process(const std::vector<std::string>& argv,
                                         const std::string& cwd,
                                         const std::map<std::string, std::string>& env,
                                         std::chrono::system_clock::time_point deadline) {
  if (argv.empty()) return core::error{"InvalidInput", "no command"};
  temp_file out, err;
  if (out.fd < 0 || err.fd < 0)
    return core::error{"ProcessError", "cannot create a temporary file"};

  // Everything the child needs is built before fork.
  std::vector<std::string> env_strings = child_environment(env);
  std::vector<std::string> arg_strings = argv;
  const std::vector<char*> envp = c_array(env_strings);
  const std::vector<char*> args = c_array(arg_strings);
  const pid_t pid = ::fork();
  if (pid < 0) return core::error{"ProcessError", std::string("fork: ") + std::strerror(errno)};
  if (pid == 0) exec_child(args.data(), envp.data(), cwd, out.fd, err.fd);

  auto r = wait_for(pid, deadline);
  if (!r) return r;
  r->out = slurp(out.path);
  r->err = slurp(err.path);
  return r;
}

std::string find_executable(const std::string& name) {
  auto executable = [](const std::string& p) {
    struct stat st {};
    return ::stat(p.c_str(), &st) == 0 && S_ISREG(st.st_mode) && ::access(p.c_str(), X_OK) == 0;
  };
  if (name.find('/') != std::string::npos) return executable(name) ? name : std::string();
  const std::string p = core::env::get_or("PATH", "/usr/local/bin:/usr/bin:/bin");
  std::size_t start = 0;
  while (start <= p.size()) {
    auto colon = p.find(':', start);
    std::string dir =
        p.substr(start, colon == std::string::npos ? std::string::npos : colon - start);
    if (!dir.empty() && executable(dir + "/" + name)) return dir + "/" + name;
    if (colon == std::string::npos) break;
    start = colon + 1;
  }
  return {};
}

}  // namespace scanner
