#include "processor.h"

#include <lambda_runtime/log.h>

#include <thread>

#include "decision.h"
#include "drift/event.h"
#include "drift/status.h"
#include "drifts_follow.h"
#include "json_util.h"
#include "locks.h"
#include "outbound.h"
#include "payload.h"
#include "remediation.h"
#include "store/deployments.h"
#include "store/history.h"
#include "store/locks.h"
#include "store/remediations.h"

namespace orchestrator {
namespace log = lambda_runtime::log;
namespace status = drift::status;
using core::time::time_point;
namespace {

constexpr auto kLeaseAfterDeadline = std::chrono::seconds(5);
// A dispatch needs GitHub's answer and then the history update that records it.
constexpr auto kDispatchBudget = std::chrono::seconds(6);
// A lock names its gathering a moment before the gathering is written: a joiner looks again
// this often, this many times, before it waits for the lock instead.
constexpr auto kJoinPoll = std::chrono::milliseconds(200);
constexpr int kJoinPolls = 5;
// How far ahead of our clock an event's changeTime may be (the changer's clock, CloudTrail's)
// before it is taken for garbage.
constexpr auto kChangeTimeSkew = std::chrono::minutes(5);

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
  time_point now;
  time_point deadline;
  store::history hist;
  store::remediations rems;
  record_outcome out;
  drift::drift_event ev;
  store::history_key key;
  std::string lease_owner;
  int attempt = 0;  // retries before this one
  std::optional<deployment> dep;
  decision graded;                       // severity and priority, once the deployment is known
  std::optional<std::string> lock_held;  // the remediation lock we hold (deployment id)
  // The remediation this event recorded for its deployment and not yet handed to a run: while
  // it is gathering, other events of the deployment join it and its lock stays taken.
  std::optional<store::remediation_record> leads;

  run(const config& c, services& s, const inbound_record& r, time_point n, time_point d)
      : cfg(c),
        svc(s),
        rec(r),
        now(n),
        deadline(d),
        hist(s.aws, c.history_table, c.history_ttl),
        rems(s.aws, c.remediations_table) {
    out.item_id = rec.item_id;
    out.message_id = rec.message_id;
    out.environment = cfg.default_environment;
  }

  // The processing lease ends a few seconds after the invocation's deadline: before Lambda's
  // first asynchronous retry and the retry queue's visibility timeout (a delivery that crashed
  // is processed again), and never while the dispatch is under way.
  time_point lease_until() const { return deadline + kLeaseAfterDeadline; }

  std::string remediation_id() const {
    return remediation_id_for(key.drift_event_id, key.timestamp);
  }
  bool gathering() const { return leads && leads->status == store::remediation_gathering; }

  void alert(const std::string& headline, std::string_view st, const std::string& reason,
             const decision* d) {
    if (cfg.alert_topic_arn.empty()) {
      log::warn("alert (no ALERT_TOPIC_ARN)", {{"alert", headline}, {"drift_event_id", ev.id}});
      return;
    }
    auto r = publish_alert(
        svc.aws, cfg.alert_topic_arn, "[drift] " + headline + ": " + ev.detail.resource_arn,
        alert_message(headline, ev.id, ev.detail.resource_arn, std::string(st), reason, d));
    if (!r)
      log::error("alert not sent", {{"error", r.error().describe()}, {"drift_event_id", ev.id}});
  }

  // A gathering keeps its deployment's lock: events that find it held join the gathering.
  void release_lock() {
    if (!lock_held || gathering()) return;
    auto r = store::locks(svc.aws, cfg.locks_table).release(*lock_held, ev.id);
    if (!r)
      log::error("remediation lock not released; its TTL will",
                 {{"lock_id", *lock_held}, {"error", r.error().describe()}});
    lock_held.reset();
  }

  // Lets go of the lock and the lease: the record goes back to its queue untouched.
  record_outcome& deliver_again(const std::string& detail) {
    release_lock();
    if (auto r = hist.release(key, lease_owner); !r)
      log::error("history lease not released; it expires", {{"error", r.error().describe()}});
    out.outcome = "error";
    out.retry_record = true;
    out.detail = detail;
    return out;
  }

  // An AWS failure in the middle: let go of everything so a redelivery can resume.
  record_outcome& fail_transient(const std::string& step, const aws::error& e) {
    log::error("record failed; it will be delivered again",
               {{"drift_event_id", ev.id}, {"step", step}, {"error", e.describe()}});
    return deliver_again(step + ": " + e.describe());
  }

  // The events that joined this one's remediation take the status it takes, with its fields.
  // One left behind (an AWS failure) still gets the run's outcome from the callback, which
  // records it on every event the remediation names.
  // Returns the drifts (of the drifts table) the moved events name.
  std::vector<drift_ref> members_follow(const store::remediation_record& r, std::string_view st,
                                        const store::history_fields& f) {
    std::vector<drift_ref> drifts;
    for (const auto& id : r.drift_event_ids) {
      if (id == key.drift_event_id) continue;
      auto item = hist.find(id);
      if (!item || !*item) {
        log::error("joined event not found",
                   {{"drift_event_id", id}, {"error", item ? "no item" : item.error().describe()}});
        continue;
      }
      auto moved = hist.follow((**item).key(), r.remediation_id, st, f, now);
      if (!moved) {
        log::error("joined event not moved on",
                   {{"drift_event_id", id}, {"error", moved.error().describe()}});
        continue;
      }
      log::info("joined event moved on", {{"drift_event_id", id},
                                          {"remediation_id", r.remediation_id},
                                          {"status", *moved ? std::string(st) : "unchanged"}});
      if (auto d = drift_of(**item); d && *moved) drifts.push_back(std::move(*d));
    }
    return drifts;
  }

  // This event's drift and the joined events' ones.
  std::vector<drift_ref> with_own_drift(std::vector<drift_ref> members) const {
    if (auto d = drift_of(ev)) members.insert(members.begin(), std::move(*d));
    return members;
  }

  // A remediation that ends here, undispatched: sealed so nothing joins any more, its events
  // end with this one, and the deployment's lock is let go.
  void end_remediation(std::string_view st, const store::history_fields& f) {
    if (!leads) return;
    auto sealed = rems.seal(leads->remediation_id);
    if (sealed && *sealed) {
      auto drifts = with_own_drift(members_follow(**sealed, st, f));
      if (st == status::failed) mark_remediation_failed(svc.aws, cfg.drifts_table, drifts, now);
    } else if (!sealed)
      log::error("remediation not sealed",
                 {{"remediation_id", leads->remediation_id}, {"error", sealed.error().describe()}});
    lock_held = leads->deployment_id;
    leads.reset();
    release_lock();
  }

  record_outcome& finish(const std::string& outcome, std::string_view st, const std::string& detail,
                         const store::history_fields& fields) {
    // A remediation that never went out is a failed one: its drift is announced again once the
    // cool-down is over. A gathering's end covers its own event (end_remediation).
    if (st == status::failed && !leads)
      mark_remediation_failed(svc.aws, cfg.drifts_table, with_own_drift({}), now);
    if (status::is_final(st)) end_remediation(st, fields);
    auto r = hist.update(key, lease_owner, st, fields, now);
    if (!r) return fail_transient("history update", r.error());
    out.outcome = outcome;
    out.status = std::string(st);
    out.detail = detail;
    log::info("record done", {{"drift_event_id", ev.id}, {"outcome", outcome}, {"detail", detail}});
    return out;
  }

  record_outcome& give_up(const std::string& reason, const decision* d) {
    const std::string detail = "gave up after " + std::to_string(attempt) + " retries: " + reason;
    store::history_fields f;
    f.error_message = detail;
    f.status_reason = detail;
    if (d) {
      f.severity = d->severity;
      f.priority = d->priority;
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
    return come_back(reason, delay, false);
  }

  // The item waits for its next attempt, and the retry message that resumes it goes on the
  // queue with `delay`: a retry, or the dispatch at the end of a gathering.
  record_outcome& come_back(const std::string& reason, std::chrono::seconds delay,
                            bool to_dispatch_gathering) {
    const int next = attempt + 1;
    if (delay.count() < 1) delay = std::chrono::seconds(1);
    const time_point when = now + delay;
    retry_ticket t;
    t.drift_event_id = key.drift_event_id;
    t.timestamp = key.timestamp;
    t.attempt = next;
    t.reason = reason;
    if (delay.count() > 900) t.not_before = core::time::iso8601(when);
    t.event_json = rec.body;
    // The item first: a retry message must find it waiting for exactly its attempt.
    store::history_fields f;
    f.attempts = next;
    f.retry_reason = reason;
    f.next_attempt_at = core::time::iso8601(when);
    auto upd = hist.update(key, lease_owner, status::retry_scheduled, f, now);
    if (!upd) return fail_transient("history update", upd.error());
    auto sent = send_retry(svc.aws, cfg.retry_queue_url, to_json(t), delay.count());
    if (!sent) {
      // Put the item back the way a redelivery of this record can resume it.
      auto back = hist.unschedule_retry(key, attempt, next,
                                        rec.retry ? status::retry_scheduled : status::received);
      if (!back)
        log::error("history item left retry_scheduled", {{"error", back.error().describe()}});
      out.outcome = "error";
      out.retry_record = true;
      out.detail = "retry queue: " + sent.error().describe();
      return out;
    }
    out.outcome = to_dispatch_gathering ? "gathering" : "retry_scheduled";
    out.status = std::string(status::retry_scheduled);
    const std::string when_text = to_dispatch_gathering
                                      ? " (dispatch in "
                                      : " (retry " + std::to_string(next) + " of " +
                                            std::to_string(cfg.max_retry_attempts) + " in ";
    out.detail = reason + when_text + std::to_string(delay.count()) + " s)";
    log::info("retry scheduled", {{"drift_event_id", ev.id}, {"detail", out.detail}});
    return out;
  }
};

// A step either ends the record (its outcome) or lets the next one go on (nullopt).
using step_result = std::optional<record_outcome>;

step_result reject(run& x, const std::string& error) {
  x.out.outcome = "rejected";
  x.out.status = std::string(status::rejected);
  x.out.detail = error;
  log::warn("record rejected", {{"message_id", x.rec.message_id}, {"error", error}});
  auto r = x.hist.reject(x.rec.message_id, x.rec.arrival_time, error, x.rec.body, x.now);
  if (!r) {
    x.out.outcome = "error";
    x.out.status.clear();
    x.out.retry_record = true;
    x.out.detail = error + "; and not recorded: " + r.error().describe();
  }
  return x.out;
}

// 0. The drift event itself; a record that is not one is kept as rejected.
step_result parse(run& x) {
  if (!x.rec.error.empty()) return reject(x, x.rec.error);
  auto parsed = drift::parse_event(x.rec.body);
  if (!parsed) return reject(x, parsed.error().message);
  x.ev = std::move(parsed.value());
  if (x.ev.id.empty() || x.ev.time.empty())
    return reject(x, "invalid drift event: id and time must not be empty");
  x.out.drift_event_id = x.ev.id;
  x.out.resource_arn = x.ev.detail.resource_arn;
  if (auto env = environment_of(x.ev, nullptr); !env.empty()) x.out.environment = env;
  x.key = {x.ev.id, x.ev.time};
  if (!x.rec.retry) x.out.detected_by = x.ev.source;
  if (x.rec.retry) {
    x.key = {x.rec.retry->drift_event_id, x.rec.retry->timestamp};
    x.attempt = x.rec.retry->attempt;
  }
  return std::nullopt;
}

// The kill switch: acknowledged, recorded as skipped, nothing else.
step_result kill_switch(run& x) {
  if (!x.cfg.disable_processing) return std::nullopt;
  const std::string reason = "kill switch: DISABLE_PROCESSING is set";
  log::warn("event acknowledged without action", {{"drift_event_id", x.ev.id}, {"reason", reason}});
  auto r = x.rec.retry ? x.hist.skip_retry(x.key, x.attempt, reason, x.now)
                       : x.hist.skip_unprocessed(x.ev, x.rec.message_id, reason, x.now);
  if (!r) log::error("skip not recorded", {{"error", r.error().describe()}});
  x.out.outcome = "skipped";
  x.out.status = r ? std::string(status::skipped) : "";
  x.out.detail = reason;
  return x.out;
}

// SQS waits at most 15 minutes: a longer wait (a GitHub rate-limit reset) goes round again.
step_result wait_until_due(run& x) {
  if (!x.rec.retry) return std::nullopt;
  auto nb = core::time::parse_iso8601(x.rec.retry->not_before);
  if (!nb || *nb <= x.now) return std::nullopt;
  const auto left = std::chrono::duration_cast<std::chrono::seconds>(*nb - x.now).count() + 1;
  auto sent = send_retry(x.svc.aws, x.cfg.retry_queue_url, to_json(*x.rec.retry), left);
  x.out.outcome = sent ? "retry_scheduled" : "error";
  x.out.retry_record = !sent;
  x.out.detail = sent ? "waiting until " + x.rec.retry->not_before : sent.error().describe();
  return x.out;
}

// When the change was made, for the MTTR from the change: the event's changeTime when it is
// ISO-8601, not in the future (beyond a small skew) and not after the detection. Anything else
// is outside input not worth failing the event for: logged and left out.
std::optional<time_point> checked_change_time(const drift::drift_event& ev, time_point now) {
  const std::string& raw = ev.detail.change_time;
  if (raw.empty()) return std::nullopt;
  const auto t = core::time::parse_iso8601(raw);
  const auto detected = core::time::parse_iso8601(ev.time);
  const char* why = !t                           ? "not ISO-8601"
                    : *t > now + kChangeTimeSkew ? "in the future"
                    : detected && *t > *detected ? "after the detection time"
                                                 : nullptr;
  if (!why) return t;
  log::warn(
      "changeTime ignored",
      {{"drift_event_id", ev.id}, {"change_time", raw}, {"detected_at", ev.time}, {"reason", why}});
  return std::nullopt;
}

// 1. The history item first: whoever creates or claims it is the only one to go on.
step_result claim_history(run& x) {
  auto claimed = x.rec.retry
                     ? x.hist.resume(x.key, x.attempt, x.lease_owner, x.lease_until(), x.now)
                     : x.hist.open(x.ev, x.rec.message_id, x.lease_owner, x.lease_until(), x.now,
                                   checked_change_time(x.ev, x.now));
  if (!claimed) {
    x.out.outcome = "error";
    x.out.retry_record = true;
    x.out.detail = "history: " + claimed.error().describe();
    log::error("history not written",
               {{"drift_event_id", x.ev.id}, {"error", claimed.error().describe()}});
    return x.out;
  }
  if (*claimed == store::claim::taken) {
    x.out.outcome = "duplicate";
    x.out.detail = x.rec.retry ? "retry " + std::to_string(x.attempt) + " already handled"
                               : "event already received";
    log::info("duplicate delivery ignored", {{"drift_event_id", x.ev.id}});
    return x.out;
  }
  return std::nullopt;
}

// 1b. A remediation this event recorded on an earlier delivery (its gathering, or a dispatch
// that has to be sent again) is the one it goes on with.
step_result recall_remediation(run& x) {
  if (x.cfg.gather.count() <= 0 && !x.rec.retry) return std::nullopt;
  auto found = x.rems.find(x.remediation_id());
  if (!found) return x.fail_transient("remediation lookup", found.error());
  if (*found && (*found)->status != store::remediation_claimed) x.leads = std::move(**found);
  return std::nullopt;
}

// 2. The deployment to re-apply: the newest successful one of the resource.
step_result find_deployment(run& x) {
  auto found = store::deployments(x.svc.aws, x.cfg.metadata_table)
                   .newest_successful(x.ev.detail.resource_arn);
  if (!found) return x.fail_transient("deployment lookup", found.error());
  if (!*found) {
    const decision g = grade(x.ev, nullptr);
    const std::string detail = "no successful deployment recorded for " + x.ev.detail.resource_arn;
    store::history_fields f;
    f.severity = g.severity;
    f.priority = g.priority;
    f.environment = g.environment;
    f.status_reason = detail;
    x.finish("unmatched", status::unmatched, detail, f);
    if (x.out.outcome == "unmatched" && g.severity != "MEDIUM" && g.severity != "LOW" &&
        g.severity != "INFO")
      x.alert("drift on a resource with no deployment record", status::unmatched, detail, &g);
    return x.out;
  }
  x.dep = std::move(**found);
  x.graded = grade(x.ev, &*x.dep);
  if (!x.graded.environment.empty()) x.out.environment = x.graded.environment;
  return std::nullopt;
}

// 3. Cool-down: a resource whose last remediation failed is not retried at once.
step_result cool_down(run& x) {
  if (x.cfg.cooldown.count() <= 0) return std::nullopt;
  auto failed = x.hist.recent_failure(x.ev.detail.resource_arn, x.now - x.cfg.cooldown);
  if (!failed) return x.fail_transient("cool-down check", failed.error());
  if (!*failed) return std::nullopt;
  const std::string detail = "cool-down: the remediation of event " + **failed +
                             " failed less than " + std::to_string(x.cfg.cooldown.count()) +
                             " s ago";
  store::history_fields f;
  f.status_reason = detail;
  f.deployment_id = x.dep->deployment_id;
  f.severity = x.graded.severity;
  f.priority = x.graded.priority;
  f.environment = x.graded.environment;
  x.finish("skipped", status::skipped, detail, f);
  if (x.out.outcome == "skipped")
    x.alert("drift not remediated (cool-down)", status::skipped, detail, &x.graded);
  return x.out;
}

// 4. Terraform's own lock, read only.
step_result terraform_lock_free(run& x) {
  auto tf = terraform_lock_holder(x.svc.aws, *x.dep);
  if (!tf) return x.fail_transient("terraform lock check", tf.error());
  if (*tf) return x.retry_later("terraform lock held: " + **tf, x.cfg.retry_delay, &x.graded);
  return std::nullopt;
}

// The remediation of this event on its own, as the workflow would apply it.
core::result<remediation, aws::error> own_remediation(run& x, decision& d) {
  auto current_policy = x.svc.policy.current(x.svc.aws, x.now);
  if (!current_policy) return current_policy.error();
  d = decide(x.ev, *x.dep, *current_policy);
  return make_remediation(x.ev, x.key.timestamp, *x.dep, d);
}

// 5a. The deployment's lock is held by an event gathering its remediation: this event joins it
// (its id, addresses and approval merged in), and the gathering's dispatch will name it.
step_result join_gathering(run& x) {
  if (x.cfg.gather.count() <= 0 || x.leads) return std::nullopt;
  const std::string& dep_id = x.dep->deployment_id;
  auto holder = store::locks(x.svc.aws, x.cfg.locks_table).holder(dep_id, x.now);
  if (!holder) return x.fail_transient("remediation lock", holder.error());
  if (!*holder || (*holder)->remediation_id.empty()) return std::nullopt;
  decision d;
  std::optional<remediation> mine;
  for (int look = 0; look < kJoinPolls + 4; ++look) {
    auto found = x.rems.find((*holder)->remediation_id);
    if (!found) return x.fail_transient("remediation lookup", found.error());
    if (!*found) {
      if (look >= kJoinPolls) return std::nullopt;
      std::this_thread::sleep_for(kJoinPoll);
      continue;
    }
    const store::remediation_record& seen = **found;
    if (seen.deployment_id != dep_id) return std::nullopt;
    if (!mine) {
      auto own = own_remediation(x, d);
      if (!own) return x.fail_transient("policy version", own.error());
      mine = std::move(*own);
    }
    auto joined = x.rems.join(seen, merged_with(seen, *mine), x.ev.id);
    if (!joined) return x.fail_transient("joining the remediation", joined.error());
    if (*joined == store::join_result::not_gathering) return std::nullopt;
    if (*joined == store::join_result::raced) continue;
    store::history_fields f;
    f.remediation_id = seen.remediation_id;
    f.deployment_id = dep_id;
    f.lock_id = dep_id;
    f.git_commit_sha = x.dep->git_commit_sha;
    f.severity = d.severity;
    f.priority = d.priority;
    f.environment = d.environment;
    return x.finish("gathered", status::gathered,
                    "joined remediation " + seen.remediation_id + " of deployment " + dep_id +
                        ", gathered by event " + (*holder)->owner,
                    f);
  }
  return std::nullopt;
}

// 5. Our remediation lock for the deployment; held by another, this event joins its gathering
// or comes back later.
step_result take_remediation_lock(run& x) {
  const std::string& id = x.dep->deployment_id;
  store::lock_request req{id, x.ev.id, x.ev.detail.resource_arn, x.now, x.cfg.lock_ttl, {}};
  if (x.cfg.gather.count() > 0 || x.leads) req.remediation_id = x.remediation_id();
  auto took = store::locks(x.svc.aws, x.cfg.locks_table).take(req);
  if (!took) return x.fail_transient("remediation lock", took.error());
  if (!*took) {
    if (auto joined = join_gathering(x)) return joined;
    return x.retry_later("remediation lock for deployment " + id + " is held", x.cfg.retry_delay,
                         &x.graded);
  }
  x.lock_held = id;
  return std::nullopt;
}

// 5b. The first event of a deployment opens the gathering (its remediation, status gathering)
// and comes back after GATHER_SECONDS to dispatch it with every event that joined meanwhile.
step_result open_gathering(run& x) {
  if (x.leads || x.cfg.gather.count() <= 0) return std::nullopt;
  decision d;
  auto rem = own_remediation(x, d);
  if (!rem) return x.fail_transient("policy version", rem.error());
  store::remediation_record r = to_record(*rem);
  if (auto w = x.rems.open_gathering(r, x.now); !w)
    return x.fail_transient("remediation record", w.error());
  r.status = store::remediation_gathering;
  x.leads = std::move(r);
  log::info("gathering the deployment's drift", {{"drift_event_id", x.ev.id},
                                                 {"remediation_id", x.leads->remediation_id},
                                                 {"deployment_id", x.dep->deployment_id}});
  return x.come_back("gathering the drift of deployment " + x.dep->deployment_id, x.cfg.gather,
                     true);
}

// 7. GitHub, only with time left to record what it answered: otherwise the record goes back
// to its queue untouched, never to `duplicate`.
step_result ready_to_dispatch(run& x, core::result<std::string>& token) {
  if (x.deadline - std::chrono::system_clock::now() < kDispatchBudget) {
    log::warn("dispatch not started before the deadline", {{"drift_event_id", x.ev.id}});
    return x.deliver_again("deadline: too little time left to dispatch; delivered again");
  }
  token = x.svc.token.get();
  if (!token) {
    log::error("GitHub token unavailable", {{"error", token.error().message}});
    return x.deliver_again("GitHub token: " + token.error().message);
  }
  return std::nullopt;
}

// What the history keeps of GitHub's answer, whatever it was.
store::history_fields dispatch_fields(const run& x, const decision& d,
                                      const github::dispatch_result& gh) {
  store::history_fields f;
  f.deployment_id = x.dep->deployment_id;
  f.git_commit_sha = x.dep->git_commit_sha;
  f.severity = d.severity;
  f.priority = d.priority;
  f.environment = d.environment;
  f.workflow_trigger_response =
      store::dispatch_response{gh.status, github::to_string(gh.kind), gh.attempts, gh.message};
  return f;
}

record_outcome dispatched(run& x, const decision& d, const remediation& rem,
                          const github::dispatch_result& gh) {
  const bool review = d.manual_review_required;
  store::history_fields f = dispatch_fields(x, d, gh);
  f.remediation_triggered = true;
  f.dispatched_at = core::time::iso8601(x.now, core::time::precision::millis);
  f.auto_approve = d.auto_approve;
  f.manual_review_required = d.manual_review_required;
  f.review_reasons = d.review_reasons;
  f.policy_version = d.policy.deployed;
  f.current_policy_version = d.policy.current;
  f.lock_id = x.dep->deployment_id;
  f.remediation_id = rem.remediation_id;
  const std::string_view st = review ? status::awaiting_review : status::dispatched;
  // The lock stays: the callback releases it (or its TTL does).
  x.lock_held.reset();
  // The events that joined first: should this delivery die now, its redelivery dispatches again
  // and names the same remediation, so they are never left behind by a dispatch they are in.
  auto drifts =
      x.with_own_drift(x.leads ? x.members_follow(*x.leads, st, f) : std::vector<drift_ref>{});
  auto upd = x.hist.update(x.key, x.lease_owner, st, f, x.now);
  mark_remediating(x.svc.aws, x.cfg.drifts_table, drifts, rem.remediation_id, x.now);
  x.out.outcome = review ? "awaiting_review" : "dispatched";
  x.out.status = std::string(st);
  x.out.detail = "dispatched deployment " + x.dep->deployment_id + " at " + x.dep->git_commit_sha +
                 (review ? " for review" : "");
  if (!upd) {
    // Reporting a failure would dispatch again on redelivery: the lease keeps others off
    // the item until it expires, and the log says what the item is missing.
    log::error("dispatched, but history not updated",
               {{"drift_event_id", x.ev.id}, {"error", upd.error().describe()}});
    x.out.status.clear();
  } else {
    log::info("remediation dispatched", {{"drift_event_id", x.ev.id},
                                         {"deployment_id", x.dep->deployment_id},
                                         {"severity", d.severity},
                                         {"priority", d.priority}});
  }
  return x.out;
}

record_outcome not_dispatched(run& x, const decision& d, const github::dispatch_result& gh) {
  x.out.dispatch_failed = true;
  const std::string gh_error = "GitHub answered " + std::to_string(gh.status) + ": " + gh.message;
  switch (gh.kind) {
    case github::outcome::permanent: {
      if (gh.status == 401) x.svc.token.invalidate();  // a rotated token is read next time
      x.release_lock();
      store::history_fields f = dispatch_fields(x, d, gh);
      f.error_message = gh_error;
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
                           x.cfg.retry_delay, &d);
  }
}

// 6. Policy compatibility, severity, approval; 7. the dispatch and what it answered.
// A gathered remediation: sealed (nothing joins any more), and dispatched as recorded, with
// every event that joined and the merged decision.
std::optional<record_outcome> seal_gathering(run& x, remediation& rem, decision& d) {
  auto sealed = x.rems.seal(x.leads->remediation_id);
  if (!sealed) return x.fail_transient("remediation seal", sealed.error());
  if (!*sealed) {  // gone meanwhile (its TTL): recorded again below, for this event alone
    x.leads.reset();
    return std::nullopt;
  }
  x.leads = std::move(**sealed);
  rem.remediation_id = x.leads->remediation_id;
  rem.drift_event_ids = x.leads->drift_event_ids;
  d = as_recorded(d, *x.leads);
  return std::nullopt;
}

record_outcome decide_and_dispatch(run& x) {
  decision d;
  auto own = own_remediation(x, d);
  if (!own) return x.fail_transient("policy version", own.error());
  remediation rem = std::move(*own);
  core::result<std::string> token = core::error{};
  if (auto stop = ready_to_dispatch(x, token)) return *stop;
  if (x.leads)
    if (auto stop = seal_gathering(x, rem, d)) return *stop;
  // The facts the workflow will apply, in our table first: the dispatch only names them.
  if (!x.leads)
    if (auto r = x.rems.record(to_record(rem), x.now); !r)
      return x.fail_transient("remediation record", r.error());
  const github::dispatch_result gh =
      x.svc.github.dispatch(dispatch_event_type, build_client_payload(rem), token.value(),
                            x.deadline - std::chrono::seconds(3));
  x.out.dispatch_attempted = true;
  if (gh.kind == github::outcome::success) return dispatched(x, d, rem, gh);
  return not_dispatched(x, d, gh);
}

}  // namespace

record_outcome processor::handle(const inbound_record& rec, const std::string& request_id,
                                 time_point now, time_point deadline) {
  run x(cfg_, svc_, rec, now, deadline);
  x.lease_owner = request_id + "/" + rec.message_id;
  for (auto step :
       {parse, kill_switch, wait_until_due, claim_history, recall_remediation, find_deployment,
        cool_down, terraform_lock_free, take_remediation_lock, open_gathering})
    if (auto done = step(x)) return std::move(*done);
  return decide_and_dispatch(x);
}

}  // namespace orchestrator
