// The real event paths: an event published to the drift topic reaches the function through a
// queue subscribed to it (pumped by lambda-harness as SNS records), and the retry queue is
// pumped back into the function like an SQS event-source mapping with batch item failures.
#include "aws/sns.h"
#include "fixture.h"

using namespace orch_test;

namespace {

class Pumped : public suite {
 protected:
  static std::string status_of(const std::string& id, const std::string& time) {
    auto item = history_item(id, time);
    return item ? ddb::get_s(*item, "status") : "";
  }
  static std::string wait_for_status(const std::string& id, const std::string& time,
                                     const std::string& want, int seconds) {
    std::string st;
    for (int i = 0; i < seconds * 5 && st != want; ++i) {
      std::this_thread::sleep_for(std::chrono::milliseconds(200));
      st = status_of(id, time);
    }
    return st;
  }
};

}  // namespace

TEST_F(Pumped, TopicToDispatchWithARetryThroughTheQueue) {
  const std::string arn = "arn:aws:s3:::" + unique("bucket");
  const std::string event_id = unique("evt");
  const std::string dep = "dep-" + event_id;
  put_deployment({dep, arn});
  const long long now = std::chrono::duration_cast<std::chrono::seconds>(
                            std::chrono::system_clock::now().time_since_epoch())
                            .count();
  ASSERT_TRUE(ddb::put_item(aws(), {stack()["locks_table"],
                                    {{"lock_id", dep}, {"owner", "other"}, {"ttl", now + 600}},
                                    "",
                                    {}}));
  harness h(
      function_env({{"RETRY_DELAY_SECONDS", "2"}}), 2,
      {"--sqs", stack()["drift_events_queue_url"], "--sns", "--sqs", stack()["retry_queue_url"]});
  auto pub = aws::sns::publish(
      aws(), {stack()["drift_topic_arn"], agent_event({event_id, arn}), "", {}, {}});
  ASSERT_TRUE(pub) << pub.error().describe();

  EXPECT_EQ(wait_for_status(event_id, "2025-12-05T10:30:00Z", "retry_scheduled", 30),
            "retry_scheduled")
      << h.log();
  EXPECT_TRUE(dispatches_for(event_id).empty());
  // The other remediation ends; the pumped retry dispatches.
  ASSERT_TRUE(ddb::delete_item(aws(), {stack()["locks_table"], {{"lock_id", dep}}, "", {}}));
  EXPECT_EQ(wait_for_status(event_id, "2025-12-05T10:30:00Z", "dispatched", 60), "dispatched")
      << h.log();
  EXPECT_EQ(dispatches_for(event_id).size(), 1u);
}

TEST_F(Pumped, FailedRecordsOfABatchAreReportedAndResumeOnRedelivery) {
  const std::string arn_ok = "arn:aws:s3:::" + unique("bucket");
  const std::string arn_locked = "arn:aws:s3:::" + unique("bucket");
  const std::string ok_id = unique("evt"), locked_id = unique("evt");
  put_deployment({"dep-" + ok_id, arn_ok});
  put_deployment({"dep-" + locked_id, arn_locked});
  const long long now = std::chrono::duration_cast<std::chrono::seconds>(
                            std::chrono::system_clock::now().time_since_epoch())
                            .count();
  ASSERT_TRUE(ddb::put_item(
      aws(), {stack()["locks_table"],
              {{"lock_id", "dep-" + locked_id}, {"owner", "other"}, {"ttl", now + 600}},
              "",
              {}}));
  // The retry queue is unreachable: the locked record cannot be rescheduled.
  const std::string batch =
      sqs_event({{"m-ok-" + ok_id, agent_event({ok_id, arn_ok})},
                 {"m-locked-" + locked_id, agent_event({locked_id, arn_locked})}});
  {
    harness h(function_env(
        {{"RETRY_QUEUE_URL", drift_test::moto_endpoint() + "/123456789012/no-such-queue"}}));
    auto res = h.invoke(batch);
    ASSERT_FALSE(res.function_error) << res.body;
    auto body = res.json();
    ASSERT_EQ(body["batchItemFailures"].Size(), 1u) << res.body;
    EXPECT_EQ(std::string(body["batchItemFailures"][0]["itemIdentifier"].GetString()),
              "m-locked-" + locked_id);
    EXPECT_EQ(std::string(body["records"][0]["outcome"].GetString()), "dispatched");
    EXPECT_EQ(std::string(body["records"][1]["outcome"].GetString()), "error");
  }
  // The redelivered batch (SQS redelivers the failed record) resumes it; the other is done.
  ASSERT_TRUE(
      ddb::delete_item(aws(), {stack()["locks_table"], {{"lock_id", "dep-" + locked_id}}, "", {}}));
  harness h(function_env());
  auto res = h.invoke(batch);
  auto body = res.json();
  ASSERT_TRUE(body.IsObject()) << res.body;
  EXPECT_EQ(std::string(body["records"][0]["outcome"].GetString()), "duplicate");
  EXPECT_EQ(std::string(body["records"][1]["outcome"].GetString()), "dispatched") << res.body;
  EXPECT_EQ(body["batchItemFailures"].Size(), 0u);
  EXPECT_EQ(dispatches_for(ok_id).size(), 1u);
  EXPECT_EQ(dispatches_for(locked_id).size(), 1u);
}
