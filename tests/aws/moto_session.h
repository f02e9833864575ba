// A session pointed at the fixture's moto_server, and unique names so tests never collide.
#pragma once

#include <atomic>
#include <chrono>
#include <cstdlib>
#include <memory>
#include <string>

#include "aws/credential_providers.h"
#include "aws/session.h"
#include "moto.h"

namespace aws_test {

inline std::shared_ptr<aws::session> moto_session(const char* fixture = "DRIFT_MOTO_DIR",
                                                  aws::credentials creds = {"test", "test", "", {}},
                                                  const std::string& region = "us-east-1") {
  setenv("AWS_ENDPOINT_URL", drift_test::moto_endpoint(fixture).c_str(), 1);
  aws::session::options o;
  o.region = region;
  o.credentials = aws::static_credentials(std::move(creds));
  o.retry.base_delay = std::chrono::milliseconds(10);
  o.retry.throttle_base_delay = std::chrono::milliseconds(10);
  return std::make_shared<aws::session>(std::move(o));
}

inline std::string unique(const std::string& prefix) {
  static std::atomic<int> n{0};
  return prefix + "-" +
         std::to_string(std::chrono::steady_clock::now().time_since_epoch().count() % 1000000007) +
         "-" + std::to_string(++n);
}

}  // namespace aws_test
