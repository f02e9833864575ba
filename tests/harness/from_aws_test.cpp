// --from-aws: a function created in moto (as Terraform would) lends its environment,
// timeout, memory and handler to the local run.
#include <gtest/gtest.h>
#include <rapidjson/document.h>

#include <string>

#include "harness_process.h"
#include "moto.h"

using namespace harness_test;

namespace {

TEST(FromAws, FunctionConfigurationComesFromTheLambdaApi) {
  const std::string endpoint = drift_test::moto_endpoint();
  const std::string creds =
      "AWS_ACCESS_KEY_ID=test AWS_SECRET_ACCESS_KEY=test AWS_DEFAULT_REGION=us-east-1 ";
  auto aws = [&](const std::string& args) {
    bool ok = false;
    std::string out = shell(creds + "aws --endpoint-url " + endpoint + " " + args + " 2>&1", &ok);
    EXPECT_TRUE(ok) << args << ": " << out;
    while (!out.empty() && (out.back() == '\n' || out.back() == ' ')) out.pop_back();
    return out;
  };
  temp_dir work;
  bool zipped = false;
  shell("cd " + work.path() + " && cp " + test_bootstrap() +
            " bootstrap && zip -q function.zip bootstrap",
        &zipped);
  ASSERT_TRUE(zipped);
  const std::string role =
      aws("iam create-role --role-name harness-from-aws --assume-role-policy-document "
          "'{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\",\"Principal\":"
          "{\"Service\":\"lambda.amazonaws.com\"},\"Action\":\"sts:AssumeRole\"}]}' "
          "--query Role.Arn --output text");
  aws("lambda create-function --function-name harness-from-aws --runtime provided.al2 --role " +
      role + " --handler configured.handler --zip-file fileb://" + work.file("function.zip") +
      " --timeout 7 --memory-size 256 --environment "
      "'Variables={CUSTOM_SETTING=from-moto,TABLE_NAME=drift-history}'");

  harness_process harness(
      {"--function", "harness-from-aws", "--bootstrap", test_bootstrap(), "--from-aws"},
      {{"AWS_ENDPOINT_URL", endpoint},
       {"AWS_ACCESS_KEY_ID", "test"},
       {"AWS_SECRET_ACCESS_KEY", "test"},
       {"AWS_REGION", "us-east-1"}});
  const reply r = harness.invoke("harness-from-aws", R"({"action":"context"})");
  rapidjson::Document d;
  d.Parse(r.body.c_str());
  ASSERT_TRUE(d.IsObject()) << r.body << harness.log();
  EXPECT_STREQ(d["CUSTOM_SETTING"].GetString(), "from-moto");
  EXPECT_STREQ(d["AWS_LAMBDA_FUNCTION_MEMORY_SIZE"].GetString(), "256");
  EXPECT_STREQ(d["_HANDLER"].GetString(), "configured.handler");
  EXPECT_STREQ(d["invoked_function_arn"].GetString(),
               "arn:aws:lambda:us-east-1:123456789012:function:harness-from-aws");
  EXPECT_GT(d["remaining_ms"].GetInt64(), 3000) << "the 7 s timeout, not the 3 s default";
  EXPECT_LE(d["remaining_ms"].GetInt64(), 7000);
}

}  // namespace
