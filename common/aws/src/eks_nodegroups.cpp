#include "aws/eks_nodegroups.h"

#include "aws/json_protocol.h"
#include "aws/uri.h"

namespace aws::eks {
namespace {

using query_t = std::vector<std::pair<std::string, std::string>>;

core::result<rapidjson::Document, error> get_json(session& s, const char* operation,
                                                  std::string path, query_t query) {
  auto r = rest_call(s, services::eks, {"GET", std::move(path), std::move(query), {}, ""});
  if (!r) return r.error();
  auto parsed =
      core::json::parse(r->body.empty() ? std::string("{}") : r->body, aws_response_limits);
  if (!parsed || !parsed->IsObject())
    return error{std::string(services::eks.id),
                 error::kParse,
                 std::string(operation) + ": malformed JSON",
                 r->status,
                 "",
                 1};
  return std::move(*parsed);
}

std::string nodegroups_path(const std::string& cluster) {
  return "/clusters/" + uri::encode(cluster) + "/node-groups";
}

}  // namespace

core::result<rapidjson::Document, error> describe_nodegroup(session& s, const std::string& cluster,
                                                            const std::string& name) {
  return get_json(s, "DescribeNodegroup", nodegroups_path(cluster) + "/" + uri::encode(name), {});
}

core::result<std::vector<std::string>, error> list_nodegroups(session& s,
                                                              const std::string& cluster) {
  std::vector<std::string> out;
  std::string token;
  // A service that keeps answering the same token must not hold a scan forever.
  for (int page = 0; page < 1000; ++page) {
    query_t q{{"maxResults", "100"}};
    if (!token.empty()) q.emplace_back("nextToken", token);
    auto r = get_json(s, "ListNodegroups", nodegroups_path(cluster), std::move(q));
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
