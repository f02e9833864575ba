// aws_ecr_repository offline: DescribeRepositories and ListTagsForResource recorded from moto
// (recorded/aws_ecr_repository).
#include <gtest/gtest.h>

#include "offline_case.h"
#include "registry.h"

using namespace drift_test;

namespace {

const std::string kType = "aws_ecr_repository";

std::string state(const offline_case& c) {
  return R"({"id":")" + c.resource("id") + R"(","name":")" + c.resource("id") + R"("})";
}

}  // namespace

TEST(AwsEcrRepository, FoundReadsMutabilityScanningEncryptionAndTags) {
  expect_found_golden(kType, state, 2);
}

TEST(AwsEcrRepository, DeletedRepositoryIsGone) { expect_gone(kType, state); }

TEST(AwsEcrRepository, ThrottledIsNotCheckedAfterTheRetries) {
  expect_throttled(kType, state, "ThrottlingException");
}

TEST(AwsEcrRepository, AccessDeniedIsNotChecked) {
  expect_denied(kType, state, "AccessDeniedException");
}

TEST(AwsEcrRepository, MutableTagsAreDrift) {
  expect_drift_only_on_change(kType, state, "image_tag_mutability", R"("MUTABLE")");
}

TEST(AwsEcrRepository, ScanOnPushTurnedOffIsDrift) {
  expect_drift_only_on_change(kType, state, "image_scanning_configuration",
                              R"([{"scan_on_push":false}])");
}

TEST(AwsEcrRepository, NullTagsEqualAnEmptyMap) {
  expect_hidden_by(
      kType,
      [](const offline_case& c) { return with(golden_state(kType, c, state), "tags", "null"); },
      "tags:null_is_empty", [](rapidjson::Document& live) { live["tags"].SetObject(); });
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

TEST(AwsEcrRepository, CloudTrailCallsLocateTheRepositoryTheyName) {
  auto w = located(kType, "PutImageTagMutability",
                   R"({"repositoryName":"shop/api","imageTagMutability":"MUTABLE"})", "null");
  ASSERT_EQ(w.size(), 1u);
  EXPECT_EQ(w[0].id, "shop/api");
  w = located(kType, "TagResource",
              R"({"resourceArn":"arn:aws:ecr:us-east-1:123456789012:repository/shop/api"})",
              "null");
  ASSERT_EQ(w.size(), 1u);
  EXPECT_EQ(w[0].id, "shop/api");
}
