#include "aws/lambda.h"

#include "aws/json_protocol.h"
#include "aws/uri.h"

namespace aws::lambda {
namespace {
const service& svc = services::lambda;

std::string function_path(const std::string& name) {
  return "/2015-03-31/functions/" + uri::encode(name);
}
}  // namespace

core::result<rapidjson::Document, error> get_function_configuration(session& s,
                                                                    const std::string& name) {
  auto r = rest_call(s, svc, {"GET", function_path(name) + "/configuration", {}, {}, ""});
  if (!r) return r.error();
  auto parsed = core::json::parse(r->body, aws_response_limits);
  if (!parsed || !parsed->IsObject())
    return error{std::string(svc.id),
                 error::kParse,
                 "GetFunctionConfiguration: malformed JSON",
                 r->status,
                 "",
                 1};
  return std::move(*parsed);
}

core::result<invoke_result, error> invoke(session& s, const std::string& name,
                                          const std::string& payload, invocation_type type) {
  const char* t = type == invocation_type::event     ? "Event"
                  : type == invocation_type::dry_run ? "DryRun"
                                                     : "RequestResponse";
  rest_request req{"POST",
                   function_path(name) + "/invocations",
                   {},
                   {{"X-Amz-Invocation-Type", t}, {"Content-Type", "application/json"}},
                   payload};
  auto r = rest_call(s, svc, std::move(req));
  if (!r) return r.error();
  invoke_result out;
  out.status = r->status;
  out.payload = std::move(r->body);
  if (const auto* fe = r->header("X-Amz-Function-Error")) out.function_error = *fe;
  if (const auto* v = r->header("X-Amz-Executed-Version")) out.executed_version = *v;
  return out;
}

}  // namespace aws::lambda
