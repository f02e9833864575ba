#include "sandbox.h"

#include <httplib.h>
#include <poll.h>
#include <signal.h>
#include <sys/ioctl.h>
#include <unistd.h>

#include <cstdio>

#include "report.h"

namespace harness {
namespace {

constexpr std::size_t log_tail_bytes = 4096;

std::string seconds2(double s) {
  char buf[32];
  std::snprintf(buf, sizeof buf, "%.2f", s);
  return buf;
}

api_reply invalid_request_id() {
  return {400, R"({"errorMessage":"Invalid request ID","errorType":"InvalidRequestID"})"};
}

double ms_between(std::chrono::steady_clock::time_point a,
                  std::chrono::steady_clock::time_point b) {
  return std::chrono::duration<double, std::milli>(b - a).count();
}

}  // namespace

sandbox::sandbox(sandbox_settings settings) : settings_(std::move(settings)) {}

core::result<std::unique_ptr<sandbox>> sandbox::start(sandbox_settings settings) {
  std::unique_ptr<sandbox> box(new sandbox(std::move(settings)));
  auto launched = box->launch();
  if (!launched) return launched.error();
  return box;
}

core::result<core::unit> sandbox::launch() {
  server_ = std::make_unique<httplib::Server>();
  server_->new_task_queue = [] { return new httplib::ThreadPool(8); };
  server_->set_tcp_nodelay(true);  // no Nagle delay between /next and /response
  mount_runtime_api(*server_, *this);
  const int port = server_->bind_to_any_port("127.0.0.1");
  if (port <= 0) return core::error{"SandboxFailed", "cannot bind a Runtime API port"};
  server_thread_ = std::thread([this] { server_->listen_after_bind(); });
  while (!server_->is_running()) std::this_thread::sleep_for(std::chrono::milliseconds(1));

  spawn_request req;
  req.executable = settings_.executable;
  req.cwd = settings_.task_root;
  req.env = settings_.env;
  req.env["AWS_LAMBDA_RUNTIME_API"] = "127.0.0.1:" + std::to_string(port);
  spawned_at_ = clock::now();
  auto child = spawn(req);
  if (!child) {
    server_->stop();
    server_thread_.join();
    server_.reset();
    return child.error();
  }
  pid_ = child->pid;
  output_fd_ = child->output_fd;
  reader_ = std::thread([this, fd = child->output_fd] { read_output(fd); });
  reaper_ = std::thread([this] {
    exit_info info = wait_for(pid_);
    std::lock_guard lock(m_);
    exited_ = true;
    exit_ = info;
    cv_.notify_all();
  });
  return core::unit{};
}

sandbox::~sandbox() { shutdown(); }

void sandbox::shutdown() {
  if (!server_) return;  // never launched
  {
    std::unique_lock lock(m_);
    if (closing_) return;  // another thread already did (or is doing) this
    closing_ = true;
    cv_.notify_all();
    if (!exited_) {
      // Lambda's shutdown: SIGTERM, then SIGKILL after a short grace period.
      signal_group(pid_, SIGTERM);
      cv_.wait_for(lock, std::chrono::milliseconds(500), [this] { return exited_; });
      if (!exited_) signal_group(pid_, SIGKILL);
      cv_.wait(lock, [this] { return exited_; });
    }
  }
  server_->stop();
  if (server_thread_.joinable()) server_thread_.join();
  if (reaper_.joinable()) reaper_.join();
  if (reader_.joinable()) reader_.join();
}

bool sandbox::usable() {
  std::lock_guard lock(m_);
  return !exited_ && !closing_ && !init_error_;
}

void sandbox::kill_and_wait(std::unique_lock<std::mutex>& lock) {
  if (!exited_) signal_group(pid_, SIGKILL);
  cv_.wait(lock, [this] { return exited_; });
}

void sandbox::read_output(int fd) {
  std::string pending;
  char buf[8192];
  auto emit = [this](const std::string& line) {
    settings_.logs->line(line);
    std::lock_guard lock(log_m_);
    log_tail_ += line;
    log_tail_ += '\n';
    if (log_tail_.size() > log_tail_bytes) log_tail_.erase(0, log_tail_.size() - log_tail_bytes);
  };
  for (;;) {
    pollfd p{fd, POLLIN, 0};
    if (::poll(&p, 1, -1) < 0) {
      if (errno == EINTR) continue;
      break;
    }
    std::lock_guard lock(output_m_);
    const ssize_t n = ::read(fd, buf, sizeof buf);
    if (n < 0 && errno == EINTR) continue;
    if (n <= 0) break;
    pending.append(buf, static_cast<std::size_t>(n));
    std::size_t start = 0;
    for (std::size_t nl; (nl = pending.find('\n', start)) != std::string::npos; start = nl + 1)
      emit(pending.substr(start, nl - start));
    pending.erase(0, start);
  }
  if (!pending.empty()) emit(pending);
  std::lock_guard lock(output_m_);
  output_fd_ = -1;
  ::close(fd);
}

void sandbox::drain_output() {
  for (int i = 0; i < 100; ++i) {
    {
      std::lock_guard lock(output_m_);
      int available = 0;
      if (output_fd_ < 0 || ::ioctl(output_fd_, FIONREAD, &available) != 0 || available == 0)
        return;
    }
    std::this_thread::sleep_for(std::chrono::milliseconds(1));
  }
}

std::optional<next_invocation> sandbox::wait_next() {
  std::unique_lock lock(m_);
  if (!saw_first_next_) {
    saw_first_next_ = true;
    init_ms_ = ms_between(spawned_at_, clock::now());
  }
  cv_.wait(lock, [this] { return offered_.has_value() || closing_; });
  if (closing_) return std::nullopt;
  next_invocation next{std::move(*offered_), 0};
  offered_.reset();
  result_.reset();
  running_id_ = next.inv.request_id;
  running_since_ = clock::now();
  const auto deadline =
      std::chrono::system_clock::now() + std::chrono::seconds(settings_.function->timeout_seconds);
  next.deadline_ms =
      std::chrono::duration_cast<std::chrono::milliseconds>(deadline.time_since_epoch()).count();
  settings_.logs->line(start_line(next.inv.request_id));
  cv_.notify_all();
  return next;
}

api_reply sandbox::post_response(const std::string& request_id, std::string body) {
  std::lock_guard lock(m_);
  if (request_id.empty() || request_id != running_id_) return invalid_request_id();
  finished_at_ = clock::now();
  running_id_.clear();
  api_reply reply;
  if (body.size() > max_response_bytes) {
    const std::string limit = std::to_string(max_response_bytes);
    result_ = outcome::failure(
        "Function.ResponseSizeTooLarge",
        "Response payload size exceeded maximum allowed payload size (" + limit + " bytes).");
    oversize_id_ = request_id;
    reply = {413, R"({"errorMessage":"Exceeded maximum allowed payload size ()" + limit +
                      R"( bytes).","errorType":"RequestEntityTooLarge"})"};
  } else {
    outcome o;
    o.ok = true;
    o.payload = std::move(body);
    result_ = std::move(o);
  }
  cv_.notify_all();
  return reply;
}

api_reply sandbox::post_error(const std::string& request_id, std::string body,
                              std::string error_type) {
  std::lock_guard lock(m_);
  if (!request_id.empty() && request_id == oversize_id_) return {};  // already failed: accepted
  if (request_id.empty() || request_id != running_id_) return invalid_request_id();
  finished_at_ = clock::now();
  running_id_.clear();
  outcome o;
  o.ok = false;
  o.payload = std::move(body);
  o.error_type = std::move(error_type);
  result_ = std::move(o);
  cv_.notify_all();
  return {};
}

api_reply sandbox::post_init_error(std::string body, std::string error_type) {
  std::lock_guard lock(m_);
  if (!init_error_) {
    outcome o;
    o.ok = false;
    o.payload = std::move(body);
    o.error_type = std::move(error_type);
    init_error_ = std::move(o);
  }
  cv_.notify_all();
  return {};
}

void sandbox::finish_report(const std::string& id, double duration_ms, const std::string& status,
                            const std::string& error_type, long rss_kb) {
  invocation_report r;
  r.request_id = id;
  r.duration_ms = duration_ms;
  r.memory_size_mb = settings_.function->memory_mb;
  r.max_memory_used_kb = rss_kb;
  r.init_duration_ms = init_ms_;
  init_ms_.reset();
  r.status = status;
  r.error_type = error_type;
  drain_output();
  settings_.logs->line(end_line(id));
  const std::string line = report_line(r);
  settings_.logs->line(line);
  std::lock_guard lock(log_m_);
  log_tail_ += end_line(id) + "\n" + line + "\n";
}

outcome sandbox::invoke(const invocation& inv) {
  std::unique_lock lock(m_);
  {
    std::lock_guard tail(log_m_);
    log_tail_.clear();
  }
  if (closing_ || (invoked_before_ && (exited_ || init_error_)))
    return outcome::failure("Sandbox.Unavailable", "the sandbox has ended");
  invoked_before_ = true;
  result_.reset();
  offered_ = inv;
  cv_.notify_all();

  // Phase 1: the bootstrap initialises and asks for the invocation.
  const auto init_deadline = clock::now() + settings_.init_timeout;
  cv_.wait_until(lock, init_deadline,
                 [this] { return !offered_ || exited_ || closing_ || init_error_; });
  outcome o = offered_ ? init_failed(lock, inv.request_id) : run_handler(lock, inv.request_id);
  std::lock_guard tail(log_m_);
  o.log_tail = log_tail_;
  return o;
}

outcome sandbox::init_failed(std::unique_lock<std::mutex>& lock, const std::string& id) {
  offered_.reset();
  outcome o;
  std::string status = "error";
  if (init_error_) {
    o = *init_error_;
    // The runtime exits after reporting; give it a moment so its exit status is logged.
    cv_.wait_for(lock, std::chrono::seconds(2), [this] { return exited_; });
  } else if (exited_) {
    o = outcome::failure(
        "Runtime.ExitError",
        "RequestId: " + id + " Error: Runtime exited with error: " + exit_.describe());
  } else if (closing_) {
    return outcome::failure("Sandbox.Shutdown", "the harness is shutting down");
  } else {
    status = "timeout";
    o = outcome::failure("Sandbox.Timedout",
                         "RequestId: " + id + " Error: Init phase timed out after " +
                             seconds2(settings_.init_timeout.count() / 1000.0) + " seconds");
  }
  const double init_ms = ms_between(spawned_at_, clock::now());
  const long rss = exited_ ? exit_.max_rss_kb : peak_rss_kb(pid_);
  kill_and_wait(lock);
  std::string init_report =
      "INIT_REPORT Init Duration: " + seconds2(init_ms) + " ms\tPhase: init\tStatus: " + status;
  if (status == "error") init_report += "\tError Type: " + o.error_type;
  settings_.logs->line(init_report);
  if (status == "error")
    settings_.logs->line("RequestId: " + id + " Error: Runtime exited with error: " +
                         exit_.describe() + "\nRuntime.ExitError");
  init_ms_.reset();
  finish_report(id, 0, status, o.error_type, rss);
  return o;
}

outcome sandbox::run_handler(std::unique_lock<std::mutex>& lock, const std::string& id) {
  // Phase 2: the handler runs until it answers, the process dies, or the timeout.
  const auto timeout = std::chrono::seconds(settings_.function->timeout_seconds);
  cv_.wait_until(lock, running_since_ + timeout,
                 [this] { return result_.has_value() || exited_ || closing_; });
  outcome o;
  double duration = 0;
  std::string status, error_type;
  long rss = 0;
  if (result_) {
    o = std::move(*result_);
    result_.reset();
    duration = ms_between(running_since_, finished_at_);
    rss = peak_rss_kb(pid_);
  } else if (exited_) {
    running_id_.clear();
    status = "error";
    error_type = "Runtime.ExitError";
    o = outcome::failure(
        error_type, "RequestId: " + id + " Error: Runtime exited with error: " + exit_.describe());
    settings_.logs->line("RequestId: " + id +
                         " Error: Runtime exited with error: " + exit_.describe());
    duration = ms_between(running_since_, clock::now());
    rss = exit_.max_rss_kb;
  } else if (closing_) {
    running_id_.clear();
    return outcome::failure("Sandbox.Shutdown", "the harness is shutting down");
  } else {
    running_id_.clear();
    rss = peak_rss_kb(pid_);
    kill_and_wait(lock);
    status = "timeout";
    const std::string secs = seconds2(static_cast<double>(settings_.function->timeout_seconds));
    o = outcome::failure("Sandbox.Timedout",
                         "RequestId: " + id + " Error: Task timed out after " + secs + " seconds");
    duration = ms_between(running_since_, clock::now());
    settings_.logs->line(id + " Task timed out after " + secs + " seconds");
  }
  finish_report(id, duration, status, error_type, rss);
  return o;
}

}  // namespace harness
