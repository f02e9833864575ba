// Where credentials come from: environment, shared files, STS AssumeRole, or a chain.
#pragma once

#include <chrono>
#include <memory>
#include <mutex>
#include <string>
#include <vector>

#include "aws/credentials.h"

namespace aws {

class session;

// AWS_ACCESS_KEY_ID, AWS_SECRET_ACCESS_KEY, AWS_SESSION_TOKEN (what Lambda sets).
credentials_provider_ptr environment_credentials();

// aws_access_key_id / aws_secret_access_key / aws_session_token of a profile in the shared
// credentials file, then the config file; a config profile with role_arn + source_profile
// assumes that role (external_id, role_session_name honoured). Empty profile: $AWS_PROFILE,
// else "default".
credentials_provider_ptr profile_credentials(std::string profile = {});

// Fixed credentials (tests, tools).
credentials_provider_ptr static_credentials(credentials c);

// The first provider that yields credentials: environment, then the shared files.
credentials_provider_ptr default_credentials_chain();

struct assume_role_options {
  std::string role_arn;
  std::string session_name = "drift-detection";
  std::string external_id;  // empty: not sent
  std::chrono::seconds duration{3600};
  // Credentials are renewed this long before they expire.
  std::chrono::seconds refresh_before{300};
};

// Calls STS AssumeRole through `base` (whose own credentials sign the call) and caches the
// result until `refresh_before` ahead of its expiry. Thread-safe.
credentials_provider_ptr assume_role_credentials(std::shared_ptr<session> base,
                                                 assume_role_options opts);

}  // namespace aws
