// Amazon ECR (JSON 1.1) reads for drift detection: repositories, their tags, lifecycle and
// repository policies, each answer as ECR returns it.
#pragma once

#include <rapidjson/document.h>

#include <map>
#include <string>
#include <vector>

#include "aws/service.h"
#include "aws/session.h"

namespace aws {
namespace services {
// ECR's API lives on api.ecr.<region>; requests are signed for "ecr".
inline constexpr service ecr{
    "ECR", "ECR", "api.ecr", "ecr", protocol::json, "AmazonEC2ContainerRegistry_V20150921", "1.1"};
}  // namespace services

namespace ecr {

// A repository, lifecycle policy or repository policy that does not exist (any more).
inline bool is_missing(const error& e) {
  return e.code == "RepositoryNotFoundException" || e.code == "LifecyclePolicyNotFoundException" ||
         e.code == "RepositoryPolicyNotFoundException";
}

// DescribeRepositories of one repository: {repositoryArn, registryId, repositoryName,
// repositoryUri, imageTagMutability, imageScanningConfiguration, encryptionConfiguration}.
// `registry_id` may be empty (the caller's account).
core::result<rapidjson::Document, error> describe_repository(session& s, const std::string& name,
                                                             const std::string& registry_id);

// DescribeRepositories of up to 100 named repositories of the caller's registry, by name. ECR
// fails the whole call (RepositoryNotFoundException) when one of them does not exist.
core::result<std::map<std::string, rapidjson::Document>, error> describe_repositories_named(
    session& s, const std::vector<std::string>& names);

// Every repository of the caller's registry in the region (DescribeRepositories, every page).
core::result<std::vector<rapidjson::Document>, error> describe_repositories(session& s);

// ListTagsForResource on a repository ARN.
core::result<std::map<std::string, std::string>, error> list_tags(session& s,
                                                                  const std::string& arn);

// GetLifecyclePolicy: {registryId, repositoryName, lifecyclePolicyText, lastEvaluatedAt}.
core::result<rapidjson::Document, error> get_lifecycle_policy(session& s,
                                                              const std::string& repository,
                                                              const std::string& registry_id);

// GetRepositoryPolicy: {registryId, repositoryName, policyText}.
core::result<rapidjson::Document, error> get_repository_policy(session& s,
                                                               const std::string& repository,
                                                               const std::string& registry_id);

}  // namespace ecr
}  // namespace aws
