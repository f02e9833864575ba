// Finds the deployment to re-apply: the newest item of the resource ARN in METADATA_TABLE's
// resource-arn-index whose deployment_status is "success".
#pragma once

#include <rapidjson/document.h>

#include <optional>
#include <string>

#include "aws/session.h"
#include "deployment.h"

namespace orchestrator {

inline constexpr const char* metadata_index = "resource-arn-index";

deployment deployment_from_item(const rapidjson::Value& item);

core::result<std::optional<deployment>, aws::error> latest_successful_deployment(
    aws::session& s, const std::string& table, const std::string& resource_arn);

}  // namespace orchestrator
