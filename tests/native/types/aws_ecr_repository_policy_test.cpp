// aws_ecr_repository_policy offline: GetRepositoryPolicy recorded from moto
// (recorded/aws_ecr_repository_policy).
#include <gtest/gtest.h>

#include "offline_case.h"
#include "registry.h"

using namespace drift_test;

namespace {

const std::string kType = "aws_ecr_repository_policy";

std::string state(const offline_case& c) {
  return R"({"id":")" + c.resource("id") + R"(","repository":")" + c.resource("id") +
         R"(","registry_id":"123456789012"})";
}

}  // namespace

TEST(AwsEcrRepositoryPolicy, FoundReadsThePolicyAsGoEncodesIt) {
  expect_found_golden(kType, state, 1);
}

TEST(AwsEcrRepositoryPolicy, RemovedPolicyIsGone) { expect_gone(kType, state); }

TEST(AwsEcrRepositoryPolicy, ThrottledIsNotCheckedAfterTheRetries) {
  expect_throttled(kType, state, "ThrottlingException");
}

TEST(AwsEcrRepositoryPolicy, AccessDeniedIsNotChecked) {
  expect_denied(kType, state, "AccessDeniedException");
}

TEST(AwsEcrRepositoryPolicy, AnotherPrincipalIsDrift) {
  expect_drift_only_on_change(
      kType, state, "policy",
      R"("{\"Statement\":[{\"Action\":[\"ecr:GetDownloadUrlForLayer\",\"ecr:BatchGetImage\"],\"Effect\":\"Allow\",\"Principal\":{\"AWS\":\"arn:aws:iam::123456789012:role/other\"},\"Sid\":\"CiPull\"}],\"Version\":\"2012-10-17\"}")");
}

TEST(AwsEcrRepositoryPolicy, ReorderedPolicyIsTheSame) {
  // The state's text as the configuration wrote it: keys in another order, actions reversed,
  // a one-element principal list.
  expect_hidden_by(
      kType,
      [](const offline_case& c) {
        return with(
            state(c), "policy",
            R"("{\"Version\": \"2012-10-17\", \"Statement\": [{\"Action\": [\"ecr:BatchGetImage\", \"ecr:GetDownloadUrlForLayer\"], \"Sid\": \"CiPull\", \"Effect\": \"Allow\", \"Principal\": {\"AWS\": [\"arn:aws:iam::123456789012:role/ci\"]}}]}")");
      },
      "policy:policy_json");
}

namespace {

// Where the module's change locator puts a CloudTrail call.
std::vector<scanner::native::change_target> located(const std::string& type, const char* event,
                                                    const char* request, const char* response) {
  const auto& m = *scanner::native::find_module(type);
  EXPECT_TRUE(m.changes);
  rapidjson::Document req;
  req.Parse(request);
  rapidjson::Document resp;
  resp.Parse(response);
  return m.changes->locate({event, req, resp});
}

}  // namespace

TEST(AwsEcrRepositoryPolicy, CloudTrailCallsLocateTheRepositoryTheyName) {
  auto w = located(kType, "SetRepositoryPolicy", R"({"repositoryName":"shop/api"})", "null");
  ASSERT_EQ(w.size(), 1u);
  EXPECT_EQ(w[0].id, "shop/api");
}
