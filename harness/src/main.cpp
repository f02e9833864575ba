// lambda-harness: wires config, code, function pools, the Invoke API server and the SQS
// pumps together, and owns the process's signals (see cli.cpp for the flags).
#include <httplib.h>
#include <signal.h>
#include <unistd.h>

#include <condition_variable>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <iterator>
#include <mutex>
#include <thread>

#include "aws_function_config.h"
#include "cli.h"
#include "code_source.h"
#include "invoke_api.h"
#include "log_sink.h"
#include "registry.h"
#include "sqs_pump.h"

namespace {

using namespace harness;

int fail(const std::string& message, int code = 2) {
  std::cerr << "lambda-harness: " << message << "\n";
  return code;
}

bool write_port_file(const std::string& path, int port) {
  const std::string tmp = path + ".tmp";
  {
    std::ofstream out(tmp);
    if (!(out << port << "\n")) return false;
  }
  return std::rename(tmp.c_str(), path.c_str()) == 0;
}

bool read_event(const std::string& path, std::string& out) {
  if (path == "-") {
    out.assign(std::istreambuf_iterator<char>(std::cin), {});
    return true;
  }
  std::ifstream in(path, std::ios::binary);
  if (!in) return false;
  out.assign(std::istreambuf_iterator<char>(in), {});
  return true;
}

// SIGINT/SIGTERM arrive here (they are blocked in every other thread).
class signal_waiter {
 public:
  explicit signal_waiter(const sigset_t& set) : set_(set) {
    thread_ = std::thread([this] {
      int sig = 0;
      sigwait(&set_, &sig);
      std::lock_guard lock(m_);
      signalled_ = true;
      cv_.notify_all();
    });
  }
  ~signal_waiter() {
    stop();
    thread_.join();
  }
  // Ends the wait without a signal from outside.
  void stop() {
    if (!signalled()) pthread_kill(thread_.native_handle(), SIGTERM);
  }
  bool signalled() {
    std::lock_guard lock(m_);
    return signalled_;
  }
  void wait() {
    std::unique_lock lock(m_);
    cv_.wait(lock, [this] { return signalled_; });
  }

 private:
  sigset_t set_;
  std::mutex m_;
  std::condition_variable cv_;
  bool signalled_ = false;
  std::thread thread_;
};

// --from-aws: each function so marked takes its settings from the Lambda API.
core::result<core::unit> apply_from_aws(config& cfg) {
  for (auto& fn : cfg.functions) {
    if (!fn.from_aws) continue;
    auto applied = apply_aws_function_config(fn, *fn.from_aws);
    if (!applied)
      return core::error{"FromAws", "--from-aws " + *fn.from_aws + ": " + applied.error().message};
  }
  return core::unit{};
}

// The work folder the functions' code is unpacked into, removed with its owner.
struct work_dir {
  std::string path;
  ~work_dir() {
    std::error_code ec;
    if (!path.empty()) std::filesystem::remove_all(path, ec);
  }
};

// One pool of bootstrap processes per function.
core::result<core::unit> add_functions(const config& cfg, const std::string& dir, log_sink& logs,
                                       registry& functions) {
  for (const auto& fn : cfg.functions) {
    auto code = prepare_code(fn, dir);
    if (!code) return code.error();
    functions.add(std::make_unique<function_pool>(fn, cfg, std::move(code.value()), logs));
  }
  return core::unit{};
}

// --event: one invocation, its response on stdout; a signal ends it early.
int invoke_once(const cli_options& opts, registry& functions, signal_waiter& waiter) {
  const config& cfg = opts.cfg;
  std::string event;
  if (!read_event(cfg.event_file, event)) return fail("cannot read event " + cfg.event_file);
  const std::string name =
      opts.one_shot_function.empty() ? cfg.functions.front().name : opts.one_shot_function;
  function_pool* pool = functions.find(name);
  invocation inv;
  inv.request_id = new_request_id();
  inv.payload = event.empty() ? "{}" : event;
  inv.invoked_function_arn = pool->function().function_arn;
  inv.trace_id = new_trace_id();
  std::thread stopper([&] {
    waiter.wait();
    functions.shutdown_all();
  });
  outcome o = pool->invoke(inv);
  std::cout << o.payload << std::endl;
  waiter.stop();  // releases the stopper
  stopper.join();
  functions.shutdown_all();
  return o.ok ? 0 : 1;
}

// The Invoke API and the queue pumps, until SIGINT or SIGTERM.
int serve(const config& cfg, registry& functions, log_sink& logs, signal_waiter& waiter) {
  httplib::Server server;
  server.new_task_queue = [] { return new httplib::ThreadPool(32); };
  server.set_tcp_nodelay(true);  // no Nagle delay on small responses
  mount_invoke_api(server, functions, cfg);
  const int port = cfg.port == 0 ? server.bind_to_any_port(cfg.host)
                                 : (server.bind_to_port(cfg.host, cfg.port) ? cfg.port : -1);
  if (port <= 0) return fail("cannot listen on " + cfg.host + ":" + std::to_string(cfg.port));
  std::thread server_thread([&] { server.listen_after_bind(); });
  while (!server.is_running()) std::this_thread::sleep_for(std::chrono::milliseconds(1));

  pump_set pumps(cfg, functions, logs);
  // In this order: no new work, wake invocations in flight (the pumps' too), then the server.
  auto stop_all = [&] {
    pumps.request_stop();
    functions.shutdown_all();
    pumps.join();
    server.stop();
    server_thread.join();
  };
  if (auto started = pumps.start(); !started) {
    stop_all();
    functions.shutdown_all();
    return fail(started.error().message);
  }
  if (!cfg.port_file.empty() && !write_port_file(cfg.port_file, port))
    logs.line("lambda-harness: cannot write the port file " + cfg.port_file);
  const std::string listening = "lambda-harness: listening on http://" + cfg.host + ":" +
                                std::to_string(port) + " (" + std::to_string(cfg.functions.size()) +
                                " function(s), " + std::to_string(cfg.pumps.size()) + " pump(s))";
  std::cout << listening << std::endl;  // stdout is free in server mode: scripts may read it
  if (!cfg.log_file.empty()) logs.line(listening);

  waiter.wait();
  logs.line("lambda-harness: shutting down");
  stop_all();
  if (!cfg.port_file.empty()) std::remove(cfg.port_file.c_str());
  return 0;
}

int run(cli_options opts) {
  config& cfg = opts.cfg;
  if (auto ok = apply_from_aws(cfg); !ok) return fail(ok.error().message);
  if (auto ok = finalise(cfg); !ok) return fail(ok.error().message);

  log_sink logs;
  if (!cfg.log_file.empty()) {
    if (auto opened = logs.open(cfg.log_file); !opened) return fail(opened.error().message);
  }
  auto dir = make_work_dir();
  if (!dir) return fail(dir.error().message);
  const work_dir remove_work_dir{dir.value()};
  registry functions;
  if (auto added = add_functions(cfg, dir.value(), logs, functions); !added)
    return fail(added.error().message);

  sigset_t signals;
  sigemptyset(&signals);
  sigaddset(&signals, SIGINT);
  sigaddset(&signals, SIGTERM);
  signal_waiter waiter(signals);
  if (!cfg.event_file.empty()) return invoke_once(opts, functions, waiter);
  return serve(cfg, functions, logs, waiter);
}

}  // namespace

int main(int argc, char** argv) {
  // Before any thread exists: SIGINT/SIGTERM go to the signal thread only; a vanished
  // client must not kill the server. Children get a clean mask back (process.cpp).
  sigset_t signals;
  sigemptyset(&signals);
  sigaddset(&signals, SIGINT);
  sigaddset(&signals, SIGTERM);
  pthread_sigmask(SIG_BLOCK, &signals, nullptr);
  signal(SIGPIPE, SIG_IGN);

  auto opts = parse_args(argc, argv);
  if (!opts) return fail(opts.error().message + "\n" + usage_text());
  if (opts->help) {
    std::cout << usage_text();
    return 0;
  }
  return run(std::move(opts.value()));
}
