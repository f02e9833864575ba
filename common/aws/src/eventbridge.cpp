#include "aws/eventbridge.h"

#include "aws/json_protocol.h"
#include "json_build.h"

namespace aws::eventbridge {

core::result<put_result, error> put_events(session& s, const std::vector<event>& events) {
  put_result out;
  for (size_t start = 0; start < events.size(); start += 10) {
    rapidjson::Document d(rapidjson::kObjectType);
    auto& a = d.GetAllocator();
    rapidjson::Value entries(rapidjson::kArrayType);
    for (size_t i = start; i < std::min(events.size(), start + 10); ++i) {
      const auto& e = events[i];
      rapidjson::Value v(rapidjson::kObjectType);
      v.AddMember("Source", rapidjson::Value(e.source.c_str(), a), a);
      v.AddMember("DetailType", rapidjson::Value(e.detail_type.c_str(), a), a);
      v.AddMember("Detail", rapidjson::Value(e.detail.c_str(), a), a);
      if (!e.event_bus_name.empty())
        v.AddMember("EventBusName", rapidjson::Value(e.event_bus_name.c_str(), a), a);
      if (!e.resources.empty()) {
        rapidjson::Value res(rapidjson::kArrayType);
        for (const auto& r : e.resources) res.PushBack(rapidjson::Value(r.c_str(), a), a);
        v.AddMember("Resources", res, a);
      }
      entries.PushBack(v, a);
    }
    d.AddMember("Entries", entries, a);
    auto r = json_call(s, services::eventbridge, "PutEvents", d);
    if (!r) return r.error();
    if (r->HasMember("FailedEntryCount") && (*r)["FailedEntryCount"].IsInt())
      out.failed_count += (*r)["FailedEntryCount"].GetInt();
    if (r->HasMember("Entries"))
      for (const auto& e : (*r)["Entries"].GetArray())
        out.entries.push_back({detail::get_string(e, "EventId"), detail::get_string(e, "ErrorCode"),
                               detail::get_string(e, "ErrorMessage")});
  }
  return out;
}

}  // namespace aws::eventbridge
