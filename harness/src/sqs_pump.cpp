#include "sqs_pump.h"

#include <set>

#include "aws/session.h"
#include "aws/sqs.h"
#include "codec.h"
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

void pump_set::poll(const pump_config& pump, function_pool& pool) {
  // A session per poller: a session serialises its calls, and a long poll would hold it.
  auto session = aws::session::from_environment();
  const std::string queue_arn = queue_arn_from_url(pump.queue_url, cfg_.region);
  const std::string subscription = new_request_id();
  const std::string& fn = pool.function().name;

  auto remove = [&](const queue_message& m) {
    auto deleted = aws::sqs::delete_message(*session, pump.queue_url, m.receipt_handle);
    if (!deleted)
      logs_.line("lambda-harness: pump " + pump.queue_url + ": cannot delete " + m.message_id +
                 ": " + deleted.error().describe());
  };
  auto run = [&](const std::string& event) {
    invocation inv;
    inv.request_id = new_request_id();
    inv.payload = event;
    inv.invoked_function_arn = pool.function().function_arn;
    inv.trace_id = new_trace_id();
    return pool.invoke(inv);
  };

  while (!stopping_) {
    aws::sqs::receive_options opts;
    opts.max_messages = pump.batch_size;
    opts.wait_seconds = pump.wait_seconds;
    auto received = aws::sqs::receive_messages(*session, pump.queue_url, opts);
    if (stopping_) break;
    if (!received) {
      logs_.line("lambda-harness: pump " + pump.queue_url + ": " + received.error().describe());
      pause(std::chrono::seconds(2));
      continue;
    }
    if (received->empty()) continue;
    std::vector<queue_message> batch;
    for (auto& m : received.value()) {
      queue_message q;
      q.message_id = m.message_id;
      q.receipt_handle = m.receipt_handle;
      q.body = m.body;
      q.md5_of_body = m.md5_of_body.empty() ? md5_hex(m.body) : m.md5_of_body;
      q.attributes = m.attributes;
      batch.push_back(std::move(q));
    }

    if (pump.sns) {
      for (const auto& m : batch) {
        auto delivery = sns_event(m.body, subscription);
        if (!delivery) {
          logs_.line("lambda-harness: pump " + pump.queue_url + ": message " + m.message_id +
                     " is not an SNS notification; left in the queue");
          continue;
        }
        outcome o = run(delivery->event);
        if (!o.ok) continue;  // SNS would retry; here the message reappears
        auto failed = batch_item_failures(o.payload, {m.message_id, delivery->message_id});
        if (pump.report_batch_item_failures && (!failed || !failed->empty())) continue;
        remove(m);
      }
      continue;
    }

    outcome o = run(sqs_event(batch, queue_arn, cfg_.region));
    if (!o.ok) {
      logs_.line("lambda-harness: pump " + pump.queue_url + ": " + fn + " failed; " +
                 std::to_string(batch.size()) + " message(s) stay in the queue");
      continue;
    }
    std::set<std::string> ids;
    for (const auto& m : batch) ids.insert(m.message_id);
    std::optional<std::set<std::string>> failed = std::set<std::string>{};
    if (pump.report_batch_item_failures) failed = batch_item_failures(o.payload, ids);
    if (!failed) {
      logs_.line("lambda-harness: pump " + pump.queue_url +
                 ": invalid batchItemFailures; the whole batch stays in the queue");
      continue;
    }
    for (const auto& m : batch)
      if (!failed->count(m.message_id)) remove(m);
  }
}

}  // namespace harness
