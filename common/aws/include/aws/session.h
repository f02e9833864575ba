// The shared configuration every service client uses: region, credentials, endpoints, the
// transport (the HTTP client unless a test gives another) and the retry policy. One session per
// process is the intended use (Lambda keeps it warm between invocations).
#pragma once

#include <atomic>
#include <chrono>
#include <memory>
#include <mutex>
#include <optional>
#include <string>

#include "aws/credentials.h"
#include "aws/endpoints.h"
#include "aws/error.h"
#include "aws/retry.h"
#include "aws/service.h"
#include "aws/transport.h"
#include "http/client.h"

namespace aws {

struct call_options {
  // A write guarded by a condition: never re-sent after a failure that may have applied it.
  bool conditional_write = false;
};

class session {
 public:
  struct options {
    std::string region;                    // empty: resolve_region()
    credentials_provider_ptr credentials;  // null: default_credentials_chain()
    http::options http;                    // for the default transport
    retry_policy retry;
    // null: HTTP(S) through http::client with `http`. Offline tests answer from recordings.
    transport_ptr transport;
    // Non-empty: every service at this URL, as AWS_ENDPOINT_URL would set it but without
    // reading the environment (S3 then uses path-style addressing).
    std::string endpoint_url;
  };

  explicit session(options o);
  // Region and credentials from the environment and shared files.
  static std::shared_ptr<session> from_environment();

  const std::string& region() const { return region_; }

  // A Lambda handler's deadline: no request starts unless at least `min_time` is left, and
  // each one's timeout ends before the deadline (retries included). nullopt: no deadline.
  // Set per invocation on a session a warm container keeps; one invocation at a time.
  void set_deadline(std::optional<std::chrono::system_clock::time_point> deadline,
                    std::chrono::milliseconds min_time = std::chrono::milliseconds(1000));
  endpoint endpoint_for(const service& svc) const;
  const credentials_provider_ptr& credentials() const { return creds_; }

  // Signs and sends `req` (its URL absolute), retrying per the policy. A non-2xx answer
  // becomes an error parsed according to the service's protocol. Thread-safe.
  core::result<http::response, error> send(const service& svc, http::request req,
                                           const call_options& o = {});

  // Retry attempts this session has made since it was created (a scan's cost under throttling).
  long long retries() const { return retries_.load(); }

 private:
  std::string region_;
  credentials_provider_ptr creds_;
  retry_policy retry_;
  std::string endpoint_url_;
  std::mutex transport_mu_;  // a transport is called by one thread at a time
  transport_ptr transport_;
  std::atomic<long long> skew_ms_{0};      // server clock minus ours, learnt from skew errors
  std::atomic<int> quota_;                 // retry tokens left (retry_policy::quota)
  std::atomic<long long> deadline_ms_{0};  // epoch ms; 0: none
  std::atomic<long long> min_time_ms_{1000};
  std::atomic<long long> retries_{0};
};

}  // namespace aws
