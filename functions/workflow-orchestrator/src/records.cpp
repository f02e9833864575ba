#include "records.h"

#include <charconv>
#include <chrono>

#include "core/time.h"
#include "json_util.h"

namespace orchestrator {
namespace {

std::string sent_timestamp_iso(const rapidjson::Value& record, std::string_view fallback) {
  const auto* attrs = json::member(record, "attributes");
  const std::string ms = attrs ? json::string_member(*attrs, "SentTimestamp") : std::string();
  long long v = 0;
  auto [p, ec] = std::from_chars(ms.data(), ms.data() + ms.size(), v);
  // Beyond 2200 (or negative) is no real send time, and would overflow the clock (ns).
  constexpr long long max_ms = 7258118400000LL;  // 2200-01-01
  if (ms.empty() || ec != std::errc() || p != ms.data() + ms.size() || v < 0 || v > max_ms)
    return std::string(fallback);
  return core::time::iso8601(core::time::time_point(std::chrono::milliseconds(v)),
                             core::time::precision::millis);
}

// An SNS notification as SNS hands it to SQS or HTTP subscribers (Type, MessageId, Message...).
bool unwrap_sns_notification(const rapidjson::Value& v, inbound_record& r) {
  if (!v.IsObject() || json::string_member(v, "Type") != "Notification") return false;
  const auto* msg = json::member(v, "Message");
  if (!msg || !msg->IsString()) return false;
  r.body.assign(msg->GetString(), msg->GetStringLength());
  if (auto id = json::string_member(v, "MessageId"); !id.empty()) r.message_id = id;
  if (auto ts = json::string_member(v, "Timestamp"); !ts.empty()) r.arrival_time = ts;
  return true;
}

inbound_record from_sns(const rapidjson::Value& rec, std::size_t index, std::string_view request_id,
                        std::string_view now) {
  inbound_record r;
  r.source = record_source::sns;
  r.arrival_time = std::string(now);
  const auto* sns = json::member(rec, "Sns");
  if (sns) {
    r.message_id = json::string_member(*sns, "MessageId");
    if (auto ts = json::string_member(*sns, "Timestamp"); !ts.empty()) r.arrival_time = ts;
  }
  if (r.message_id.empty()) r.message_id = std::string(request_id) + "#" + std::to_string(index);
  r.item_id = r.message_id;
  const auto* msg = sns ? json::member(*sns, "Message") : nullptr;
  if (!msg || !msg->IsString()) {
    r.error = "SNS record has no Sns.Message string";
    r.body = json::to_text(rec);
    return r;
  }
  r.body.assign(msg->GetString(), msg->GetStringLength());
  return r;
}

inbound_record from_sqs(const rapidjson::Value& rec, std::size_t index, std::string_view request_id,
                        std::string_view now) {
  inbound_record r;
  r.source = record_source::sqs;
  r.item_id = json::string_member(rec, "messageId");
  if (r.item_id.empty()) r.item_id = std::string(request_id) + "#" + std::to_string(index);
  r.message_id = r.item_id;
  r.arrival_time = sent_timestamp_iso(rec, now);
  const auto* body = json::member(rec, "body");
  if (!body || !body->IsString()) {
    r.error = "SQS record has no body string";
    r.body = json::to_text(rec);
    return r;
  }
  r.body.assign(body->GetString(), body->GetStringLength());
  if (auto retry = parse_retry_message(r.body)) {
    if (!*retry) {
      r.error = retry->error().message;
      return r;
    }
    r.retry = std::move(retry->value());
    r.body = r.retry->event_json;
    return r;
  }
  rapidjson::Document doc;
  if (json::parse(r.body, doc)) unwrap_sns_notification(doc, r);
  return r;
}

}  // namespace

invocation_records split_invocation(std::string_view payload, std::string_view request_id,
                                    std::string_view now) {
  invocation_records out;
  rapidjson::Document doc;
  auto parsed = core::json::parse(payload);
  const bool is_json = parsed.ok();
  if (is_json) doc = std::move(*parsed);
  const auto* records = is_json ? json::member(doc, "Records") : nullptr;
  if (!records || !records->IsArray()) {
    inbound_record r;
    r.source = record_source::direct;
    r.message_id = r.item_id = "invocation-" + std::string(request_id);
    r.arrival_time = std::string(now);
    r.body = std::string(payload);
    if (!is_json)
      r.error = "the invocation is not acceptable JSON: " + parsed.error().message;
    else if (!doc.IsObject())
      r.error = "the invocation is neither an SNS/SQS event nor a JSON object";
    out.source = record_source::direct;
    out.records.push_back(std::move(r));
    return out;
  }
  std::size_t index = 0;
  bool any_sqs = false;
  for (const auto& rec : records->GetArray()) {
    std::string source = json::string_member(rec, "EventSource");
    if (source.empty()) source = json::string_member(rec, "eventSource");
    if (source == "aws:sqs") {
      any_sqs = true;
      out.records.push_back(from_sqs(rec, index, request_id, now));
    } else if (source == "aws:sns" || json::member(rec, "Sns")) {
      out.records.push_back(from_sns(rec, index, request_id, now));
    } else {
      inbound_record r;
      r.message_id = json::string_member(rec, "messageId");
      if (r.message_id.empty())
        r.message_id = std::string(request_id) + "#" + std::to_string(index);
      r.item_id = r.message_id;
      r.arrival_time = std::string(now);
      r.error = "record is neither an SNS nor an SQS record";
      r.body = rec.IsObject() || rec.IsArray() ? json::to_text(rec) : std::string("null");
      out.records.push_back(std::move(r));
    }
    ++index;
  }
  out.source = any_sqs ? record_source::sqs : record_source::sns;
  return out;
}

}  // namespace orchestrator
