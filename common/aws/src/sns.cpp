#include "aws/sns.h"

#include "aws/query_protocol.h"
#include "core/json.h"

namespace aws::sns {

core::result<std::string, error> publish(session& s, const publish_request& p) {
  query_params q{{"TopicArn", p.topic_arn}};
  if (p.by_protocol.empty()) {
    q.emplace_back("Message", p.message);
  } else {
    rapidjson::StringBuffer buf;
    core::json::writer w(buf);
    w.StartObject();
    core::json::kv(w, "default", p.message);
    for (const auto& [protocol, text] : p.by_protocol)
      if (protocol != "default") core::json::kv(w, protocol, text);
    w.EndObject();
    q.emplace_back("Message", buf.GetString());
    q.emplace_back("MessageStructure", "json");
  }
  if (!p.subject.empty()) q.emplace_back("Subject", p.subject);
  int i = 0;
  for (const auto& [k, v] : p.attributes) {
    std::string pre = "MessageAttributes.entry." + std::to_string(++i) + ".";
    q.emplace_back(pre + "Name", k);
    q.emplace_back(pre + "Value.DataType", "String");
    q.emplace_back(pre + "Value.StringValue", v);
  }
  auto r = query_call(s, services::sns, "Publish", q);
  if (!r) return r.error();
  return text(r->result, "MessageId");
}

core::result<std::string, error> create_topic(session& s, const std::string& name) {
  auto r = query_call(s, services::sns, "CreateTopic", {{"Name", name}});
  if (!r) return r.error();
  return text(r->result, "TopicArn");
}

core::result<std::string, error> subscribe(session& s, const std::string& topic_arn,
                                           const std::string& protocol,
                                           const std::string& endpoint) {
  auto r = query_call(s, services::sns, "Subscribe",
                      {{"TopicArn", topic_arn}, {"Protocol", protocol}, {"Endpoint", endpoint}});
  if (!r) return r.error();
  return text(r->result, "SubscriptionArn");
}

}  // namespace aws::sns
