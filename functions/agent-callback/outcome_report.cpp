#include "outcome_report.h"

#include <lambda_runtime/log.h>
#include <rapidjson/stringbuffer.h>
#include <rapidjson/writer.h>

#include "aws/cloudwatch.h"
#include "aws/eventbridge.h"
#include "aws/sns.h"
#include "aws/ssm.h"
#include "notify/render.h"

namespace callback {
namespace {

constexpr const char* kEventSource = "drift-detection.callback";
constexpr const char* kEventDetailType = "Drift Remediation Completed";
// SNS subjects: at most 100 printable ASCII characters, no line breaks.
constexpr std::size_t kMaxSubject = 100;

std::string subject_for(const outcome_facts& f) {
  std::string what = f.status == "awaiting_review" ? "Drift remediation awaiting review"
                     : f.status == "cancelled"     ? "Drift remediation cancelled"
                                                   : "Drift remediation failed";
  const std::string& res =
      !f.record.terraform_address.empty() ? f.record.terraform_address : f.record.resource_arn;
  std::string s = what + (res.empty() ? "" : ": " + res);
  std::string clean;
  for (char c : s) {
    const auto u = static_cast<unsigned char>(c);
    clean += (u >= 0x20 && u < 0x7f) ? c : ' ';
  }
  if (clean.size() > kMaxSubject) clean.resize(kMaxSubject);
  return clean;
}

std::vector<std::pair<std::string, std::string>> dimensions(const store::history_item& r) {
  return {{"Environment", metric_environment(r)}, {"Severity", metric_severity(r)}};
}

// The recovery counted from when the change was made: a dimension set of its own, so the series
// from the detection keeps exactly its dimensions (and the alarm that reads them).
std::vector<std::pair<std::string, std::string>> from_change_dimensions(
    const store::history_item& r) {
  return {
      {"Environment", metric_environment(r)}, {"Severity", metric_severity(r)}, {"From", "change"}};
}

// NotificationFailures: one series per channel (slack, teams, pagerduty, github).
std::vector<std::pair<std::string, std::string>> channel_dimension(const std::string& channel) {
  return {{"Channel", channel}};
}

}  // namespace

std::string metric_environment(const store::history_item& r) {
  return r.environment.empty() ? "unknown" : r.environment;
}
std::string metric_severity(const store::history_item& r) {
  return r.severity.empty() ? "unknown" : r.severity;
}

std::string outcome_json(const outcome_facts& f) {
  rapidjson::StringBuffer buf;
  rapidjson::Writer<rapidjson::StringBuffer> w(buf);
  auto kv = [&](const char* k, const std::string& v) {
    w.Key(k);
    w.String(v.c_str(), static_cast<rapidjson::SizeType>(v.size()));
  };
  w.StartObject();
  kv("drift_event_id", f.record.drift_event_id);
  kv("status", f.status);
  kv("remediation_status", f.reported_status);
  kv("detected_at", f.record.timestamp);
  kv("completed_at", f.completed_at);
  w.Key("mttr_seconds");
  if (f.mttr_seconds)
    w.Double(*f.mttr_seconds);
  else
    w.Null();
  kv("resource_arn", f.record.resource_arn);
  kv("terraform_address", f.record.terraform_address);
  kv("deployment_id", f.record.lock_id);
  kv("environment", metric_environment(f.record));
  kv("severity", metric_severity(f.record));
  kv("workflow_run_url", f.workflow_run_url);
  kv("error_message", f.error_message);
  w.EndObject();
  return {buf.GetString(), buf.GetSize()};
}

core::result<core::unit, aws::error> put_outcome_metrics(aws::session& s,
                                                         const std::string& metrics_namespace,
                                                         const outcome_facts& f) {
  const bool applied = f.status == "remediated";
  std::vector<aws::cloudwatch::datum> data;
  // An applied revert counts as a success only once a check saw it hold: the scanner's
  // confirmation publishes that RemediationSuccess (1 or 0). A run that failed is a 0 now.
  if (!applied) data.push_back({"RemediationSuccess", 0.0, "Count", dimensions(f.record), {}});
  // Recovery only happened when the revert applied; a failed run's duration is not an MTTR.
  if (applied && f.mttr_seconds)
    data.push_back({"MTTR", *f.mttr_seconds, "Seconds", dimensions(f.record), {}});
  if (applied && f.mttr_from_change_seconds)
    data.push_back(
        {"MTTR", *f.mttr_from_change_seconds, "Seconds", from_change_dimensions(f.record), {}});
  return aws::cloudwatch::put_metric_data(s, metrics_namespace, data);
}

core::result<core::unit, aws::error> publish_notice(aws::session& s, const std::string& topic_arn,
                                                    const outcome_facts& f,
                                                    const notify::message& m) {
  aws::sns::publish_request p{topic_arn,
                              outcome_json(f),
                              subject_for(f),
                              {{"status", f.status}, {"severity", metric_severity(f.record)}},
                              {{"email", notify::email_text(m).body}}};
  auto r = aws::sns::publish(s, p);
  if (!r) return r.error();
  return core::unit{};
}

notify::delivery_report deliver_message(aws::session& s, const config& cfg,
                                        const notify::message& m) {
  namespace log = lambda_runtime::log;
  if (!cfg.notify.any() || !cfg.notifier) return {};
  notifier_slot& slot = *cfg.notifier;
  slot.session = &s;
  if (!slot.notifier) {
    // The slot owns the notifier, so the reader's pointer to it never dangles.
    notifier_slot* where = &slot;
    slot.notifier = std::make_unique<notify::notifier>(
        cfg.notify, [where](const std::string& name) -> core::result<std::string> {
          if (!where->session) return core::error{"NoSession", "no AWS session to read " + name};
          auto p = aws::ssm::get_parameter(*where->session, name, true);
          if (!p)
            return core::error{p.error().code,
                               "reading SSM parameter " + name + ": " + p.error().describe()};
          return std::move(p->value);
        });
  }
  notify::delivery_report sent = slot.notifier->send(m);
  for (const auto& e : sent.errors)
    log::warn("callback: a message was not delivered",
              {{"kind", notify::to_string(m.what)}, {"error", e}});
  std::vector<aws::cloudwatch::datum> data;
  for (const auto& [channel, n] : sent.failed)
    if (n > 0)
      data.push_back({"NotificationFailures",
                      static_cast<double>(n),
                      "Count",
                      channel_dimension(channel),
                      {}});
  if (!data.empty())
    if (auto put = aws::cloudwatch::put_metric_data(s, cfg.metrics_namespace, data); !put)
      log::warn("callback: NotificationFailures not counted", {{"error", put.error().describe()}});
  if (!sent.sent.empty() || !sent.failed.empty()) {
    std::string channels;
    for (const auto& [channel, n] : sent.sent)
      channels += (channels.empty() ? "" : ",") + channel + "=" + std::to_string(n);
    log::info("callback: message sent", {{"kind", notify::to_string(m.what)},
                                         {"sent", channels},
                                         {"failed", std::to_string(sent.total_failed())}});
  }
  return sent;
}

core::result<core::unit, aws::error> put_completion_event(aws::session& s, const std::string& bus,
                                                          const outcome_facts& f) {
  aws::eventbridge::event ev{kEventSource, kEventDetailType, outcome_json(f), bus, {}};
  if (f.record.resource_arn.rfind("arn:", 0) == 0) ev.resources.push_back(f.record.resource_arn);
  auto r = aws::eventbridge::put_events(s, {ev});
  if (!r) return r.error();
  // PutEvents answers 200 with per-entry failures.
  if (r->failed_count > 0) {
    std::string why = "PutEvents refused the completion event";
    if (!r->entries.empty())
      why += ": " + r->entries[0].error_code + " " + r->entries[0].error_message;
    return aws::error{"EventBridge", "FailedEntry", why, 200, "", 1};
  }
  return core::unit{};
}

}  // namespace callback
