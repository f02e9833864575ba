// The containers of one function: up to `concurrency` sandboxes, a warm one reused for the
// next invocation, and a queue of Event invocations worked off side by side.
#pragma once

#include <condition_variable>
#include <deque>
#include <memory>
#include <mutex>
#include <string>
#include <thread>
#include <vector>

#include "code_source.h"
#include "config.h"
#include "core/result.h"
#include "invocation.h"
#include "log_sink.h"

namespace harness {

class sandbox;

class function_pool {
 public:
  function_pool(function_config fn, const config& cfg, function_code code, log_sink& logs);
  ~function_pool();
  function_pool(const function_pool&) = delete;
  function_pool& operator=(const function_pool&) = delete;

  const function_config& function() const { return fn_; }

  // A RequestResponse invocation: waits for a free container, runs, returns the outcome.
  outcome invoke(const invocation& inv);
  // An Event invocation: queued; worked off by up to `concurrency` containers.
  void invoke_async(invocation inv);
  // Kills every container and stops the Event workers; invocations in flight fail.
  void shutdown();

 private:
  core::result<std::shared_ptr<sandbox>> acquire();
  void release(std::shared_ptr<sandbox> box);
  void drop_locked(const std::shared_ptr<sandbox>& box);
  void event_worker();

  const function_config fn_;
  const config& cfg_;
  const function_code code_;
  log_sink& logs_;

  std::mutex m_;
  std::condition_variable cv_;
  bool closing_ = false;
  int live_ = 0;  // containers alive or being started
  std::vector<std::shared_ptr<sandbox>> all_;
  std::vector<std::shared_ptr<sandbox>> idle_;
  std::deque<invocation> events_;
  std::vector<std::thread> workers_;
};

}  // namespace harness
