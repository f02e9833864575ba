// Credentials, endpoint and region resolution from the environment and the shared files.
#include <gtest/gtest.h>

#include <cstdlib>
#include <fstream>

#include "aws/credential_providers.h"
#include "aws/endpoints.h"
#include "aws/route53.h"

namespace {

class Config : public ::testing::Test {
 protected:
  void SetUp() override {
    for (const char* v : {"AWS_ACCESS_KEY_ID", "AWS_SECRET_ACCESS_KEY", "AWS_SESSION_TOKEN",
                          "AWS_ACCESS_KEY", "AWS_SECRET_KEY", "AWS_PROFILE", "AWS_REGION",
                          "AWS_DEFAULT_REGION", "AWS_ENDPOINT_URL", "AWS_ENDPOINT_URL_DYNAMODB",
                          "AWS_ENDPOINT_URL_EVENTBRIDGE", "AWS_IGNORE_CONFIGURED_ENDPOINT_URLS"})
      unsetenv(v);
    dir_ = ::testing::TempDir() + "/awscfg-" + std::to_string(::getpid());
    std::system(("mkdir -p " + dir_).c_str());
    setenv("AWS_SHARED_CREDENTIALS_FILE", (dir_ + "/credentials").c_str(), 1);
    setenv("AWS_CONFIG_FILE", (dir_ + "/config").c_str(), 1);
    std::ofstream(dir_ + "/credentials") << "[default]\naws_access_key_id = AKIDDEFAULT\n"
                                            "aws_secret_access_key = secretdefault\n\n"
                                            "[ops]\naws_access_key_id=AKIDOPS\n"
                                            "aws_secret_access_key=secretops\n"
                                            "aws_session_token = tokenops\n";
    std::ofstream(dir_ + "/config") << "[default]\nregion = eu-central-1\n"
                                       "[profile ops]\nregion = us-west-2\n"
                                       "[profile local]\nregion = us-east-1\n"
                                       "endpoint_url = http://localhost:4566\n"
                                       "aws_access_key_id = AKIDLOCAL\naws_secret_access_key = s\n";
  }
  std::string dir_;
};

TEST_F(Config, EnvironmentCredentialsWinOverTheSharedFiles) {
  setenv("AWS_ACCESS_KEY_ID", "AKIDENV", 1);
  setenv("AWS_SECRET_ACCESS_KEY", "secretenv", 1);
  setenv("AWS_SESSION_TOKEN", "tokenenv", 1);
  auto c = aws::default_credentials_chain()->get();
  ASSERT_TRUE(c.ok());
  EXPECT_EQ(c->access_key_id, "AKIDENV");
  EXPECT_EQ(c->session_token, "tokenenv");
}

TEST_F(Config, ProfileFromAwsProfileAndConfigFile) {
  auto d = aws::default_credentials_chain()->get();
  ASSERT_TRUE(d.ok());
  EXPECT_EQ(d->access_key_id, "AKIDDEFAULT");
  EXPECT_TRUE(d->session_token.empty());
  setenv("AWS_PROFILE", "ops", 1);
  auto ops = aws::default_credentials_chain()->get();
  ASSERT_TRUE(ops.ok());
  EXPECT_EQ(ops->access_key_id, "AKIDOPS");
  EXPECT_EQ(ops->session_token, "tokenops");
  EXPECT_EQ(aws::resolve_region(), "us-west-2");
  setenv("AWS_PROFILE", "local", 1);  // keys kept in the config file
  auto local = aws::profile_credentials()->get();
  ASSERT_TRUE(local.ok());
  EXPECT_EQ(local->access_key_id, "AKIDLOCAL");
}

TEST_F(Config, MissingCredentialsSayWhereTheyWereLookedForWithoutSecrets) {
  setenv("AWS_PROFILE", "nobody", 1);
  setenv("AWS_SECRET_ACCESS_KEY", "only-the-secret", 1);
  auto c = aws::default_credentials_chain()->get();
  ASSERT_FALSE(c.ok());
  EXPECT_EQ(c.error().code, aws::error::kCredentials);
  EXPECT_NE(c.error().message.find("nobody"), std::string::npos);
  EXPECT_EQ(c.error().message.find("only-the-secret"), std::string::npos);
}

TEST_F(Config, RegionPrecedence) {
  EXPECT_EQ(aws::resolve_region(), "eu-central-1");  // the default profile's
  setenv("AWS_DEFAULT_REGION", "ap-southeast-2", 1);
  EXPECT_EQ(aws::resolve_region(), "ap-southeast-2");
  setenv("AWS_REGION", "us-west-2", 1);
  EXPECT_EQ(aws::resolve_region(), "us-west-2");
}

TEST_F(Config, StandardEndpointsPerPartition) {
  using aws::services::dynamodb;
  EXPECT_EQ(aws::resolve_endpoint(dynamodb, "us-east-1").url,
            "https://dynamodb.us-east-1.amazonaws.com");
  EXPECT_FALSE(aws::resolve_endpoint(dynamodb, "us-east-1").overridden);
  EXPECT_EQ(aws::resolve_endpoint(aws::services::cloudwatch, "eu-central-1").url,
            "https://monitoring.eu-central-1.amazonaws.com");
  EXPECT_EQ(aws::resolve_endpoint(aws::services::eventbridge, "cn-north-1").url,
            "https://events.cn-north-1.amazonaws.com.cn");
  EXPECT_EQ(aws::resolve_endpoint(aws::services::sts, "us-gov-west-1").url,
            "https://sts.us-gov-west-1.amazonaws.com");
  EXPECT_EQ(aws::resolve_endpoint(aws::services::iam, "eu-west-1").url,
            "https://iam.amazonaws.com");
  EXPECT_EQ(aws::signing_region(aws::services::iam, "eu-west-1"), "us-east-1");
  // Route 53 is global too: a scan of eu-west-1 reads zones at route53.amazonaws.com.
  EXPECT_EQ(aws::resolve_endpoint(aws::route53::api, "eu-west-1").url,
            "https://route53.amazonaws.com");
  EXPECT_EQ(aws::signing_region(aws::route53::api, "eu-west-1"), "us-east-1");
  EXPECT_EQ(aws::resolve_endpoint(aws::route53::api, "cn-north-1").url,
            "https://route53.amazonaws.com.cn");
  EXPECT_EQ(aws::signing_region(aws::route53::api, "cn-north-1"), "cn-northwest-1");
  EXPECT_EQ(aws::signing_region(aws::route53::api, "us-gov-east-1"), "us-gov-west-1");
  EXPECT_EQ(aws::signing_region(aws::services::dynamodb, "eu-west-1"), "eu-west-1");
  EXPECT_EQ(aws::partition_of("us-gov-east-1"), "aws-us-gov");
  EXPECT_EQ(aws::partition_of("cn-northwest-1"), "aws-cn");
  EXPECT_EQ(aws::partition_of("eu-west-3"), "aws");
}

TEST_F(Config, ServiceSpecificEndpointBeatsTheGlobalOne) {
  setenv("AWS_ENDPOINT_URL", "http://127.0.0.1:5000/", 1);
  setenv("AWS_ENDPOINT_URL_DYNAMODB", "http://127.0.0.1:8000", 1);
  setenv("AWS_ENDPOINT_URL_EVENTBRIDGE", "http://127.0.0.1:9000", 1);
  auto ddb = aws::resolve_endpoint(aws::services::dynamodb, "us-east-1");
  EXPECT_EQ(ddb.url, "http://127.0.0.1:8000");
  EXPECT_TRUE(ddb.overridden);
  EXPECT_EQ(aws::resolve_endpoint(aws::services::eventbridge, "us-east-1").url,
            "http://127.0.0.1:9000");
  EXPECT_EQ(aws::resolve_endpoint(aws::services::s3, "us-east-1").url, "http://127.0.0.1:5000");
  setenv("AWS_IGNORE_CONFIGURED_ENDPOINT_URLS", "true", 1);
  EXPECT_EQ(aws::resolve_endpoint(aws::services::s3, "us-east-1").url,
            "https://s3.us-east-1.amazonaws.com");
}

TEST_F(Config, ProfileEndpointUrlIsUsedWhenNoVariableIsSet) {
  setenv("AWS_PROFILE", "local", 1);
  EXPECT_EQ(aws::resolve_endpoint(aws::services::sqs, "us-east-1").url, "http://localhost:4566");
  setenv("AWS_ENDPOINT_URL", "http://127.0.0.1:5000", 1);
  EXPECT_EQ(aws::resolve_endpoint(aws::services::sqs, "us-east-1").url, "http://127.0.0.1:5000");
}

}  // namespace
