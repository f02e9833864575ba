#include "event_shapes.h"

#include <rapidjson/document.h>
#include <rapidjson/stringbuffer.h>
#include <rapidjson/writer.h>

#include "core/json.h"

namespace harness {
namespace {

using writer = rapidjson::Writer<rapidjson::StringBuffer>;

void str(writer& w, const std::string& s) {
  w.String(s.c_str(), static_cast<rapidjson::SizeType>(s.size()));
}

void key_str(writer& w, const char* key, const std::string& value) {
  w.Key(key);
  str(w, value);
}

// Writes a JSON text as a value; `fallback` when the text is not JSON.
void raw_json(writer& w, const std::string& json, const char* fallback) {
  auto d = core::json::parse(json);
  if (!d) d = core::json::parse(fallback);
  if (d) d->Accept(w);
}

using core::json::member;
using core::json::string_member;

}  // namespace

std::string queue_arn_from_url(const std::string& queue_url, const std::string& region) {
  const auto scheme = queue_url.find("://");
  const auto path = queue_url.find('/', scheme == std::string::npos ? 0 : scheme + 3);
  std::string account = "000000000000", name = queue_url;
  if (path != std::string::npos) {
    const std::string rest = queue_url.substr(path + 1);
    const auto slash = rest.find('/');
    if (slash != std::string::npos) {
      account = rest.substr(0, slash);
      name = rest.substr(slash + 1);
    } else {
      name = rest;
    }
  }
  return "arn:aws:sqs:" + region + ":" + account + ":" + name;
}

std::string sqs_event(const std::vector<queue_message>& batch, const std::string& queue_arn,
                      const std::string& region) {
  rapidjson::StringBuffer buf;
  writer w(buf);
  w.StartObject();
  w.Key("Records");
  w.StartArray();
  for (const auto& m : batch) {
    w.StartObject();
    key_str(w, "messageId", m.message_id);
    key_str(w, "receiptHandle", m.receipt_handle);
    key_str(w, "body", m.body);
    w.Key("attributes");
    w.StartObject();
    for (const auto& [k, v] : m.attributes) key_str(w, k.c_str(), v);
    w.EndObject();
    w.Key("messageAttributes");
    raw_json(w, m.message_attributes_json, "{}");
    key_str(w, "md5OfBody", m.md5_of_body);
    w.Key("md5OfMessageAttributes");
    if (m.md5_of_message_attributes.empty())
      w.Null();
    else
      str(w, m.md5_of_message_attributes);
    key_str(w, "eventSource", "aws:sqs");
    key_str(w, "eventSourceARN", queue_arn);
    key_str(w, "awsRegion", region);
    w.EndObject();
  }
  w.EndArray();
  w.EndObject();
  return buf.GetString();
}

std::optional<sns_delivery> sns_event(const std::string& body,
                                      const std::string& subscription_suffix) {
  auto parsed = core::json::parse(body);
  if (!parsed || !parsed->IsObject()) return std::nullopt;
  const rapidjson::Document& env = *parsed;
  if (string_member(env, "Type") != "Notification" || !member(env, "TopicArn") ||
      !member(env, "Message"))
    return std::nullopt;
  const std::string topic = string_member(env, "TopicArn");
  sns_delivery out;
  out.message_id = string_member(env, "MessageId");

  rapidjson::StringBuffer buf;
  writer w(buf);
  w.StartObject();
  w.Key("Records");
  w.StartArray();
  w.StartObject();
  key_str(w, "EventSource", "aws:sns");
  key_str(w, "EventVersion", "1.0");
  key_str(w, "EventSubscriptionArn", topic + ":" + subscription_suffix);
  w.Key("Sns");
  w.StartObject();
  key_str(w, "Type", "Notification");
  key_str(w, "MessageId", out.message_id);
  key_str(w, "TopicArn", topic);
  w.Key("Subject");
  if (const auto* s = member(env, "Subject"); s && s->IsString())
    str(w, std::string(s->GetString(), s->GetStringLength()));
  else
    w.Null();
  key_str(w, "Message", string_member(env, "Message"));
  key_str(w, "Timestamp", string_member(env, "Timestamp"));
  key_str(w, "SignatureVersion", string_member(env, "SignatureVersion"));
  key_str(w, "Signature", string_member(env, "Signature"));
  // The envelope spells these ...URL; Lambda's record spells them ...Url.
  key_str(w, "SigningCertUrl", string_member(env, "SigningCertURL"));
  key_str(w, "UnsubscribeUrl", string_member(env, "UnsubscribeURL"));
  w.Key("MessageAttributes");
  if (const auto* a = member(env, "MessageAttributes"); a && a->IsObject())
    a->Accept(w);
  else {
    w.StartObject();
    w.EndObject();
  }
  w.EndObject();
  w.EndObject();
  w.EndArray();
  w.EndObject();
  out.event = buf.GetString();
  return out;
}

std::optional<std::set<std::string>> batch_item_failures(const std::string& response,
                                                         const std::set<std::string>& known_ids) {
  std::set<std::string> failed;
  auto parsed = core::json::parse(response);
  if (!parsed || !parsed->IsObject()) return failed;  // any other answer: all succeeded
  const rapidjson::Document& d = *parsed;
  const auto* list = member(d, "batchItemFailures");
  if (!list || list->IsNull()) return failed;
  if (!list->IsArray()) return std::nullopt;
  for (const auto& item : list->GetArray()) {
    if (!item.IsObject()) return std::nullopt;
    const std::string id = string_member(item, "itemIdentifier");
    if (id.empty() || !known_ids.count(id)) return std::nullopt;
    failed.insert(id);
  }
  return failed;
}

}  // namespace harness
