// Against moto with signature checking on (FIXTURES moto_auth: only the first 5 requests of the
// server's life are unauthenticated). We spend three of them creating an IAM user with a key,
// then every request is signed with that key, and a wrong secret must be rejected.
#include <gtest/gtest.h>

#include "aws/dynamodb.h"
#include "aws/query_protocol.h"
#include "aws/s3.h"
#include "aws/sqs.h"
#include "aws/sts.h"
#include "moto_session.h"

namespace {

class SignedAgainstMoto : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    auto boot = aws_test::moto_session("DRIFT_MOTO_AUTH_DIR");
    const std::string user = aws_test::unique("drift-signer");
    auto u = aws::query_call(*boot, aws::services::iam, "CreateUser", {{"UserName", user}});
    ASSERT_TRUE(u.ok()) << "moto_auth already checks signatures (another test used the first "
                           "unauthenticated requests?): "
                        << u.error().describe();
    auto p = aws::query_call(
        *boot, aws::services::iam, "PutUserPolicy",
        {{"UserName", user},
         {"PolicyName", "all"},
         {"PolicyDocument",
          R"({"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"*","Resource":"*"}]})"}});
    ASSERT_TRUE(p.ok()) << p.error().describe();
    auto k = aws::query_call(*boot, aws::services::iam, "CreateAccessKey", {{"UserName", user}});
    ASSERT_TRUE(k.ok()) << k.error().describe();
    auto key = k->result.child("AccessKey");
    creds_ = new aws::credentials{key.child_value("AccessKeyId"),
                                  key.child_value("SecretAccessKey"), "", std::nullopt};
    ASSERT_FALSE(creds_->secret_access_key.empty());
  }
  static aws::credentials* creds_;
};
aws::credentials* SignedAgainstMoto::creds_ = nullptr;

TEST_F(SignedAgainstMoto, CorrectlySignedCallsSucceedOnEveryProtocol) {
  ASSERT_NE(creds_, nullptr);
  auto s = aws_test::moto_session("DRIFT_MOTO_AUTH_DIR", *creds_);
  auto me = aws::sts::get_caller_identity(*s);  // query
  ASSERT_TRUE(me.ok()) << me.error().describe();
  EXPECT_NE(me->arn.find("drift-signer"), std::string::npos);

  auto tables = aws::dynamodb::list_tables(*s);  // JSON 1.0
  ASSERT_TRUE(tables.ok()) << tables.error().describe();
  auto q = aws::sqs::create_queue(*s, aws_test::unique("signed"));
  ASSERT_TRUE(q.ok()) << q.error().describe();

  auto bucket = aws_test::unique("signed-bkt");
  ASSERT_TRUE(aws::s3::create_bucket(*s, bucket).ok());  // REST-XML
  ASSERT_TRUE(aws::s3::put_object(*s, bucket, "a b/c.json", "{}").ok());
  auto got = aws::s3::get_object(*s, bucket, "a b/c.json");
  ASSERT_TRUE(got.ok()) << got.error().describe();
  EXPECT_EQ(got->body, "{}");
}

TEST_F(SignedAgainstMoto, WrongSecretKeyIsRejected) {
  ASSERT_NE(creds_, nullptr);
  aws::credentials wrong = *creds_;
  wrong.secret_access_key += "x";
  auto s = aws_test::moto_session("DRIFT_MOTO_AUTH_DIR", wrong);
  auto me = aws::sts::get_caller_identity(*s);
  ASSERT_FALSE(me.ok());
  EXPECT_EQ(me.error().http_status, 403);
  EXPECT_EQ(me.error().code, "SignatureDoesNotMatch");
  EXPECT_EQ(me.error().message.find(wrong.secret_access_key), std::string::npos);

  auto tables = aws::dynamodb::list_tables(*s);
  ASSERT_FALSE(tables.ok());
  EXPECT_TRUE(tables.error().http_status == 400 || tables.error().http_status == 403)
      << tables.error().describe();
  EXPECT_NE(tables.error().code.find("Signature"), std::string::npos) << tables.error().describe();
  EXPECT_EQ(tables.error().attempts, 1) << "a signature error was retried";
}

TEST_F(SignedAgainstMoto, UnknownAccessKeyIsRejected) {
  auto s = aws_test::moto_session("DRIFT_MOTO_AUTH_DIR", {"AKIAUNKNOWN000000000", "x", "", {}});
  auto me = aws::sts::get_caller_identity(*s);
  ASSERT_FALSE(me.ok());
  EXPECT_EQ(me.error().http_status, 403);
}

}  // namespace
