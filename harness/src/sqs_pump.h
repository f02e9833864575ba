// SQS queues pumped into functions the way Lambda's event-source mapping does it: receive
// a batch, invoke synchronously, delete only what succeeded (batchItemFailures honoured),
// leave the rest to reappear after the visibility timeout. A queue subscribed to an SNS
// topic is delivered as SNS events instead, one message per invocation.
#pragma once

#include <atomic>
#include <condition_variable>
#include <mutex>
#include <thread>
#include <vector>

#include "config.h"
#include "core/result.h"
#include "log_sink.h"
#include "registry.h"

namespace harness {

class pump_set {
 public:
  pump_set(const config& cfg, const registry& functions, log_sink& logs);
  ~pump_set();
  pump_set(const pump_set&) = delete;
  pump_set& operator=(const pump_set&) = delete;

  // One poller per container the function may run (its concurrency).
  core::result<core::unit> start();
  // Stops polling; invocations in flight end when their functions shut down.
  void request_stop();
  void join();

 private:
  void poll(const pump_config& pump, function_pool& pool);
  void pause(std::chrono::seconds d);

  const config& cfg_;
  const registry& functions_;
  log_sink& logs_;
  std::atomic<bool> stopping_{false};
  std::mutex m_;
  std::condition_variable cv_;
  std::vector<std::thread> threads_;
};

}  // namespace harness
