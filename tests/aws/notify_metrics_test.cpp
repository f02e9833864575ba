// SSM, SNS, EventBridge, CloudWatch and STS calls against moto.
#include <gtest/gtest.h>
#include <rapidjson/document.h>

#include <fstream>

#include "aws/cloudwatch.h"
#include "aws/credential_providers.h"
#include "aws/eventbridge.h"
#include "aws/json_protocol.h"
#include "aws/query_protocol.h"
#include "aws/sns.h"
#include "aws/sqs.h"
#include "aws/ssm.h"
#include "aws/sts.h"
#include "moto_session.h"

namespace {

TEST(Ssm, SecureStringIsDecryptedAndMissingIsParameterNotFound) {
  auto s = aws_test::moto_session();
  auto name = "/drift/" + aws_test::unique("token");
  ASSERT_TRUE(aws::ssm::put_parameter(*s, name, "ghp_secret", "SecureString").ok());
  auto p = aws::ssm::get_parameter(*s, name, true);
  ASSERT_TRUE(p.ok()) << p.error().describe();
  EXPECT_EQ(p->value, "ghp_secret");
  EXPECT_EQ(p->type, "SecureString");
  EXPECT_EQ(p->version, 1);
  auto missing = aws::ssm::get_parameter(*s, name + "-absent");
  ASSERT_FALSE(missing.ok());
  EXPECT_EQ(missing.error().code, "ParameterNotFound");
}

TEST(Sns, PublishedMessageReachesASubscribedQueue) {
  auto s = aws_test::moto_session();
  auto topic = aws::sns::create_topic(*s, aws_test::unique("topic"));
  ASSERT_TRUE(topic.ok()) << topic.error().describe();
  auto q = aws::sqs::create_queue(*s, aws_test::unique("sub"));
  ASSERT_TRUE(q.ok());
  auto arn = aws::sqs::get_queue_attributes(*s, *q);
  ASSERT_TRUE(arn.ok());
  ASSERT_TRUE(aws::sns::subscribe(*s, *topic, "sqs", arn->at("QueueArn")).ok());

  auto id =
      aws::sns::publish(*s, {*topic, "{\"drift\":1}", "Drift & more", {{"severity", "HIGH"}}, {}});
  ASSERT_TRUE(id.ok()) << id.error().describe();
  EXPECT_FALSE(id->empty());
  auto got = aws::sqs::receive_messages(*s, *q, {1, 2, {}});
  ASSERT_TRUE(got.ok());
  ASSERT_EQ(got->size(), 1u);
  rapidjson::Document env;
  env.Parse((*got)[0].body.c_str());
  ASSERT_TRUE(env.IsObject());
  EXPECT_STREQ(env["Message"].GetString(), "{\"drift\":1}");
  EXPECT_STREQ(env["Subject"].GetString(), "Drift & more");
  EXPECT_EQ(std::string(env["MessageId"].GetString()), *id);

  auto bad = aws::sns::publish(*s, {*topic + "-absent", "x", "", {}, {}});
  ASSERT_FALSE(bad.ok());
  EXPECT_EQ(bad.error().code, "NotFound");
  EXPECT_EQ(bad.error().service, "SNS");
}

TEST(Sns, AMessagePerProtocolKeepsTheDefaultForQueues) {
  auto s = aws_test::moto_session();
  auto topic = aws::sns::create_topic(*s, aws_test::unique("topic"));
  ASSERT_TRUE(topic.ok()) << topic.error().describe();
  auto q = aws::sqs::create_queue(*s, aws_test::unique("sub"));
  ASSERT_TRUE(q.ok());
  auto arn = aws::sqs::get_queue_attributes(*s, *q);
  ASSERT_TRUE(arn.ok());
  ASSERT_TRUE(aws::sns::subscribe(*s, *topic, "sqs", arn->at("QueueArn")).ok());

  aws::sns::publish_request p;
  p.topic_arn = *topic;
  p.message = "{\"drift\":\"a \\\"quoted\\\" value\"}";
  p.subject = "CRITICAL drift";
  p.by_protocol = {{"email", "CRITICAL drift in platform/prod.\nReport: https://r.example/x"}};
  auto id = aws::sns::publish(*s, p);
  ASSERT_TRUE(id.ok()) << id.error().describe();
  auto got = aws::sqs::receive_messages(*s, *q, {1, 2, {}});
  ASSERT_TRUE(got.ok());
  ASSERT_EQ(got->size(), 1u);
  rapidjson::Document env;
  env.Parse((*got)[0].body.c_str());
  ASSERT_TRUE(env.IsObject());
  // A queue has no entry of its own: it receives the default, byte for byte.
  EXPECT_EQ(std::string(env["Message"].GetString()), p.message);
}

TEST(EventBridge, PutEventsOnOwnBusIsAccepted) {
  auto s = aws_test::moto_session();
  auto bus = aws_test::unique("bus");
  auto created = aws::json_call(*s, aws::services::eventbridge, "CreateEventBus",
                                std::string("{\"Name\":\"" + bus + "\"}"));
  ASSERT_TRUE(created.ok()) << created.error().describe();
  std::vector<aws::eventbridge::event> events;
  for (int i = 0; i < 12; ++i)  // more than one PutEvents call's worth
    events.push_back({"drift-detection.callback",
                      "Remediation Completed",
                      "{\"n\":" + std::to_string(i) + "}",
                      bus,
                      {}});
  auto r = aws::eventbridge::put_events(*s, events);
  ASSERT_TRUE(r.ok()) << r.error().describe();
  EXPECT_EQ(r->failed_count, 0);
  ASSERT_EQ(r->entries.size(), 12u);
  EXPECT_FALSE(r->entries[11].event_id.empty());
}

TEST(CloudWatch, PutMetricDataCanBeReadBack) {
  auto s = aws_test::moto_session();
  auto ns = "Drift/" + aws_test::unique("ns");
  std::vector<aws::cloudwatch::datum> data{
      {"DriftDetected", 3, "Count", {{"Environment", "prod"}, {"Severity", "HIGH"}}, {}},
      {"ScanDuration", 12.5, "Seconds", {{"Environment", "prod"}}, {}},
      {"ScanDuration", 12.5, "Seconds", {}, std::chrono::system_clock::now()}};
  auto put = aws::cloudwatch::put_metric_data(*s, ns, data);
  ASSERT_TRUE(put.ok()) << put.error().describe();
  auto metrics = aws::cloudwatch::list_metrics(*s, ns);
  ASSERT_TRUE(metrics.ok()) << metrics.error().describe();
  int drift = 0, duration = 0;
  for (const auto& m : *metrics) {
    if (m.name == "DriftDetected") {
      ++drift;
      EXPECT_EQ(m.dimensions.size(), 2u);
    }
    if (m.name == "ScanDuration") ++duration;
  }
  EXPECT_EQ(drift, 1);
  EXPECT_EQ(duration, 2);
}

TEST(Sts, CallerIdentityAndAssumedRoleCredentials) {
  auto s = aws_test::moto_session();
  auto me = aws::sts::get_caller_identity(*s);
  ASSERT_TRUE(me.ok()) << me.error().describe();
  EXPECT_EQ(me->account.size(), 12u);

  auto role = aws_test::unique("reader");
  auto created = aws::query_call(*s, aws::services::iam, "CreateRole",
                                 {{"RoleName", role}, {"AssumeRolePolicyDocument", "{}"}});
  ASSERT_TRUE(created.ok()) << created.error().describe();
  std::string role_arn = created->result.child("Role").child_value("Arn");

  auto provider = aws::assume_role_credentials(
      s, {role_arn, "drift-scan", "ext-123", std::chrono::seconds(900), std::chrono::seconds(300)});
  auto c1 = provider->get();
  ASSERT_TRUE(c1.ok()) << c1.error().describe();
  EXPECT_FALSE(c1->session_token.empty());
  ASSERT_TRUE(c1->expiration.has_value());
  auto c2 = provider->get();
  ASSERT_TRUE(c2.ok());
  EXPECT_EQ(c2->access_key_id, c1->access_key_id) << "credentials were not cached";

  aws::session::options o;
  o.region = "us-east-1";
  o.credentials = provider;
  aws::session assumed(o);
  auto who = aws::sts::get_caller_identity(assumed);
  ASSERT_TRUE(who.ok()) << who.error().describe();
  EXPECT_NE(who->arn.find("assumed-role/" + role + "/drift-scan"), std::string::npos) << who->arn;
}

TEST(Sts, ProfileWithRoleArnAndSourceProfileAssumesTheRole) {
  auto s = aws_test::moto_session();
  auto role = aws_test::unique("profile-role");
  auto created = aws::query_call(*s, aws::services::iam, "CreateRole",
                                 {{"RoleName", role}, {"AssumeRolePolicyDocument", "{}"}});
  ASSERT_TRUE(created.ok()) << created.error().describe();
  std::string dir = ::testing::TempDir();
  std::ofstream(dir + "/sts-credentials")
      << "[base]\naws_access_key_id = test\naws_secret_access_key = test\n";
  std::ofstream(dir + "/sts-config")
      << "[profile ops]\nrole_arn = " << created->result.child("Role").child_value("Arn")
      << "\nsource_profile = base\nrole_session_name = laptop\n"
         "external_id = ext-1\nregion = us-east-1\n";
  setenv("AWS_SHARED_CREDENTIALS_FILE", (dir + "/sts-credentials").c_str(), 1);
  setenv("AWS_CONFIG_FILE", (dir + "/sts-config").c_str(), 1);
  aws::session::options o;
  o.region = "us-east-1";
  o.credentials = aws::profile_credentials("ops");
  aws::session ops(o);
  auto who = aws::sts::get_caller_identity(ops);
  unsetenv("AWS_SHARED_CREDENTIALS_FILE");
  unsetenv("AWS_CONFIG_FILE");
  ASSERT_TRUE(who.ok()) << who.error().describe();
  EXPECT_NE(who->arn.find("assumed-role/" + role + "/laptop"), std::string::npos) << who->arn;
}

TEST(Sts, RefreshesCredentialsThatExpireWithinTheRefreshWindow) {
  auto s = aws_test::moto_session();
  // 900 s credentials refreshed 1000 s before expiry: every get() must fetch new ones.
  auto provider =
      aws::assume_role_credentials(s, {"arn:aws:iam::123456789012:role/any", "x", "",
                                       std::chrono::seconds(900), std::chrono::seconds(1000)});
  auto c1 = provider->get();
  auto c2 = provider->get();
  ASSERT_TRUE(c1.ok() && c2.ok());
  EXPECT_NE(c1->access_key_id, c2->access_key_id);
}

}  // namespace
