#include "aws/sqs_read.h"

#include "aws/json_protocol.h"
#include "aws/paginate.h"
#include "json_build.h"

namespace aws::sqs {

core::result<std::map<std::string, std::string>, error> list_queue_tags(
    session& s, const std::string& queue_url) {
  detail::json_object in;
  in.set("QueueUrl", queue_url);
  auto r = json_call(s, services::sqs, "ListQueueTags", in.str());
  if (!r) return r.error();
  std::map<std::string, std::string> out;
  if (const auto* tags = core::json::member(*r, "Tags"); tags && tags->IsObject())
    for (auto it = tags->MemberBegin(); it != tags->MemberEnd(); ++it)
      if (it->value.IsString()) out[it->name.GetString()] = it->value.GetString();
  return out;
}

core::result<std::vector<std::string>, error> list_queues(session& s) {
  std::vector<std::string> out;
  auto done = paginate(
      [&](const std::string& token) {
        detail::json_object in;
        in.set("MaxResults", 1000);
        if (!token.empty()) in.set("NextToken", token);
        return json_call(s, services::sqs, "ListQueues", in.str());
      },
      [](const rapidjson::Document& r) { return detail::get_string(r, "NextToken"); },
      [&](const rapidjson::Document& r) {
        if (const auto* urls = core::json::member(r, "QueueUrls"); urls && urls->IsArray())
          for (const auto& u : urls->GetArray())
            if (u.IsString()) out.emplace_back(u.GetString());
      });
  if (!done) return done.error();
  return out;
}

}  // namespace aws::sqs
