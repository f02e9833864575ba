#include "invoke_api.h"

#include <httplib.h>
#include <rapidjson/document.h>
#include <rapidjson/stringbuffer.h>
#include <rapidjson/writer.h>

#include "aws/crypto.h"
#include "config.h"
#include "core/json.h"
#include "registry.h"

namespace harness {
namespace {

constexpr std::size_t max_sync_payload = 6 * 1024 * 1024;
constexpr std::size_t max_async_payload = 1024 * 1024;

// Lambda's REST-JSON error: the code in x-amzn-ErrorType (what the SDKs read), the text in
// the body as the service writes it.
void error_reply(httplib::Response& res, int status, const std::string& code,
                 const std::string& message) {
  rapidjson::StringBuffer buf;
  rapidjson::Writer<rapidjson::StringBuffer> w(buf);
  w.StartObject();
  w.Key("Type");
  w.String("User");
  w.Key("message");
  w.String(message.c_str(), static_cast<rapidjson::SizeType>(message.size()));
  w.EndObject();
  res.status = status;
  res.set_header("x-amzn-ErrorType", code);
  res.set_content(buf.GetString(), "application/json");
}

// X-Amz-Client-Context carries base64 JSON; the runtime receives the JSON itself.
std::string decode_client_context(const std::string& header) {
  if (header.empty()) return {};
  auto decoded = aws::crypto::unbase64(header);
  return decoded ? *decoded : header;
}

// Why Lambda would refuse this invocation before running anything, with its HTTP status: an
// unknown invocation type, a body over the type's limit, or one that is not JSON.
struct refused {
  int status;
  std::string code, message;
};

std::optional<refused> refusal(const std::string& type, const std::string& body) {
  if (type != "RequestResponse" && type != "Event" && type != "DryRun")
    return refused{400, "InvalidParameterValueException", "Unsupported invocation type " + type};
  const std::size_t limit = type == "Event" ? max_async_payload : max_sync_payload;
  if (body.size() > limit)
    return refused{413, "RequestTooLargeException",
                   "Request must be smaller than " + std::to_string(limit) +
                       " bytes for the InvokeFunction operation"};
  // Checked without building a tree: the payload goes on untouched, however deep (what the
  // function then makes of it is the point of many tests). An empty body is the payload {}.
  if (!body.empty() && !core::json::is_well_formed(body))
    return refused{400, "InvalidRequestContentException", "Could not parse request body into json"};
  return std::nullopt;
}

// The invocation as the runtime will see it: payload, ARN (with the qualifier), trace id,
// client context and the identity headers.
invocation invocation_from(const httplib::Request& req, const function_config& fn,
                           std::string payload) {
  invocation inv;
  inv.request_id = new_request_id();
  inv.payload = std::move(payload);
  inv.invoked_function_arn = fn.function_arn;
  if (const std::string q = req.get_param_value("Qualifier"); !q.empty())
    inv.invoked_function_arn += ":" + q;
  inv.trace_id = req.get_header_value("X-Amzn-Trace-Id");
  if (inv.trace_id.empty()) inv.trace_id = new_trace_id();
  inv.client_context = decode_client_context(req.get_header_value("X-Amz-Client-Context"));
  inv.cognito_identity = req.get_header_value("X-Lambda-Harness-Cognito-Identity");
  inv.tenant_id = req.get_header_value("X-Amz-Tenant-Id");
  return inv;
}

// A RequestResponse answer: 200 whatever the function did, its error in a header.
void reply_with(const outcome& o, const httplib::Request& req, httplib::Response& res) {
  res.status = 200;
  res.set_header("X-Amz-Executed-Version", "$LATEST");
  if (!o.ok) res.set_header("X-Amz-Function-Error", "Unhandled");
  if (req.get_header_value("X-Amz-Log-Type") == "Tail")
    res.set_header("X-Amz-Log-Result", aws::crypto::base64(o.log_tail));
  res.set_content(o.payload, "application/json");
}

void handle_invoke(const registry& functions, const config& cfg, const httplib::Request& req,
                   httplib::Response& res) {
  const std::string name = req.matches[1];
  function_pool* pool = functions.find(name);
  if (!pool) {
    error_reply(res, 404, "ResourceNotFoundException",
                "Function not found: arn:aws:lambda:" + cfg.region + ":" + cfg.account_id +
                    ":function:" + function_name_of(name));
    return;
  }
  std::string type = req.get_header_value("X-Amz-Invocation-Type");
  if (type.empty()) type = "RequestResponse";
  if (auto r = refusal(type, req.body)) {
    error_reply(res, r->status, r->code, r->message);
    return;
  }
  invocation inv = invocation_from(req, pool->function(), req.body.empty() ? "{}" : req.body);
  res.set_header("x-amzn-RequestId", inv.request_id);
  if (type == "DryRun") {
    res.status = 204;
  } else if (type == "Event") {
    pool->invoke_async(std::move(inv));
    res.status = 202;
  } else {
    reply_with(pool->invoke(inv), req, res);
  }
}

}  // namespace

void mount_invoke_api(httplib::Server& server, const registry& functions, const config& cfg) {
  server.set_payload_max_length(64 * 1024 * 1024);
  server.Post(R"(/2015-03-31/functions/([^/]+)/invocations)",
              [&functions, &cfg](const httplib::Request& req, httplib::Response& res) {
                handle_invoke(functions, cfg, req, res);
              });
}

}  // namespace harness
