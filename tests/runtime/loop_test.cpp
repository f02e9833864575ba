// Our Runtime API loop, as Lambda would run it: a bootstrap built on lambda_runtime, served
// and invoked by lambda-harness, observed through invocation results and the function log.
#include <gtest/gtest.h>
#include <rapidjson/document.h>

#include <set>
#include <string>

#include "harness_process.h"

using namespace harness_test;

namespace {

rapidjson::Document parse(const std::string& text) {
  rapidjson::Document d;
  d.Parse(text.c_str());
  return d;
}

int pid_of(const reply& r) {
  auto d = parse(r.body);
  return d.IsObject() && d.HasMember("pid") ? d["pid"].GetInt() : -1;
}

std::string error_type(const reply& r) {
  auto d = parse(r.body);
  return d.IsObject() && d.HasMember("errorType") && d["errorType"].IsString()
             ? d["errorType"].GetString()
             : "";
}

class RuntimeLoop : public ::testing::Test {
 protected:
  harness_process harness{{"--function", "t", "--bootstrap", test_bootstrap(), "--timeout", "3",
                           "--env", "CUSTOM_SETTING=from-config"}};
};

TEST_F(RuntimeLoop, SuccessfulInvocationReturnsTheHandlersResponse) {
  const reply r = harness.invoke("t", R"({"action":"echo","value":42})");
  EXPECT_EQ(r.status, 200);
  EXPECT_EQ(r.header("x-amz-function-error"), "");
  EXPECT_EQ(r.body, R"({"action":"echo","value":42})");
}

TEST_F(RuntimeLoop, HandlerExceptionBecomesAnErrorAndTheLoopGoesOn) {
  const int pid = pid_of(harness.invoke("t", R"({"action":"pid"})"));
  ASSERT_GT(pid, 0);
  const reply thrown = harness.invoke("t", R"({"action":"throw"})");
  EXPECT_EQ(thrown.status, 200);
  EXPECT_EQ(thrown.header("x-amz-function-error"), "Unhandled");
  EXPECT_NE(thrown.body.find("boom from the handler"), std::string::npos) << thrown.body;
  EXPECT_EQ(pid_of(harness.invoke("t", R"({"action":"pid"})")), pid) << "the process was replaced";
}

TEST_F(RuntimeLoop, ErrorResponseReachesTheCallerWithItsType) {
  const reply r = harness.invoke("t", R"({"action":"error"})");
  EXPECT_EQ(r.header("x-amz-function-error"), "Unhandled");
  EXPECT_EQ(error_type(r), "MyError") << r.body;
  EXPECT_NE(r.body.find("it went wrong"), std::string::npos);
}

TEST_F(RuntimeLoop, HandlerSeesTheRemainingTimeBeforeItsDeadline) {
  auto d = parse(harness.invoke("t", R"({"action":"remaining"})").body);
  ASSERT_TRUE(d.IsObject() && d.HasMember("remaining_ms"));
  EXPECT_GT(d["remaining_ms"].GetInt64(), 0);
  EXPECT_LE(d["remaining_ms"].GetInt64(), 3000);
}

TEST_F(RuntimeLoop, HandlerPastItsDeadlineIsTimedOutAndTheNextInvocationStillWorks) {
  const int pid = pid_of(harness.invoke("t", R"({"action":"pid"})"));
  const reply r = harness.invoke("t", R"({"action":"sleep"})");
  EXPECT_EQ(r.header("x-amz-function-error"), "Unhandled");
  EXPECT_EQ(error_type(r), "Sandbox.Timedout") << r.body;
  EXPECT_NE(r.body.find("Task timed out after 3.00 seconds"), std::string::npos) << r.body;
  // The handler logged its remaining time before sleeping: the deadline reached it.
  EXPECT_NE(harness.log().find("sleeping"), std::string::npos);
  const int next = pid_of(harness.invoke("t", R"({"action":"pid"})"));
  EXPECT_GT(next, 0);
  EXPECT_NE(next, pid) << "a timed-out process must not be reused";
}

TEST_F(RuntimeLoop, OversizeResponseIsAnErrorAndTheSameProcessServesTheNextInvocation) {
  const int pid = pid_of(harness.invoke("t", R"({"action":"pid"})"));
  const reply big = harness.invoke("t", R"({"action":"big"})");
  EXPECT_EQ(big.header("x-amz-function-error"), "Unhandled");
  EXPECT_LT(big.body.size(), 4096u) << "the oversize payload must not reach the caller";
  EXPECT_NE(big.body.find("6291"), std::string::npos) << big.body;  // names the 6 MB limit
  EXPECT_EQ(pid_of(harness.invoke("t", R"({"action":"pid"})")), pid);
}

TEST_F(RuntimeLoop, ContextHeadersAndLambdaEnvironmentReachTheHandler) {
  const reply r = harness.invoke(
      "t", R"({"action":"context"})", "RequestResponse",
      {{"X-Amz-Client-Context", "eyJjdXN0b20iOnsiayI6InYifX0="},  // {"custom":{"k":"v"}}
       {"X-Lambda-Harness-Cognito-Identity", R"({"cognitoIdentityId":"id-1"})"},
       {"X-Amz-Tenant-Id", "tenant-7"},
       {"X-Amzn-Trace-Id",
        "Root=1-5759e988-bd862e3fe1be46a994272793;Parent=53995c3f42cd8ad8;"
        "Sampled=1"}});
  auto d = parse(r.body);
  ASSERT_TRUE(d.IsObject()) << r.body;
  EXPECT_EQ(d["request_id"].GetString(), r.header("x-amzn-requestid"));
  EXPECT_STREQ(d["invoked_function_arn"].GetString(),
               "arn:aws:lambda:us-east-1:123456789012:function:t");
  EXPECT_STREQ(d["client_context"].GetString(), R"({"custom":{"k":"v"}})");
  EXPECT_STREQ(d["cognito_identity"].GetString(), R"({"cognitoIdentityId":"id-1"})");
  EXPECT_STREQ(d["tenant_id"].GetString(), "tenant-7");
  const std::string trace =
      "Root=1-5759e988-bd862e3fe1be46a994272793;Parent=53995c3f42cd8ad8;"
      "Sampled=1";
  EXPECT_EQ(d["trace_id"].GetString(), trace);
  EXPECT_EQ(d["_X_AMZN_TRACE_ID"].GetString(), trace);
  EXPECT_STREQ(d["AWS_LAMBDA_FUNCTION_NAME"].GetString(), "t");
  EXPECT_STREQ(d["AWS_LAMBDA_FUNCTION_VERSION"].GetString(), "$LATEST");
  EXPECT_STREQ(d["AWS_LAMBDA_FUNCTION_MEMORY_SIZE"].GetString(), "128");
  EXPECT_STREQ(d["AWS_LAMBDA_LOG_GROUP_NAME"].GetString(), "/aws/lambda/t");
  EXPECT_STREQ(d["CUSTOM_SETTING"].GetString(), "from-config");
  EXPECT_NE(std::string(d["AWS_LAMBDA_RUNTIME_API"].GetString()).find("127.0.0.1:"),
            std::string::npos);
}

TEST_F(RuntimeLoop, TwoHundredInvocationsRunOnOneProcess) {
  std::set<int> pids;
  for (int i = 0; i < 200; ++i) {
    const reply r = harness.invoke("t", R"({"action":"pid"})");
    ASSERT_EQ(r.status, 200);
    ASSERT_EQ(r.header("x-amz-function-error"), "") << r.body;
    pids.insert(pid_of(r));
  }
  EXPECT_EQ(pids.size(), 1u);
}

TEST(RuntimeInit, InitErrorIsReportedAndTheProcessExitsNonZero) {
  harness_process harness(
      {"--function", "broken", "--bootstrap", test_bootstrap(), "--handler", "initfail"});
  const reply r = harness.invoke("broken", "{}");
  EXPECT_EQ(r.status, 200);
  EXPECT_EQ(r.header("x-amz-function-error"), "Unhandled");
  EXPECT_EQ(error_type(r), "ConfigMissing") << r.body;
  EXPECT_NE(r.body.find("init failed on purpose"), std::string::npos) << r.body;
  const std::string log = harness.log();
  EXPECT_NE(log.find("Phase: init\tStatus: error"), std::string::npos) << log;
  EXPECT_NE(log.find("Runtime exited with error: exit status "), std::string::npos) << log;
  EXPECT_EQ(log.find("Runtime exited with error: exit status 0"), std::string::npos) << log;
}

TEST(RuntimeCrash, ProcessThatDiesMidInvocationIsReportedAsExitError) {
  harness_process harness({"--function", "t", "--bootstrap", test_bootstrap()});
  const reply r = harness.invoke("t", R"({"action":"crash"})");
  EXPECT_EQ(r.header("x-amz-function-error"), "Unhandled");
  EXPECT_EQ(error_type(r), "Runtime.ExitError") << r.body;
  EXPECT_NE(r.body.find("exit status 3"), std::string::npos) << r.body;
  EXPECT_EQ(harness.invoke("t", R"({"v":1})").body, R"({"v":1})");
}

}  // namespace
