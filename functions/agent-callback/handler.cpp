#include "handler.h"

#include <lambda_runtime/log.h>
#include <rapidjson/stringbuffer.h>
#include <rapidjson/writer.h>

#include <algorithm>
#include <cstdio>
#include <ctime>
#include <thread>

#include "claim.h"
#include "history_store.h"
#include "lock_release.h"
#include "mttr.h"
#include "outcome_report.h"
#include "request.h"

namespace callback {
namespace log = lambda_runtime::log;
using lambda_runtime::invocation_response;

namespace {

// Two callbacks racing on one record: each lost race re-reads; more than a few means
// something keeps moving the record, which is worth an error rather than a loop.
constexpr int kMaxAttempts = 4;
// The orchestrator leases a record while it dispatches and records the dispatch; a callback
// faster than that waits for the lease (or its expiry) instead of racing its last update.
constexpr auto kLeaseWait = std::chrono::seconds(10);
constexpr auto kLeasePoll = std::chrono::milliseconds(250);

std::string iso_now(clock::time_point t) {
  const std::time_t tt = clock::to_time_t(t);
  std::tm tm{};
  ::gmtime_r(&tt, &tm);
  char buf[32];
  std::strftime(buf, sizeof buf, "%Y-%m-%dT%H:%M:%SZ", &tm);
  return buf;
}

std::string seconds_text(double v) {
  char buf[32];
  std::snprintf(buf, sizeof buf, "%.0f", v);
  return buf;
}

invocation_response fail(const char* type, std::string message) {
  log::warn("callback refused", {{"errorType", type}, {"errorMessage", message}});
  return invocation_response::failure({type, std::move(message)});
}

invocation_response aws_failure(std::string_view what, const aws::error& e) {
  log::error("callback: AWS call failed", {{"step", what}, {"error", e.describe()}});
  return invocation_response::failure(
      {kDependencyFailure, std::string(what) + " failed: " + e.describe()});
}

struct summary {
  std::string drift_event_id;
  std::string status;
  std::string previous_status;
  bool changed = false;
  std::optional<double> mttr;
  std::string mttr_source;
  std::string lock;  // released | not_owner | kept | none
};

invocation_response respond(const summary& s) {
  rapidjson::StringBuffer buf;
  rapidjson::Writer<rapidjson::StringBuffer> w(buf);
  auto kv = [&](const char* k, const std::string& v) {
    w.Key(k);
    w.String(v.c_str(), static_cast<rapidjson::SizeType>(v.size()));
  };
  w.StartObject();
  kv("drift_event_id", s.drift_event_id);
  kv("status", s.status);
  kv("previous_status", s.previous_status);
  w.Key("changed");
  w.Bool(s.changed);
  w.Key("mttr_seconds");
  if (s.mttr)
    w.Double(*s.mttr);
  else
    w.Null();
  if (!s.mttr_source.empty()) kv("mttr_source", s.mttr_source);
  kv("lock", s.lock);
  w.EndObject();
  return invocation_response::success({buf.GetString(), buf.GetSize()});
}

// Everything after the history update: the lock, metrics, notice, completion event, and
// the mark that says they went out. Any failure leaves outcome_published false, so calling
// again with the same outcome finishes the job.
std::optional<invocation_response> report_final(aws::session& s, const config& cfg,
                                                history_store& store, const outcome_facts& f,
                                                summary& sum) {
  sum.lock = "none";
  if (!f.record.deployment_id.empty()) {
    auto rel = release_lock(s, cfg.locks_table, f.record.deployment_id, f.record.drift_event_id);
    if (!rel) return aws_failure("releasing the remediation lock", rel.error());
    sum.lock = *rel == release_result::released ? "released" : "not_owner";
    log::info("callback: remediation lock",
              {{"lock_id", f.record.deployment_id}, {"result", sum.lock}});
  }
  if (auto m = put_outcome_metrics(s, cfg.metrics_namespace, f); !m)
    return aws_failure("PutMetricData", m.error());
  if (f.status != "remediated") {
    if (auto n = publish_notice(s, cfg.alert_topic_arn, f); !n)
      return aws_failure("publishing the notice", n.error());
  }
  if (auto e = put_completion_event(s, cfg.event_bus_name, f); !e)
    return aws_failure("PutEvents", e.error());
  if (auto p = store.mark_published(f.record, f.status); !p)
    return aws_failure("marking the outcome published", p.error());
  return std::nullopt;
}

// A run waiting for review keeps the lock, and the lock must outlive the orchestrator's short
// TTL so that nothing else remediates this deployment meanwhile. Extended only when less than
// half the review period is left, so an immediate repeat changes nothing.
std::optional<invocation_response> hold_lock_for_review(aws::session& s, const config& cfg,
                                                        const history_record& rec,
                                                        clock::time_point now) {
  if (rec.deployment_id.empty()) return std::nullopt;
  const long long t =
      std::chrono::duration_cast<std::chrono::seconds>(now.time_since_epoch()).count();
  auto ext = extend_lock(s, cfg.locks_table, rec.deployment_id, rec.drift_event_id,
                         t + cfg.review_lock_ttl_seconds, t + cfg.review_lock_ttl_seconds / 2);
  if (!ext) return aws_failure("extending the remediation lock", ext.error());
  log::info("callback: remediation lock held for review",
            {{"lock_id", rec.deployment_id}, {"extended", *ext ? "true" : "false"}});
  return std::nullopt;
}

invocation_response handle_claim(aws::session& s, const config& cfg, const claim_request& c) {
  if (cfg.remediations_table.empty())
    return fail(kConfigurationError, "REMEDIATIONS_TABLE is not set: claims cannot be recorded");
  log::info("claim received", {{"remediation_id", c.remediation_id}, {"run_id", c.run_id}});
  remediation_store store(s, cfg.remediations_table);
  auto got = store.claim(c, iso_now(clock::now()));
  if (!got) return aws_failure("claiming the remediation", got.error());
  switch (got->verdict) {
    case claim_verdict::unknown:
      return fail(kUnknownRemediation, "no remediation '" + c.remediation_id + "' is recorded");
    case claim_verdict::already_claimed:
      return fail(kAlreadyClaimed, "remediation '" + c.remediation_id + "' was claimed by run '" +
                                       got->claimed_by + "'" +
                                       (got->claimed_at.empty() ? "" : " at " + got->claimed_at) +
                                       "; this run applies nothing");
    case claim_verdict::claimed:
      break;
  }
  log::info("remediation claimed", {{"remediation_id", c.remediation_id}, {"run_id", c.run_id}});
  return invocation_response::success(got->facts_json);
}

}  // namespace

invocation_response handle(aws::session& s, const config& cfg,
                           const lambda_runtime::invocation_request& req) {
  // Every AWS call ends before the invocation's deadline (the last second is for the answer).
  s.set_deadline(req.ctx.deadline - std::chrono::seconds(1));
  auto claim = parse_claim(req.payload);
  if (!claim) return fail(kInvalidInput, claim.error().message);
  if (*claim) return handle_claim(s, cfg, **claim);

  auto parsed = parse_request(req.payload);
  if (!parsed) return fail(kInvalidInput, parsed.error().message);
  const request& r = *parsed;
  if (!r.remediation_id.empty()) {
    if (cfg.remediations_table.empty())
      return fail(kConfigurationError,
                  "REMEDIATIONS_TABLE is not set: the claim cannot be checked");
    auto refused = remediation_store(s, cfg.remediations_table)
                       .refuse_unless_claimant(r.remediation_id, r.run_id, r.drift_event_id);
    if (!refused) return aws_failure("reading the remediation", refused.error());
    if (*refused) return fail((*refused)->code.c_str(), (*refused)->message);
  }
  log::info("callback received", {{"drift_event_id", r.drift_event_id},
                                  {"remediation_status", r.reported_status},
                                  {"workflow_run_url", r.workflow_run_url}});
  history_store store(s, cfg.history_table);

  // Wait for the orchestrator's lease no longer than the deadline allows (3 s kept for the work).
  const auto left = std::chrono::duration_cast<std::chrono::steady_clock::duration>(
      req.ctx.deadline - std::chrono::system_clock::now() - std::chrono::seconds(3));
  const auto lease_deadline =
      std::chrono::steady_clock::now() +
      std::max(std::chrono::steady_clock::duration::zero(),
               std::min<std::chrono::steady_clock::duration>(kLeaseWait, left));
  for (int attempt = 0; attempt < kMaxAttempts;) {
    auto found = store.find(r.drift_event_id);
    if (!found) return aws_failure("reading drift history", found.error());
    if (!*found)
      return fail(kUnknownEvent,
                  "no drift history record for drift_event_id '" + r.drift_event_id + "'");
    const history_record& rec = **found;
    const long long now_s =
        std::chrono::duration_cast<std::chrono::seconds>(clock::now().time_since_epoch()).count();
    if (!rec.lease_owner.empty() && rec.lease_until > now_s && !is_final_status(rec.status)) {
      if (std::chrono::steady_clock::now() >= lease_deadline)
        return fail(kDependencyFailure, "drift event '" + r.drift_event_id +
                                            "' is still being dispatched by the orchestrator; "
                                            "call again");
      std::this_thread::sleep_for(kLeasePoll);
      continue;
    }
    ++attempt;

    summary sum;
    sum.drift_event_id = r.drift_event_id;
    sum.previous_status = rec.status;
    sum.status = std::string(history_status(r.status));

    switch (classify(rec.status, r.status)) {
      case transition::conflict:
        return fail(kStatusConflict, "drift event '" + r.drift_event_id +
                                         "' is already final as '" + rec.status +
                                         "'; refusing to record '" + r.reported_status + "'");
      case transition::repeat: {
        sum.mttr = rec.mttr_seconds;
        sum.lock = is_final(r.status) ? "none" : "kept";
        if (is_final(r.status) && !rec.outcome_published) {
          // An earlier call recorded this outcome but did not finish reporting it.
          log::info("callback: completing an earlier call's reporting",
                    {{"drift_event_id", r.drift_event_id}});
          outcome_facts f{rec,
                          rec.status,
                          r.reported_status,
                          rec.mttr_seconds,
                          rec.completed_at,
                          rec.workflow_run_url,
                          rec.error_message};
          if (auto err = report_final(s, cfg, store, f, sum)) return *err;
          sum.changed = true;
        } else {
          // The orchestrator records awaiting_review itself when it dispatches for review;
          // the lock still has to be held for the reviewer.
          if (!is_final(r.status))
            if (auto err = hold_lock_for_review(s, cfg, rec, clock::now())) return *err;
          log::info("callback: outcome already recorded, nothing to change",
                    {{"drift_event_id", r.drift_event_id}, {"status", rec.status}});
        }
        return respond(sum);
      }
      case transition::apply:
        break;
    }

    const auto now = clock::now();
    outcome_update u;
    u.status = r.status;
    u.reported_status = r.reported_status;
    u.at = iso_now(now);
    u.workflow_run_url = r.workflow_run_url;
    u.error_message = r.error_message;
    if (is_final(r.status)) {
      const auto d = decide_mttr(r.mttr_seconds, parse_timestamp(rec.timestamp), now,
                                 cfg.mttr_tolerance_seconds);
      if (d.source == mttr_source::replaced) {
        const std::string given = seconds_text(*r.mttr_seconds);
        const std::string computed = seconds_text(*d.computed);
        log::warn("callback: given MTTR contradicts the recorded detection time; using the record",
                  {{"drift_event_id", r.drift_event_id},
                   {"given_seconds", given},
                   {"computed_seconds", computed},
                   {"detected_at", rec.timestamp}});
      }
      if (!d.computed && !rec.timestamp.empty())
        log::warn("callback: the record's detection time is unreadable",
                  {{"timestamp", rec.timestamp}});
      u.mttr_seconds = d.seconds;
      sum.mttr = d.seconds;
      sum.mttr_source = std::string(to_string(d.source));
    }

    auto applied = store.record_outcome(rec, u);
    if (!applied) return aws_failure("updating drift history", applied.error());
    if (!*applied) {
      log::info("callback: the record changed while we looked; reading it again",
                {{"drift_event_id", r.drift_event_id}});
      continue;
    }
    sum.changed = true;
    log::info("callback: history updated",
              {{"drift_event_id", r.drift_event_id}, {"from", rec.status}, {"to", sum.status}});

    outcome_facts f{rec,  sum.status,         r.reported_status, u.mttr_seconds,
                    u.at, r.workflow_run_url, r.error_message};
    if (!is_final(r.status)) {
      // The run stopped for a human: the lock stays, and outlives the orchestrator's short TTL,
      // so nothing else remediates this deployment meanwhile.
      sum.lock = "kept";
      if (auto err = hold_lock_for_review(s, cfg, rec, now)) return *err;
      if (auto n = publish_notice(s, cfg.alert_topic_arn, f); !n)
        return aws_failure("publishing the review notice", n.error());
      return respond(sum);
    }
    if (auto err = report_final(s, cfg, store, f, sum)) return *err;
    return respond(sum);
  }
  return fail(kStatusConflict, "drift event '" + r.drift_event_id +
                                   "' kept changing while this outcome was being recorded");
}

}  // namespace callback
