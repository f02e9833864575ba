// One Lambda "container": a bootstrap process and the Runtime API it alone talks to.
// It runs one invocation at a time, enforces the timeout, and writes START/END/REPORT.
#pragma once

#include <sys/types.h>

#include <chrono>
#include <condition_variable>
#include <map>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <thread>

#include "config.h"
#include "core/result.h"
#include "invocation.h"
#include "log_sink.h"
#include "process.h"
#include "runtime_api.h"

namespace httplib {
class Server;
}

namespace harness {

struct sandbox_settings {
  const function_config* function = nullptr;
  std::string executable;
  std::string task_root;
  std::map<std::string, std::string> env;  // Lambda's variables except AWS_LAMBDA_RUNTIME_API
  log_sink* logs = nullptr;
  std::chrono::milliseconds init_timeout{10000};  // Lambda's init phase limit
};

class sandbox final : public runtime_endpoint {
 public:
  static core::result<std::unique_ptr<sandbox>> start(sandbox_settings settings);
  ~sandbox() override;
  sandbox(const sandbox&) = delete;
  sandbox& operator=(const sandbox&) = delete;

  // Runs one invocation to its end (response, error, timeout, crash); blocks.
  outcome invoke(const invocation& inv);
  // Still able to take an invocation (process alive, not shutting down).
  bool usable();
  pid_t pid() const { return pid_; }
  // SIGTERM, a short grace period, then SIGKILL; waits until the process is gone.
  void shutdown();

  std::optional<next_invocation> wait_next() override;
  api_reply post_response(const std::string& request_id, std::string body) override;
  api_reply post_error(const std::string& request_id, std::string body,
                       std::string error_type) override;
  api_reply post_init_error(std::string body, std::string error_type) override;

 private:
  explicit sandbox(sandbox_settings settings);
  core::result<core::unit> launch();
  void read_output(int fd);
  // Waits (briefly) until the output already written by the process has been logged, so
  // that a function's lines come before its END/REPORT lines and into its log tail.
  void drain_output();
  void kill_and_wait(std::unique_lock<std::mutex>& lock);
  // An invocation's two phases, with m_ held: the bootstrap did not ask for the invocation
  // (init error, exit, init timeout, shutdown), or the handler runs until it answers, the
  // process dies, or the timeout.
  outcome init_failed(std::unique_lock<std::mutex>& lock, const std::string& id);
  outcome run_handler(std::unique_lock<std::mutex>& lock, const std::string& id);
  void finish_report(const std::string& id, double duration_ms, const std::string& status,
                     const std::string& error_type, long rss_kb);

  using clock = std::chrono::steady_clock;
  sandbox_settings settings_;
  std::unique_ptr<httplib::Server> server_;
  std::thread server_thread_;
  std::thread reaper_;
  std::thread reader_;
  pid_t pid_ = -1;

  std::mutex m_;
  std::condition_variable cv_;
  clock::time_point spawned_at_;
  bool saw_first_next_ = false;
  std::optional<double> init_ms_;  // reported with the first invocation
  std::optional<invocation> offered_;
  std::string running_id_;
  clock::time_point running_since_;
  clock::time_point finished_at_;
  std::optional<outcome> result_;
  std::string oversize_id_;  // a response refused as too large; its late /error is accepted
  std::optional<outcome> init_error_;
  bool exited_ = false;
  exit_info exit_;
  bool closing_ = false;
  // A fresh sandbox whose runtime failed or exited before its first invocation still owes
  // that invocation the init error, as Lambda reports it; only a used one is just gone.
  bool invoked_before_ = false;

  std::mutex output_m_;  // held while a chunk of output is read and logged
  int output_fd_ = -1;
  std::mutex log_m_;
  std::string log_tail_;
};

}  // namespace harness
