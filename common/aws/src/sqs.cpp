#include "aws/sqs.h"

#include "aws/json_protocol.h"
#include "json_build.h"

namespace aws::sqs {
namespace {
const service& svc = services::sqs;

std::map<std::string, std::string> string_map(const rapidjson::Value& obj) {
  std::map<std::string, std::string> out;
  if (!obj.IsObject()) return out;
  for (auto it = obj.MemberBegin(); it != obj.MemberEnd(); ++it)
    if (it->value.IsString()) out[it->name.GetString()] = it->value.GetString();
  return out;
}
}  // namespace

core::result<std::string, error> send_message(session& s, const std::string& queue_url,
                                              const std::string& body, int delay_seconds) {
  detail::json_object in;
  in.set("QueueUrl", queue_url).set("MessageBody", body);
  if (delay_seconds > 0) in.set("DelaySeconds", delay_seconds);
  auto r = json_call(s, svc, "SendMessage", in.str());
  if (!r) return r.error();
  return detail::get_string(*r, "MessageId");
}

core::result<std::vector<message>, error> receive_messages(session& s, const std::string& queue_url,
                                                           const receive_options& o) {
  detail::json_object in;
  in.set("QueueUrl", queue_url)
      .set("MaxNumberOfMessages", o.max_messages)
      .set("WaitTimeSeconds", o.wait_seconds)
      .set_strings("AttributeNames", {"All"})
      .set_strings("MessageAttributeNames", {"All"});
  if (o.visibility_timeout) in.set("VisibilityTimeout", *o.visibility_timeout);
  auto r = json_call(s, svc, "ReceiveMessage", in.str());
  if (!r) return r.error();
  std::vector<message> out;
  if (r->HasMember("Messages") && (*r)["Messages"].IsArray()) {
    for (const auto& m : (*r)["Messages"].GetArray()) {
      message msg{detail::get_string(m, "MessageId"),
                  detail::get_string(m, "ReceiptHandle"),
                  detail::get_string(m, "Body"),
                  detail::get_string(m, "MD5OfBody"),
                  {}};
      if (m.HasMember("Attributes")) msg.attributes = string_map(m["Attributes"]);
      out.push_back(std::move(msg));
    }
  }
  return out;
}

core::result<core::unit, error> delete_message(session& s, const std::string& queue_url,
                                               const std::string& receipt_handle) {
  detail::json_object in;
  in.set("QueueUrl", queue_url).set("ReceiptHandle", receipt_handle);
  auto r = json_call(s, svc, "DeleteMessage", in.str());
  if (!r) return r.error();
  return core::unit{};
}

core::result<std::string, error> get_queue_url(session& s, const std::string& queue_name) {
  detail::json_object in;
  in.set("QueueName", queue_name);
  auto r = json_call(s, svc, "GetQueueUrl", in.str());
  if (!r) return r.error();
  return detail::get_string(*r, "QueueUrl");
}

core::result<std::map<std::string, std::string>, error> get_queue_attributes(
    session& s, const std::string& queue_url) {
  detail::json_object in;
  in.set("QueueUrl", queue_url).set_strings("AttributeNames", {"All"});
  auto r = json_call(s, svc, "GetQueueAttributes", in.str());
  if (!r) return r.error();
  if (!r->HasMember("Attributes")) return std::map<std::string, std::string>{};
  return string_map((*r)["Attributes"]);
}

core::result<std::string, error> create_queue(
    session& s, const std::string& name, const std::map<std::string, std::string>& attributes) {
  detail::json_object in;
  in.set("QueueName", name);
  if (!attributes.empty()) in.set_map("Attributes", attributes);
  auto r = json_call(s, svc, "CreateQueue", in.str());
  if (!r) return r.error();
  return detail::get_string(*r, "QueueUrl");
}

}  // namespace aws::sqs
