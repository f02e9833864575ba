#include "fan_out.h"

#include <rapidjson/stringbuffer.h>
#include <rapidjson/writer.h>

#include "aws/lambda.h"

namespace scanner {

fan_out_result fan_out(const std::vector<target>& targets, const std::string& function_name,
                       aws::session& session) {
  fan_out_result out;
  if (function_name.empty() || targets.size() < 2) {
    out.scan_here = targets;
    return out;
  }
  for (const auto& t : targets) {
    rapidjson::StringBuffer sb;
    rapidjson::Writer<rapidjson::StringBuffer> w(sb);
    w.StartObject();
    w.Key("target");
    w.String(t.name.c_str(), static_cast<rapidjson::SizeType>(t.name.size()));
    w.EndObject();
    auto r = aws::lambda::invoke(session, function_name, std::string(sb.GetString(), sb.GetSize()),
                                 aws::lambda::invocation_type::event);
    if (r && r->status == 202) {
      out.queued.push_back(t.name);
    } else {
      out.scan_here.push_back(t);
      out.errors.push_back("fan-out to " + t.name + " failed (" +
                           (r ? "HTTP " + std::to_string(r->status) : r.error().message) +
                           "): scanned in this invocation");
    }
  }
  return out;
}

}  // namespace scanner
