#include "aws/eks.h"

#include "aws/json_protocol.h"
#include "aws/paginate.h"
#include "aws/uri.h"
#include "json_build.h"

namespace aws::eks {
namespace {

const service& svc = services::eks;

}  // namespace

core::result<rapidjson::Document, error> describe_cluster(session& s, const std::string& name) {
  return rest_get_json(s, svc, "DescribeCluster", "/clusters/" + uri::encode(name), {});
}

core::result<std::vector<std::string>, error> list_clusters(session& s) {
  std::vector<std::string> names;
  auto done = paginate(
      [&](const std::string& token) {
        std::vector<std::pair<std::string, std::string>> q{{"maxResults", "100"}};
        if (!token.empty()) q.emplace_back("nextToken", token);
        return rest_get_json(s, svc, "ListClusters", "/clusters", std::move(q));
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
