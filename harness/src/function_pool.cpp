#include "function_pool.h"

#include <algorithm>

#include "environment.h"
#include "sandbox.h"

namespace harness {

function_pool::function_pool(function_config fn, const config& cfg, function_code code,
                             log_sink& logs)
    : fn_(std::move(fn)), cfg_(cfg), code_(std::move(code)), logs_(logs) {}

function_pool::~function_pool() { shutdown(); }

void function_pool::drop_locked(const std::shared_ptr<sandbox>& box) {
  all_.erase(std::remove(all_.begin(), all_.end(), box), all_.end());
  --live_;
  cv_.notify_all();
}

core::result<std::shared_ptr<sandbox>> function_pool::acquire() {
  std::vector<std::shared_ptr<sandbox>> dead;  // destroyed outside the lock
  std::unique_lock lock(m_);
  for (;;) {
    if (closing_) return core::error{"Shutdown", "the harness is shutting down"};
    while (!idle_.empty()) {
      auto box = std::move(idle_.back());
      idle_.pop_back();
      if (box->usable()) return box;  // warm start
      drop_locked(box);
      dead.push_back(std::move(box));
    }
    if (live_ < fn_.concurrency) break;
    cv_.wait(lock);
  }
  ++live_;
  lock.unlock();
  dead.clear();
  sandbox_settings settings;
  settings.function = &fn_;
  settings.executable = code_.executable;
  settings.task_root = code_.task_root;
  settings.env = lambda_environment(fn_, cfg_, code_.task_root);
  settings.logs = &logs_;
  auto started = sandbox::start(std::move(settings));
  lock.lock();
  if (!started) {
    --live_;
    cv_.notify_all();
    return started.error();
  }
  std::shared_ptr<sandbox> box = std::move(started.value());
  if (closing_) {
    --live_;
    lock.unlock();
    box.reset();
    return core::error{"Shutdown", "the harness is shutting down"};
  }
  all_.push_back(box);
  return box;
}

void function_pool::release(std::shared_ptr<sandbox> box) {
  std::unique_lock lock(m_);
  if (!closing_ && box->usable()) {
    idle_.push_back(std::move(box));
    cv_.notify_all();
    return;
  }
  if (std::find(all_.begin(), all_.end(), box) != all_.end()) drop_locked(box);
  lock.unlock();
  box.reset();  // a dead container is reaped here, outside the lock
}

outcome function_pool::invoke(const invocation& inv) {
  auto box = acquire();
  if (!box) return outcome::failure("Sandbox.Unavailable", box.error().message);
  outcome o = box.value()->invoke(inv);
  release(std::move(box.value()));
  return o;
}

void function_pool::invoke_async(invocation inv) {
  std::lock_guard lock(m_);
  if (closing_) return;
  events_.push_back(std::move(inv));
  if (workers_.empty()) {
    for (int i = 0; i < fn_.concurrency; ++i) workers_.emplace_back([this] { event_worker(); });
  }
  cv_.notify_all();
}

void function_pool::event_worker() {
  for (;;) {
    invocation inv;
    {
      std::unique_lock lock(m_);
      cv_.wait(lock, [this] { return closing_ || !events_.empty(); });
      if (closing_) return;
      inv = std::move(events_.front());
      events_.pop_front();
    }
    outcome o = invoke(inv);
    // Lambda would retry a failed asynchronous invocation; locally its log says what failed.
    if (!o.ok)
      logs_.line("Event invocation " + inv.request_id + " of " + fn_.name +
                 " failed: " + o.payload);
  }
}

void function_pool::shutdown() {
  std::vector<std::shared_ptr<sandbox>> boxes;
  std::vector<std::thread> workers;
  {
    std::lock_guard lock(m_);
    closing_ = true;
    boxes = all_;
    workers.swap(workers_);
    cv_.notify_all();
  }
  for (auto& b : boxes) b->shutdown();  // wakes invocations in flight
  for (auto& w : workers) w.join();
  std::lock_guard lock(m_);
  idle_.clear();
  all_.clear();
}

}  // namespace harness
