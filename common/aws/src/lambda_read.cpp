#include "aws/lambda_read.h"

#include "aws/json_protocol.h"
#include "aws/uri.h"

namespace aws::lambda {
namespace {
const service& svc = services::lambda;

using query_t = std::vector<std::pair<std::string, std::string>>;

std::string function_path(const std::string& version, const std::string& name) {
  return "/" + version + "/functions/" + uri::encode(name);
}

query_t qualified(const std::string& qualifier) {
  if (qualifier.empty()) return {};
  return {{"Qualifier", qualifier}};
}

}  // namespace

core::result<rapidjson::Document, error> get_function(session& s, const std::string& name) {
  return rest_get_json(s, svc, "GetFunction", function_path("2015-03-31", name), {});
}

core::result<rapidjson::Document, error> get_policy(session& s, const std::string& name,
                                                    const std::string& qualifier) {
  return rest_get_json(s, svc, "GetPolicy", function_path("2015-03-31", name) + "/policy",
                       qualified(qualifier));
}

core::result<rapidjson::Document, error> get_alias(session& s, const std::string& function,
                                                   const std::string& alias) {
  return rest_get_json(s, svc, "GetAlias",
                       function_path("2015-03-31", function) + "/aliases/" + uri::encode(alias),
                       {});
}

core::result<rapidjson::Document, error> get_event_source_mapping(session& s,
                                                                  const std::string& uuid) {
  return rest_get_json(s, svc, "GetEventSourceMapping",
                       "/2015-03-31/event-source-mappings/" + uri::encode(uuid), {});
}

core::result<rapidjson::Document, error> get_function_url_config(session& s,
                                                                 const std::string& name,
                                                                 const std::string& qualifier) {
  return rest_get_json(s, svc, "GetFunctionUrlConfig", function_path("2021-10-31", name) + "/url",
                       qualified(qualifier));
}

core::result<rapidjson::Document, error> list_tags(session& s, const std::string& arn) {
  return rest_get_json(s, svc, "ListTags", "/2017-03-31/tags/" + uri::encode(arn), {});
}

core::result<std::vector<rapidjson::Document>, error> list_functions(session& s) {
  return rest_list_marker_pages(s, svc, "ListFunctions", "/2015-03-31/functions/", {}, "Functions",
                                50);
}

core::result<std::vector<rapidjson::Document>, error> list_aliases(session& s,
                                                                   const std::string& function) {
  return rest_list_marker_pages(
      s, svc, "ListAliases", function_path("2015-03-31", function) + "/aliases", {}, "Aliases", 50);
}

core::result<std::vector<rapidjson::Document>, error> list_event_source_mappings(session& s) {
  return rest_list_marker_pages(s, svc, "ListEventSourceMappings",
                                "/2015-03-31/event-source-mappings/", {}, "EventSourceMappings",
                                50);
}

}  // namespace aws::lambda
