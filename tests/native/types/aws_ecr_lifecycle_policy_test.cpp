// aws_ecr_lifecycle_policy offline: GetLifecyclePolicy recorded from moto
// (recorded/aws_ecr_lifecycle_policy). The provider keeps the state's text when ECR's is the
// same policy (rules in another order, tag prefixes reordered), so does the read.
#include <gtest/gtest.h>

#include "offline_case.h"
#include "registry.h"

using namespace drift_test;
using scanner::native::live_resource;

namespace {

const std::string kType = "aws_ecr_lifecycle_policy";

std::string state(const offline_case& c) {
  return R"({"id":")" + c.resource("id") + R"(","repository":")" + c.resource("id") +
         R"(","registry_id":"123456789012"})";
}

// The recorded policy as a configuration might write it: rules by priority, tag prefixes in
// another order, other whitespace.
const char* kSamePolicy =
    R"("{\"rules\":[{\"rulePriority\":1,\"description\":\"keep 30 releases\",\"selection\":{\"tagStatus\":\"tagged\",\"tagPrefixList\":[\"release\",\"v\"],\"countType\":\"imageCountMoreThan\",\"countNumber\":30},\"action\":{\"type\":\"expire\"}},{\"rulePriority\":2,\"description\":\"expire untagged\",\"selection\":{\"tagStatus\":\"untagged\",\"countType\":\"sinceImagePushed\",\"countUnit\":\"days\",\"countNumber\":14},\"action\":{\"type\":\"expire\"}}]}")";

}  // namespace

TEST(AwsEcrLifecyclePolicy, FoundReadsThePolicyAsGoEncodesIt) {
  expect_found_golden(kType, state, 1);
}

TEST(AwsEcrLifecyclePolicy, RemovedPolicyIsGone) { expect_gone(kType, state); }

TEST(AwsEcrLifecyclePolicy, ThrottledIsNotCheckedAfterTheRetries) {
  expect_throttled(kType, state, "ThrottlingException");
}

TEST(AwsEcrLifecyclePolicy, AccessDeniedIsNotChecked) {
  expect_denied(kType, state, "AccessDeniedException");
}

TEST(AwsEcrLifecyclePolicy, EquivalentPolicyKeepsTheStatesTextAndHasNoRules) {
  offline_case c(kType, "found");
  EXPECT_TRUE(c.module().rules->empty());
  auto r = c.read(with(state(c), "policy", kSamePolicy));
  ASSERT_EQ(r.st, live_resource::status::found) << r.reason;
  std::map<std::string, int> suppressed;
  EXPECT_TRUE(c.compare(suppressed).empty());
  EXPECT_TRUE(suppressed.empty());
}

TEST(AwsEcrLifecyclePolicy, LongerRetentionIsDrift) {
  // The state keeps 60 releases: ECR's 30 is reported, as Go encodes ECR's text.
  offline_case c(kType, "found");
  std::string changed = kSamePolicy;
  const std::string kept = R"(countNumber\":30)";
  changed.replace(changed.find(kept), kept.size(), R"(countNumber\":60)");
  auto r = c.read(with(state(c), "policy", changed));
  ASSERT_EQ(r.st, live_resource::status::found) << r.reason;
  std::map<std::string, int> suppressed;
  auto diff = c.compare(suppressed);
  ASSERT_EQ(names(diff), std::vector<std::string>{"policy"});
  EXPECT_NE(diff[0].actual.find("\\\"countNumber\\\":30"), std::string::npos) << diff[0].actual;
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

TEST(AwsEcrLifecyclePolicy, CloudTrailCallsLocateTheRepositoryTheyName) {
  auto w = located(kType, "PutLifecyclePolicy", R"({"repositoryName":"shop/api"})", "null");
  ASSERT_EQ(w.size(), 1u);
  EXPECT_EQ(w[0].id, "shop/api");
}
