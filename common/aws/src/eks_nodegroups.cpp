#include "aws/eks_nodegroups.h"

#include "aws/json_protocol.h"
#include "aws/uri.h"

namespace aws::eks {
namespace {

using query_t = std::vector<std::pair<std::string, std::string>>;

std::string nodegroups_path(const std::string& cluster) {
  return "/clusters/" + uri::encode(cluster) + "/node-groups";
}

}  // namespace

core::result<rapidjson::Document, error> describe_nodegroup(session& s, const std::string& cluster,
                                                            const std::string& name) {
  return rest_get_json(s, services::eks, "DescribeNodegroup",
                       nodegroups_path(cluster) + "/" + uri::encode(name), {});
}

core::result<std::vector<std::string>, error> list_nodegroups(session& s,
                                                              const std::string& cluster) {
  std::vector<std::string> out;
  std::string token;
  // A service that keeps answering the same token must not hold a scan forever.
  for (int page = 0; page < 1000; ++page) {
    query_t q{{"maxResults", "100"}};
    if (!token.empty()) q.emplace_back("nextToken", token);
    auto r =
        rest_get_json(s, services::eks, "ListNodegroups", nodegroups_path(cluster), std::move(q));
    if (!r) return r.error();
    if (auto it = r->FindMember("nodegroups"); it != r->MemberEnd() && it->value.IsArray())
      for (const auto& v : it->value.GetArray())
        if (v.IsString()) out.emplace_back(v.GetString(), v.GetStringLength());
    auto next = r->FindMember("nextToken");
    if (next == r->MemberEnd() || !next->value.IsString() || next->value.GetStringLength() == 0)
      return out;
    std::string n = next->value.GetString();
    if (n == token) return out;
    token = std::move(n);
  }
  return out;
}

}  // namespace aws::eks
