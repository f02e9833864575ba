#include "fan_out.h"

#include <rapidjson/stringbuffer.h>
#include <rapidjson/writer.h>

#include "aws/lambda.h"

namespace scanner {

namespace {

void string_member(rapidjson::Writer<rapidjson::StringBuffer>& w, const char* key,
                   const std::string& v) {
  w.Key(key);
  w.String(v.c_str(), static_cast<rapidjson::SizeType>(v.size()));
}

}  // namespace

std::string unit_name(const work_unit& u) {
  std::string n = u.target;
  if (!u.workspace.empty()) n += "/" + u.workspace;
  if (u.slice)
    n += " part " + std::to_string(u.slice->index + 1) + " of " + std::to_string(u.slice->count);
  return n;
}

std::string unit_event(const work_unit& u) {
  rapidjson::StringBuffer sb;
  rapidjson::Writer<rapidjson::StringBuffer> w(sb);
  w.StartObject();
  string_member(w, "target", u.target);
  if (!u.workspace.empty()) string_member(w, "workspace", u.workspace);
  if (!u.workspace.empty() || !u.find_unmanaged) {  // a whole target lists its region unless told
    w.Key("unmanaged");
    w.Bool(u.find_unmanaged);
  }
  if (u.slice) {
    w.Key("slice");
    w.StartObject();
    string_member(w, "run", u.slice->run);
    w.Key("index");
    w.Int(u.slice->index);
    w.Key("count");
    w.Int(u.slice->count);
    string_member(w, "from", u.slice->range.from);
    string_member(w, "to", u.slice->range.to);
    w.EndObject();
  }
  w.EndObject();
  return std::string(sb.GetString(), sb.GetSize());
}

fan_out_result fan_out(const std::vector<work_unit>& units, const std::string& function_name,
                       aws::session& session) {
  fan_out_result out;
  if (function_name.empty() || units.size() < 2) {
    out.scan_here = units;
    return out;
  }
  for (const auto& u : units) {
    auto r = aws::lambda::invoke(session, function_name, unit_event(u),
                                 aws::lambda::invocation_type::event);
    if (r && r->status == 202) {
      out.queued.push_back(unit_name(u));
    } else {
      out.scan_here.push_back(u);
      out.errors.push_back("fan-out to " + unit_name(u) + " failed (" +
                           (r ? "HTTP " + std::to_string(r->status) : r.error().message) +
                           "): scanned in this invocation");
    }
  }
  return out;
}

}  // namespace scanner
