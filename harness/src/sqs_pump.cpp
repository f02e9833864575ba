#include "sqs_pump.h"

#include <set>

#include "aws/crypto.h"
#include "aws/session.h"
#include "aws/sqs.h"
#include "event_shapes.h"
#include "invocation.h"

namespace harness {

pump_set::pump_set(const config& cfg, const registry& functions, log_sink& logs)
    : cfg_(cfg), functions_(functions), logs_(logs) {}

pump_set::~pump_set() {
  request_stop();
  join();
}

core::result<core::unit> pump_set::start() {
  for (const auto& p : cfg_.pumps) {
    function_pool* pool = functions_.find(p.function);
    if (!pool) return core::error{"InvalidConfig", "pump: unknown function " + p.function};
    for (int i = 0; i < pool->function().concurrency; ++i)
      threads_.emplace_back([this, &p, pool] { poll(p, *pool); });
  }
  return core::unit{};
}

void pump_set::request_stop() {
  stopping_ = true;
  std::lock_guard lock(m_);
  cv_.notify_all();
}

void pump_set::join() {
  for (auto& t : threads_)
    if (t.joinable()) t.join();
  threads_.clear();
}

void pump_set::pause(std::chrono::seconds d) {
  std::unique_lock lock(m_);
  cv_.wait_for(lock, d, [this] { return stopping_.load(); });
}

namespace {

// One poller's work on one queue, step by step: receive a batch, deliver it (as one SQS
// event, or as one SNS event per message), delete what the function handled.
class poller {
 public:
  poller(const pump_config& pump, function_pool& pool, const std::string& region, log_sink& logs)
      : pump_(pump),
        pool_(pool),
        region_(region),
        logs_(logs),
        session_(aws::session::from_environment()),
        queue_arn_(queue_arn_from_url(pump.queue_url, region)),
        subscription_(new_request_id()) {}

  core::result<std::vector<queue_message>, aws::error> receive() {
    aws::sqs::receive_options opts;
    opts.max_messages = pump_.batch_size;
    opts.wait_seconds = pump_.wait_seconds;
    auto received = aws::sqs::receive_messages(*session_, pump_.queue_url, opts);
    if (!received) return received.error();
    std::vector<queue_message> batch;
    for (auto& m : received.value()) {
      queue_message q;
      q.message_id = m.message_id;
      q.receipt_handle = m.receipt_handle;
      q.body = m.body;
      q.md5_of_body = m.md5_of_body.empty() ? aws::crypto::md5_hex(m.body) : m.md5_of_body;
      q.attributes = m.attributes;
      batch.push_back(std::move(q));
    }
    return batch;
  }

  // As SNS -> Lambda does: one record per invocation. A message that fails stays in the queue
  // and reappears (SNS would retry).
  void deliver_as_sns(const std::vector<queue_message>& batch) {
    for (const auto& m : batch) {
      auto delivery = sns_event(m.body, subscription_);
      if (!delivery) {
        log("message " + m.message_id + " is not an SNS notification; left in the queue");
        continue;
      }
      const outcome o = invoke(delivery->event);
      if (!o.ok) continue;
      auto failed = batch_item_failures(o.payload, {m.message_id, delivery->message_id});
      if (pump_.report_batch_item_failures && (!failed || !failed->empty())) continue;
      remove(m);
    }
  }

  // As the event-source mapping does: the batch in one invocation; with batch item failures
  // reported, only the messages the function names stay in the queue.
  void deliver_as_sqs(const std::vector<queue_message>& batch) {
    const outcome o = invoke(sqs_event(batch, queue_arn_, region_));
    if (!o.ok) {
      log(pool_.function().name + " failed; " + std::to_string(batch.size()) +
          " message(s) stay in the queue");
      return;
    }
    std::set<std::string> ids;
    for (const auto& m : batch) ids.insert(m.message_id);
    std::optional<std::set<std::string>> failed = std::set<std::string>{};
    if (pump_.report_batch_item_failures) failed = batch_item_failures(o.payload, ids);
    if (!failed) {
      log("invalid batchItemFailures; the whole batch stays in the queue");
      return;
    }
    for (const auto& m : batch)
      if (!failed->count(m.message_id)) remove(m);
  }

  void log(const std::string& what) {
    logs_.line("lambda-harness: pump " + pump_.queue_url + ": " + what);
  }

 private:
  outcome invoke(const std::string& event) {
    invocation inv;
    inv.request_id = new_request_id();
    inv.payload = event;
    inv.invoked_function_arn = pool_.function().function_arn;
    inv.trace_id = new_trace_id();
    return pool_.invoke(inv);
  }

  void remove(const queue_message& m) {
    auto deleted = aws::sqs::delete_message(*session_, pump_.queue_url, m.receipt_handle);
    if (!deleted) log("cannot delete " + m.message_id + ": " + deleted.error().describe());
  }

  const pump_config& pump_;
  function_pool& pool_;
  const std::string& region_;
  log_sink& logs_;
  // A session per poller: a session serialises its calls, and a long poll would hold it.
  std::shared_ptr<aws::session> session_;
  std::string queue_arn_;
  std::string subscription_;
};

}  // namespace

void pump_set::poll(const pump_config& pump, function_pool& pool) {
  poller queue(pump, pool, cfg_.region, logs_);
  while (!stopping_) {
    auto batch = queue.receive();
    if (stopping_) break;
    if (!batch) {
      queue.log(batch.error().describe());
      pause(std::chrono::seconds(2));
      continue;
    }
    if (batch->empty()) continue;
    if (pump.sns)
      queue.deliver_as_sns(batch.value());
    else
      queue.deliver_as_sqs(batch.value());
  }
}

}  // namespace harness
