#include "process.h"

#include <fcntl.h>
#include <signal.h>
#include <sys/prctl.h>
#include <sys/resource.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cerrno>
#include <condition_variable>
#include <cstring>
#include <deque>
#include <fstream>
#include <functional>
#include <future>
#include <mutex>
#include <thread>

namespace harness {
namespace {

// Everything the child needs, prepared before fork: between fork and exec only
// async-signal-safe calls are allowed.
struct exec_image {
  std::vector<std::string> strings;
  std::vector<char*> argv;
  std::vector<char*> envp;
  std::string cwd;
  std::string executable;

  explicit exec_image(const spawn_request& req) : cwd(req.cwd), executable(req.executable) {
    strings.push_back(req.executable);
    for (const auto& a : req.args) strings.push_back(a);
    const std::size_t nargs = strings.size();
    for (const auto& [k, v] : req.env) strings.push_back(k + "=" + v);
    for (std::size_t i = 0; i < strings.size(); ++i)
      (i < nargs ? argv : envp).push_back(strings[i].data());
    argv.push_back(nullptr);
    envp.push_back(nullptr);
  }
};

core::result<spawned> spawn_now(const spawn_request& req) {
  exec_image image(req);
  int fds[2];
  if (pipe2(fds, O_CLOEXEC) != 0)
    return core::error{"SpawnFailed", std::string("pipe: ") + std::strerror(errno)};
  const pid_t parent = getpid();
  const pid_t pid = fork();
  if (pid < 0) {
    close(fds[0]);
    close(fds[1]);
    return core::error{"SpawnFailed", std::string("fork: ") + std::strerror(errno)};
  }
  if (pid == 0) {
    // Own process group, so that a timeout or shutdown takes any grandchildren too.
    setpgid(0, 0);
    prctl(PR_SET_PDEATHSIG, SIGKILL);
    if (getppid() != parent) _exit(127);
    sigset_t none;
    sigemptyset(&none);
    sigprocmask(SIG_SETMASK, &none, nullptr);
    signal(SIGPIPE, SIG_DFL);
    dup2(fds[1], STDOUT_FILENO);
    dup2(fds[1], STDERR_FILENO);
    int devnull = open("/dev/null", O_RDONLY);
    if (devnull >= 0) dup2(devnull, STDIN_FILENO);
    if (!image.cwd.empty() && chdir(image.cwd.c_str()) != 0) _exit(126);
    execve(image.executable.c_str(), image.argv.data(), image.envp.data());
    static const char msg[] = "lambda-harness: cannot execute the bootstrap\n";
    ssize_t ignored = write(STDERR_FILENO, msg, sizeof msg - 1);
    (void)ignored;
    _exit(127);
  }
  setpgid(pid, pid);  // also from here: whichever runs first wins the race with kill()
  close(fds[1]);
  return spawned{pid, fds[0]};
}

// The one thread that forks bootstraps (see spawn()). A deliberate process-wide singleton:
// PR_SET_PDEATHSIG needs a thread that lives as long as the harness.
class launcher {
 public:
  static launcher& instance() {
    // Never destroyed: its thread runs until the process exits.
    static launcher* l = new launcher;
    return *l;
  }

  core::result<spawned> run(const spawn_request& req) {
    std::packaged_task<core::result<spawned>()> task([&req] { return spawn_now(req); });
    auto fut = task.get_future();
    {
      std::lock_guard lock(m_);
      jobs_.push_back(std::move(task));
    }
    cv_.notify_one();
    return fut.get();
  }

 private:
  launcher() : thread_([this] { loop(); }) { thread_.detach(); }

  void loop() {
    for (;;) {
      std::packaged_task<core::result<spawned>()> job;
      {
        std::unique_lock lock(m_);
        cv_.wait(lock, [this] { return !jobs_.empty(); });
        job = std::move(jobs_.front());
        jobs_.pop_front();
      }
      job();
    }
  }

  std::mutex m_;
  std::condition_variable cv_;
  std::deque<std::packaged_task<core::result<spawned>()>> jobs_;
  std::thread thread_;
};

}  // namespace

core::result<spawned> spawn(const spawn_request& req) { return launcher::instance().run(req); }

std::string exit_info::describe() const {
  if (WIFEXITED(status)) return "exit status " + std::to_string(WEXITSTATUS(status));
  if (WIFSIGNALED(status)) {
    const int sig = WTERMSIG(status);
    if (sig == SIGKILL) return "signal: killed";
    const char* name = sigabbrev_np(sig);
    return std::string("signal: ") + (name ? name : std::to_string(sig).c_str());
  }
  return "status " + std::to_string(status);
}

exit_info wait_for(pid_t pid) {
  exit_info info;
  struct rusage usage {};
  while (wait4(pid, &info.status, 0, &usage) < 0 && errno == EINTR) {
  }
  info.max_rss_kb = usage.ru_maxrss;
  return info;
}

void signal_group(pid_t pid, int sig) {
  if (pid > 0) kill(-pid, sig);
}

long peak_rss_kb(pid_t pid) {
  std::ifstream in("/proc/" + std::to_string(pid) + "/status");
  std::string line;
  while (std::getline(in, line)) {
    if (line.rfind("VmHWM:", 0) == 0) return std::strtol(line.c_str() + 6, nullptr, 10);
  }
  return 0;
}

core::result<core::unit> run_command(const std::vector<std::string>& argv) {
  std::vector<char*> args;
  for (const auto& a : argv) args.push_back(const_cast<char*>(a.c_str()));
  args.push_back(nullptr);
  const pid_t pid = fork();
  if (pid < 0) return core::error{"CommandFailed", std::string("fork: ") + std::strerror(errno)};
  if (pid == 0) {
    sigset_t none;
    sigemptyset(&none);
    sigprocmask(SIG_SETMASK, &none, nullptr);
    dup2(STDERR_FILENO, STDOUT_FILENO);
    execvp(args[0], args.data());
    _exit(127);
  }
  int status = 0;
  while (waitpid(pid, &status, 0) < 0 && errno == EINTR) {
  }
  if (WIFEXITED(status) && WEXITSTATUS(status) == 0) return core::unit{};
  exit_info info{status, 0};
  return core::error{"CommandFailed", argv[0] + " failed: " + info.describe()};
}

}  // namespace harness
