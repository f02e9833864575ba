// Amazon EFS reads for the drift scanner (REST-JSON, API 2015-02-01): file systems, their
// lifecycle configuration, mount targets and a mount target's security groups, each answer as
// EFS returns it.
#pragma once

#include <rapidjson/document.h>

#include <string>
#include <vector>

#include "aws/service.h"
#include "aws/session.h"

namespace aws::efs {

inline constexpr service api{
    "EFS", "EFS", "elasticfilesystem", "elasticfilesystem", protocol::rest_json, "2015-02-01", ""};

// DescribeFileSystems?FileSystemId=: {FileSystems: [one]}; a missing one fails with
// FileSystemNotFound.
core::result<rapidjson::Document, error> describe_file_system(session& s, const std::string& id);
// DescribeLifecycleConfiguration: {LifecyclePolicies: [...]}.
core::result<rapidjson::Document, error> describe_lifecycle_configuration(session& s,
                                                                          const std::string& id);
// DescribeMountTargets?MountTargetId=: {MountTargets: [one]}; a missing one fails with
// MountTargetNotFound.
core::result<rapidjson::Document, error> describe_mount_target(session& s, const std::string& id);
// DescribeMountTargetSecurityGroups: {SecurityGroups: [...]}.
core::result<rapidjson::Document, error> describe_mount_target_security_groups(
    session& s, const std::string& id);

// Every file system of the region (Marker pages), and every mount target of one file system.
core::result<std::vector<rapidjson::Document>, error> list_file_systems(session& s);
core::result<std::vector<rapidjson::Document>, error> list_mount_targets(
    session& s, const std::string& file_system_id);

inline bool is_not_found(const error& e) {
  return e.code == "FileSystemNotFound" || e.code == "MountTargetNotFound";
}

}  // namespace aws::efs
