// AWS credentials and the interface every credential source implements.
#pragma once

#include <chrono>
#include <memory>
#include <optional>
#include <string>

#include "aws/error.h"
#include "core/result.h"

namespace aws {

struct credentials {
  std::string access_key_id;
  std::string secret_access_key;  // never logged, never put in an error message
  std::string session_token;      // empty for long-term keys
  std::optional<std::chrono::system_clock::time_point> expiration;
};

class credentials_provider {
 public:
  virtual ~credentials_provider() = default;
  virtual core::result<credentials, error> get() = 0;
};

using credentials_provider_ptr = std::shared_ptr<credentials_provider>;

}  // namespace aws
