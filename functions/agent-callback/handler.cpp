#include "handler.h"

#include <lambda_runtime/log.h>
#include <rapidjson/stringbuffer.h>
#include <rapidjson/writer.h>

#include <algorithm>
#include <cstdio>
#include <thread>

#include "claim.h"
#include "core/time.h"
#include "drift/status.h"
#include "messages.h"
#include "mttr.h"
#include "outcome_report.h"
#include "request.h"
#include "revert_check.h"
#include "store/history.h"
#include "store/locks.h"
#include "store/remediations.h"

namespace callback {
namespace log = lambda_runtime::log;
namespace status = drift::status;
using lambda_runtime::invocation_response;

namespace {

// Two callbacks racing on one record: each lost race re-reads; more than a few means
// something keeps moving the record, which is worth an error rather than a loop.
constexpr int kMaxAttempts = 4;
// The orchestrator leases a record while it dispatches and records the dispatch; a callback
// faster than that waits for the lease (or its expiry) instead of racing its last update.
constexpr auto kLeaseWait = std::chrono::seconds(10);
constexpr auto kLeasePoll = std::chrono::milliseconds(250);

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

// What one outcome call works with, from step to step.
struct outcome_call {
  aws::session& s;
  const config& cfg;
  const request& r;
  core::time::time_point deadline;
  store::history history;
  store::locks locks;
  // The remediation the outcome names, once its claimant is checked.
  std::optional<store::remediation_record> remediation;

  outcome_call(aws::session& session, const config& c, const request& req, core::time::time_point d)
      : s(session),
        cfg(c),
        r(req),
        deadline(d),
        history(session, c.history_table),
        locks(session, c.locks_table) {}
};

// The message about an outcome, with what the claimed remediation says (the known-good commit,
// the region) and the repository the messaging is configured for.
notify::message message_for(const outcome_call& c, const outcome_facts& f) {
  message_context ctx;
  ctx.repository = c.cfg.notify.github_repository;
  if (c.remediation) {
    ctx.commit = c.remediation->git_commit_sha;
    ctx.region = c.remediation->region;
  }
  return outcome_message(f, ctx);
}

// Everything after the history update: the lock, metrics, notice, completion event, and
// the mark that says they went out. Any failure leaves outcome_published false, so calling
// again with the same outcome finishes the job. The message for people goes out after them
// (deliver_message: its failures never fail the call).
std::optional<invocation_response> report_final(outcome_call& c, const outcome_facts& f,
                                                summary& sum) {
  const notify::message message = message_for(c, f);
  sum.lock = "none";
  if (!f.record.lock_id.empty()) {
    auto rel = c.locks.release(f.record.lock_id, f.record.drift_event_id);
    if (!rel) return aws_failure("releasing the remediation lock", rel.error());
    sum.lock = *rel == store::release_result::released ? "released" : "not_owner";
    log::info("callback: remediation lock", {{"lock_id", f.record.lock_id}, {"result", sum.lock}});
  }
  if (auto m = put_outcome_metrics(c.s, c.cfg.metrics_namespace, f); !m)
    return aws_failure("PutMetricData", m.error());
  if (f.status != status::remediated) {
    if (auto n = publish_notice(c.s, c.cfg.alert_topic_arn, f, message); !n)
      return aws_failure("publishing the notice", n.error());
  }
  if (auto e = put_completion_event(c.s, c.cfg.event_bus_name, f); !e)
    return aws_failure("PutEvents", e.error());
  if (auto p = c.history.mark_published(f.record.key(), f.status); !p)
    return aws_failure("marking the outcome published", p.error());
  if (f.status == status::remediated)
    request_revert_checks(c.s, c.cfg, f.record, c.r.remediation_id);
  else
    record_failed_remediation(c.s, c.cfg, f.record, c.r.remediation_id);
  deliver_message(c.s, c.cfg, message);
  return std::nullopt;
}

// The review notice and message.
std::optional<invocation_response> report_review(outcome_call& c, const outcome_facts& f) {
  const notify::message m = message_for(c, f);
  if (auto n = publish_notice(c.s, c.cfg.alert_topic_arn, f, m); !n)
    return aws_failure("publishing the review notice", n.error());
  deliver_message(c.s, c.cfg, m);
  return std::nullopt;
}

// A run waiting for review keeps the lock, and the lock must outlive the orchestrator's short
// TTL so that nothing else remediates this deployment meanwhile. Extended only when less than
// half the review period is left, so an immediate repeat changes nothing.
std::optional<invocation_response> hold_lock_for_review(outcome_call& c,
                                                        const store::history_item& rec,
                                                        clock::time_point now) {
  if (rec.lock_id.empty()) return std::nullopt;
  const long long t = core::time::epoch_seconds(now);
  auto ext = c.locks.extend(rec.lock_id, rec.drift_event_id, t + c.cfg.review_lock_ttl_seconds,
                            t + c.cfg.review_lock_ttl_seconds / 2);
  if (!ext) return aws_failure("extending the remediation lock", ext.error());
  log::info("callback: remediation lock held for review",
            {{"lock_id", rec.lock_id}, {"extended", *ext ? "true" : "false"}});
  return std::nullopt;
}

invocation_response handle_claim(aws::session& s, const config& cfg, const claim_request& c) {
  if (cfg.remediations_table.empty())
    return fail(kConfigurationError, claims_unavailable("claims cannot be recorded"));
  log::info("claim received", {{"remediation_id", c.remediation_id}, {"run_id", c.run_id}});
  auto got = store::remediations(s, cfg.remediations_table)
                 .claim(c.remediation_id, c.run_id, c.run_url, clock::now());
  if (!got) return aws_failure("claiming the remediation", got.error());
  switch (got->verdict) {
    case store::claim_verdict::unknown:
      return fail(kUnknownRemediation, "no remediation '" + c.remediation_id + "' is recorded");
    case store::claim_verdict::already_claimed:
      return fail(kAlreadyClaimed, "remediation '" + c.remediation_id + "' was claimed by run '" +
                                       got->claimed_by + "'" +
                                       (got->claimed_at.empty() ? "" : " at " + got->claimed_at) +
                                       "; this run applies nothing");
    case store::claim_verdict::claimed:
      break;
  }
  log::info("remediation claimed", {{"remediation_id", c.remediation_id}, {"run_id", c.run_id}});
  return invocation_response::success(facts_json(got->record));
}

// An outcome that names its remediation counts only from the run holding the claim.
std::optional<invocation_response> refuse_unless_claimant(outcome_call& c) {
  if (c.r.remediation_id.empty()) return std::nullopt;
  if (c.cfg.remediations_table.empty())
    return fail(kConfigurationError, claims_unavailable("the claim cannot be checked"));
  auto found = store::remediations(c.s, c.cfg.remediations_table).find(c.r.remediation_id);
  if (!found) return aws_failure("reading the remediation", found.error());
  if (auto refused = claimant_refusal(*found, c.r.remediation_id, c.r.run_id, c.r.drift_event_id))
    return fail(refused->code.c_str(), refused->message);
  c.remediation = *found;
  return std::nullopt;
}

// The event's history item once the orchestrator's lease is gone (or the wait is over).
// Waits no longer than the deadline allows (3 s kept for the work).
core::result<store::history_item, invocation_response> read_unleased(
    outcome_call& c, std::chrono::steady_clock::time_point wait_until) {
  for (;;) {
    auto found = c.history.find(c.r.drift_event_id);
    if (!found) return aws_failure("reading drift history", found.error());
    if (!*found)
      return fail(kUnknownEvent,
                  "no drift history record for drift_event_id '" + c.r.drift_event_id + "'");
    const store::history_item& rec = **found;
    const long long now_s = core::time::epoch_seconds(clock::now());
    if (rec.lease_owner.empty() || rec.lease_until <= now_s || status::is_final(rec.status))
      return rec;
    if (std::chrono::steady_clock::now() >= wait_until)
      return fail(kDependencyFailure, "drift event '" + c.r.drift_event_id +
                                          "' is still being dispatched by the orchestrator; "
                                          "call again");
    std::this_thread::sleep_for(kLeasePoll);
  }
}

std::chrono::steady_clock::time_point lease_wait_until(core::time::time_point deadline) {
  const auto left = std::chrono::duration_cast<std::chrono::steady_clock::duration>(
      deadline - std::chrono::system_clock::now() - std::chrono::seconds(3));
  return std::chrono::steady_clock::now() +
         std::max(std::chrono::steady_clock::duration::zero(),
                  std::min<std::chrono::steady_clock::duration>(kLeaseWait, left));
}

// The same outcome again: nothing to change, unless an earlier call recorded it but did not
// finish reporting it.
invocation_response answer_repeat(outcome_call& c, const store::history_item& rec, summary sum) {
  sum.mttr = rec.mttr_seconds;
  const bool final_outcome = status::is_final(c.r.status);
  sum.lock = final_outcome ? "none" : "kept";
  if (final_outcome && !rec.outcome_published) {
    log::info("callback: completing an earlier call's reporting",
              {{"drift_event_id", c.r.drift_event_id}});
    const outcome_facts f{rec,
                          rec.status,
                          c.r.reported_status,
                          rec.mttr_seconds,
                          rec.completed_at,
                          rec.workflow_run_url,
                          rec.error_message,
                          rec.mttr_from_change_seconds};
    if (auto err = report_final(c, f, sum)) return *err;
    sum.changed = true;
    return respond(sum);
  }
  // The orchestrator records awaiting_review itself when it dispatches for review; the lock
  // still has to be held for the reviewer.
  if (!final_outcome) {
    if (auto err = hold_lock_for_review(c, rec, clock::now())) return *err;
    // The orchestrator's awaiting_review came with the dispatch, before any run: the run's own
    // report of its stop (the item has no run URL yet, the call brings one) gets the message
    // (the alert topic heard of the review at dispatch). A repeat of that report may send the
    // chat message again; the GitHub issue is only updated.
    if (rec.workflow_run_url.empty() && !c.r.workflow_run_url.empty()) {
      const outcome_facts f{rec, rec.status,           c.r.reported_status, std::nullopt,
                            {},  c.r.workflow_run_url, c.r.error_message,   std::nullopt};
      deliver_message(c.s, c.cfg, message_for(c, f));
    }
  }
  log::info("callback: outcome already recorded, nothing to change",
            {{"drift_event_id", c.r.drift_event_id}, {"status", rec.status}});
  return respond(sum);
}

// The update to write: the outcome, and for a final one the MTTR measured from the item's
// detection time (the caller's own figure only when it agrees).
store::outcome_update outcome_update_for(const outcome_call& c, const store::history_item& rec,
                                         clock::time_point now, summary& sum) {
  store::outcome_update u;
  u.status = c.r.status;
  u.reported_status = c.r.reported_status;
  u.at = now;
  u.workflow_run_url = c.r.workflow_run_url;
  u.error_message = c.r.error_message;
  if (!status::is_final(c.r.status)) return u;
  const auto d = decide_mttr(c.r.mttr_seconds, core::time::parse_iso8601(rec.timestamp), now,
                             c.cfg.mttr_tolerance_seconds);
  if (d.source == mttr_source::replaced)
    log::warn("callback: given MTTR contradicts the recorded detection time; using the record",
              {{"drift_event_id", c.r.drift_event_id},
               {"given_seconds", seconds_text(*c.r.mttr_seconds)},
               {"computed_seconds", seconds_text(*d.computed)},
               {"detected_at", rec.timestamp}});
  if (!d.computed && !rec.timestamp.empty())
    log::warn("callback: the record's detection time is unreadable",
              {{"timestamp", rec.timestamp}});
  u.mttr_seconds = d.seconds;
  u.mttr_from_change_seconds = recovery_seconds(core::time::parse_iso8601(rec.change_time), now);
  sum.mttr = d.seconds;
  sum.mttr_source = std::string(to_string(d.source));
  return u;
}

// After the update: a review keeps the lock and asks a human; a final outcome is reported.
invocation_response report(outcome_call& c, const store::history_item& rec,
                           const store::outcome_update& u, summary sum) {
  const outcome_facts f{rec,
                        sum.status,
                        c.r.reported_status,
                        u.mttr_seconds,
                        core::time::iso8601(u.at),
                        c.r.workflow_run_url,
                        c.r.error_message,
                        u.mttr_from_change_seconds};
  if (!status::is_final(c.r.status)) {
    // The run stopped for a human: the lock stays, and outlives the orchestrator's short TTL,
    // so nothing else remediates this deployment meanwhile.
    sum.lock = "kept";
    if (auto err = hold_lock_for_review(c, rec, u.at)) return *err;
    if (auto err = report_review(c, f)) return *err;
    return respond(sum);
  }
  if (auto err = report_final(c, f, sum)) return *err;
  return respond(sum);
}

// Reads the item, moves it along the lifecycle on condition that it still holds what was read,
// and reports; a lost race reads again.
invocation_response record_outcome(outcome_call& c) {
  const auto wait_until = lease_wait_until(c.deadline);
  for (int attempt = 0; attempt < kMaxAttempts; ++attempt) {
    auto found = read_unleased(c, wait_until);
    if (!found) return found.error();
    const store::history_item& rec = *found;
    summary sum;
    sum.drift_event_id = c.r.drift_event_id;
    sum.previous_status = rec.status;
    sum.status = std::string(status::of(c.r.status));
    switch (status::classify(rec.status, c.r.status)) {
      case status::transition::conflict:
        return fail(kStatusConflict, "drift event '" + c.r.drift_event_id +
                                         "' is already final as '" + rec.status +
                                         "'; refusing to record '" + c.r.reported_status + "'");
      case status::transition::repeat:
        return answer_repeat(c, rec, sum);
      case status::transition::apply:
        break;
    }
    const store::outcome_update u = outcome_update_for(c, rec, clock::now(), sum);
    auto applied = c.history.record_outcome(rec, u);
    if (!applied) return aws_failure("updating drift history", applied.error());
    if (!*applied) {
      log::info("callback: the record changed while we looked; reading it again",
                {{"drift_event_id", c.r.drift_event_id}});
      continue;
    }
    sum.changed = true;
    log::info("callback: history updated",
              {{"drift_event_id", c.r.drift_event_id}, {"from", rec.status}, {"to", sum.status}});
    return report(c, rec, u, sum);
  }
  return fail(kStatusConflict, "drift event '" + c.r.drift_event_id +
                                   "' kept changing while this outcome was being recorded");
}

// One run answers every drift event its remediation names (the orchestrator gathers a
// deployment's drift into one dispatch): each other event's item gets the same outcome, with
// its own MTTR from its own detection time, and its own reports. Repeats change nothing, so a
// workflow that also reports per event id, or a call repeated after a failure, is safe.
std::optional<invocation_response> record_for_every_event(outcome_call& c) {
  if (!c.remediation) return std::nullopt;
  for (const auto& id : c.remediation->drift_event_ids) {
    if (id == c.r.drift_event_id) continue;
    request each = c.r;
    each.drift_event_id = id;
    each.mttr_seconds.reset();  // the caller measured its own event's
    outcome_call ec(c.s, c.cfg, each, c.deadline);
    ec.remediation = c.remediation;  // checked once for the run; its commit is every event's
    auto answer = record_outcome(ec);
    if (answer.is_success()) continue;
    if (answer.failure_info().type == kDependencyFailure) return answer;
    log::warn("callback: an event of the remediation keeps its status",
              {{"drift_event_id", id}, {"error", answer.failure_info().message}});
  }
  return std::nullopt;
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
  outcome_call c(s, cfg, *parsed, req.ctx.deadline);
  if (auto refused = refuse_unless_claimant(c)) return *refused;
  log::info("callback received", {{"drift_event_id", c.r.drift_event_id},
                                  {"remediation_status", c.r.reported_status},
                                  {"workflow_run_url", c.r.workflow_run_url}});
  auto answer = record_outcome(c);
  if (answer.is_success())
    if (auto failed = record_for_every_event(c)) return *failed;
  return answer;
}

}  // namespace callback
