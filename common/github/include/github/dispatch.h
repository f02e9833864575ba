// GitHub repository_dispatch: POST {GITHUB_API_URL}/repos/{owner}/{repo}/dispatches with the
// headers GitHub documents, and the answer classified into what the caller should do next.
// Transient failures (5xx, timeouts, connection errors) are retried here a bounded number of
// times; rate limits are not slept on here but handed back with the delay GitHub asks for, so
// the caller can reschedule (the orchestrator uses its retry queue). The token is sent only in
// the Authorization header and never appears in any message this module returns.
#pragma once

#include <chrono>
#include <cstddef>
#include <functional>
#include <optional>
#include <string>
#include <string_view>

#include "http/client.h"

namespace github {

// GitHub refuses a client_payload with more top-level properties (422).
inline constexpr std::size_t max_payload_properties = 10;
// GitHub's limit on event_type ("Must be 100 characters or fewer").
inline constexpr std::size_t max_event_type_length = 100;
inline constexpr const char* api_version = "2022-11-28";
inline constexpr const char* default_api_url = "https://api.github.com";

struct settings {
  std::string api_url = default_api_url;
  std::string repository;  // owner/repo
  std::string user_agent = "terraform-drift-remediation";
  // The token travels in a header: plain http:// is refused unless a local test allows it.
  bool allow_plain_http = false;
  // Requests sent at most for one dispatch when the answer is transient.
  int max_attempts = 3;
  // Wait before the second attempt; doubled before each further one.
  std::chrono::milliseconds first_backoff{500};
  http::options http;
};

// api_url from GITHUB_API_URL (default https://api.github.com), repository from
// GITHUB_REPOSITORY, allow_plain_http from GITHUB_ALLOW_PLAIN_HTTP=true (local tests only);
// everything else keeps its default.
settings settings_from_env();

enum class outcome {
  success,       // 2xx (GitHub answers 204 No Content)
  permanent,     // 401/404/422 and other refusals, or refused locally: retrying will not help
  rate_limited,  // 403/429 for a primary or secondary rate limit: retry after `retry_after`
  transient,     // 5xx, timeout, connection failure, still failing after the bounded retries
};

const char* to_string(outcome o);

struct dispatch_result {
  outcome kind = outcome::transient;
  long status = 0;                      // the last HTTP status; 0 when no answer was received
  std::string message;                  // GitHub's "message", or what went wrong on our side
  std::string documentation_url;        // GitHub's "documentation_url", when given
  std::chrono::seconds retry_after{0};  // rate_limited: do not retry before this has elapsed
  int attempts = 0;                     // requests sent (0: refused before sending)
};

// What GitHub would refuse with 422, checked before anything is sent: event_type of 1..100
// characters, client_payload a JSON object (empty text counts as {}) of at most 10 top-level
// properties. The reason when refused, nullopt when fine.
std::optional<std::string> check_dispatch(std::string_view event_type,
                                          std::string_view client_payload_json);

// The outcome one GitHub answer stands for. Rate limits follow GitHub's documented rules:
// Retry-After seconds when present; else x-ratelimit-reset (UTC epoch seconds) when
// x-ratelimit-remaining is 0; else at least a minute. A 403 that is no rate limit (no such
// header, no "rate limit" in the message) is a permission refusal: permanent.
dispatch_result classify(const http::response& res, std::chrono::system_clock::time_point now);

class dispatcher {
 public:
  // How to wait between transient retries; tests pass one that does not sleep.
  using sleeper = std::function<void(std::chrono::milliseconds)>;

  explicit dispatcher(settings s, sleeper sleep = {});

  // Sends event_type with client_payload (a JSON object as text) to settings.repository.
  // With a deadline, no request starts with less than `min_time` left and none outlasts it:
  // what is left over is a transient result ("deadline: ..."), the request never sent.
  dispatch_result dispatch(std::string_view event_type, std::string_view client_payload_json,
                           std::string_view token,
                           std::optional<std::chrono::system_clock::time_point> deadline = {},
                           std::chrono::milliseconds min_time = std::chrono::milliseconds(2000));

  const settings& config() const { return s_; }

 private:
  // One request and GitHub's answer (or the transport's failure) as an outcome.
  dispatch_result send_once(const http::request& req);

  settings s_;
  sleeper sleep_;
  http::client http_;  // kept, so a warm container reuses its connection to GitHub
};

}  // namespace github
