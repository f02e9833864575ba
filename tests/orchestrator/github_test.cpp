// GitHub's refusals and limits, and AWS being unreachable: what is retried, what fails with an
// alert, what is counted in DispatchFailures, and that no lock is left behind.
#include "aws/cloudwatch.h"
#include "fixture.h"

using namespace orch_test;

namespace {

class GitHub : public suite {
 protected:
  static std::string outcome(const invoke_result& r) {
    auto d = r.json();
    if (!d.IsObject() || !d.HasMember("records") || d["records"].Empty()) return "<" + r.body + ">";
    return d["records"][0]["outcome"].GetString();
  }
  static bool alerted_about(const std::string& event_id) {
    for (int i = 0; i < 3; ++i)
      for (const auto& m : drain(stack()["alerts_queue_url"], 1))
        if (m.body.find(event_id) != std::string::npos) return true;
    return false;
  }
  static bool retry_queued_for(const std::string& event_id, int wait_rounds) {
    for (int i = 0; i < wait_rounds; ++i)
      for (const auto& m : drain(stack()["retry_queue_url"], 2))
        if (m.body.find(event_id) != std::string::npos) return true;
    return false;
  }
  static long long seconds_from_now(const std::string& iso) {
    std::tm tm{};
    if (!strptime(iso.c_str(), "%Y-%m-%dT%H:%M:%SZ", &tm)) return -1000000;
    const auto t = timegm(&tm);
    return t - std::chrono::duration_cast<std::chrono::seconds>(
                   std::chrono::system_clock::now().time_since_epoch())
                   .count();
  }
  // Sets up a deployment and runs the event with GitHub answering `script`.
  struct run {
    std::string event_id, dep;
    invoke_result res;
  };
  static run dispatch_with(const std::string& script, std::map<std::string, std::string> env = {}) {
    run r;
    const std::string arn = "arn:aws:s3:::" + unique("bucket");
    r.event_id = unique("evt");
    r.dep = "dep-" + r.event_id;
    put_deployment({r.dep, arn});
    harness h(function_env(env));
    drift_test::github_control control(gh().endpoint);
    control.script(script);
    r.res = h.invoke(sns_event({agent_event({r.event_id, arn})}));
    return r;
  }
};

}  // namespace

TEST_F(GitHub, RateLimitedDispatchIsRetriedAfterRetryAfterAndCounted) {
  drift_test::github_control(gh().endpoint).reset();
  auto r = dispatch_with(R"([{"status":429,"retry_after":40}])");
  ASSERT_FALSE(r.res.function_error) << r.res.body;
  EXPECT_EQ(outcome(r.res), "retry_scheduled");
  EXPECT_EQ(dispatches_for(r.event_id).size(), 1u);  // not hammered again at once
  auto item = history_item(r.event_id, "2025-12-05T10:30:00Z");
  ASSERT_TRUE(item);
  EXPECT_EQ(ddb::get_s(*item, "status"), "retry_scheduled");
  EXPECT_NE(ddb::get_s(*item, "retry_reason").find("rate limit"), std::string::npos);
  const auto wait = seconds_from_now(ddb::get_s(*item, "next_attempt_at"));
  EXPECT_GE(wait, 30);
  EXPECT_LE(wait, 45);
  EXPECT_FALSE(lock_item(r.dep));  // released for whoever comes next
  auto metrics = aws::cloudwatch::list_metrics(aws(), stack()["metrics_namespace"]);
  ASSERT_TRUE(metrics) << metrics.error().describe();
  bool found = false;
  for (const auto& m : *metrics)
    if (m.name == "DispatchFailures")
      for (const auto& [k, v] : m.dimensions)
        found = found || (k == "Environment" && v == "production");
  EXPECT_TRUE(found);
}

TEST_F(GitHub, ExhaustedPrimaryRateLimitWaitsForTheReset) {
  auto r = dispatch_with(R"([{"status":403,"ratelimit_reset_in":120}])");
  EXPECT_EQ(outcome(r.res), "retry_scheduled") << r.res.body;
  auto item = history_item(r.event_id, "2025-12-05T10:30:00Z");
  const auto wait = seconds_from_now(ddb::get_s(*item, "next_attempt_at"));
  EXPECT_GE(wait, 100);
  EXPECT_LE(wait, 130);
}

TEST_F(GitHub, UnprocessableIsFailedWithGitHubsMessageAndAlerted) {
  drain(stack()["alerts_queue_url"], 0);
  auto r = dispatch_with(R"([{"status":422,"message":"No more than 10 properties are allowed"}])");
  EXPECT_EQ(outcome(r.res), "failed") << r.res.body;
  EXPECT_EQ(dispatches_for(r.event_id).size(), 1u);
  auto item = history_item(r.event_id, "2025-12-05T10:30:00Z");
  EXPECT_EQ(ddb::get_s(*item, "status"), "failed");
  EXPECT_NE(ddb::get_s(*item, "error_message").find("No more than 10 properties"),
            std::string::npos);
  EXPECT_NE(ddb::get_s(*item, "error_message").find("422"), std::string::npos);
  EXPECT_TRUE(alerted_about(r.event_id));
  EXPECT_FALSE(lock_item(r.dep));
  EXPECT_FALSE(retry_queued_for(r.event_id, 1));
}

TEST_F(GitHub, BadCredentialsAreFailedAndAlerted) {
  drain(stack()["alerts_queue_url"], 0);
  auto r = dispatch_with(R"([{"status":401}])");
  EXPECT_EQ(outcome(r.res), "failed") << r.res.body;
  auto item = history_item(r.event_id, "2025-12-05T10:30:00Z");
  EXPECT_NE(ddb::get_s(*item, "error_message").find("Bad credentials"), std::string::npos);
  EXPECT_TRUE(alerted_about(r.event_id));
  EXPECT_FALSE(lock_item(r.dep));
}

TEST_F(GitHub, ServerErrorsAreRetriedABoundedNumberOfTimesThenQueued) {
  auto r = dispatch_with(R"([{"status":500},{"status":502},{"status":503},{"status":500}])");
  EXPECT_EQ(outcome(r.res), "retry_scheduled") << r.res.body;
  const auto sent = dispatches_for(r.event_id).size();
  EXPECT_GE(sent, 2u);
  EXPECT_LE(sent, 4u);
  EXPECT_FALSE(lock_item(r.dep));
  EXPECT_TRUE(retry_queued_for(r.event_id, 3));
  drift_test::github_control(gh().endpoint).reset();  // drop any step not played
}

TEST_F(GitHub, TokenIsNeverLogged) {
  auto r = dispatch_with("[]");
  EXPECT_EQ(outcome(r.res), "dispatched") << r.res.body;
  harness h(function_env());
  const std::string arn = "arn:aws:s3:::" + unique("bucket");
  put_deployment({"dep-tok-" + arn, arn});
  h.invoke(sns_event({agent_event({unique("evt"), arn})}));
  EXPECT_EQ(h.log().find(gh().token), std::string::npos);
}

TEST_F(GitHub, DynamoDbUnreachableFailsTheInvocationWithoutDispatching) {
  const std::string arn = "arn:aws:s3:::" + unique("bucket");
  const std::string event_id = unique("evt");
  put_deployment({"dep-" + event_id, arn});
  harness h(function_env({{"AWS_ENDPOINT_URL_DYNAMODB", "http://127.0.0.1:9"}}));
  auto res = h.invoke(sns_event({agent_event({event_id, arn})}));
  EXPECT_TRUE(res.function_error) << res.body;
  EXPECT_NE(res.body.find("RecordsFailed"), std::string::npos) << res.body;
  EXPECT_TRUE(dispatches_for(event_id).empty());
  EXPECT_FALSE(history_item(event_id, "2025-12-05T10:30:00Z"));

  // Lambda's retry, once DynamoDB is back, dispatches it.
  harness ok(function_env());
  res = ok.invoke(sns_event({agent_event({event_id, arn})}));
  EXPECT_FALSE(res.function_error) << res.body;
  EXPECT_EQ(outcome(res), "dispatched");
  EXPECT_EQ(dispatches_for(event_id).size(), 1u);
}
