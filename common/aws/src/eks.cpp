#include "aws/eks.h"

#include "aws/json_protocol.h"
#include "aws/paginate.h"
#include "aws/uri.h"
#include "json_build.h"

namespace aws::eks {
namespace {

const service& svc = services::eks;

core::result<rapidjson::Document, error> get_json(
    session& s, const char* operation, std::string path,
    std::vector<std::pair<std::string, std::string>> query) {
  auto r = rest_call(s, svc, {"GET", std::move(path), std::move(query), {}, ""});
  if (!r) return r.error();
  auto parsed =
      core::json::parse(r->body.empty() ? std::string("{}") : r->body, aws_response_limits);
  if (!parsed || !parsed->IsObject())
    return error{std::string(svc.id),
                 error::kParse,
                 std::string(operation) + ": malformed JSON",
                 r->status,
                 "",
                 1};
  return std::move(*parsed);
}

}  // namespace

core::result<rapidjson::Document, error> describe_cluster(session& s, const std::string& name) {
  return get_json(s, "DescribeCluster", "/clusters/" + uri::encode(name), {});
}

core::result<std::vector<std::string>, error> list_clusters(session& s) {
  std::vector<std::string> names;
  auto done = paginate(
      [&](const std::string& token) {
        std::vector<std::pair<std::string, std::string>> q{{"maxResults", "100"}};
        if (!token.empty()) q.emplace_back("nextToken", token);
        return get_json(s, "ListClusters", "/clusters", std::move(q));
      },
      [](const rapidjson::Document& r) { return detail::get_string(r, "nextToken"); },
      [&](const rapidjson::Document& r) {
        if (const auto* list = core::json::member(r, "clusters"); list && list->IsArray())
          for (const auto& v : list->GetArray())
            if (v.IsString()) names.emplace_back(v.GetString(), v.GetStringLength());
      });
  if (!done) return done.error();
  return names;
}

}  // namespace aws::eks
