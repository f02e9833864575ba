// Amazon EKS managed node groups (REST-JSON), each answer as EKS returns it.
#pragma once

#include <rapidjson/document.h>

#include <string>
#include <vector>

#include "aws/eks.h"

namespace aws::eks {

// DescribeNodegroup (GET /clusters/{cluster}/node-groups/{name}): {nodegroup: {...}}. A missing
// cluster or node group is ResourceNotFoundException.
core::result<rapidjson::Document, error> describe_nodegroup(session& s, const std::string& cluster,
                                                            const std::string& name);

// ListNodegroups of one cluster, every page: the node group names.
core::result<std::vector<std::string>, error> list_nodegroups(session& s,
                                                              const std::string& cluster);

}  // namespace aws::eks
