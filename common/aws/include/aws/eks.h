// Amazon EKS (REST-JSON) reads for drift detection: clusters, each answer as EKS returns it.
#pragma once

#include <rapidjson/document.h>

#include <string>
#include <vector>

#include "aws/service.h"
#include "aws/session.h"

namespace aws {
namespace services {
inline constexpr service eks{"EKS", "EKS", "eks", "eks", protocol::rest_json, "2017-11-01", ""};
}  // namespace services

namespace eks {

// A cluster that does not exist (any more).
inline bool is_missing(const error& e) {
  return e.code == "ResourceNotFoundException" || e.http_status == 404;
}

// DescribeCluster (GET /clusters/{name}): {cluster: {...}}.
core::result<rapidjson::Document, error> describe_cluster(session& s, const std::string& name);

// ListClusters (GET /clusters), every page: the cluster names.
core::result<std::vector<std::string>, error> list_clusters(session& s);

}  // namespace eks
}  // namespace aws
