// Amazon ECS (JSON 1.1) reads for drift detection: clusters, task definitions and services,
// each answer as ECS returns it.
#pragma once

#include <rapidjson/document.h>

#include <string>
#include <vector>

#include "aws/service.h"
#include "aws/session.h"

namespace aws {
namespace services {
inline constexpr service ecs{
    "ECS", "ECS", "ecs", "ecs", protocol::json, "AmazonEC2ContainerServiceV20141113", "1.1"};
}  // namespace services

namespace ecs {

// DescribeClusters with TAGS, CONFIGURATIONS and SETTINGS: {clusters: [...], failures: [...]}
// (an unknown cluster is a failure with reason MISSING, not an error).
core::result<rapidjson::Document, error> describe_clusters(session& s,
                                                           const std::vector<std::string>& ids);

// DescribeTaskDefinition with TAGS: {taskDefinition, tags}.
core::result<rapidjson::Document, error> describe_task_definition(session& s,
                                                                  const std::string& id);

// DescribeServices with TAGS on one cluster: {services: [...], failures: [...]}.
core::result<rapidjson::Document, error> describe_services(session& s, const std::string& cluster,
                                                           const std::vector<std::string>& ids);

// Every page of ListClusters (cluster ARNs), ListServices of one cluster (service ARNs) and
// ListTaskDefinitionFamilies of the ACTIVE families (family names).
core::result<std::vector<std::string>, error> list_clusters(session& s);
core::result<std::vector<std::string>, error> list_services(session& s, const std::string& cluster);
core::result<std::vector<std::string>, error> list_task_definition_families(session& s);

}  // namespace ecs
}  // namespace aws
