// A bucket and its split parts in one workspace read the same configurations: the native engine
// asks S3 once for each and both compare the answer. Observed against moto: the same report as
// when every type asks for itself, in fewer calls, with the parts' shared reads costing none.
#include <gtest/gtest.h>

#include <atomic>
#include <chrono>
#include <set>
#include <string>
#include <thread>
#include <vector>

#include "aws/s3.h"
#include "aws/sns.h"
#include "aws/sqs.h"
#include "engine_on_moto.h"
#include "read_memo.h"
#include "registry.h"

namespace {

using native_test::resource_json;
using native_test::scan;
using native_test::scanned;

// The parts of aws_s3_bucket in the registry: every aws_s3_bucket_* type.
std::vector<const scanner::native::type_module*> bucket_parts() {
  std::vector<const scanner::native::type_module*> parts;
  for (const auto* m : scanner::native::all_modules())
    if (m->type.rfind("aws_s3_bucket_", 0) == 0) parts.push_back(m);
  return parts;
}

// A bucket with versioning on and AES256 encryption, and a state that manages it with every
// part; the state's versioning part says Suspended, so the part drifts. The parts the bucket
// has no configuration for read as gone, alike in both scans.
std::string make_bucket_and_state(aws::session& s) {
  auto b = aws_test::unique("shared");
  for (auto& c : b) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  EXPECT_TRUE(aws::s3::create_bucket(s, b).ok());
  EXPECT_TRUE(
      aws::s3::put_bucket_config(
          s, b, "versioning",
          R"(<VersioningConfiguration xmlns="http://s3.amazonaws.com/doc/2006-03-01/"><Status>Enabled</Status></VersioningConfiguration>)")
          .ok());
  EXPECT_TRUE(
      aws::s3::put_bucket_config(
          s, b, "encryption",
          R"(<ServerSideEncryptionConfiguration xmlns="http://s3.amazonaws.com/doc/2006-03-01/"><Rule><ApplyServerSideEncryptionByDefault><SSEAlgorithm>AES256</SSEAlgorithm></ApplyServerSideEncryptionByDefault></Rule></ServerSideEncryptionConfiguration>)")
          .ok());
  const std::string q = "\"" + b + "\"";
  std::string resources =
      resource_json("aws_s3_bucket", "b", R"({"id":)" + q + R"(,"bucket":)" + q + "}");
  for (const auto* part : bucket_parts()) {
    std::string attrs = R"({"id":)" + q + R"(,"bucket":)" + q;
    if (part->type == "aws_s3_bucket_versioning")
      attrs += R"(,"versioning_configuration":[{"mfa_delete":"","status":"Suspended"}])";
    resources += "," + resource_json(std::string(part->type), "b", attrs + "}");
  }
  return R"({"version":4,"terraform_version":"1.11.0","serial":1,"lineage":"shared-reads","outputs":{},"resources":[)" +
         resources + "]}";
}

TEST(SharedReads, BucketAndPartsAskOnceAndReportTheSame) {
  auto s = aws_test::moto_session();
  auto parsed = terraform::parse_state(make_bucket_and_state(*s));
  ASSERT_TRUE(parsed.ok()) << parsed.error().message;
  const auto alone = scan(*parsed, /*share_reads=*/false);
  const auto shared = scan(*parsed, /*share_reads=*/true);

  const auto parts = bucket_parts();
  ASSERT_GE(parts.size(), 13u);
  EXPECT_TRUE(alone.not_checked.empty()) << *alone.not_checked.begin();
  EXPECT_EQ(shared.facts, alone.facts);
  EXPECT_EQ(shared.not_checked, alone.not_checked);
  EXPECT_EQ(shared.resources, alone.resources);
  // The drift a user sees: the versioning part is Enabled in S3, Suspended in the state.
  bool versioning_drift = false;
  for (const auto& [address, attribute, expected, actual] : shared.facts)
    versioning_drift |= address == "aws_s3_bucket_versioning.b" &&
                        attribute.rfind("versioning_configuration", 0) == 0 &&
                        actual.find("Enabled") != std::string::npos;
  EXPECT_TRUE(versioning_drift);

  // Alone: the bucket's 13 reads and one per part. Shared: a part declared to share the
  // bucket's reads asks nothing of its own; the others (the public access block, ...) do.
  const int bucket_calls = static_cast<int>(scanner::native_calls_for("aws_s3_bucket", 1));
  EXPECT_EQ(alone.calls, bucket_calls + static_cast<int>(parts.size()));
  int own = 0, sharing = 0;
  for (const auto* part : parts) {
    EXPECT_EQ(alone.calls_of(std::string(part->type)), 1) << part->type;
    if (part->shares_reads_with.empty()) {
      ++own;
      EXPECT_EQ(shared.calls_of(std::string(part->type)), 1) << part->type;
    } else {
      ++sharing;
      EXPECT_EQ(part->shares_reads_with, "aws_s3_bucket");
    }
  }
  EXPECT_GE(sharing, 10);
  EXPECT_EQ(shared.calls, bucket_calls + own);
}

// A queue with its access policy and redrive policy, and a topic with its policy: each part
// takes its parent's attribute read.
TEST(SharedReads, QueueAndTopicPartsTakeTheirParentsRead) {
  auto s = aws_test::moto_session();
  const auto name = aws_test::unique("shared");
  auto dlq = aws::sqs::create_queue(*s, name + "-dlq");
  ASSERT_TRUE(dlq.ok()) << dlq.error().describe();
  auto dlq_attrs = aws::sqs::get_queue_attributes(*s, *dlq);
  ASSERT_TRUE(dlq_attrs.ok());
  const std::string dlq_arn = (*dlq_attrs)["QueueArn"];
  auto url = aws::sqs::create_queue(
      *s, name,
      {{"Policy",
        R"({"Version":"2012-10-17","Statement":[{"Effect":"Allow","Principal":"*","Action":"sqs:SendMessage","Resource":"*"}]})"},
       {"RedrivePolicy", R"({"deadLetterTargetArn":")" + dlq_arn + R"(","maxReceiveCount":3})"}});
  ASSERT_TRUE(url.ok()) << url.error().describe();
  auto topic = aws::sns::create_topic(*s, name);
  ASSERT_TRUE(topic.ok()) << topic.error().describe();
  const std::string u = "\"" + *url + "\"", t = "\"" + *topic + "\"";
  auto parsed = terraform::parse_state(
      R"({"version":4,"terraform_version":"1.11.0","serial":1,"lineage":"shared-reads","outputs":{},"resources":[)" +
      resource_json("aws_sqs_queue", "q", R"({"id":)" + u + R"(,"url":)" + u + "}") + "," +
      resource_json("aws_sqs_queue_policy", "q",
                    R"({"id":)" + u + R"(,"queue_url":)" + u + R"(,"policy":""})") +
      "," +
      resource_json("aws_sqs_queue_redrive_policy", "q",
                    R"({"id":)" + u + R"(,"queue_url":)" + u + R"(,"redrive_policy":""})") +
      "," + resource_json("aws_sns_topic", "t", R"({"id":)" + t + R"(,"arn":)" + t + "}") + "," +
      resource_json("aws_sns_topic_policy", "t", R"({"id":)" + t + R"(,"arn":)" + t + "}") + "]}");
  ASSERT_TRUE(parsed.ok()) << parsed.error().message;
  const auto alone = scan(*parsed, /*share_reads=*/false);
  const auto shared = scan(*parsed, /*share_reads=*/true);

  EXPECT_TRUE(alone.not_checked.empty()) << *alone.not_checked.begin();
  EXPECT_EQ(alone.resources, 5);
  EXPECT_EQ(shared.facts, alone.facts);
  EXPECT_EQ(shared.resources, alone.resources);
  // The state's empty policies differ from the live ones: the parts were read and compared.
  std::set<std::string> drifted;
  for (const auto& f : shared.facts) drifted.insert(std::get<0>(f));
  EXPECT_TRUE(drifted.count("aws_sqs_queue_policy.q"));
  EXPECT_TRUE(drifted.count("aws_sqs_queue_redrive_policy.q"));

  // Alone: queue 2 (attributes, tags), policy 1, redrive 1, topic 2, topic policy 1.
  EXPECT_EQ(alone.calls, 7);
  EXPECT_EQ(shared.calls, 4);
  // The shared attribute read counts under whichever type asked first (the workers run in
  // parallel): each family's sum is its parent's two calls.
  EXPECT_EQ(shared.calls_of("aws_sqs_queue") + shared.calls_of("aws_sqs_queue_policy") +
                shared.calls_of("aws_sqs_queue_redrive_policy"),
            2);
  EXPECT_EQ(shared.calls_of("aws_sns_topic") + shared.calls_of("aws_sns_topic_policy"), 2);
}

// The memo itself: a second reader arriving while the first fetches waits for its answer; after
// the readers it expects, a key is fetched again (a later scan of the same thing asks AWS).
TEST(SharedReads, MemoFetchesOncePerReadersAndWaiters) {
  scanner::native::read_memo memo;
  std::atomic<int> fetches{0};
  auto slow = [&] {
    ++fetches;
    std::this_thread::sleep_for(std::chrono::milliseconds(100));
    return std::string("answer");
  };
  std::shared_ptr<const std::string> a, b;
  std::thread first([&] { a = scanner::native::read_once<std::string>(&memo, "k", 2, slow); });
  std::this_thread::sleep_for(std::chrono::milliseconds(20));
  b = scanner::native::read_once<std::string>(&memo, "k", 2, slow);
  first.join();
  EXPECT_EQ(fetches.load(), 1);
  EXPECT_EQ(*a, "answer");
  EXPECT_EQ(a, b);
  auto c = scanner::native::read_once<std::string>(&memo, "k", 2, slow);
  EXPECT_EQ(fetches.load(), 2);
  EXPECT_EQ(memo.fetched(), 2);
  EXPECT_EQ(memo.shared(), 1);
  // No memo (the live path's single reads): every read fetches.
  scanner::native::read_once<std::string>(nullptr, "k", 2, slow);
  EXPECT_EQ(fetches.load(), 3);
}

}  // namespace
