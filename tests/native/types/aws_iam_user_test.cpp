// aws_iam_user offline: GetAccountAuthorizationDetails (users) recorded from moto
// (recorded/aws_iam_user).
#include <gtest/gtest.h>

#include "offline_case.h"

using namespace drift_test;

namespace {

const std::string kType = "aws_iam_user";

std::string state(const offline_case& c) { return R"({"id":")" + c.resource("id") + R"("})"; }

}  // namespace

TEST(AwsIamUser, FoundReadsTheUserInTerraformsShape) { expect_found_golden(kType, state, 1); }

TEST(AwsIamUser, DeletedUserIsGone) { expect_gone(kType, state); }

TEST(AwsIamUser, ThrottledIsNotCheckedAfterTheRetries) {
  expect_throttled(kType, state, "Throttling");
}

TEST(AwsIamUser, AccessDeniedIsNotChecked) { expect_denied(kType, state, "AccessDenied"); }

TEST(AwsIamUser, OnlyAChangedAttributeIsDrift) {
  expect_drift_only_on_change(kType, state, "path", R"("/")");
}

TEST(AwsIamUser, ABoundaryAddedInIamIsDrift) {
  // moto keeps no user boundary, so the recorded answer has none: the state's is reported
  // as removed.
  offline_case c(kType, "found");
  auto r = c.read(with(golden_state(kType, c, state), "permissions_boundary",
                       R"("arn:aws:iam::aws:policy/PowerUserAccess")"));
  ASSERT_EQ(r.st, scanner::native::live_resource::status::found) << r.reason;
  std::map<std::string, int> suppressed;
  auto changed = c.compare(suppressed);
  ASSERT_EQ(names(changed), std::vector<std::string>{"permissions_boundary"});
  EXPECT_EQ(changed[0].actual, R"("")");
}

TEST(AwsIamUser, NullTagsEqualAnEmptyMap) {
  expect_hidden_by(
      kType,
      [](const offline_case& c) { return with(golden_state(kType, c, state), "tags", "null"); },
      "tags:null_is_empty", [](rapidjson::Document& live) { live["tags"].SetObject(); });
}
