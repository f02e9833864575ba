#include "payload.h"

#include "json_util.h"

namespace orchestrator {

std::string build_client_payload(const remediation& r) {
  rapidjson::StringBuffer sb;
  json::writer w(sb);
  w.StartObject();
  json::key(w, "schema_version");
  w.Int(payload_schema_version);
  json::kv(w, "remediation_id", r.remediation_id);
  json::key(w, "drift_event_ids");
  w.StartArray();
  for (const auto& id : r.drift_event_ids) json::str(w, id);
  w.EndArray();
  w.EndObject();
  return std::string(sb.GetString(), sb.GetSize());
}

}  // namespace orchestrator
