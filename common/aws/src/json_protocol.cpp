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

}  // namespace aws
