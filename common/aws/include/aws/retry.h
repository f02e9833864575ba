// The retry policy of the SDKs' "standard" mode: bounded attempts, exponential backoff with
// full jitter, retries only for errors that a retry can fix.
#pragma once

#include <chrono>
#include <functional>

#include "aws/error.h"

namespace aws {

struct retry_policy {
  int max_attempts = 3;  // including the first
  std::chrono::milliseconds base_delay{100};
  std::chrono::milliseconds throttle_base_delay{500};
  std::chrono::milliseconds max_backoff{20000};
  // The standard mode's retry quota: a retry spends tokens (more after a timeout), a success
  // gives one back, so a failing dependency is not hammered by every caller's retries.
  int quota = 500;
  int retry_cost = 5;
  int timeout_retry_cost = 10;
  // Injected for tests; defaults: std::this_thread::sleep_for and a uniform [0,1) draw.
  std::function<void(std::chrono::milliseconds)> sleep;
  std::function<double()> random;
};

enum class retry_class {
  none,        // a retry would fail the same way
  throttling,  // the service refused the request: nothing was applied
  transient,   // 5xx, timeout, reset: the request may or may not have been applied
  connect,     // nothing reached the service
  clock_skew,  // signed with a clock the service disagrees with
};

// Classifies a failed attempt (error.http_status 0 means no response arrived).
retry_class classify(const error& e);

// Whether a failure of this class may be retried. A conditional write is retried only when
// it certainly was not applied: re-sending one that was would fail its own condition.
bool may_retry(retry_class c, bool conditional_write);

// Upper bound of the delay before retry number `retry` (1 = the first retry).
std::chrono::milliseconds backoff_cap(const retry_policy& p, retry_class c, int retry);
// A full-jitter delay: uniform in [0, backoff_cap).
std::chrono::milliseconds backoff(const retry_policy& p, retry_class c, int retry);

}  // namespace aws
