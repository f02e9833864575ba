// SQS and Lambda calls against moto.
#include <gtest/gtest.h>

#include <thread>

#include "aws/crypto.h"
#include "aws/json_protocol.h"
#include "aws/lambda.h"
#include "aws/query_protocol.h"
#include "aws/sqs.h"
#include "moto_session.h"

namespace {

TEST(Sqs, SendReceiveDeleteRoundTrip) {
  auto s = aws_test::moto_session();
  auto name = aws_test::unique("q");
  auto url = aws::sqs::create_queue(*s, name);
  ASSERT_TRUE(url.ok()) << url.error().describe();
  auto found = aws::sqs::get_queue_url(*s, name);
  ASSERT_TRUE(found.ok()) << found.error().describe();
  EXPECT_EQ(*found, *url);

  auto id = aws::sqs::send_message(*s, *url, "{\"hello\":\"world\"}");
  ASSERT_TRUE(id.ok()) << id.error().describe();
  EXPECT_FALSE(id->empty());

  auto got = aws::sqs::receive_messages(*s, *url, {10, 1, 30});
  ASSERT_TRUE(got.ok()) << got.error().describe();
  ASSERT_EQ(got->size(), 1u);
  EXPECT_EQ((*got)[0].message_id, *id);
  EXPECT_EQ((*got)[0].body, "{\"hello\":\"world\"}");
  EXPECT_EQ((*got)[0].attributes.at("ApproximateReceiveCount"), "1");

  auto del = aws::sqs::delete_message(*s, *url, (*got)[0].receipt_handle);
  ASSERT_TRUE(del.ok()) << del.error().describe();
  auto attrs = aws::sqs::get_queue_attributes(*s, *url);
  ASSERT_TRUE(attrs.ok()) << attrs.error().describe();
  EXPECT_EQ(attrs->at("ApproximateNumberOfMessages"), "0");
  EXPECT_EQ(attrs->at("ApproximateNumberOfMessagesNotVisible"), "0");
  EXPECT_NE(attrs->at("QueueArn").find(name), std::string::npos);
}

TEST(Sqs, DelayedMessageIsInvisibleUntilItsDelayPasses) {
  auto s = aws_test::moto_session();
  auto url = aws::sqs::create_queue(*s, aws_test::unique("delay"));
  ASSERT_TRUE(url.ok()) << url.error().describe();
  ASSERT_TRUE(aws::sqs::send_message(*s, *url, "later", 2).ok());
  auto now = aws::sqs::receive_messages(*s, *url);
  ASSERT_TRUE(now.ok());
  EXPECT_TRUE(now->empty()) << "a delayed message was delivered at once";
  auto later = aws::sqs::receive_messages(*s, *url, {10, 5, {}});
  ASSERT_TRUE(later.ok());
  ASSERT_EQ(later->size(), 1u);
  EXPECT_EQ((*later)[0].body, "later");
}

TEST(Sqs, MissingQueueIsAnErrorWithTheServiceCode) {
  auto s = aws_test::moto_session();
  auto r = aws::sqs::get_queue_url(*s, aws_test::unique("nope"));
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.error().service, "SQS");
  EXPECT_EQ(r.error().code, "QueueDoesNotExist");
  EXPECT_EQ(r.error().http_status, 400);
}

TEST(Lambda, MissingFunctionConfigurationIsResourceNotFound) {
  auto s = aws_test::moto_session();
  auto r = aws::lambda::get_function_configuration(*s, aws_test::unique("fn"));
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.error().code, "ResourceNotFoundException");
  EXPECT_EQ(r.error().http_status, 404);
}

// A function moto can hold (it cannot run it: no Docker here), to configure and invoke.
std::string make_function(aws::session& s) {
  auto role = aws::query_call(
      s, aws::services::iam, "CreateRole",
      {{"RoleName", aws_test::unique("fn-role")}, {"AssumeRolePolicyDocument", "{}"}});
  EXPECT_TRUE(role.ok()) << role.error().describe();
  // A zip holding one empty stored file named "bootstrap".
  static const unsigned char zip[] = {
      'P', 'K', 3,   4,   10,  0,   0,   0,   0,   0,   0,   0,  0, 0,   0,   0,   0,
      0,   0,   0,   0,   0,   0,   0,   0,   0,   9,   0,   0,  0, 'b', 'o', 'o', 't',
      's', 't', 'r', 'a', 'p', 'P', 'K', 1,   2,   20,  0,   10, 0, 0,   0,   0,   0,
      0,   0,   0,   0,   0,   0,   0,   0,   0,   0,   0,   0,  0, 0,   0,   0,   9,
      0,   0,   0,   0,   0,   0,   0,   0,   0,   0,   0,   0,  0, 0,   0,   0,   0,
      'b', 'o', 'o', 't', 's', 't', 'r', 'a', 'p', 'P', 'K', 5,  6, 0,   0,   0,   0,
      1,   0,   1,   0,   55,  0,   0,   0,   39,  0,   0,   0,  0, 0};
  const std::string b64 =
      aws::crypto::base64(std::string_view(reinterpret_cast<const char*>(zip), sizeof zip));
  std::string name = aws_test::unique("fn");
  std::string arn = role ? role->result.child("Role").child_value("Arn") : "";
  aws::rest_request req{"POST",
                        "/2015-03-31/functions",
                        {},
                        {{"Content-Type", "application/json"}},
                        R"({"FunctionName":")" + name +
                            R"(","Runtime":"provided.al2",)"
                            R"("Handler":"bootstrap","Role":")" +
                            arn + R"(","Code":{"ZipFile":")" + b64 +
                            R"("},"Environment":{"Variables":{"METRICS_NAMESPACE":"Drift"}}})"};
  auto created = aws::rest_call(s, aws::services::lambda, req);
  EXPECT_TRUE(created.ok()) << created.error().describe();
  return name;
}

TEST(Lambda, ConfigurationAndEventInvoke) {
  auto s = aws_test::moto_session();
  auto fn = make_function(*s);
  auto cfg = aws::lambda::get_function_configuration(*s, fn);
  ASSERT_TRUE(cfg.ok()) << cfg.error().describe();
  EXPECT_STREQ((*cfg)["FunctionName"].GetString(), fn.c_str());
  EXPECT_STREQ((*cfg)["Environment"]["Variables"]["METRICS_NAMESPACE"].GetString(), "Drift");

  auto inv =
      aws::lambda::invoke(*s, fn, "{\"target\":\"platform\"}", aws::lambda::invocation_type::event);
  ASSERT_TRUE(inv.ok()) << inv.error().describe();
  EXPECT_EQ(inv->status, 202);
}

}  // namespace
