#include "aws/sts.h"

#include "aws/query_protocol.h"
#include "core/time.h"

namespace aws::sts {

core::result<identity, error> get_caller_identity(session& s) {
  auto r = query_call(s, services::sts, "GetCallerIdentity", {});
  if (!r) return r.error();
  return identity{text(r->result, "Account"), text(r->result, "Arn"), text(r->result, "UserId")};
}

core::result<credentials, error> assume_role(session& s, const std::string& role_arn,
                                             const std::string& session_name,
                                             const std::string& external_id,
                                             std::chrono::seconds duration) {
  query_params q{{"RoleArn", role_arn},
                 {"RoleSessionName", session_name},
                 {"DurationSeconds", std::to_string(duration.count())}};
  if (!external_id.empty()) q.emplace_back("ExternalId", external_id);
  auto r = query_call(s, services::sts, "AssumeRole", q);
  if (!r) return r.error();
  auto c = r->result.child("Credentials");
  credentials out{c.child_value("AccessKeyId"), c.child_value("SecretAccessKey"),
                  c.child_value("SessionToken"), std::nullopt};
  if (out.access_key_id.empty())
    return error{"STS", error::kParse, "AssumeRole answered without credentials",
                 200,   r->request_id, 1};
  out.expiration = core::time::parse_iso8601(c.child_value("Expiration"));
  return out;
}

}  // namespace aws::sts
