#include "aws/ecr.h"

#include "aws/json_protocol.h"
#include "aws/paginate.h"
#include "json_build.h"

namespace aws::ecr {
namespace {

const service& svc = services::ecr;

detail::json_object repository_args(const std::string& repository, const std::string& registry_id) {
  detail::json_object in;
  in.set("repositoryName", repository);
  if (!registry_id.empty()) in.set("registryId", registry_id);
  return in;
}

// Each entry of an answer's "repositories", copied out of the answer.
template <class Take>
void each_repository(const rapidjson::Document& answer, Take take) {
  if (const auto* list = core::json::member(answer, "repositories"); list && list->IsArray())
    for (const auto& v : list->GetArray()) {
      rapidjson::Document d;
      d.CopyFrom(v, d.GetAllocator());
      take(std::move(d));
    }
}

}  // namespace

core::result<rapidjson::Document, error> describe_repository(session& s, const std::string& name,
                                                             const std::string& registry_id) {
  detail::json_object in;
  in.set_strings("repositoryNames", {name});
  if (!registry_id.empty()) in.set("registryId", registry_id);
  auto r = json_call(s, svc, "DescribeRepositories", in.str());
  if (!r) return r.error();
  const auto* list = core::json::member(*r, "repositories");
  if (!list || !list->IsArray() || list->Empty())
    return error{std::string(svc.id),
                 error::kParse,
                 "DescribeRepositories: no repository in the answer",
                 200,
                 "",
                 1};
  rapidjson::Document d;
  d.CopyFrom((*list)[0], d.GetAllocator());
  return d;
}

core::result<std::map<std::string, rapidjson::Document>, error> describe_repositories_named(
    session& s, const std::vector<std::string>& names) {
  detail::json_object in;
  in.set_strings("repositoryNames", names);
  auto r = json_call(s, svc, "DescribeRepositories", in.str());
  if (!r) return r.error();
  std::map<std::string, rapidjson::Document> out;
  each_repository(*r, [&](rapidjson::Document d) {
    out.emplace(detail::get_string(d, "repositoryName"), std::move(d));
  });
  return out;
}

core::result<std::vector<rapidjson::Document>, error> describe_repositories(session& s) {
  std::vector<rapidjson::Document> out;
  auto done = paginate(
      [&](const std::string& token) {
        detail::json_object in;
        in.set("maxResults", 1000);
        if (!token.empty()) in.set("nextToken", token);
        return json_call(s, svc, "DescribeRepositories", in.str());
      },
      [](const rapidjson::Document& r) { return detail::get_string(r, "nextToken"); },
      [&](const rapidjson::Document& r) {
        each_repository(r, [&](rapidjson::Document d) { out.push_back(std::move(d)); });
      });
  if (!done) return done.error();
  return out;
}

core::result<std::map<std::string, std::string>, error> list_tags(session& s,
                                                                  const std::string& arn) {
  detail::json_object in;
  in.set("resourceArn", arn);
  auto r = json_call(s, svc, "ListTagsForResource", in.str());
  if (!r) return r.error();
  std::map<std::string, std::string> tags;
  if (const auto* list = core::json::member(*r, "tags"); list && list->IsArray())
    for (const auto& t : list->GetArray())
      tags[detail::get_string(t, "Key")] = detail::get_string(t, "Value");
  return tags;
}

core::result<rapidjson::Document, error> get_lifecycle_policy(session& s,
                                                              const std::string& repository,
                                                              const std::string& registry_id) {
  return json_call(s, svc, "GetLifecyclePolicy", repository_args(repository, registry_id).str());
}

core::result<rapidjson::Document, error> get_repository_policy(session& s,
                                                               const std::string& repository,
                                                               const std::string& registry_id) {
  return json_call(s, svc, "GetRepositoryPolicy", repository_args(repository, registry_id).str());
}

}  // namespace aws::ecr
