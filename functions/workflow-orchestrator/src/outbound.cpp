#include "outbound.h"

#include <lambda_runtime/log.h>

#include <algorithm>

#include "aws/json_protocol.h"
#include "aws/query_protocol.h"
#include "aws/sns.h"
#include "aws/sqs.h"
#include "json_util.h"

namespace orchestrator {

core::result<core::unit, aws::error> publish_alert(aws::session& s, const std::string& topic_arn,
                                                   const std::string& subject,
                                                   const std::string& message,
                                                   const std::string& email_text) {
  std::string subj = subject.substr(0, 100);
  // SNS subjects must be printable ASCII without line breaks.
  for (char& c : subj)
    if (static_cast<unsigned char>(c) < 0x20 || static_cast<unsigned char>(c) > 0x7e) c = ' ';
  aws::sns::publish_request p;
  p.topic_arn = topic_arn;
  p.message = message;
  p.subject = subj;
  if (!email_text.empty()) p.by_protocol["email"] = email_text;
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
          return fetch_secure_parameter(*where->session, name);
        });
  }
  notify::delivery_report sent = slot.notifier->send(m);
  for (const auto& e : sent.errors)
    log::warn("a message was not delivered", {{"kind", notify::to_string(m.what)}, {"error", e}});
  aws::query_params p{{"Namespace", cfg.metrics_namespace}};
  int i = 1;
  for (const auto& [channel, count] : sent.failed) {
    if (count <= 0) continue;
    const std::string d = "MetricData.member." + std::to_string(i++) + ".";
    p.emplace_back(d + "MetricName", "NotificationFailures");
    p.emplace_back(d + "Unit", "Count");
    p.emplace_back(d + "Value", std::to_string(count));
    p.emplace_back(d + "Dimensions.member.1.Name", "Channel");
    p.emplace_back(d + "Dimensions.member.1.Value", channel);
  }
  if (i > 1)
    if (auto r = aws::query_call(s, aws::services::cloudwatch, "PutMetricData", p); !r)
      log::warn("NotificationFailures not counted", {{"error", r.error().describe()}});
  return sent;
}

core::result<core::unit, aws::error> send_retry(aws::session& s, const std::string& queue_url,
                                                const std::string& body, long long delay_seconds) {
  const int delay = static_cast<int>(std::clamp<long long>(delay_seconds, 0, 900));
  auto r = aws::sqs::send_message(s, queue_url, body, delay);
  if (!r) return r.error();
  return core::unit{};
}

core::result<core::unit, aws::error> put_drift_events_detected(
    aws::session& s, const std::string& ns, const std::map<std::string, int>& by_source) {
  aws::query_params p{{"Namespace", ns}};
  int i = 1;
  for (const auto& [source, count] : by_source) {
    const std::string m = "MetricData.member." + std::to_string(i++) + ".";
    p.emplace_back(m + "MetricName", "DriftEventsDetected");
    p.emplace_back(m + "Unit", "Count");
    p.emplace_back(m + "Value", std::to_string(count));
    p.emplace_back(m + "Dimensions.member.1.Name", "Source");
    p.emplace_back(m + "Dimensions.member.1.Value", source);
  }
  auto r = aws::query_call(s, aws::services::cloudwatch, "PutMetricData", p);
  if (!r) return r.error();
  return core::unit{};
}

core::result<core::unit, aws::error> put_dispatch_failures(
    aws::session& s, const std::string& ns, const std::map<std::string, int>& by_environment) {
  aws::query_params p{{"Namespace", ns}};
  int i = 1;
  for (const auto& [env, count] : by_environment) {
    const std::string m = "MetricData.member." + std::to_string(i++) + ".";
    p.emplace_back(m + "MetricName", "DispatchFailures");
    p.emplace_back(m + "Unit", "Count");
    p.emplace_back(m + "Value", std::to_string(count));
    p.emplace_back(m + "Dimensions.member.1.Name", "Environment");
    p.emplace_back(m + "Dimensions.member.1.Value", env);
  }
  auto r = aws::query_call(s, aws::services::cloudwatch, "PutMetricData", p);
  if (!r) return r.error();
  return core::unit{};
}

core::result<core::unit, aws::error> put_remediations_stuck(aws::session& s, const std::string& ns,
                                                            int count) {
  auto r = aws::query_call(s, aws::services::cloudwatch, "PutMetricData",
                           {{"Namespace", ns},
                            {"MetricData.member.1.MetricName", "RemediationsStuck"},
                            {"MetricData.member.1.Unit", "Count"},
                            {"MetricData.member.1.Value", std::to_string(count)}});
  if (!r) return r.error();
  return core::unit{};
}

core::result<std::string> fetch_secure_parameter(aws::session& s, const std::string& name) {
  rapidjson::StringBuffer sb;
  json::writer w(sb);
  w.StartObject();
  json::kv(w, "Name", name);
  json::key(w, "WithDecryption");
  w.Bool(true);
  w.EndObject();
  auto r = aws::json_call(s, aws::services::ssm, "GetParameter",
                          std::string(sb.GetString(), sb.GetSize()));
  if (!r) return core::error{r.error().code, r.error().describe()};
  const auto* param = json::member(*r, "Parameter");
  std::string value = param ? json::string_member(*param, "Value") : std::string();
  if (value.empty()) return core::error{"EmptyParameter", "parameter " + name + " has no value"};
  return value;
}

}  // namespace orchestrator
