// The Invoke API of lambda-harness as Lambda's clients use it: by name and through the
// runtime interface emulator's path, both invocation types, over real HTTP (curl, aws CLI).
#include <gtest/gtest.h>

#include <string>

#include "harness_process.h"

using namespace harness_test;

namespace {

class InvokeApi : public ::testing::Test {
 protected:
  temp_dir work;
  harness_process harness{{"--function", "echo", "--bootstrap", test_bootstrap(), "--function",
                           "other", "--bootstrap", test_bootstrap()}};
};

TEST_F(InvokeApi, RequestResponseReturnsThePayloadWithLambdasHeaders) {
  const reply r = harness.invoke("echo", R"({"hello":"world"})");
  EXPECT_EQ(r.status, 200);
  EXPECT_EQ(r.body, R"({"hello":"world"})");
  EXPECT_EQ(r.header("x-amz-executed-version"), "$LATEST");
  EXPECT_FALSE(r.header("x-amzn-requestid").empty());
  EXPECT_EQ(r.header("x-amz-function-error"), "");
}

TEST_F(InvokeApi, FunctionErrorIsFlaggedUnhandledWithTheErrorJson) {
  const reply r = harness.invoke("echo", R"({"action":"error"})");
  EXPECT_EQ(r.status, 200);
  EXPECT_EQ(r.header("x-amz-function-error"), "Unhandled");
  EXPECT_NE(r.body.find(R"("errorType":"MyError")"), std::string::npos) << r.body;
}

TEST_F(InvokeApi, EventInvocationIsAcceptedAndRunsLater) {
  const std::string dir = work.path();
  const reply r =
      harness.invoke("other", R"({"action":"barrier","count":1,"dir":")" + dir + R"("})", "Event");
  EXPECT_EQ(r.status, 202);
  EXPECT_EQ(r.body, "");
  EXPECT_TRUE(eventually([&] { return shell("ls " + dir).find("done-") != std::string::npos; }))
      << "the Event invocation never ran";
}

TEST_F(InvokeApi, UnknownFunctionIsResourceNotFound) {
  const reply r = harness.invoke("nope", "{}");
  EXPECT_EQ(r.status, 404);
  EXPECT_EQ(r.header("x-amzn-errortype"), "ResourceNotFoundException");
  EXPECT_NE(r.body.find("Function not found: arn:aws:lambda:"), std::string::npos) << r.body;
}

TEST_F(InvokeApi, FunctionArnIsAcceptedAsTheName) {
  const reply r = harness.invoke("arn:aws:lambda:us-east-1:123456789012:function:other", "[1]");
  EXPECT_EQ(r.status, 200);
  EXPECT_EQ(r.body, "[1]");
}

TEST_F(InvokeApi, InvalidJsonPayloadIsRejected) {
  const reply r = harness.invoke("echo", "{not json");
  EXPECT_EQ(r.status, 400);
  EXPECT_EQ(r.header("x-amzn-errortype"), "InvalidRequestContentException");
}

TEST_F(InvokeApi, CurlReachesTheEmulatorEndpoint) {
  // The runtime interface emulator's fixed path, as its documentation shows it.
  bool ok = false;
  const std::string out = shell("curl -sS -XPOST " + harness.endpoint() +
                                    "/2015-03-31/functions/function/invocations -d "
                                    "'{\"via\":\"curl\"}'",
                                &ok);
  ASSERT_TRUE(ok);
  EXPECT_EQ(out, R"({"via":"curl"})");
}

TEST_F(InvokeApi, CurlEventInvocationGets202) {
  const std::string out = shell(
      "curl -s -o /dev/null -w '%{http_code}' -XPOST -H "
      "'X-Amz-Invocation-Type: Event' " +
      harness.endpoint() + "/2015-03-31/functions/echo/invocations -d '{}'");
  EXPECT_EQ(out, "202");
}

TEST_F(InvokeApi, AwsCliInvokeWorksAgainstTheHarness) {
  const std::string out_file = work.file("out.json");
  bool ok = false;
  const std::string meta = shell(
      "AWS_ACCESS_KEY_ID=test AWS_SECRET_ACCESS_KEY=test aws lambda invoke --region us-east-1 "
      "--endpoint-url " +
          harness.endpoint() + " --function-name echo --payload '{\"action\":\"error\"}' " +
          out_file + " 2>&1",
      &ok);
  ASSERT_TRUE(ok) << meta;
  EXPECT_NE(meta.find("\"FunctionError\": \"Unhandled\""), std::string::npos) << meta;
  EXPECT_NE(read_file(out_file).find("MyError"), std::string::npos);

  const std::string missing = shell(
      "AWS_ACCESS_KEY_ID=test AWS_SECRET_ACCESS_KEY=test aws lambda invoke --region us-east-1 "
      "--endpoint-url " +
      harness.endpoint() + " --function-name ghost " + out_file + " 2>&1");
  EXPECT_NE(missing.find("ResourceNotFoundException"), std::string::npos) << missing;
}

}  // namespace

namespace {

TEST(InvokeApiLogs, LogTypeTailReturnsTheInvocationsLogLines) {
  harness_process harness({"--function", "echo", "--bootstrap", test_bootstrap()});
  const reply r = harness.invoke("echo", R"({"action":"echo"})", "RequestResponse",
                                 {{"X-Amz-Log-Type", "Tail"}});
  const std::string encoded = r.header("x-amz-log-result");
  ASSERT_FALSE(encoded.empty());
  const std::string decoded = shell("printf '%s' '" + encoded + "' | base64 -d");
  EXPECT_NE(decoded.find("REPORT RequestId: " + r.header("x-amzn-requestid")), std::string::npos)
      << decoded;
  EXPECT_NE(decoded.find("handling"), std::string::npos) << "the function's own log line";
}

}  // namespace
