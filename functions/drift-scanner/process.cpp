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

}  // namespace

core::result<process_result> run_process(const std::vector<std::string>& argv,
                                         const std::string& cwd,
                                         const std::map<std::string, std::string>& env,
                                         std::chrono::system_clock::time_point deadline) {
  if (argv.empty()) return core::error{"InvalidInput", "no command"};
  temp_file out, err;
  if (out.fd < 0 || err.fd < 0)
    return core::error{"ProcessError", "cannot create a temporary file"};

  // Build everything the child needs before fork: only async-signal-safe calls after it.
  core::env::map merged = core::env::process_environment();
  for (const auto& [k, v] : env) {
    if (v.empty())
      merged.erase(k);
    else
      merged[k] = v;
  }
  std::vector<std::string> env_strings;
  for (const auto& [k, v] : merged) env_strings.push_back(k + "=" + v);
  std::vector<char*> envp, args;
  for (auto& s : env_strings) envp.push_back(s.data());
  envp.push_back(nullptr);
  std::vector<std::string> argv_copy = argv;
  for (auto& a : argv_copy) args.push_back(a.data());
  args.push_back(nullptr);

  pid_t pid = ::fork();
  if (pid < 0) return core::error{"ProcessError", std::string("fork: ") + std::strerror(errno)};
  if (pid == 0) {
    ::setpgid(0, 0);
    int devnull = ::open("/dev/null", O_RDONLY);
    if (devnull >= 0) ::dup2(devnull, 0);
    ::dup2(out.fd, 1);
    ::dup2(err.fd, 2);
    if (!cwd.empty() && ::chdir(cwd.c_str()) != 0) ::_exit(126);
    ::execve(args[0], args.data(), envp.data());
    ::_exit(127);
  }
  process_result r;
  int status = 0;
  for (;;) {
    pid_t w = ::waitpid(pid, &status, WNOHANG);
    if (w == pid) break;
    if (w < 0 && errno != EINTR) return core::error{"ProcessError", "waitpid failed"};
    if (std::chrono::system_clock::now() >= deadline) {
      // Terraform's providers are its children: end the whole group we made for it.
      ::kill(-pid, SIGTERM);
      std::this_thread::sleep_for(std::chrono::seconds(2));
      ::kill(-pid, SIGKILL);
      ::waitpid(pid, &status, 0);
      r.timed_out = true;
      break;
    }
    std::this_thread::sleep_for(std::chrono::milliseconds(50));
  }
  if (!r.timed_out && WIFEXITED(status)) r.exit_code = WEXITSTATUS(status);
  r.out = slurp(out.path);
  r.err = slurp(err.path);
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
