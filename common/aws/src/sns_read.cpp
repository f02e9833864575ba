#include "aws/sns_read.h"

#include "aws/paginate.h"
#include "aws/query_protocol.h"

namespace aws::sns {
namespace {

// <Attributes><entry><key/><value/></entry>...</Attributes> under the result.
std::map<std::string, std::string> entries(const pugi::xml_node& result, const char* list) {
  std::map<std::string, std::string> out;
  for (auto e : result.child(list).children("entry")) out[text(e, "key")] = text(e, "value");
  return out;
}

core::result<std::map<std::string, std::string>, error> attributes(session& s, const char* action,
                                                                   const char* id_name,
                                                                   const std::string& id) {
  auto r = query_call(s, services::sns, action, {{id_name, id}});
  if (!r) return r.error();
  return entries(r->result, "Attributes");
}

}  // namespace

core::result<std::map<std::string, std::string>, error> get_topic_attributes(
    session& s, const std::string& topic_arn) {
  return attributes(s, "GetTopicAttributes", "TopicArn", topic_arn);
}

core::result<std::map<std::string, std::string>, error> get_subscription_attributes(
    session& s, const std::string& subscription_arn) {
  return attributes(s, "GetSubscriptionAttributes", "SubscriptionArn", subscription_arn);
}

core::result<std::map<std::string, std::string>, error> list_tags_for_resource(
    session& s, const std::string& arn) {
  auto r = query_call(s, services::sns, "ListTagsForResource", {{"ResourceArn", arn}});
  if (!r) return r.error();
  std::map<std::string, std::string> out;
  for (auto m : r->result.child("Tags").children("member")) out[text(m, "Key")] = text(m, "Value");
  return out;
}

core::result<std::vector<std::string>, error> list_topics(session& s) {
  std::vector<std::string> out;
  auto done = paginate(
      [&](const std::string& token) {
        query_params q;
        if (!token.empty()) q.emplace_back("NextToken", token);
        return query_call(s, services::sns, "ListTopics", q);
      },
      [](const xml_response& r) { return text(r.result, "NextToken"); },
      [&](const xml_response& r) {
        for (auto m : r.result.child("Topics").children("member"))
          out.push_back(text(m, "TopicArn"));
      });
  if (!done) return done.error();
  return out;
}

}  // namespace aws::sns
