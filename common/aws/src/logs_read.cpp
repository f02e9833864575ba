#include "aws/logs_read.h"

#include "aws/json_protocol.h"
#include "aws/paginate.h"
#include "json_build.h"

namespace aws::logs {
namespace {

constexpr std::string_view kArnWildcard = ":*";

std::string without_wildcard(std::string arn) {
  if (arn.size() >= kArnWildcard.size() &&
      arn.compare(arn.size() - kArnWildcard.size(), kArnWildcard.size(), kArnWildcard) == 0)
    arn.resize(arn.size() - kArnWildcard.size());
  return arn;
}

log_group group_of(const rapidjson::Value& g) {
  log_group out;
  out.name = detail::get_string(g, "logGroupName");
  out.arn = without_wildcard(detail::get_string(g, "arn"));
  out.kms_key_id = detail::get_string(g, "kmsKeyId");
  out.log_group_class = detail::get_string(g, "logGroupClass");
  if (const auto* r = core::json::member(g, "retentionInDays"); r && r->IsInt64())
    out.retention_in_days = r->GetInt64();
  return out;
}

}  // namespace

core::result<std::vector<log_group>, error> describe_log_groups(session& s,
                                                                const std::string& prefix,
                                                                int* pages) {
  std::vector<log_group> out;
  int calls = 0;
  auto done = paginate(
      [&](const std::string& token) {
        ++calls;
        detail::json_object in;
        if (!prefix.empty()) in.set("logGroupNamePrefix", prefix);
        if (!token.empty()) in.set("nextToken", token);
        return json_call(s, services::logs, "DescribeLogGroups", in.str());
      },
      [](const rapidjson::Document& r) { return detail::get_string(r, "nextToken"); },
      [&](const rapidjson::Document& r) {
        if (const auto* gs = core::json::member(r, "logGroups"); gs && gs->IsArray())
          for (const auto& g : gs->GetArray())
            if (g.IsObject()) out.push_back(group_of(g));
      });
  if (pages) *pages = calls;
  if (!done) return done.error();
  return out;
}

core::result<std::map<std::string, std::string>, error> list_tags_for_resource(
    session& s, const std::string& arn) {
  detail::json_object in;
  in.set("resourceArn", arn);
  auto r = json_call(s, services::logs, "ListTagsForResource", in.str());
  if (!r) return r.error();
  std::map<std::string, std::string> out;
  if (const auto* tags = core::json::member(*r, "tags"); tags && tags->IsObject())
    for (auto it = tags->MemberBegin(); it != tags->MemberEnd(); ++it)
      if (it->value.IsString()) out[it->name.GetString()] = it->value.GetString();
  return out;
}

}  // namespace aws::logs
