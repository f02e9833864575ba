#include "aws/lambda_read.h"

#include "aws/json_protocol.h"
#include "aws/uri.h"

namespace aws::lambda {
namespace {
const service& svc = services::lambda;

using query_t = std::vector<std::pair<std::string, std::string>>;

core::result<rapidjson::Document, error> get_json(session& s, const char* operation,
                                                  std::string path, query_t query) {
  auto r = rest_call(s, svc, {"GET", std::move(path), std::move(query), {}, ""});
  if (!r) return r.error();
  auto parsed =
      core::json::parse(r->body.empty() ? std::string("{}") : r->body, aws_response_limits);
  if (!parsed || !parsed->IsObject())
    return error{std::string(svc.id),
                 error::kParse,
                 std::string(operation) + ": malformed JSON",
                 r->status,
                 "",
                 1};
  return std::move(*parsed);
}

std::string function_path(const std::string& version, const std::string& name) {
  return "/" + version + "/functions/" + uri::encode(name);
}

query_t qualified(const std::string& qualifier) {
  if (qualifier.empty()) return {};
  return {{"Qualifier", qualifier}};
}

// Marker paging: each page's `items` copied out as documents of their own.
core::result<std::vector<rapidjson::Document>, error> list_pages(session& s, const char* operation,
                                                                 const std::string& path,
                                                                 const char* items) {
  std::vector<rapidjson::Document> out;
  std::string marker;
  // A service that keeps answering the same marker must not hold a scan forever.
  for (int page = 0; page < 1000; ++page) {
    query_t q{{"MaxItems", "50"}};
    if (!marker.empty()) q.emplace_back("Marker", marker);
    auto r = get_json(s, operation, path, std::move(q));
    if (!r) return r.error();
    if (auto it = r->FindMember(items); it != r->MemberEnd() && it->value.IsArray())
      for (const auto& v : it->value.GetArray()) {
        rapidjson::Document d;
        d.CopyFrom(v, d.GetAllocator());
        out.push_back(std::move(d));
      }
    auto next = r->FindMember("NextMarker");
    if (next == r->MemberEnd() || !next->value.IsString() || next->value.GetStringLength() == 0)
      return out;
    std::string n = next->value.GetString();
    if (n == marker) return out;
    marker = std::move(n);
  }
  return out;
}
}  // namespace

core::result<rapidjson::Document, error> get_function(session& s, const std::string& name) {
  return get_json(s, "GetFunction", function_path("2015-03-31", name), {});
}

core::result<rapidjson::Document, error> get_policy(session& s, const std::string& name,
                                                    const std::string& qualifier) {
  return get_json(s, "GetPolicy", function_path("2015-03-31", name) + "/policy",
                  qualified(qualifier));
}

core::result<rapidjson::Document, error> get_alias(session& s, const std::string& function,
                                                   const std::string& alias) {
  return get_json(s, "GetAlias",
                  function_path("2015-03-31", function) + "/aliases/" + uri::encode(alias), {});
}

core::result<rapidjson::Document, error> get_event_source_mapping(session& s,
                                                                  const std::string& uuid) {
  return get_json(s, "GetEventSourceMapping",
                  "/2015-03-31/event-source-mappings/" + uri::encode(uuid), {});
}

core::result<rapidjson::Document, error> get_function_url_config(session& s,
                                                                 const std::string& name,
                                                                 const std::string& qualifier) {
  return get_json(s, "GetFunctionUrlConfig", function_path("2021-10-31", name) + "/url",
                  qualified(qualifier));
}

core::result<rapidjson::Document, error> list_tags(session& s, const std::string& arn) {
  return get_json(s, "ListTags", "/2017-03-31/tags/" + uri::encode(arn), {});
}

core::result<std::vector<rapidjson::Document>, error> list_functions(session& s) {
  return list_pages(s, "ListFunctions", "/2015-03-31/functions/", "Functions");
}

core::result<std::vector<rapidjson::Document>, error> list_aliases(session& s,
                                                                   const std::string& function) {
  return list_pages(s, "ListAliases", function_path("2015-03-31", function) + "/aliases",
                    "Aliases");
}

core::result<std::vector<rapidjson::Document>, error> list_event_source_mappings(session& s) {
  return list_pages(s, "ListEventSourceMappings", "/2015-03-31/event-source-mappings/",
                    "EventSourceMappings");
}

}  // namespace aws::lambda
