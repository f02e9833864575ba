// Our repository_dispatch client against the github-stand-in: what GitHub sees, and how each
// of GitHub's answers comes back to the caller.
#include "github/dispatch.h"

#include <gtest/gtest.h>
#include <rapidjson/document.h>
#include <rapidjson/stringbuffer.h>
#include <rapidjson/writer.h>
#include <stdlib.h>

#include <chrono>
#include <string>
#include <thread>
#include <vector>

#include "github_stand_in.h"

namespace {

using namespace std::chrono_literals;

const char* kPayload =
    R"({"drift_event_id":"evt-1","deployment_id":"dep-7","severity":"HIGH","priority":"P1",)"
    R"("auto_approve":false,"manual_review_required":true,"git":{"commit":"abc123"}})";

std::string header(const rapidjson::Value& entry, const char* name) {
  const auto& h = entry["headers"];
  for (auto m = h.MemberBegin(); m != h.MemberEnd(); ++m) {
    if (strcasecmp(m->name.GetString(), name) == 0) return m->value.GetString();
  }
  return "";
}

class GithubDispatch : public ::testing::Test {
 protected:
  void SetUp() override {
    fixture_ = drift_test::github_stand_in();
    control_ = std::make_unique<drift_test::github_control>(fixture_.endpoint);
    control_->reset();
  }

  github::settings settings() const {
    github::settings s;
    s.api_url = fixture_.endpoint;
    s.repository = fixture_.repository;
    s.first_backoff = 10ms;
    s.allow_plain_http = true;  // the stand-in listens on plain http on the loopback
    return s;
  }

  // A dispatcher whose waits between retries are recorded instead of slept.
  github::dispatcher dispatcher(github::settings s) {
    return github::dispatcher(std::move(s),
                              [this](std::chrono::milliseconds d) { waits_.push_back(d); });
  }

  drift_test::github_fixture fixture_;
  std::unique_ptr<drift_test::github_control> control_;
  std::vector<std::chrono::milliseconds> waits_;
};

TEST_F(GithubDispatch, SendsWhatGithubDocumentsAndSucceedsOn204) {
  auto d = dispatcher(settings());
  auto r = d.dispatch("drift-detected", kPayload, fixture_.token);
  EXPECT_EQ(r.kind, github::outcome::success) << r.message;
  EXPECT_EQ(r.status, 204);
  EXPECT_EQ(r.attempts, 1);

  auto log = control_->requests();
  ASSERT_EQ(log.Size(), 1u);
  const auto& e = log[0];
  EXPECT_STREQ(e["method"].GetString(), "POST");
  EXPECT_EQ(std::string(e["path"].GetString()), "/repos/" + fixture_.repository + "/dispatches");
  EXPECT_EQ(e["status"].GetInt(), 204);
  EXPECT_TRUE(e["token_accepted"].GetBool());
  EXPECT_EQ(header(e, "Authorization"), "Bearer [REDACTED]");
  EXPECT_EQ(header(e, "Accept"), "application/vnd.github+json");
  EXPECT_EQ(header(e, "X-GitHub-Api-Version"), "2022-11-28");
  EXPECT_FALSE(header(e, "User-Agent").empty());

  rapidjson::Document body;
  body.Parse(e["body"].GetString());
  ASSERT_TRUE(body.IsObject());
  EXPECT_STREQ(body["event_type"].GetString(), "drift-detected");
  rapidjson::Document expected;
  expected.Parse(kPayload);
  EXPECT_TRUE(body["client_payload"] == expected) << e["body"].GetString();
}

TEST_F(GithubDispatch, TokenNeverReachesTheRequestLog) {
  auto d = dispatcher(settings());
  ASSERT_EQ(d.dispatch("drift-detected", kPayload, fixture_.token).kind, github::outcome::success);
  auto log = control_->requests();
  rapidjson::StringBuffer buf;
  rapidjson::Writer<rapidjson::StringBuffer> w(buf);
  log.Accept(w);
  EXPECT_EQ(std::string(buf.GetString()).find(fixture_.token), std::string::npos);
}

TEST_F(GithubDispatch, SettingsComeFromTheEnvironment) {
  setenv("GITHUB_API_URL", (fixture_.endpoint + "/").c_str(), 1);
  setenv("GITHUB_REPOSITORY", fixture_.repository.c_str(), 1);
  setenv("GITHUB_ALLOW_PLAIN_HTTP", "true", 1);
  auto s = github::settings_from_env();
  unsetenv("GITHUB_API_URL");
  unsetenv("GITHUB_REPOSITORY");
  unsetenv("GITHUB_ALLOW_PLAIN_HTTP");
  EXPECT_EQ(github::settings_from_env().api_url, "https://api.github.com");

  auto d = dispatcher(s);
  EXPECT_EQ(d.dispatch("drift-detected", "{}", fixture_.token).kind, github::outcome::success);
  auto log = control_->requests();
  ASSERT_EQ(log.Size(), 1u);
  EXPECT_EQ(std::string(log[0]["path"].GetString()),
            "/repos/" + fixture_.repository + "/dispatches");
}

TEST_F(GithubDispatch, WrongTokenIsPermanentWithGithubsMessage) {
  auto d = dispatcher(settings());
  auto r = d.dispatch("drift-detected", kPayload, "ghp_not_the_right_one");
  EXPECT_EQ(r.kind, github::outcome::permanent);
  EXPECT_EQ(r.status, 401);
  EXPECT_EQ(r.message, "Bad credentials");
  EXPECT_FALSE(r.documentation_url.empty());
  EXPECT_EQ(r.attempts, 1);
  EXPECT_EQ(r.message.find("ghp_not_the_right_one"), std::string::npos);
}

TEST_F(GithubDispatch, UnknownRepositoryIsPermanentNotFound) {
  auto s = settings();
  s.repository = "acme/no-such-repo";
  auto d = dispatcher(s);
  auto r = d.dispatch("drift-detected", kPayload, fixture_.token);
  EXPECT_EQ(r.kind, github::outcome::permanent);
  EXPECT_EQ(r.status, 404);
  EXPECT_EQ(r.message, "Not Found");
  EXPECT_EQ(r.attempts, 1);
}

TEST_F(GithubDispatch, UnprocessableIsPermanentWithGithubsMessage) {
  control_->script(R"([{"status":422}])");
  auto d = dispatcher(settings());
  auto r = d.dispatch("drift-detected", kPayload, fixture_.token);
  EXPECT_EQ(r.kind, github::outcome::permanent);
  EXPECT_EQ(r.status, 422);
  EXPECT_NE(r.message.find("No more than 10 properties are allowed"), std::string::npos)
      << r.message;
  EXPECT_EQ(r.attempts, 1);
  EXPECT_EQ(control_->requests().Size(), 1u);
}

TEST_F(GithubDispatch, SecondaryRateLimitReturnsRetryAfterWithoutRetrying) {
  control_->script(R"([{"status":429,"retry_after":30}])");
  auto d = dispatcher(settings());
  auto r = d.dispatch("drift-detected", kPayload, fixture_.token);
  EXPECT_EQ(r.kind, github::outcome::rate_limited);
  EXPECT_EQ(r.status, 429);
  EXPECT_EQ(r.retry_after, 30s);
  EXPECT_EQ(r.attempts, 1);
  EXPECT_EQ(control_->requests().Size(), 1u);
}

TEST_F(GithubDispatch, PrimaryRateLimitWaitsUntilReset) {
  control_->script(R"([{"status":403,"ratelimit_reset_in":600}])");
  auto d = dispatcher(settings());
  auto r = d.dispatch("drift-detected", kPayload, fixture_.token);
  EXPECT_EQ(r.kind, github::outcome::rate_limited);
  EXPECT_EQ(r.status, 403);
  // The reset is an absolute epoch second: one second either way is clock rounding.
  EXPECT_GE(r.retry_after, 599s);
  EXPECT_LE(r.retry_after, 601s);
  EXPECT_EQ(control_->requests().Size(), 1u);
}

TEST_F(GithubDispatch, ServerErrorIsRetriedThenSucceeds) {
  control_->script(R"([{"status":500}])");
  auto d = dispatcher(settings());
  auto r = d.dispatch("drift-detected", kPayload, fixture_.token);
  EXPECT_EQ(r.kind, github::outcome::success) << r.message;
  EXPECT_EQ(r.attempts, 2);
  auto log = control_->requests();
  ASSERT_EQ(log.Size(), 2u);
  EXPECT_EQ(log[0]["status"].GetInt(), 500);
  EXPECT_EQ(log[1]["status"].GetInt(), 204);
  EXPECT_STREQ(log[0]["body"].GetString(), log[1]["body"].GetString());
}

TEST_F(GithubDispatch, PersistentServerErrorsStopAfterBoundedRetriesWithBackoff) {
  control_->script(R"([{"status":502},{"status":503},{"status":500},{"status":500}])");
  auto s = settings();
  s.max_attempts = 3;
  s.first_backoff = 200ms;
  auto d = dispatcher(s);
  auto r = d.dispatch("drift-detected", kPayload, fixture_.token);
  EXPECT_EQ(r.kind, github::outcome::transient);
  EXPECT_EQ(r.status, 500);
  EXPECT_EQ(r.attempts, 3);
  EXPECT_EQ(control_->requests().Size(), 3u);
  EXPECT_EQ(waits_, (std::vector<std::chrono::milliseconds>{200ms, 400ms}));
}

TEST_F(GithubDispatch, TimeoutIsRetried) {
  control_->script(R"([{"delay_ms":1500}])");
  auto s = settings();
  s.http.total_timeout = 300ms;
  auto d = dispatcher(s);
  auto r = d.dispatch("drift-detected", kPayload, fixture_.token);
  EXPECT_EQ(r.kind, github::outcome::success) << r.message;
  EXPECT_EQ(r.attempts, 2);
  // The stand-in records the slow request once its delay is over; wait for it so that it
  // does not land in the next test's log.
  for (int i = 0; i < 100 && control_->requests().Size() < 2; ++i)
    std::this_thread::sleep_for(50ms);
  EXPECT_EQ(control_->requests().Size(), 2u);
}

TEST_F(GithubDispatch, NothingListeningIsTransientAfterRetries) {
  auto s = settings();
  s.api_url = "http://127.0.0.1:9";
  auto d = dispatcher(s);
  auto r = d.dispatch("drift-detected", kPayload, fixture_.token);
  EXPECT_EQ(r.kind, github::outcome::transient);
  EXPECT_EQ(r.status, 0);
  EXPECT_EQ(r.attempts, s.max_attempts);
  EXPECT_FALSE(r.message.empty());
}

TEST_F(GithubDispatch, ElevenPropertyPayloadIsNeverSent) {
  std::string p = "{";
  for (int i = 0; i < 11; ++i)
    p += (i ? "," : "") + std::string("\"k") + std::to_string(i) + "\":1";
  p += "}";
  auto d = dispatcher(settings());
  auto r = d.dispatch("drift-detected", p, fixture_.token);
  EXPECT_EQ(r.kind, github::outcome::permanent);
  EXPECT_EQ(r.attempts, 0);
  EXPECT_EQ(control_->requests().Size(), 0u);
}

TEST_F(GithubDispatch, PlainHttpIsRefusedUnlessALocalTestAllowsIt) {
  auto s = settings();
  s.allow_plain_http = false;
  auto d = dispatcher(s);
  auto r = d.dispatch("drift-detected", kPayload, fixture_.token);
  EXPECT_EQ(r.kind, github::outcome::permanent);
  EXPECT_EQ(r.attempts, 0);
  EXPECT_NE(r.message.find("plain http"), std::string::npos) << r.message;
  EXPECT_EQ(control_->requests().Size(), 0u) << "the token never left";
  setenv("GITHUB_ALLOW_PLAIN_HTTP", "true", 1);
  EXPECT_TRUE(github::settings_from_env().allow_plain_http);
  unsetenv("GITHUB_ALLOW_PLAIN_HTTP");
  EXPECT_FALSE(github::settings_from_env().allow_plain_http);
}

TEST_F(GithubDispatch, NoRequestStartsPastTheDeadline) {
  auto d = dispatcher(settings());
  auto r = d.dispatch("drift-detected", kPayload, fixture_.token,
                      std::chrono::system_clock::now() + 500ms);
  EXPECT_EQ(r.kind, github::outcome::transient);
  EXPECT_EQ(r.attempts, 0);
  EXPECT_NE(r.message.find("deadline"), std::string::npos) << r.message;
  EXPECT_EQ(control_->requests().Size(), 0u);
}

}  // namespace
