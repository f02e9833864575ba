#include "handler.h"

#include <lambda_runtime/log.h>

#include <chrono>
#include <map>

#include "core/text.h"
#include "core/time.h"
#include "drift/event.h"
#include "json_util.h"
#include "outbound.h"
#include "sweeper.h"

namespace orchestrator {
namespace log = lambda_runtime::log;

namespace {
// The least time a record needs: a few table reads and writes, the dispatch, the last write.
constexpr auto kRecordBudget = std::chrono::seconds(10);
}  // namespace

lambda_runtime::invocation_response handler::operator()(
    const lambda_runtime::invocation_request& req) {
  const core::time::time_point now = std::chrono::system_clock::now();
  if (is_sweep_request(req.payload)) {
    svc_.aws.set_deadline(req.ctx.deadline - std::chrono::seconds(1));
    auto swept = sweep(svc_.aws, cfg_, now);
    if (!swept) {
      log::error("sweep failed", {{"error", swept.error().describe()}});
      return lambda_runtime::invocation_response::failure(
          {"SweepFailed", swept.error().describe()});
    }
    log::info("sweep done", {{"examined", std::to_string(swept->examined)},
                             {"swept", std::to_string(swept->swept)}});
    return lambda_runtime::invocation_response::success(to_json(*swept));
  }
  const invocation_records inv = split_invocation(
      req.payload, req.ctx.request_id, core::time::iso8601(now, core::time::precision::millis));
  if (cfg_.disable_processing)
    log::warn("DISABLE_PROCESSING is set: events are acknowledged without action",
              {{"records", std::to_string(inv.records.size())}});

  // Every AWS call of this invocation ends before its deadline (the last second is for the
  // answer); records that cannot start with enough time left go back to their queue.
  const core::time::time_point deadline = req.ctx.deadline;
  svc_.aws.set_deadline(deadline - std::chrono::seconds(1));
  std::vector<record_outcome> outcomes;
  outcomes.reserve(inv.records.size());
  for (const auto& rec : inv.records) {
    const core::time::time_point at = std::chrono::system_clock::now();
    if (deadline - at < kRecordBudget) {
      record_outcome o;
      o.item_id = rec.item_id;
      o.message_id = rec.message_id;
      o.outcome = "error";
      o.retry_record = true;
      o.detail = "deadline: not started; delivered again";
      outcomes.push_back(std::move(o));
      continue;
    }
    outcomes.push_back(proc_.handle(rec, req.ctx.request_id, at, deadline));
  }

  std::map<std::string, int> detected;
  for (const auto& o : outcomes) {
    if (o.detected_by == drift::agent_source) detected["devops-agent"]++;
    if (o.detected_by == drift::scanner_source) detected["scanner"]++;
  }
  if (!detected.empty()) {
    if (auto r = put_drift_events_detected(svc_.aws, cfg_.metrics_namespace, detected); !r)
      log::error("DriftEventsDetected not published", {{"error", r.error().describe()}});
  }

  std::map<std::string, int> failures;
  for (const auto& o : outcomes)
    if (o.dispatch_failed)
      failures[o.environment.empty() ? cfg_.default_environment : o.environment]++;
  if (!failures.empty()) {
    if (auto r = put_dispatch_failures(svc_.aws, cfg_.metrics_namespace, failures); !r)
      log::error("DispatchFailures not published", {{"error", r.error().describe()}});
  }

  rapidjson::StringBuffer sb;
  json::writer w(sb);
  w.StartObject();
  json::key(w, "records");
  w.StartArray();
  bool any_failed = false;
  for (const auto& o : outcomes) {
    any_failed = any_failed || o.retry_record;
    w.StartObject();
    json::kv(w, "message_id", o.message_id);
    json::kv(w, "drift_event_id", o.drift_event_id);
    json::kv(w, "resource_arn", o.resource_arn);
    json::kv(w, "outcome", o.outcome);
    json::kv(w, "status", o.status);
    // Bounded: an answer (or a RecordsFailed error) stays small whatever a record held.
    json::kv(w, "detail", core::text::cut_utf8(o.detail, 1024, true));
    w.EndObject();
  }
  w.EndArray();
  json::key(w, "batchItemFailures");
  w.StartArray();
  for (const auto& o : outcomes) {
    if (!o.retry_record) continue;
    w.StartObject();
    json::kv(w, "itemIdentifier", o.item_id);
    w.EndObject();
  }
  w.EndArray();
  w.EndObject();
  std::string body(sb.GetString(), sb.GetSize());

  // SQS reads batchItemFailures; SNS (and direct) invocations only have success or failure.
  if (any_failed && inv.source != record_source::sqs)
    return lambda_runtime::invocation_response::failure({"RecordsFailed", body});
  return lambda_runtime::invocation_response::success(std::move(body));
}

}  // namespace orchestrator
