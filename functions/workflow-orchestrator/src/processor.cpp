#include "processor.h"

#include <lambda_runtime/log.h>

#include "decision.h"
#include "drift/event.h"
#include "history.h"
#include "json_util.h"
#include "locks.h"
#include "metadata.h"
#include "outbound.h"
#include "payload.h"
#include "remediation.h"

namespace orchestrator {
namespace log = lambda_runtime::log;
namespace {

constexpr auto kLeaseAfterDeadline = std::chrono::seconds(5);
// A dispatch needs GitHub's answer and then the history update that records it.
constexpr auto kDispatchBudget = std::chrono::seconds(6);

std::string alert_message(const std::string& headline, const std::string& event_id,
                          const std::string& resource_arn, const std::string& status,
                          const std::string& reason, const decision* d) {
  rapidjson::StringBuffer sb;
  json::writer w(sb);
  w.StartObject();
  json::kv(w, "message", headline);
  json::kv(w, "drift_event_id", event_id);
  json::kv(w, "resource_arn", resource_arn);
  json::kv(w, "status", status);
  json::kv(w, "reason", reason);
  if (d) {
    json::kv(w, "severity", d->severity);
    json::kv(w, "priority", d->priority);
    json::kv(w, "environment", d->environment);
  }
  json::kv(w, "source", "workflow-orchestrator");
  w.EndObject();
  return std::string(sb.GetString(), sb.GetSize());
}

// Everything one record's processing carries from step to step.
struct run {
  const config& cfg;
  services& svc;
  const inbound_record& rec;
  drift::drift_event ev;
  history& hist;
  history_key key;
  std::string lease_owner;
  int attempt = 0;  // retries before this one
  time_point now;
  record_outcome out;
  std::optional<std::string> lock_held;  // the remediation lock we hold (deployment id)

  void alert(const std::string& headline, const std::string& status, const std::string& reason,
             const decision* d) {
    if (cfg.alert_topic_arn.empty()) {
      log::warn("alert (no ALERT_TOPIC_ARN)", {{"alert", headline}, {"drift_event_id", ev.id}});
      return;
    }
    auto r = publish_alert(
        svc.aws, cfg.alert_topic_arn, "[drift] " + headline + ": " + ev.detail.resource_arn,
        alert_message(headline, ev.id, ev.detail.resource_arn, status, reason, d));
    if (!r)
      log::error("alert not sent", {{"error", r.error().describe()}, {"drift_event_id", ev.id}});
  }

  void release_lock() {
    if (!lock_held) return;
    auto r = release_remediation_lock(svc.aws, cfg.locks_table, *lock_held, ev.id);
    if (!r)
      log::error("remediation lock not released; its TTL will",
                 {{"lock_id", *lock_held}, {"error", r.error().describe()}});
    lock_held.reset();
  }

  // An AWS failure in the middle: let go of everything so a redelivery can resume.
  record_outcome& fail_transient(const std::string& step, const aws::error& e) {
    release_lock();
    if (auto r = hist.release(key, lease_owner); !r)
      log::error("history lease not released; it expires", {{"error", r.error().describe()}});
    out.outcome = "error";
    out.retry_record = true;
    out.detail = step + ": " + e.describe();
    log::error("record failed; it will be delivered again",
               {{"drift_event_id", ev.id}, {"step", step}, {"error", e.describe()}});
    return out;
  }

  record_outcome& finish(const std::string& outcome, const std::string& status,
                         const std::string& detail, const ddb::attributes& fields) {
    auto r = hist.update(key, lease_owner, status, fields, now);
    if (!r) return fail_transient("history update", r.error());
    out.outcome = outcome;
    out.status = status;
    out.detail = detail;
    log::info("record done", {{"drift_event_id", ev.id}, {"outcome", outcome}, {"detail", detail}});
    return out;
  }

  record_outcome& give_up(const std::string& reason, const decision* d) {
    const std::string detail = "gave up after " + std::to_string(attempt) + " retries: " + reason;
    ddb::attributes f = {{"error_message", ddb::S(detail)}, {"status_reason", ddb::S(detail)}};
    if (d) {
      f.emplace_back("severity", ddb::S(d->severity));
      f.emplace_back("priority", ddb::S(d->priority));
    }
    release_lock();
    finish("failed", status::failed, detail, f);
    if (out.outcome == "failed") alert("remediation not dispatched", status::failed, detail, d);
    return out;
  }

  // Lock held or GitHub busy: come back later through the retry queue.
  record_outcome& retry_later(const std::string& reason, std::chrono::seconds delay,
                              const decision* d) {
    release_lock();
    if (attempt >= cfg.max_retry_attempts) return give_up(reason, d);
    const int next = attempt + 1;
    if (delay.count() < 1) delay = std::chrono::seconds(1);
    const time_point when = now + delay;
    retry_ticket t;
    t.drift_event_id = key.drift_event_id;
    t.timestamp = key.timestamp;
    t.attempt = next;
    t.reason = reason;
    if (delay.count() > 900) t.not_before = iso8601(when);
    t.event_json = rec.body;
    // The item first: a retry message must find it waiting for exactly its attempt.
    auto upd = hist.update(key, lease_owner, status::retry_scheduled,
                           {{"attempts", ddb::N(next)},
                            {"retry_reason", ddb::S(reason)},
                            {"next_attempt_at", ddb::S(iso8601(when))}},
                           now);
    if (!upd) return fail_transient("history update", upd.error());
    auto sent = send_retry(svc.aws, cfg.retry_queue_url, to_json(t), delay.count());
    if (!sent) {
      // Put the item back the way a redelivery of this record can resume it.
      const bool from_retry = rec.retry.has_value();
      auto back = ddb::update_item(
          svc.aws, cfg.history_table,
          {{"drift_event_id", ddb::S(key.drift_event_id)}, {"timestamp", ddb::S(key.timestamp)}},
          "SET #status = :prev, #attempts = :attempt", "#status = :retry AND #attempts = :next",
          {{{"#status", "status"}, {"#attempts", "attempts"}},
           {{":prev", ddb::S(from_retry ? status::retry_scheduled : status::received)},
            {":attempt", ddb::N(attempt)},
            {":retry", ddb::S(status::retry_scheduled)},
            {":next", ddb::N(next)}}});
      if (!back)
        log::error("history item left retry_scheduled", {{"error", back.error().describe()}});
      out.outcome = "error";
      out.retry_record = true;
      out.detail = "retry queue: " + sent.error().describe();
      return out;
    }
    out.outcome = "retry_scheduled";
    out.status = status::retry_scheduled;
    out.detail = reason + " (retry " + std::to_string(next) + " of " +
                 std::to_string(cfg.max_retry_attempts) + " in " + std::to_string(delay.count()) +
                 " s)";
    log::info("retry scheduled", {{"drift_event_id", ev.id}, {"detail", out.detail}});
    return out;
  }
};

record_outcome reject(history& hist, const inbound_record& rec, record_outcome out,
                      const std::string& error, time_point now) {
  out.outcome = "rejected";
  out.status = status::rejected;
  out.detail = error;
  log::warn("record rejected", {{"message_id", rec.message_id}, {"error", error}});
  auto r = hist.reject(rec.message_id, rec.arrival_time, error, rec.body, now);
  if (!r) {
    out.outcome = "error";
    out.status.clear();
    out.retry_record = true;
    out.detail = error + "; and not recorded: " + r.error().describe();
  }
  return out;
}

}  // namespace

record_outcome processor::handle(const inbound_record& rec, const std::string& request_id,
                                 time_point now, time_point deadline) {
  record_outcome out;
  out.item_id = rec.item_id;
  out.message_id = rec.message_id;
  out.environment = cfg_.default_environment;
  history hist(svc_.aws, {cfg_.history_table, cfg_.history_ttl, deadline + kLeaseAfterDeadline});

  if (!rec.error.empty()) return reject(hist, rec, out, rec.error, now);
  auto parsed = drift::parse_event(rec.body);
  if (!parsed) return reject(hist, rec, out, parsed.error().message, now);
  drift::drift_event ev = std::move(parsed.value());
  if (ev.id.empty() || ev.time.empty())
    return reject(hist, rec, out, "invalid drift event: id and time must not be empty", now);
  out.drift_event_id = ev.id;
  out.resource_arn = ev.detail.resource_arn;
  if (auto env = environment_of(ev, nullptr); !env.empty()) out.environment = env;

  if (cfg_.disable_processing) {
    const std::string reason = "kill switch: DISABLE_PROCESSING is set";
    log::warn("event acknowledged without action", {{"drift_event_id", ev.id}, {"reason", reason}});
    auto r = rec.retry ? hist.skip_retry({rec.retry->drift_event_id, rec.retry->timestamp},
                                         rec.retry->attempt, reason, now)
                       : hist.skip_unprocessed(ev, rec.message_id, reason, now);
    if (!r) log::error("skip not recorded", {{"error", r.error().describe()}});
    out.outcome = "skipped";
    out.status = r ? status::skipped : "";
    out.detail = reason;
    return out;
  }

  run x{cfg_, svc_, rec, ev, hist, {ev.id, ev.time}, request_id + "/" + rec.message_id,
        0,    now,  out, {}};
  if (rec.retry) {
    x.key = {rec.retry->drift_event_id, rec.retry->timestamp};
    x.attempt = rec.retry->attempt;
    // SQS waits at most 15 minutes: a longer wait (a GitHub rate-limit reset) goes round again.
    if (auto nb = parse_iso8601(rec.retry->not_before); nb && *nb > now) {
      const auto left = std::chrono::duration_cast<std::chrono::seconds>(*nb - now).count() + 1;
      auto sent = send_retry(svc_.aws, cfg_.retry_queue_url, to_json(*rec.retry), left);
      x.out.outcome = sent ? "retry_scheduled" : "error";
      x.out.retry_record = !sent;
      x.out.detail = sent ? "waiting until " + rec.retry->not_before : sent.error().describe();
      return x.out;
    }
  }

  // 1. The history item first: whoever creates or claims it is the only one to go on.
  auto claimed = rec.retry ? hist.resume(x.key, x.attempt, x.lease_owner, now)
                           : hist.open(ev, rec.message_id, x.lease_owner, now);
  if (!claimed) {
    x.out.outcome = "error";
    x.out.retry_record = true;
    x.out.detail = "history: " + claimed.error().describe();
    log::error("history not written",
               {{"drift_event_id", ev.id}, {"error", claimed.error().describe()}});
    return x.out;
  }
  if (claimed.value() == claim::taken) {
    x.out.outcome = "duplicate";
    x.out.detail = rec.retry ? "retry " + std::to_string(x.attempt) + " already handled"
                             : "event already received";
    log::info("duplicate delivery ignored", {{"drift_event_id", ev.id}});
    return x.out;
  }

  // 2. The deployment to re-apply.
  auto found = latest_successful_deployment(svc_.aws, cfg_.metadata_table, ev.detail.resource_arn);
  if (!found) return x.fail_transient("deployment lookup", found.error());
  if (!found.value()) {
    const decision g = grade(ev, nullptr);
    const std::string detail = "no successful deployment recorded for " + ev.detail.resource_arn;
    x.finish("unmatched", status::unmatched, detail,
             {{"severity", ddb::S(g.severity)},
              {"priority", ddb::S(g.priority)},
              {"environment", ddb::S(g.environment)},
              {"status_reason", ddb::S(detail)}});
    if (x.out.outcome == "unmatched" && g.severity != "MEDIUM" && g.severity != "LOW" &&
        g.severity != "INFO")
      x.alert("drift on a resource with no deployment record", status::unmatched, detail, &g);
    return x.out;
  }
  const deployment dep = std::move(*found.value());
  const decision graded = grade(ev, &dep);
  if (!graded.environment.empty()) x.out.environment = graded.environment;

  // 3. Cool-down: a resource whose last remediation failed is not retried at once.
  if (cfg_.cooldown.count() > 0) {
    auto failed = hist.recent_failure(ev.detail.resource_arn, now - cfg_.cooldown);
    if (!failed) return x.fail_transient("cool-down check", failed.error());
    if (failed.value()) {
      const std::string detail = "cool-down: the remediation of event " + *failed.value() +
                                 " failed less than " + std::to_string(cfg_.cooldown.count()) +
                                 " s ago";
      x.finish("skipped", status::skipped, detail,
               {{"status_reason", ddb::S(detail)},
                {"deployment_id", ddb::S(dep.deployment_id)},
                {"severity", ddb::S(graded.severity)},
                {"priority", ddb::S(graded.priority)},
                {"environment", ddb::S(graded.environment)}});
      if (x.out.outcome == "skipped")
        x.alert("drift not remediated (cool-down)", status::skipped, detail, &graded);
      return x.out;
    }
  }

  // 4. Terraform's own lock, read only.
  auto tf = terraform_lock_holder(svc_.aws, dep);
  if (!tf) return x.fail_transient("terraform lock check", tf.error());
  if (tf.value())
    return x.retry_later("terraform lock held: " + *tf.value(), cfg_.retry_delay, &graded);

  // 5. Our remediation lock for the deployment.
  auto took = acquire_remediation_lock(
      svc_.aws, cfg_.locks_table,
      {dep.deployment_id, ev.id, ev.detail.resource_arn, now, cfg_.lock_ttl});
  if (!took) return x.fail_transient("remediation lock", took.error());
  if (!took.value())
    return x.retry_later("remediation lock for deployment " + dep.deployment_id + " is held",
                         cfg_.retry_delay, &graded);
  x.lock_held = dep.deployment_id;

  // 6. Policy compatibility, severity, approval.
  auto current_policy = svc_.policy.current(svc_.aws, now);
  if (!current_policy) return x.fail_transient("policy version", current_policy.error());
  const decision d = decide(ev, dep, current_policy.value());

  // 7. GitHub, only with time left to record what it answered: otherwise the record goes back
  // to its queue untouched, never to `duplicate`.
  if (deadline - std::chrono::system_clock::now() < kDispatchBudget) {
    x.release_lock();
    hist.release(x.key, x.lease_owner);
    x.out.outcome = "error";
    x.out.retry_record = true;
    x.out.detail = "deadline: too little time left to dispatch; delivered again";
    log::warn("dispatch not started before the deadline", {{"drift_event_id", ev.id}});
    return x.out;
  }
  auto token = svc_.token.get();
  if (!token) {
    x.release_lock();
    hist.release(x.key, x.lease_owner);
    x.out.outcome = "error";
    x.out.retry_record = true;
    x.out.detail = "GitHub token: " + token.error().message;
    log::error("GitHub token unavailable", {{"error", token.error().message}});
    return x.out;
  }
  // The facts the workflow will apply, in our table first: the dispatch only names them.
  const remediation rem = make_remediation(ev, x.key.timestamp, dep, d);
  if (auto rec = record_remediation(svc_.aws, cfg_.remediations_table, rem, now); !rec)
    return x.fail_transient("remediation record", rec.error());
  const std::string payload = build_client_payload(rem);
  const github::dispatch_result gh = svc_.github.dispatch(
      dispatch_event_type, payload, token.value(), deadline - std::chrono::seconds(3));
  x.out.dispatch_attempted = true;
  ddb::attributes response = {{"status_code", ddb::N(gh.status)},
                              {"outcome", ddb::S(github::to_string(gh.kind))},
                              {"requests", ddb::N(gh.attempts)}};
  if (!gh.message.empty()) response.emplace_back("message", ddb::S(gh.message));
  ddb::attributes common = {{"deployment_id", ddb::S(dep.deployment_id)},
                            {"git_commit_sha", ddb::S(dep.git_commit_sha)},
                            {"severity", ddb::S(d.severity)},
                            {"priority", ddb::S(d.priority)},
                            {"environment", ddb::S(d.environment)},
                            {"workflow_trigger_response", ddb::M_raw(response)}};

  if (gh.kind == github::outcome::success) {
    const bool review = d.manual_review_required;
    ddb::attributes f = common;
    f.emplace_back("remediation_triggered", ddb::BOOL(true));
    f.emplace_back("dispatched_at", ddb::S(iso8601(now, true)));
    f.emplace_back("auto_approve", ddb::BOOL(d.auto_approve));
    f.emplace_back("manual_review_required", ddb::BOOL(d.manual_review_required));
    f.emplace_back("review_reasons", ddb::L(d.review_reasons));
    f.emplace_back("policy_version", ddb::S(d.policy.deployed));
    f.emplace_back("current_policy_version", ddb::S(d.policy.current));
    f.emplace_back("lock_id", ddb::S(dep.deployment_id));
    f.emplace_back("remediation_id", ddb::S(rem.remediation_id));
    const std::string st = review ? status::awaiting_review : status::dispatched;
    const std::string detail = "dispatched deployment " + dep.deployment_id + " at " +
                               dep.git_commit_sha + (review ? " for review" : "");
    // The lock stays: the callback releases it (or its TTL does).
    x.lock_held.reset();
    auto upd = hist.update(x.key, x.lease_owner, st, f, now);
    x.out.outcome = review ? "awaiting_review" : "dispatched";
    x.out.status = st;
    x.out.detail = detail;
    if (!upd) {
      // Reporting a failure would dispatch again on redelivery: the lease keeps others off
      // the item until it expires, and the log says what the item is missing.
      log::error("dispatched, but history not updated",
                 {{"drift_event_id", ev.id}, {"error", upd.error().describe()}});
      x.out.status.clear();
    } else {
      log::info("remediation dispatched", {{"drift_event_id", ev.id},
                                           {"deployment_id", dep.deployment_id},
                                           {"severity", d.severity},
                                           {"priority", d.priority}});
    }
    return x.out;
  }

  x.out.dispatch_failed = true;
  const std::string gh_error = "GitHub answered " + std::to_string(gh.status) + ": " + gh.message;
  switch (gh.kind) {
    case github::outcome::permanent: {
      if (gh.status == 401) svc_.token.invalidate();  // a rotated token is read next time
      x.release_lock();
      ddb::attributes f = common;
      f.emplace_back("error_message", ddb::S(gh_error));
      x.finish("failed", status::failed, gh_error, f);
      if (x.out.outcome == "failed")
        x.alert("GitHub refused the remediation dispatch", status::failed, gh_error, &d);
      return x.out;
    }
    case github::outcome::rate_limited:
      return x.retry_later("GitHub rate limit: " + gh.message,
                           std::max(gh.retry_after, std::chrono::seconds(1)), &d);
    default:
      return x.retry_later("GitHub unavailable: " + (gh.status ? gh_error : gh.message),
                           cfg_.retry_delay, &d);
  }
}

}  // namespace orchestrator
