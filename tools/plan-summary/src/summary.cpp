#include "summary.h"

#include <rapidjson/document.h>
#include <rapidjson/prettywriter.h>
#include <rapidjson/stringbuffer.h>

#include "terraform/plan.h"
#include "terraform/redact.h"

namespace plan_summary {
namespace {

using writer = rapidjson::PrettyWriter<rapidjson::StringBuffer>;

void str(writer& w, const char* key, const std::string& v) {
  w.Key(key);
  w.String(v.c_str(), static_cast<rapidjson::SizeType>(v.size()));
}

// A value the plan reader already redacted, written back as JSON (not as a string of JSON).
void raw_value(writer& w, const char* key, const std::string& json_text) {
  w.Key(key);
  rapidjson::Document d;
  d.Parse(json_text.c_str(), json_text.size());
  if (d.HasParseError()) {
    w.String(terraform::redacted_marker);  // fail closed
    return;
  }
  d.Accept(w);
}

bool changes_something(const terraform::resource_change& c) {
  for (const auto& a : c.actions)
    if (a != "no-op" && a != "read") return true;
  return false;
}

}  // namespace

core::result<std::string> summarize(std::string_view plan_json) {
  auto plan = terraform::parse_plan(plan_json);
  if (!plan) return plan.error();
  rapidjson::StringBuffer buf;
  writer w(buf);
  w.StartObject();
  str(w, "summary_version", "1");
  str(w, "terraform_version", plan->terraform_version);
  w.Key("applyable");
  w.Bool(plan->applyable);
  w.Key("errored");
  w.Bool(plan->errored);
  w.Key("resource_changes");
  w.StartArray();
  for (const auto& c : plan->resource_changes) {
    if (!changes_something(c)) continue;
    w.StartObject();
    str(w, "address", c.address);
    str(w, "type", c.type);
    w.Key("actions");
    w.StartArray();
    for (const auto& a : c.actions) w.String(a.c_str(), static_cast<rapidjson::SizeType>(a.size()));
    w.EndArray();
    if (!c.action_reason.empty()) str(w, "action_reason", c.action_reason);
    w.Key("changed");
    w.StartArray();
    for (const auto& a : c.changed) {
      w.StartObject();
      str(w, "attribute", a.name);
      raw_value(w, "before", a.before);
      raw_value(w, "after", a.after);
      w.Key("sensitive");
      w.Bool(a.sensitive);
      w.EndObject();
    }
    w.EndArray();
    w.EndObject();
  }
  w.EndArray();
  w.EndObject();
  return std::string(buf.GetString(), buf.GetSize()) + "\n";
}

}  // namespace plan_summary
