#include "retry_message.h"

#include "json_util.h"

namespace orchestrator {

std::string to_json(const retry_ticket& t) {
  rapidjson::StringBuffer sb;
  json::writer w(sb);
  w.StartObject();
  json::kv(w, "kind", retry_kind);
  json::kv(w, "drift_event_id", t.drift_event_id);
  json::kv(w, "timestamp", t.timestamp);
  json::key(w, "attempt");
  w.Int(t.attempt);
  json::kv(w, "reason", t.reason);
  if (!t.not_before.empty()) json::kv(w, "not_before", t.not_before);
  json::key(w, "event");
  w.RawValue(t.event_json.data(), t.event_json.size(), rapidjson::kObjectType);
  w.EndObject();
  return std::string(sb.GetString(), sb.GetSize());
}

std::optional<core::result<retry_ticket>> parse_retry_message(std::string_view body) {
  rapidjson::Document doc;
  if (!json::parse(body, doc) || !doc.IsObject()) return std::nullopt;
  if (json::string_member(doc, "kind") != retry_kind) return std::nullopt;
  retry_ticket t;
  t.drift_event_id = json::string_member(doc, "drift_event_id");
  t.timestamp = json::string_member(doc, "timestamp");
  t.reason = json::string_member(doc, "reason");
  t.not_before = json::string_member(doc, "not_before");
  const auto* attempt = json::member(doc, "attempt");
  const auto* event = json::member(doc, "event");
  if (t.drift_event_id.empty() || t.timestamp.empty() || !attempt || !attempt->IsInt() ||
      attempt->GetInt() < 1 || !event || !event->IsObject())
    return core::result<retry_ticket>(core::error{
        "InvalidRetryMessage", "retry message lacks drift_event_id, timestamp, attempt or event"});
  t.attempt = attempt->GetInt();
  t.event_json = json::to_text(*event);
  return core::result<retry_ticket>(std::move(t));
}

}  // namespace orchestrator
