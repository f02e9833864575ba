#include "change_event.h"

#include <string_view>

#include "core/json.h"

namespace scanner {
namespace {

using core::json::member;
using core::json::string_member;

core::error not_a_call(std::string why) { return core::error{"NotCloudTrailCall", std::move(why)}; }

// A string member that may be absent (or null); any other type is an error, so that a record
// whose fields changed shape is refused rather than read as empty.
bool read_string(const rapidjson::Value& obj, const char* name, std::string& out,
                 std::string& problem) {
  const auto* v = member(obj, name);
  if (!v || v->IsNull()) return true;
  if (!v->IsString()) {
    problem = std::string("`") + name + "` is not a string";
    return false;
  }
  out.assign(v->GetString(), v->GetStringLength());
  return true;
}

// The parts of an ARN: arn:<partition>:<service>:<region>:<account>:<resource>.
struct arn_parts {
  std::string_view partition, service, account, resource;
};

std::optional<arn_parts> split_arn(std::string_view arn) {
  std::string_view part[6];
  for (int i = 0; i < 5; ++i) {
    const auto colon = arn.find(':');
    if (colon == std::string_view::npos) return std::nullopt;
    part[i] = arn.substr(0, colon);
    arn.remove_prefix(colon + 1);
  }
  part[5] = arn;
  if (part[0] != "arn") return std::nullopt;
  return arn_parts{part[1], part[2], part[4], part[5]};
}

std::string_view after_last_slash(std::string_view s) {
  const auto slash = s.rfind('/');
  return slash == std::string_view::npos ? s : s.substr(slash + 1);
}

// A role as made_by compares it: partition, account and name (the path left out).
struct role_key {
  std::string_view partition, account, name;
  bool operator==(const role_key&) const = default;
};

// arn:aws:iam::<acct>:role/<path/>name
std::optional<role_key> role_of_role_arn(std::string_view arn) {
  auto p = split_arn(arn);
  if (!p || p->service != "iam" || !p->resource.starts_with("role/")) return std::nullopt;
  const auto name = after_last_slash(p->resource);
  if (p->account.empty() || name.empty()) return std::nullopt;
  return role_key{p->partition, p->account, name};
}

// arn:aws:sts::<acct>:assumed-role/<name>/<session>
std::optional<role_key> role_of_session_arn(std::string_view arn) {
  auto p = split_arn(arn);
  if (!p || p->service != "sts" || !p->resource.starts_with("assumed-role/")) return std::nullopt;
  auto rest = p->resource.substr(std::string_view("assumed-role/").size());
  const auto slash = rest.find('/');
  if (slash == std::string_view::npos || slash == 0 || p->account.empty()) return std::nullopt;
  return role_key{p->partition, p->account, rest.substr(0, slash)};
}

bool has_member(const rapidjson::Value& obj, const char* name) { return member(obj, name); }

// The AWS service a call is labelled with: invokedBy, else (AWSService) the service name
// CloudTrail puts in sourceIPAddress, else just "AWS".
std::string service_of(const rapidjson::Value& identity, const std::string& source_ip) {
  auto invoked_by = string_member(identity, "invokedBy");
  if (!invoked_by.empty()) return invoked_by;
  if (source_ip.ends_with(".amazonaws.com")) return source_ip;
  return "AWS";
}

// userIdentity (and the record's source IP, user agent, id and time) as changed_by.
std::optional<std::string> read_identity(const rapidjson::Value& record, changed_by& by) {
  std::string problem;
  if (!read_string(record, "sourceIPAddress", by.source_ip, problem) ||
      !read_string(record, "userAgent", by.user_agent, problem))
    return problem;
  const auto* identity = member(record, "userIdentity");
  if (!identity || identity->IsNull()) return std::nullopt;
  if (!identity->IsObject()) return std::string("`userIdentity` is not an object");
  const auto& id = *identity;
  by.principal_arn = string_member(id, "arn");
  by.identity_type = string_member(id, "type");
  by.account_id = string_member(id, "accountId");
  if (const auto* ctx = member(id, "sessionContext"))
    if (const auto* issuer = member(*ctx, "sessionIssuer"))
      by.session_issuer_arn = string_member(*issuer, "arn");
  if (const auto* behalf = member(id, "onBehalfOf")) {
    by.identity_center_user_id = string_member(*behalf, "userId");
    by.identity_store_arn = string_member(*behalf, "identityStoreArn");
  }
  if (by.identity_type == "IdentityCenterUser" && by.identity_center_user_id.empty())
    by.identity_center_user_id = string_member(id, "userId");
  if (by.identity_type == "AWSService" || has_member(id, "invokedBy")) {
    // The service's call, never a person's.
    by.by_service = service_of(id, by.source_ip);
    by.identity_center_user_id.clear();
    by.identity_store_arn.clear();
    return std::nullopt;
  }
  by.user_name = string_member(id, "userName");
  if (by.identity_type == "AssumedRole" &&
      by.principal_arn.find("assumed-role/") != std::string::npos)
    by.session_name = std::string(after_last_slash(by.principal_arn));
  return std::nullopt;
}

std::optional<std::string> read_record(const rapidjson::Value& record, change_event& e) {
  std::string problem;
  std::string region, account;
  if (!read_string(record, "eventID", e.event_id, problem) ||
      !read_string(record, "eventName", e.event_name, problem) ||
      !read_string(record, "eventSource", e.event_source, problem) ||
      !read_string(record, "eventTime", e.event_time, problem) ||
      !read_string(record, "awsRegion", region, problem) ||
      !read_string(record, "recipientAccountId", account, problem) ||
      !read_string(record, "errorCode", e.error_code, problem) ||
      !read_string(record, "errorMessage", e.error_message, problem))
    return problem;
  if (!region.empty()) e.region = std::move(region);
  if (!account.empty()) e.account = std::move(account);
  if (const auto* ro = member(record, "readOnly"); ro && ro->IsBool()) e.read_only = ro->GetBool();
  if (const auto* req = member(record, "requestParameters"))
    e.request_parameters.CopyFrom(*req, e.request_parameters.GetAllocator());
  if (const auto* resp = member(record, "responseElements"))
    e.response_elements.CopyFrom(*resp, e.response_elements.GetAllocator());
  if (auto bad = read_identity(record, e.by)) return bad;
  e.by.event_id = e.event_id;
  e.by.event_time = e.event_time;
  return std::nullopt;
}

std::optional<std::string> read_envelope(const rapidjson::Value& env, change_event& e) {
  std::string problem;
  if (!read_string(env, "id", e.id, problem) || !read_string(env, "source", e.source, problem) ||
      !read_string(env, "time", e.time, problem) ||
      !read_string(env, "region", e.region, problem) ||
      !read_string(env, "account", e.account, problem))
    return problem;
  if (const auto* res = member(env, "resources"); res && res->IsArray())
    for (const auto& r : res->GetArray())
      if (r.IsString()) e.resources.emplace_back(r.GetString(), r.GetStringLength());
  return std::nullopt;
}

// Unknown is null, not "": a reader can tell a missing fact from an empty one.
void write_string(core::json::writer& w, const char* key, const std::string& value) {
  core::json::key(w, key);
  if (value.empty())
    w.Null();
  else
    core::json::str(w, value);
}

}  // namespace

core::result<change_event> change_event_from(const rapidjson::Value& envelope) {
  if (!envelope.IsObject()) return not_a_call("the event is not a JSON object");
  const auto* type = member(envelope, "detail-type");
  if (!type || !type->IsString())
    return not_a_call("the event has no `detail-type` (not an EventBridge event)");
  if (std::string_view(type->GetString(), type->GetStringLength()) != cloudtrail_detail_type)
    return not_a_call("`detail-type` is not \"" + std::string(cloudtrail_detail_type) + "\"");
  const auto* detail = member(envelope, "detail");
  if (!detail || !detail->IsObject())
    return not_a_call("the event has no `detail` object (the CloudTrail record)");
  change_event e;
  if (auto bad = read_envelope(envelope, e)) return not_a_call("the envelope's " + *bad);
  if (auto bad = read_record(*detail, e)) return not_a_call("the CloudTrail record's " + *bad);
  return e;
}

core::result<change_event> parse_change_event(std::string_view text) {
  auto doc = core::json::parse(text);
  if (!doc) return doc.error();
  return change_event_from(*doc);
}

void write_changed_by(rapidjson::Writer<rapidjson::StringBuffer>& w, const changed_by& by) {
  w.StartObject();
  write_string(w, "principal_arn", by.principal_arn);
  write_string(w, "identity_type", by.identity_type);
  write_string(w, "account_id", by.account_id);
  write_string(w, "user_name", by.user_name);
  write_string(w, "session_issuer_arn", by.session_issuer_arn);
  write_string(w, "session_name", by.session_name);
  write_string(w, "identity_center_user_id", by.identity_center_user_id);
  write_string(w, "identity_store_arn", by.identity_store_arn);
  write_string(w, "by_service", by.by_service);
  write_string(w, "source_ip", by.source_ip);
  write_string(w, "user_agent", by.user_agent);
  write_string(w, "event_id", by.event_id);
  write_string(w, "event_time", by.event_time);
  w.EndObject();
}

std::string changed_by_json(const changed_by& by) {
  rapidjson::StringBuffer sb;
  rapidjson::Writer<rapidjson::StringBuffer> w(sb);
  write_changed_by(w, by);
  return std::string(sb.GetString(), sb.GetSize());
}

bool made_by(const change_event& e, const std::vector<std::string>& role_arns) {
  auto caller = role_of_role_arn(e.by.session_issuer_arn);
  if (!caller) caller = role_of_session_arn(e.by.principal_arn);
  if (!caller) return false;
  for (const auto& arn : role_arns)
    if (role_of_role_arn(arn) == caller) return true;
  return false;
}

}  // namespace scanner
