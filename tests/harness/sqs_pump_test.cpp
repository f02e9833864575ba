// lambda-harness pumping SQS queues in moto into a function, as an event-source mapping
// (and an SNS subscription) would: a message published to a real SNS topic reaches the
// function as an SNS record and is deleted; batchItemFailures keep their messages.
#include <gtest/gtest.h>
#include <rapidjson/document.h>

#include <map>
#include <string>

#include "harness_process.h"
#include "moto.h"

using namespace harness_test;

namespace {

class SqsPump : public ::testing::Test {
 protected:
  void SetUp() override {
    env_ = {{"AWS_ENDPOINT_URL", drift_test::moto_endpoint()},
            {"AWS_ACCESS_KEY_ID", "test"},
            {"AWS_SECRET_ACCESS_KEY", "test"},
            {"AWS_REGION", "us-east-1"}};
  }

  // The aws CLI against moto; --output text answers are trimmed.
  std::string aws(const std::string& args) {
    std::string prefix;
    for (const auto& [k, v] : env_) prefix += k + "='" + v + "' ";
    bool ok = false;
    std::string out = shell(prefix + "AWS_DEFAULT_REGION=us-east-1 aws --endpoint-url " +
                                env_["AWS_ENDPOINT_URL"] + " " + args + " 2>&1",
                            &ok);
    EXPECT_TRUE(ok) << "aws " << args << ": " << out;
    while (!out.empty() && (out.back() == '\n' || out.back() == ' ')) out.pop_back();
    return out;
  }

  std::string create_queue(const std::string& name) {
    return aws("sqs create-queue --queue-name " + name +
               " --attributes VisibilityTimeout=2 --query QueueUrl --output text");
  }

  // Visible plus in-flight messages.
  int messages_in(const std::string& queue_url) {
    const std::string out =
        aws("sqs get-queue-attributes --queue-url " + queue_url +
            " --attribute-names ApproximateNumberOfMessages ApproximateNumberOfMessagesNotVisible"
            " --query '[Attributes.ApproximateNumberOfMessages,"
            "Attributes.ApproximateNumberOfMessagesNotVisible]' --output text");
    int visible = 0, hidden = 0;
    if (std::sscanf(out.c_str(), "%d %d", &visible, &hidden) != 2) return -1;
    return visible + hidden;
  }

  std::map<std::string, std::string> env_;
  temp_dir work_;
};

TEST_F(SqsPump, SnsTopicMessageArrivesAsAnSnsRecordAndIsDeleted) {
  const std::string topic =
      aws("sns create-topic --name harness-drift --query TopicArn --output text");
  const std::string queue = create_queue("harness-drift-sub");
  const std::string queue_arn = aws("sqs get-queue-attributes --queue-url " + queue +
                                    " --attribute-names QueueArn --query Attributes.QueueArn"
                                    " --output text");
  aws("sns subscribe --topic-arn " + topic + " --protocol sqs --notification-endpoint " +
      queue_arn);
  aws("sns publish --topic-arn " + topic +
      " --subject drift --message '{\"detail\":\"drifted\"}' --message-attributes "
      "'{\"severity\":{\"DataType\":\"String\",\"StringValue\":\"HIGH\"}}'");

  const std::string records = work_.file("records.jsonl");
  harness_process harness({"--function", "orchestrator", "--bootstrap", test_bootstrap(), "--env",
                           "RECORD_FILE=" + records, "--sqs", queue, "--sns"},
                          env_);
  ASSERT_TRUE(eventually([&] { return !read_file(records).empty(); }, 60)) << harness.log();
  rapidjson::Document ev;
  ev.Parse(read_file(records).substr(0, read_file(records).find('\n')).c_str());
  ASSERT_TRUE(ev.IsObject() && ev.HasMember("Records") && ev["Records"].Size() == 1);
  const auto& rec = ev["Records"][0];
  EXPECT_STREQ(rec["EventSource"].GetString(), "aws:sns");
  EXPECT_STREQ(rec["EventVersion"].GetString(), "1.0");
  EXPECT_EQ(std::string(rec["EventSubscriptionArn"].GetString()).rfind(topic + ":", 0), 0u);
  const auto& sns = rec["Sns"];
  EXPECT_STREQ(sns["Type"].GetString(), "Notification");
  EXPECT_EQ(sns["TopicArn"].GetString(), topic);
  EXPECT_STREQ(sns["Subject"].GetString(), "drift");
  EXPECT_STREQ(sns["Message"].GetString(), R"({"detail":"drifted"})");
  EXPECT_TRUE(sns["MessageId"].IsString() && sns["MessageId"].GetStringLength() > 0);
  EXPECT_TRUE(sns["Timestamp"].IsString() && sns["Timestamp"].GetStringLength() > 0);
  for (const char* k : {"SignatureVersion", "Signature", "SigningCertUrl", "UnsubscribeUrl"})
    EXPECT_TRUE(sns.HasMember(k) && sns[k].IsString()) << k;
  ASSERT_TRUE(sns["MessageAttributes"].HasMember("severity"));
  EXPECT_STREQ(sns["MessageAttributes"]["severity"]["Value"].GetString(), "HIGH");
  EXPECT_STREQ(sns["MessageAttributes"]["severity"]["Type"].GetString(), "String");

  EXPECT_TRUE(eventually([&] { return messages_in(queue) == 0; }, 30))
      << "the delivered message was not deleted";
}

TEST_F(SqsPump, BatchItemFailuresStayInTheQueueAndTheRestIsDeleted) {
  const std::string queue = create_queue("harness-batch");
  for (const char* body : {"ok-one", "fail-two", "ok-three"})
    aws("sqs send-message --queue-url " + queue + " --message-body " + body);

  const std::string records = work_.file("records.jsonl");
  {
    harness_process harness({"--function", "consumer", "--bootstrap", test_bootstrap(), "--env",
                             "RECORD_FILE=" + records, "--sqs", queue, "--batch-size", "10"},
                            env_);
    ASSERT_TRUE(eventually(
        [&] {
          const std::string seen = read_file(records);
          return seen.find("ok-one") != std::string::npos &&
                 seen.find("ok-three") != std::string::npos;
        },
        60))
        << harness.log();
    EXPECT_TRUE(eventually([&] { return messages_in(queue) == 1; }, 30))
        << "only the failed message should remain";
    harness.stop();
  }
  // The SQS record shape as Lambda builds it.
  rapidjson::Document ev;
  const std::string all = read_file(records);
  ev.Parse(all.substr(0, all.find('\n')).c_str());
  ASSERT_TRUE(ev.IsObject() && ev["Records"].Size() >= 1);
  const auto& rec = ev["Records"][0];
  EXPECT_STREQ(rec["eventSource"].GetString(), "aws:sqs");
  EXPECT_EQ(std::string(rec["eventSourceARN"].GetString()),
            "arn:aws:sqs:us-east-1:123456789012:harness-batch");
  EXPECT_STREQ(rec["awsRegion"].GetString(), "us-east-1");
  for (const char* k : {"messageId", "receiptHandle", "body", "md5OfBody"})
    EXPECT_TRUE(rec.HasMember(k) && rec[k].IsString()) << k;
  EXPECT_TRUE(rec["attributes"].HasMember("ApproximateReceiveCount"));
  EXPECT_TRUE(rec["messageAttributes"].IsObject());

  // What is left is the failed message, back after its visibility timeout.
  const std::string left = aws("sqs receive-message --queue-url " + queue +
                               " --wait-time-seconds 10 --query 'Messages[].Body' --output text");
  EXPECT_EQ(left, "fail-two");
}

}  // namespace
