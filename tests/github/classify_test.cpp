// How one GitHub answer is classified: what the orchestrator records and when it retries.
#include <gtest/gtest.h>

#include "github/dispatch.h"

namespace {

using namespace std::chrono_literals;

const auto kNow = std::chrono::system_clock::time_point(std::chrono::seconds(1'700'000'000));

http::response answer(long status, http::header_list headers = {}, std::string body = "") {
  return http::response{status, std::move(headers), std::move(body)};
}

TEST(GithubClassify, NoContentIsSuccess) {
  auto r = github::classify(answer(204), kNow);
  EXPECT_EQ(r.kind, github::outcome::success);
  EXPECT_EQ(r.status, 204);
}

TEST(GithubClassify, RefusalsArePermanentWithGithubsMessage) {
  for (long status : {401L, 404L, 422L}) {
    auto r = github::classify(
        answer(
            status, {{"Content-Type", "application/json"}},
            R"({"message":"Bad credentials","documentation_url":"https://docs.github.com/rest"})"),
        kNow);
    EXPECT_EQ(r.kind, github::outcome::permanent) << status;
    EXPECT_EQ(r.status, status);
    EXPECT_EQ(r.message, "Bad credentials");
    EXPECT_EQ(r.documentation_url, "https://docs.github.com/rest");
  }
}

TEST(GithubClassify, TooManyRequestsWaitsForRetryAfter) {
  auto r =
      github::classify(answer(429, {{"Retry-After", "30"}}, R"({"message":"slow down"})"), kNow);
  EXPECT_EQ(r.kind, github::outcome::rate_limited);
  EXPECT_EQ(r.retry_after, 30s);
}

TEST(GithubClassify, ExhaustedPrimaryLimitWaitsUntilReset) {
  auto r = github::classify(answer(403,
                                   {{"x-ratelimit-remaining", "0"},
                                    {"x-ratelimit-reset", std::to_string(1'700'000'000 + 754)}},
                                   R"({"message":"API rate limit exceeded for user ID 1."})"),
                            kNow);
  EXPECT_EQ(r.kind, github::outcome::rate_limited);
  EXPECT_EQ(r.retry_after, 754s);
}

TEST(GithubClassify, ResetAlreadyPassedStillWaitsASecond) {
  auto r = github::classify(
      answer(429, {{"X-RateLimit-Remaining", "0"}, {"X-RateLimit-Reset", "1699999990"}}), kNow);
  EXPECT_EQ(r.kind, github::outcome::rate_limited);
  EXPECT_EQ(r.retry_after, 1s);
}

TEST(GithubClassify, BothHeadersHonourTheLaterTime) {
  auto r = github::classify(answer(403, {{"retry-after", "5"},
                                         {"x-ratelimit-remaining", "0"},
                                         {"x-ratelimit-reset", "1700000100"}}),
                            kNow);
  EXPECT_EQ(r.retry_after, 100s);
}

TEST(GithubClassify, SecondaryLimitWithoutTimeWaitsAMinute) {
  auto r = github::classify(
      answer(403, {{"x-ratelimit-remaining", "4000"}},
             R"({"message":"You have exceeded a secondary rate limit. Please wait."})"),
      kNow);
  EXPECT_EQ(r.kind, github::outcome::rate_limited);
  EXPECT_EQ(r.retry_after, 60s);
  EXPECT_EQ(github::classify(answer(429), kNow).retry_after, 60s);
}

TEST(GithubClassify, ForbiddenWithoutRateLimitIsPermanent) {
  auto r = github::classify(answer(403, {{"x-ratelimit-remaining", "4999"}},
                                   R"({"message":"Resource not accessible by integration"})"),
                            kNow);
  EXPECT_EQ(r.kind, github::outcome::permanent);
  EXPECT_EQ(r.message, "Resource not accessible by integration");
}

TEST(GithubClassify, ServerErrorsAreTransientEvenWithoutJson) {
  auto r = github::classify(answer(502, {}, "<html>Bad Gateway</html>"), kNow);
  EXPECT_EQ(r.kind, github::outcome::transient);
  EXPECT_EQ(r.message, "HTTP 502: <html>Bad Gateway</html>");
  EXPECT_EQ(github::classify(answer(500, {}, R"({"message":"Server Error"})"), kNow).message,
            "Server Error");
}

}  // namespace
