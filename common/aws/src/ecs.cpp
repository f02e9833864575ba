#include "aws/ecs.h"

#include "aws/json_protocol.h"
#include "aws/paginate.h"
#include "json_build.h"

namespace aws::ecs {
namespace {

const service& svc = services::ecs;

// The strings of `items` on every nextToken page of `operation` called with `in`.
core::result<std::vector<std::string>, error> string_pages(session& s, const char* operation,
                                                           detail::json_object in,
                                                           const char* items) {
  std::vector<std::string> out;
  auto done = paginate(
      [&](const std::string& token) {
        detail::json_object page;
        page.doc().CopyFrom(in.doc(), page.doc().GetAllocator());
        page.set("maxResults", 100);
        if (!token.empty()) page.set("nextToken", token);
        return json_call(s, svc, operation, page.str());
      },
      [](const rapidjson::Document& r) { return detail::get_string(r, "nextToken"); },
      [&](const rapidjson::Document& r) {
        if (const auto* list = core::json::member(r, items); list && list->IsArray())
          for (const auto& v : list->GetArray())
            if (v.IsString()) out.emplace_back(v.GetString(), v.GetStringLength());
      });
  if (!done) return done.error();
  return out;
}

}  // namespace

core::result<rapidjson::Document, error> describe_clusters(session& s,
                                                           const std::vector<std::string>& ids) {
  detail::json_object in;
  in.set_strings("clusters", ids);
  in.set_strings("include", {"CONFIGURATIONS", "SETTINGS", "TAGS"});
  return json_call(s, svc, "DescribeClusters", in.str());
}

core::result<rapidjson::Document, error> describe_task_definition(session& s,
                                                                  const std::string& id) {
  detail::json_object in;
  in.set("taskDefinition", id);
  in.set_strings("include", {"TAGS"});
  return json_call(s, svc, "DescribeTaskDefinition", in.str());
}

core::result<rapidjson::Document, error> describe_services(session& s, const std::string& cluster,
                                                           const std::vector<std::string>& ids) {
  detail::json_object in;
  in.set("cluster", cluster);
  in.set_strings("services", ids);
  in.set_strings("include", {"TAGS"});
  return json_call(s, svc, "DescribeServices", in.str());
}

core::result<std::vector<std::string>, error> list_clusters(session& s) {
  return string_pages(s, "ListClusters", {}, "clusterArns");
}

core::result<std::vector<std::string>, error> list_services(session& s,
                                                            const std::string& cluster) {
  detail::json_object in;
  in.set("cluster", cluster);
  return string_pages(s, "ListServices", std::move(in), "serviceArns");
}

core::result<std::vector<std::string>, error> list_task_definition_families(session& s) {
  detail::json_object in;
  in.set("status", "ACTIVE");
  return string_pages(s, "ListTaskDefinitionFamilies", std::move(in), "families");
}

}  // namespace aws::ecs
