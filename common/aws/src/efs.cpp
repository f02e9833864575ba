#include "aws/efs.h"

#include "aws/json_protocol.h"
#include "aws/uri.h"

namespace aws::efs {

core::result<rapidjson::Document, error> describe_file_system(session& s, const std::string& id) {
  return rest_get_json(s, api, "DescribeFileSystems", "/2015-02-01/file-systems",
                       {{"FileSystemId", id}});
}

core::result<rapidjson::Document, error> describe_lifecycle_configuration(session& s,
                                                                          const std::string& id) {
  return rest_get_json(s, api, "DescribeLifecycleConfiguration",
                       "/2015-02-01/file-systems/" + uri::encode(id) + "/lifecycle-configuration",
                       {});
}

core::result<rapidjson::Document, error> describe_mount_target(session& s, const std::string& id) {
  return rest_get_json(s, api, "DescribeMountTargets", "/2015-02-01/mount-targets",
                       {{"MountTargetId", id}});
}

core::result<rapidjson::Document, error> describe_mount_target_security_groups(
    session& s, const std::string& id) {
  return rest_get_json(s, api, "DescribeMountTargetSecurityGroups",
                       "/2015-02-01/mount-targets/" + uri::encode(id) + "/security-groups", {});
}

core::result<std::vector<rapidjson::Document>, error> list_file_systems(session& s) {
  return rest_list_marker_pages(s, api, "DescribeFileSystems", "/2015-02-01/file-systems", {},
                                "FileSystems", 100);
}

core::result<std::vector<rapidjson::Document>, error> list_mount_targets(
    session& s, const std::string& file_system_id) {
  return rest_list_marker_pages(s, api, "DescribeMountTargets", "/2015-02-01/mount-targets",
                                {{"FileSystemId", file_system_id}}, "MountTargets", 100);
}

}  // namespace aws::efs
