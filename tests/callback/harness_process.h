// Test-side: the emulator harness (lambda-harness) serving one function's real bootstrap,
// started per test suite and stopped with it.
#pragma once

#include <signal.h>
#include <spawn.h>
#include <sys/wait.h>
#include <unistd.h>

#include <chrono>
#include <cstdlib>
#include <fstream>
#include <map>
#include <stdexcept>
#include <string>
#include <thread>
#include <vector>

extern char** environ;

namespace callback_test {

class harness_process {
 public:
  // Serves `function` from ${DRIFT_BUILD_DIR}/functions/<function>/bootstrap with `env`; AWS
  // credentials and endpoints pass through from this process's environment.
  harness_process(const std::string& function, const std::map<std::string, std::string>& env,
                  const std::vector<std::string>& extra_args = {}) {
    const char* build = std::getenv("DRIFT_BUILD_DIR");
    if (!build) throw std::runtime_error("DRIFT_BUILD_DIR is not set: run this test through ctest");
    static int n = 0;
    const std::string dir = std::string(build) + "/tests/callback";
    const std::string tag = std::to_string(::getpid()) + "-" + std::to_string(++n);
    port_file_ = dir + "/harness-" + tag + ".port";
    log_file_ = dir + "/harness-" + tag + ".log";
    std::remove(port_file_.c_str());
    std::vector<std::string> args = {std::string(build) + "/harness/lambda-harness",
                                     "--function",
                                     function,
                                     "--bootstrap",
                                     std::string(build) + "/functions/" + function + "/bootstrap",
                                     "--timeout",
                                     "30",
                                     "--port",
                                     "0",
                                     "--port-file",
                                     port_file_,
                                     "--log-file",
                                     log_file_};
    args.insert(args.end(), extra_args.begin(), extra_args.end());
    for (const auto& [k, v] : env) {
      args.push_back("--env");
      args.push_back(k + "=" + v);
    }
    std::vector<char*> argv;
    for (auto& a : args) argv.push_back(a.data());
    argv.push_back(nullptr);
    if (::posix_spawn(&pid_, argv[0], nullptr, nullptr, argv.data(), environ) != 0)
      throw std::runtime_error("cannot start " + args[0]);
    const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(30);
    while (std::chrono::steady_clock::now() < deadline) {
      std::ifstream in(port_file_);
      int port = 0;
      if (in >> port && port > 0) {
        endpoint_ = "http://127.0.0.1:" + std::to_string(port);
        return;
      }
      int status = 0;
      if (::waitpid(pid_, &status, WNOHANG) == pid_) {
        pid_ = 0;
        throw std::runtime_error("lambda-harness exited at start; see " + log_file_);
      }
      std::this_thread::sleep_for(std::chrono::milliseconds(50));
    }
    throw std::runtime_error("lambda-harness did not report its port");
  }
  ~harness_process() {
    if (pid_ > 0) {
      ::kill(pid_, SIGTERM);
      int status = 0;
      ::waitpid(pid_, &status, 0);
    }
  }
  harness_process(const harness_process&) = delete;
  harness_process& operator=(const harness_process&) = delete;

  const std::string& endpoint() const { return endpoint_; }
  const std::string& log_file() const { return log_file_; }

 private:
  pid_t pid_ = 0;
  std::string port_file_;
  std::string log_file_;
  std::string endpoint_;
};

}  // namespace callback_test
