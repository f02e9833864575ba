#include "aws/json_protocol.h"

#include <rapidjson/stringbuffer.h>
#include <rapidjson/writer.h>

#include "aws/uri.h"

namespace aws {

std::string to_json(const rapidjson::Value& v) {
  rapidjson::StringBuffer buf;
  rapidjson::Writer<rapidjson::StringBuffer> w(buf);
  v.Accept(w);
  return std::string(buf.GetString(), buf.GetSize());
}

core::result<rapidjson::Document, error> json_call(session& s, const service& svc,
                                                   std::string_view operation,
                                                   const std::string& body, const call_options& o) {
  http::request req;
  req.method = "POST";
  req.url = s.endpoint_for(svc).url + "/";
  req.headers = {{"Content-Type", "application/x-amz-json-" + std::string(svc.json_version)},
                 {"X-Amz-Target", std::string(svc.version) + "." + std::string(operation)}};
  req.body = body.empty() ? "{}" : body;
  auto resp = s.send(svc, std::move(req), o);
  if (!resp) return resp.error();
  const std::string& text = resp->body.empty() ? std::string("{}") : resp->body;
  auto parsed = core::json::parse(text, aws_response_limits);
  if (!parsed)
    return error{
        std::string(svc.id),
        error::kParse,
        std::string(operation) + " answered with malformed JSON: " + parsed.error().message,
        resp->status,
        resp->header("x-amzn-RequestId") ? *resp->header("x-amzn-RequestId") : "",
        1};
  return std::move(*parsed);
}

core::result<rapidjson::Document, error> json_call(session& s, const service& svc,
                                                   std::string_view operation,
                                                   const rapidjson::Value& body,
                                                   const call_options& o) {
  return json_call(s, svc, operation, to_json(body), o);
}

core::result<http::response, error> rest_call(session& s, const service& svc, rest_request r,
                                              const call_options& o) {
  http::request req;
  req.method = r.method;
  req.url = s.endpoint_for(svc).url + r.path;
  if (!r.query.empty()) {
    req.url += '?';
    req.url += uri::build_query(r.query);
  }
  req.headers = std::move(r.headers);
  req.body = std::move(r.body);
  return s.send(svc, std::move(req), o);
}

core::result<rapidjson::Document, error> rest_get_json(
    session& s, const service& svc, std::string_view operation, std::string path,
    std::vector<std::pair<std::string, std::string>> query) {
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

core::result<std::vector<rapidjson::Document>, error> rest_list_marker_pages(
    session& s, const service& svc, std::string_view operation, const std::string& path,
    std::vector<std::pair<std::string, std::string>> query, const char* items, int page_size) {
  std::vector<rapidjson::Document> out;
  std::string marker;
  // A service that keeps answering the same marker must not hold a scan forever.
  for (int page = 0; page < 1000; ++page) {
    auto q = query;
    q.emplace_back("MaxItems", std::to_string(page_size));
    if (!marker.empty()) q.emplace_back("Marker", marker);
    auto r = rest_get_json(s, svc, operation, path, std::move(q));
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

}  // namespace aws
