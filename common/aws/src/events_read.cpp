#include "aws/events_read.h"

#include "aws/json_protocol.h"
#include "aws/paginate.h"
#include "json_build.h"

namespace aws::events {
namespace {

const service& svc = services::eventbridge;

// Each item of `items` on every NextToken page of `operation`, copied out as a document.
core::result<std::vector<rapidjson::Document>, error> pages(session& s, const char* operation,
                                                            detail::json_object in,
                                                            const char* items) {
  std::vector<rapidjson::Document> out;
  auto done = paginate(
      [&](const std::string& token) {
        detail::json_object page;
        page.doc().CopyFrom(in.doc(), page.doc().GetAllocator());
        if (!token.empty()) page.set("NextToken", token);
        return json_call(s, svc, operation, page.str());
      },
      [](const rapidjson::Document& r) { return detail::get_string(r, "NextToken"); },
      [&](const rapidjson::Document& r) {
        if (const auto* list = core::json::member(r, items); list && list->IsArray())
          for (const auto& v : list->GetArray()) {
            rapidjson::Document d;
            d.CopyFrom(v, d.GetAllocator());
            out.push_back(std::move(d));
          }
      });
  if (!done) return done.error();
  return out;
}

}  // namespace

core::result<rapidjson::Document, error> describe_event_bus(session& s, const std::string& name) {
  detail::json_object in;
  in.set("Name", name);
  return json_call(s, svc, "DescribeEventBus", in.str());
}

core::result<rapidjson::Document, error> describe_rule(session& s, const std::string& bus,
                                                       const std::string& rule) {
  detail::json_object in;
  in.set("Name", rule);
  in.set("EventBusName", bus);
  return json_call(s, svc, "DescribeRule", in.str());
}

core::result<std::vector<rapidjson::Document>, error> list_targets_by_rule(
    session& s, const std::string& bus, const std::string& rule) {
  detail::json_object in;
  in.set("Rule", rule);
  in.set("EventBusName", bus);
  in.set("Limit", 100);
  return pages(s, "ListTargetsByRule", std::move(in), "Targets");
}

core::result<std::map<std::string, std::string>, error> list_tags(session& s,
                                                                  const std::string& arn) {
  detail::json_object in;
  in.set("ResourceARN", arn);
  auto r = json_call(s, svc, "ListTagsForResource", in.str());
  if (!r) return r.error();
  std::map<std::string, std::string> out;
  if (const auto* tags = core::json::member(*r, "Tags"); tags && tags->IsArray())
    for (const auto& t : tags->GetArray())
      out[detail::get_string(t, "Key")] = detail::get_string(t, "Value");
  return out;
}

core::result<std::vector<rapidjson::Document>, error> list_event_buses(session& s) {
  detail::json_object in;
  in.set("Limit", 100);
  return pages(s, "ListEventBuses", std::move(in), "EventBuses");
}

core::result<std::vector<rapidjson::Document>, error> list_rules(session& s,
                                                                 const std::string& bus) {
  detail::json_object in;
  in.set("EventBusName", bus);
  in.set("Limit", 100);
  return pages(s, "ListRules", std::move(in), "Rules");
}

}  // namespace aws::events
