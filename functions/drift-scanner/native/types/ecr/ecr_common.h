// Pieces the ECR type modules share: ECR's "not found" answers and the read of a
// repository's policy parts (lifecycle policy, repository policy), whose id is the
// repository's name. JSON lookups come from lambda/lambda_common.h.
#pragma once

#include <functional>
#include <string>

#include "lambda/lambda_common.h"

namespace scanner::native::ecr {

using lambda::at;
using lambda::bool_at;
using lambda::state_string;
using lambda::str_at;

// The repository, or the policy part asked for, does not exist (any more).
bool not_found(const aws::error& e);

// The `policy` the provider stores for a part's policy text, given the state's.
using policy_shape = std::function<std::string(const std::string& live, const std::string& state)>;

// `read` of a policy part: `get` answers {registryId, repositoryName, <text_field>} for the
// instance's repository; the read sets registry_id, repository and policy.
using part_call = std::function<core::result<rapidjson::Document, aws::error>(
    aws::session&, const std::string& repository, const std::string& registry_id)>;
read_one_fn policy_part_reader(part_call get, const char* text_field, policy_shape shape);

// The CloudTrail calls `events` of ECR (ecr.amazonaws.com) located at the repository they
// name: requestParameters.repositoryName, or the repository of a tag call's resourceArn.
change_locator repository_changes(std::vector<std::string_view> events);

}  // namespace scanner::native::ecr
