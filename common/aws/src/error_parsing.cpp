#include "error_parsing.h"

#include <rapidjson/document.h>

#include <cstring>
#include <pugixml.hpp>

#include "aws/json_protocol.h"

namespace aws::detail {
namespace {

// "aws.protocoltests#FooError:http://..." -> "FooError"
std::string clean_code(std::string code) {
  if (auto colon = code.find(':'); colon != std::string::npos) code.resize(colon);
  if (auto hash = code.rfind('#'); hash != std::string::npos) code.erase(0, hash + 1);
  return code;
}

std::string code_from_status(long status) {
  switch (status) {
    case 301:
      return "PermanentRedirect";
    case 304:
      return "NotModified";
    case 400:
      return "BadRequest";
    case 403:
      return "Forbidden";
    case 404:
      return "NotFound";
    case 412:
      return "PreconditionFailed";
    default:
      return "HTTP" + std::to_string(status);
  }
}

void from_json(const http::response& resp, error& e) {
  if (const auto* t = resp.header("x-amzn-ErrorType")) e.code = clean_code(*t);
  auto parsed = core::json::parse(resp.body, aws_response_limits);
  if (!parsed || !parsed->IsObject()) return;
  const rapidjson::Document& d = *parsed;
  for (const char* k : {"__type", "code", "Code"})
    if (e.code.empty() && d.HasMember(k) && d[k].IsString()) e.code = clean_code(d[k].GetString());
  for (const char* k : {"message", "Message", "errorMessage"})
    if (e.message.empty() && d.HasMember(k) && d[k].IsString()) e.message = d[k].GetString();
}

void from_xml(const http::response& resp, error& e) {
  pugi::xml_document doc;
  if (!doc.load_buffer(resp.body.data(), resp.body.size())) return;
  // Query (<ErrorResponse><Error>), EC2 (<Response><Errors><Error>) and S3 (<Error>) alike: the
  // first element of that name in document order. A plain search, not XPath: the static
  // bootstraps are built without pugixml's XPath engine, most of its code.
  auto first_named = [&doc](const char* name) {
    return doc.find_node(
        [name](const pugi::xml_node& n) { return std::strcmp(n.name(), name) == 0; });
  };
  auto err = first_named("Error");
  if (!err) return;
  e.code = err.child_value("Code");
  e.message = err.child_value("Message");
  for (const char* k : {"RequestId", "RequestID"})
    if (auto n = first_named(k); n && e.request_id.empty()) e.request_id = n.child_value();
}

}  // namespace

std::string request_id_of(const http::response& resp) {
  for (const char* h : {"x-amzn-RequestId", "x-amz-request-id", "x-amzn-request-id"})
    if (const auto* v = resp.header(h)) return *v;
  return {};
}

error parse_error(const service& svc, const http::response& resp) {
  error e;
  e.service = std::string(svc.id);
  e.http_status = resp.status;
  e.request_id = request_id_of(resp);
  // Front ends (and emulators) sometimes answer in the other format, e.g. an XML auth
  // failure from a JSON service: try the protocol's own format first, then the other.
  bool json_first = svc.proto == protocol::json || svc.proto == protocol::rest_json;
  if (json_first)
    from_json(resp, e);
  else
    from_xml(resp, e);
  if (e.code.empty()) {
    if (json_first)
      from_xml(resp, e);
    else
      from_json(resp, e);
  }
  if (e.code.empty()) e.code = code_from_status(resp.status);
  return e;
}

}  // namespace aws::detail
