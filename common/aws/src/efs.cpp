#include "aws/efs.h"

#include "aws/json_protocol.h"
#include "aws/uri.h"

namespace aws::efs {
namespace {

using query_t = std::vector<std::pair<std::string, std::string>>;

core::result<rapidjson::Document, error> get_json(session& s, const char* operation,
                                                  std::string path, query_t query) {
  auto r = rest_call(s, api, {"GET", std::move(path), std::move(query), {}, ""});
  if (!r) return r.error();
  auto parsed =
      core::json::parse(r->body.empty() ? std::string("{}") : r->body, aws_response_limits);
  if (!parsed || !parsed->IsObject())
    return error{std::string(api.id),
                 error::kParse,
                 std::string(operation) + ": malformed JSON",
                 r->status,
                 "",
                 1};
  return std::move(*parsed);
}

// Marker paging: each page's `items` copied out as documents of their own.
core::result<std::vector<rapidjson::Document>, error> list_pages(session& s, const char* operation,
                                                                 const std::string& path,
                                                                 query_t base, const char* items) {
  std::vector<rapidjson::Document> out;
  std::string marker;
  // A service that keeps answering the same marker must not hold a scan forever.
  for (int page = 0; page < 1000; ++page) {
    query_t q = base;
    q.emplace_back("MaxItems", "100");
    if (!marker.empty()) q.emplace_back("Marker", marker);
    auto r = get_json(s, operation, path, std::move(q));
    if (!r) return r.error();
    if (auto it = r->FindMember(items); it != r->MemberEnd() && it->value.IsArray())
      for (const auto& v : it->value.GetArray()) {
        rapidjson::Document d;
        d.CopyFrom(v, d.GetAllocator());
        out.push_back(std::move(d));
      }
    auto next = r->FindMember("NextMarker");
    if (next == r->MemberEnd() || !next->value.IsString() || next->value.GetStringLength() == 0)
      return out;
    std::string n = next->value.GetString();
    if (n == marker) return out;
    marker = std::move(n);
  }
  return out;
}

}  // namespace

core::result<rapidjson::Document, error> describe_file_system(session& s, const std::string& id) {
  return get_json(s, "DescribeFileSystems", "/2015-02-01/file-systems", {{"FileSystemId", id}});
}

core::result<rapidjson::Document, error> describe_lifecycle_configuration(session& s,
                                                                          const std::string& id) {
  return get_json(s, "DescribeLifecycleConfiguration",
                  "/2015-02-01/file-systems/" + uri::encode(id) + "/lifecycle-configuration", {});
}

core::result<rapidjson::Document, error> describe_mount_target(session& s, const std::string& id) {
  return get_json(s, "DescribeMountTargets", "/2015-02-01/mount-targets", {{"MountTargetId", id}});
}

core::result<rapidjson::Document, error> describe_mount_target_security_groups(
    session& s, const std::string& id) {
  return get_json(s, "DescribeMountTargetSecurityGroups",
                  "/2015-02-01/mount-targets/" + uri::encode(id) + "/security-groups", {});
}

core::result<std::vector<rapidjson::Document>, error> list_file_systems(session& s) {
  return list_pages(s, "DescribeFileSystems", "/2015-02-01/file-systems", {}, "FileSystems");
}

core::result<std::vector<rapidjson::Document>, error> list_mount_targets(
    session& s, const std::string& file_system_id) {
  return list_pages(s, "DescribeMountTargets", "/2015-02-01/mount-targets",
                    {{"FileSystemId", file_system_id}}, "MountTargets");
}

}  // namespace aws::efs
