// The events the harness's pumps build carry exactly the fields of the events AWS's own
// runtimes document (sample events in ../shared/vectors/events).
#include "event_shapes.h"

#include <gtest/gtest.h>
#include <rapidjson/document.h>

#include <cstdlib>
#include <fstream>
#include <set>
#include <sstream>
#include <string>

using namespace harness;

namespace {

rapidjson::Document load_vector(const std::string& relative) {
  const char* shared = std::getenv("DRIFT_SHARED_DIR");
  std::ifstream in(std::string(shared ? shared : "../shared") + "/vectors/events/" + relative);
  std::stringstream s;
  s << in.rdbuf();
  rapidjson::Document d;
  d.Parse(s.str().c_str());
  return d;
}

std::set<std::string> keys(const rapidjson::Value& obj) {
  std::set<std::string> out;
  for (const auto& m : obj.GetObject()) out.insert(m.name.GetString());
  return out;
}

const char* envelope = R"({"Type":"Notification","MessageId":"m-1",
  "TopicArn":"arn:aws:sns:us-east-1:123456789012:drift","Subject":"s","Message":"{\"a\":1}",
  "Timestamp":"2026-01-01T00:00:00.000Z","SignatureVersion":"1","Signature":"sig",
  "SigningCertURL":"https://cert","UnsubscribeURL":"https://unsub",
  "MessageAttributes":{"k":{"Type":"String","Value":"v"}}})";

TEST(EventShapes, SnsRecordHasTheFieldsOfLambdasSnsEvent) {
  const auto expected = load_vector("aws-lambda-go/sns-event.json");
  ASSERT_TRUE(expected.IsObject());
  auto delivery = sns_event(envelope, "sub-1");
  ASSERT_TRUE(delivery);
  EXPECT_EQ(delivery->message_id, "m-1");
  rapidjson::Document got;
  got.Parse(delivery->event.c_str());
  const auto& rec = got["Records"][0];
  EXPECT_EQ(keys(rec), keys(expected["Records"][0]));
  EXPECT_EQ(keys(rec["Sns"]), keys(expected["Records"][0]["Sns"]));
  EXPECT_STREQ(rec["Sns"]["SigningCertUrl"].GetString(), "https://cert");
  EXPECT_STREQ(rec["Sns"]["UnsubscribeUrl"].GetString(), "https://unsub");
  EXPECT_STREQ(rec["Sns"]["Message"].GetString(), R"({"a":1})");
  EXPECT_STREQ(rec["EventSubscriptionArn"].GetString(),
               "arn:aws:sns:us-east-1:123456789012:drift:sub-1");
}

TEST(EventShapes, MessageThatIsNotAnSnsEnvelopeIsRecognised) {
  EXPECT_FALSE(sns_event(R"({"detail":"raw"})", "s"));
  EXPECT_FALSE(sns_event("plain text", "s"));
}

TEST(EventShapes, SqsRecordHasTheFieldsOfLambdasSqsEvent) {
  const auto expected = load_vector("aws-lambda-go/sqs-event.json");
  ASSERT_TRUE(expected.IsObject());
  queue_message m;
  m.message_id = "id-1";
  m.receipt_handle = "rh";
  m.body = "hello";
  m.md5_of_body = "5d41402abc4b2a76b9719d911017c592";
  m.attributes = {{"ApproximateReceiveCount", "1"}};
  rapidjson::Document got;
  got.Parse(sqs_event({m}, "arn:aws:sqs:us-east-1:123456789012:q", "us-east-1").c_str());
  const auto& rec = got["Records"][0];
  EXPECT_EQ(keys(rec), keys(expected["Records"][0]));
  EXPECT_STREQ(rec["eventSource"].GetString(), "aws:sqs");
  EXPECT_STREQ(rec["body"].GetString(), "hello");
  EXPECT_TRUE(rec["md5OfMessageAttributes"].IsNull());
}

TEST(EventShapes, QueueArnComesFromTheQueueUrl) {
  EXPECT_EQ(queue_arn_from_url("http://127.0.0.1:5000/123456789012/drift-events", "eu-central-1"),
            "arn:aws:sqs:eu-central-1:123456789012:drift-events");
  EXPECT_EQ(queue_arn_from_url("https://sqs.us-east-1.amazonaws.com/111122223333/q", "us-east-1"),
            "arn:aws:sqs:us-east-1:111122223333:q");
}

TEST(EventShapes, BatchItemFailuresAsLambdaReadsThem) {
  const std::set<std::string> ids{"a", "b", "c"};
  EXPECT_EQ(*batch_item_failures(R"({"batchItemFailures":[{"itemIdentifier":"b"}]})", ids),
            std::set<std::string>{"b"});
  EXPECT_TRUE(batch_item_failures(R"({"batchItemFailures":[]})", ids)->empty());
  EXPECT_TRUE(batch_item_failures("null", ids)->empty());
  EXPECT_TRUE(batch_item_failures(R"({"other":1})", ids)->empty());
  // An unknown or empty identifier fails the whole batch.
  EXPECT_FALSE(batch_item_failures(R"({"batchItemFailures":[{"itemIdentifier":"zz"}]})", ids));
  EXPECT_FALSE(batch_item_failures(R"({"batchItemFailures":[{"itemIdentifier":""}]})", ids));
}

}  // namespace
