// How one invocation is split into records: SNS, SQS (retry messages, SNS notifications) and
// whatever else arrives, without ever failing.
#include "src/records.h"

#include <gtest/gtest.h>

#include "src/retry_message.h"

using namespace orchestrator;

TEST(Records, SnsRecordCarriesTheMessageIdArrivalTimeAndEvent) {
  const auto inv = split_invocation(
      R"({"Records":[{"EventSource":"aws:sns","Sns":{"MessageId":"m-1","Timestamp":"2025-12-05T10:30:01.000Z","Message":"{\"id\":\"e\"}"}}]})",
      "req", "2030-01-01T00:00:00.000Z");
  ASSERT_EQ(inv.records.size(), 1u);
  EXPECT_EQ(inv.source, record_source::sns);
  const auto& r = inv.records[0];
  EXPECT_EQ(r.message_id, "m-1");
  EXPECT_EQ(r.item_id, "m-1");
  EXPECT_EQ(r.arrival_time, "2025-12-05T10:30:01.000Z");
  EXPECT_EQ(r.body, R"({"id":"e"})");
  EXPECT_TRUE(r.error.empty());
  EXPECT_FALSE(r.retry);
}

TEST(Records, SnsRecordWithoutMessageIsMalformedButKept) {
  const auto inv = split_invocation(
      R"({"Records":[{"EventSource":"aws:sns","Sns":{"MessageId":"m-2","Message":17}}]})", "req",
      "2030-01-01T00:00:00.000Z");
  ASSERT_EQ(inv.records.size(), 1u);
  EXPECT_FALSE(inv.records[0].error.empty());
  EXPECT_EQ(inv.records[0].message_id, "m-2");
  EXPECT_EQ(inv.records[0].arrival_time, "2030-01-01T00:00:00.000Z");
}

TEST(Records, SqsRetryMessageIsRecognisedAndUnwrapped) {
  retry_ticket t;
  t.drift_event_id = "evt-1";
  t.timestamp = "2025-12-05T10:30:00Z";
  t.attempt = 2;
  t.reason = "lock held";
  t.event_json = R"({"id":"evt-1"})";
  const std::string body = to_json(t);
  std::string escaped;
  for (char c : body) {
    if (c == '"' || c == '\\') escaped += '\\';
    escaped += c;
  }
  const auto inv = split_invocation(
      R"({"Records":[{"eventSource":"aws:sqs","messageId":"q-1","attributes":{"SentTimestamp":"1764930600000"},"body":")" +
          escaped + R"("}]})",
      "req", "2030-01-01T00:00:00.000Z");
  ASSERT_EQ(inv.records.size(), 1u);
  EXPECT_EQ(inv.source, record_source::sqs);
  const auto& r = inv.records[0];
  EXPECT_EQ(r.item_id, "q-1");
  EXPECT_EQ(r.arrival_time, "2025-12-05T10:30:00.000Z");
  ASSERT_TRUE(r.retry);
  EXPECT_EQ(r.retry->attempt, 2);
  EXPECT_EQ(r.retry->drift_event_id, "evt-1");
  EXPECT_EQ(r.body, R"({"id":"evt-1"})");
}

TEST(Records, SqsBodyHoldingAnSnsNotificationIsUnwrapped) {
  const auto inv = split_invocation(
      R"({"Records":[{"eventSource":"aws:sqs","messageId":"q-2","body":"{\"Type\":\"Notification\",\"MessageId\":\"sns-9\",\"Timestamp\":\"2025-12-05T10:30:02.000Z\",\"Message\":\"{\\\"id\\\":\\\"x\\\"}\"}"}]})",
      "req", "2030-01-01T00:00:00.000Z");
  ASSERT_EQ(inv.records.size(), 1u);
  EXPECT_EQ(inv.records[0].item_id, "q-2");
  EXPECT_EQ(inv.records[0].message_id, "sns-9");
  EXPECT_EQ(inv.records[0].body, R"({"id":"x"})");
}

TEST(Records, BrokenRetryMessageIsAnError) {
  const auto inv = split_invocation(
      R"({"Records":[{"eventSource":"aws:sqs","messageId":"q-3","body":"{\"kind\":\"drift-remediation-retry\",\"attempt\":\"x\"}"}]})",
      "req", "2030-01-01T00:00:00.000Z");
  ASSERT_EQ(inv.records.size(), 1u);
  EXPECT_FALSE(inv.records[0].error.empty());
}

TEST(Records, GarbageInvocationBecomesOneMalformedRecord) {
  for (const char* payload : {"not json", "[1,2]", "42", ""}) {
    const auto inv = split_invocation(payload, "req-7", "2030-01-01T00:00:00.000Z");
    ASSERT_EQ(inv.records.size(), 1u) << payload;
    EXPECT_FALSE(inv.records[0].error.empty()) << payload;
    EXPECT_EQ(inv.records[0].message_id, "invocation-req-7");
  }
}

TEST(Records, BareEventIsTakenAsOneRecord) {
  const auto inv = split_invocation(R"({"id":"e","detail":{}})", "req", "2030-01-01T00:00:00.000Z");
  ASSERT_EQ(inv.records.size(), 1u);
  EXPECT_TRUE(inv.records[0].error.empty());
  EXPECT_EQ(inv.records[0].body, R"({"id":"e","detail":{}})");
}

TEST(Records, MixedBatchKeepsEveryRecordInOrder) {
  const auto inv = split_invocation(
      R"({"Records":[{"eventSource":"aws:sqs","messageId":"a","body":"{}"},{"eventSource":"aws:s3"},{"eventSource":"aws:sqs","messageId":"c","body":"x"}]})",
      "req", "2030-01-01T00:00:00.000Z");
  ASSERT_EQ(inv.records.size(), 3u);
  EXPECT_EQ(inv.records[0].item_id, "a");
  EXPECT_FALSE(inv.records[1].error.empty());
  EXPECT_EQ(inv.records[2].item_id, "c");
  EXPECT_EQ(inv.records[2].body, "x");
}

TEST(RetryMessage, RoundTrips) {
  retry_ticket t{"id-1",
                 "2025-01-01T00:00:00Z",
                 3,
                 "GitHub rate limit",
                 "2025-01-01T01:00:00Z",
                 R"({"id":"id-1","detail":{"resourceArn":"arn:aws:s3:::b"}})"};
  auto back = parse_retry_message(to_json(t));
  ASSERT_TRUE(back && *back);
  EXPECT_EQ(back->value().attempt, 3);
  EXPECT_EQ(back->value().not_before, "2025-01-01T01:00:00Z");
  EXPECT_EQ(back->value().event_json, t.event_json);
  EXPECT_FALSE(parse_retry_message(R"({"id":"x"})"));
}

TEST(Records, ImpossibleSentTimestampFallsBackToArrivalNow) {
  for (const char* ts : {"99999999999999999", "-5", "12x"}) {
    const auto inv = split_invocation(
        std::string(
            R"({"Records":[{"eventSource":"aws:sqs","messageId":"q","attributes":{"SentTimestamp":")") +
            ts + R"("},"body":"{}"}]})",
        "req", "2030-01-01T00:00:00.000Z");
    ASSERT_EQ(inv.records.size(), 1u);
    EXPECT_EQ(inv.records[0].arrival_time, "2030-01-01T00:00:00.000Z") << ts;
  }
}
