#include "aws/query_protocol.h"

#include "aws/uri.h"

namespace aws {

core::result<xml_response, error> parse_xml(const service& svc, const std::string& body,
                                            const std::string& result_name) {
  auto doc = std::make_shared<pugi::xml_document>();
  if (!doc->load_buffer(body.data(), body.size()))
    return error{std::string(svc.id), error::kParse, "malformed XML response", 0, "", 1};
  xml_response r;
  r.doc = doc;
  auto root = doc->document_element();
  r.result = result_name.empty() ? root : root.child(result_name.c_str());
  if (!r.result) r.result = root;
  for (const char* path : {"ResponseMetadata/RequestId", "requestId", "RequestId"})
    if (auto n = root.first_element_by_path(path); n && r.request_id.empty())
      r.request_id = n.child_value();
  return r;
}

core::result<xml_response, error> query_call(session& s, const service& svc,
                                             std::string_view action, const query_params& params,
                                             const call_options& o) {
  query_params all{{"Action", std::string(action)}, {"Version", std::string(svc.version)}};
  all.insert(all.end(), params.begin(), params.end());
  http::request req;
  req.method = "POST";
  req.url = s.endpoint_for(svc).url + "/";
  req.headers = {{"Content-Type", "application/x-www-form-urlencoded; charset=utf-8"}};
  req.body = uri::build_query(all);
  auto resp = s.send(svc, std::move(req), o);
  if (!resp) return resp.error();
  auto r = parse_xml(svc, resp->body, std::string(action) + "Result");
  if (!r) {
    auto e = r.error();
    e.http_status = resp->status;
    return e;
  }
  return r;
}

}  // namespace aws
