#include "runtime_api.h"

#include <httplib.h>
#include <rapidjson/document.h>

#include <limits>

#include "core/json.h"

namespace harness {
namespace {

constexpr const char* base = "/2018-06-01/runtime";

void reply(httplib::Response& res, const api_reply& r) {
  res.status = r.status;
  res.set_content(r.body, "application/json");
}

// Lambda passes Function.<Name> and Runtime.<Name> on; anything else becomes Runtime.Unknown.
std::string checked_error_type(const std::string& header) {
  auto valid = [&](const char* prefix, std::size_t n) {
    return header.size() > n && header.compare(0, n, prefix) == 0;
  };
  if (valid("Function.", 9) || valid("Runtime.", 8)) return header;
  return "Runtime.Unknown";
}

}  // namespace

std::string normalise_error_body(const std::string& body, const std::string& error_type) {
  auto doc = core::json::parse(body);
  if (doc && doc->IsObject()) return body;
  return outcome::failure(error_type, body.empty() ? "Unknown error" : body).payload;
}

void mount_runtime_api(httplib::Server& server, runtime_endpoint& endpoint) {
  // One connection carries the whole life of a bootstrap: /next may wait for minutes and a
  // handler may run for up to 15 minutes between two requests on it.
  server.set_keep_alive_max_count(std::numeric_limits<std::size_t>::max());
  server.set_keep_alive_timeout(15 * 60 + 30);
  server.set_payload_max_length(64 * 1024 * 1024);

  server.Get(std::string(base) + "/invocation/next",
             [&endpoint](const httplib::Request&, httplib::Response& res) {
               auto next = endpoint.wait_next();
               if (!next) {
                 reply(res, {500, R"({"errorMessage":"the sandbox is shutting down",)"
                                  R"("errorType":"Runtime.Shutdown"})"});
                 return;
               }
               const invocation& inv = next->inv;
               res.set_header("Lambda-Runtime-Aws-Request-Id", inv.request_id);
               res.set_header("Lambda-Runtime-Deadline-Ms", std::to_string(next->deadline_ms));
               res.set_header("Lambda-Runtime-Invoked-Function-Arn", inv.invoked_function_arn);
               res.set_header("Lambda-Runtime-Trace-Id", inv.trace_id);
               if (!inv.client_context.empty())
                 res.set_header("Lambda-Runtime-Client-Context", inv.client_context);
               if (!inv.tenant_id.empty())
                 res.set_header("Lambda-Runtime-Aws-Tenant-Id", inv.tenant_id);
               if (!inv.cognito_identity.empty())
                 res.set_header("Lambda-Runtime-Cognito-Identity", inv.cognito_identity);
               res.status = 200;
               res.set_content(inv.payload, "application/json");
             });

  server.Post(std::string(base) + R"(/invocation/([^/]+)/response)",
              [&endpoint](const httplib::Request& req, httplib::Response& res) {
                reply(res, endpoint.post_response(req.matches[1], req.body));
              });

  server.Post(
      std::string(base) + R"(/invocation/([^/]+)/error)",
      [&endpoint](const httplib::Request& req, httplib::Response& res) {
        const std::string type =
            checked_error_type(req.get_header_value("Lambda-Runtime-Function-Error-Type"));
        reply(res, endpoint.post_error(req.matches[1], normalise_error_body(req.body, type), type));
      });

  server.Post(std::string(base) + "/init/error",
              [&endpoint](const httplib::Request& req, httplib::Response& res) {
                const std::string type =
                    checked_error_type(req.get_header_value("Lambda-Runtime-Function-Error-Type"));
                reply(res, endpoint.post_init_error(normalise_error_body(req.body, type), type));
              });
}

}  // namespace harness
