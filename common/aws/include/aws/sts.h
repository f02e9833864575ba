// AWS STS (query protocol).
#pragma once

#include <chrono>
#include <string>

#include "aws/credentials.h"
#include "aws/session.h"

namespace aws::sts {

struct identity {
  std::string account;
  std::string arn;
  std::string user_id;
};

core::result<identity, error> get_caller_identity(session& s);

// Temporary credentials for `role_arn`; external_id sent when not empty.
core::result<credentials, error> assume_role(session& s, const std::string& role_arn,
                                             const std::string& session_name,
                                             const std::string& external_id = {},
                                             std::chrono::seconds duration = std::chrono::hours(1));

}  // namespace aws::sts
