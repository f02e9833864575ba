#include "aws/retry.h"

#include <algorithm>
#include <array>
#include <random>
#include <string_view>
#include <thread>

namespace aws {

retry_class classify(const error& e) {
  static constexpr std::array<std::string_view, 9> throttling = {
      "Throttling",           "ThrottlingException",      "ProvisionedThroughputExceededException",
      "RequestLimitExceeded", "TooManyRequestsException", "SlowDown",
      "ThrottledException",   "RequestThrottled",         "RequestThrottledException"};
  static constexpr std::array<std::string_view, 5> skew = {
      "RequestTimeTooSkewed", "RequestExpired", "RequestInTheFuture", "InvalidSignatureException",
      "SignatureDoesNotMatch"};
  static constexpr std::array<std::string_view, 5> transient = {
      "RequestTimeout", "RequestTimeoutException", "InternalError", "InternalFailure",
      "ServiceUnavailable"};
  if (e.code == error::kConnect) return retry_class::connect;
  if (e.code == error::kNetwork) return retry_class::transient;
  if (std::find(throttling.begin(), throttling.end(), e.code) != throttling.end() ||
      e.http_status == 429)
    return retry_class::throttling;
  if (std::find(skew.begin(), skew.end(), e.code) != skew.end()) return retry_class::clock_skew;
  if (e.http_status >= 500 ||
      std::find(transient.begin(), transient.end(), e.code) != transient.end())
    return retry_class::transient;
  return retry_class::none;
}

bool may_retry(retry_class c, bool conditional_write) {
  switch (c) {
    case retry_class::none:
      return false;
    case retry_class::transient:
      return !conditional_write;
    default:
      return true;
  }
}

std::chrono::milliseconds backoff_cap(const retry_policy& p, retry_class c, int retry) {
  auto base = c == retry_class::throttling ? p.throttle_base_delay : p.base_delay;
  long long cap = base.count();
  for (int i = 1; i < retry && cap < p.max_backoff.count(); ++i) cap *= 2;
  return std::chrono::milliseconds(std::min<long long>(cap, p.max_backoff.count()));
}

std::chrono::milliseconds backoff(const retry_policy& p, retry_class c, int retry) {
  double r;
  if (p.random) {
    r = p.random();
  } else {
    // One generator per thread: jitter needs no shared state.
    thread_local std::mt19937_64 gen{std::random_device{}()};
    r = std::uniform_real_distribution<double>(0.0, 1.0)(gen);
  }
  return std::chrono::milliseconds(
      static_cast<long long>(r * static_cast<double>(backoff_cap(p, c, retry).count())));
}

}  // namespace aws
