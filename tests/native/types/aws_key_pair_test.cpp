// aws_key_pair offline: DescribeKeyPairs answers recorded from moto (recorded/aws_key_pair).
#include <gtest/gtest.h>

#include "offline_case.h"
#include "registry.h"

using namespace drift_test;

namespace {

const std::string kType = "aws_key_pair";

std::string state(const offline_case& c) { return R"({"id":")" + c.resource("id") + R"("})"; }

}  // namespace

TEST(AwsKeyPair, FoundReadsTheKeyInTerraformsShape) { expect_found_golden(kType, state, 1); }

TEST(AwsKeyPair, DeletedKeyIsGone) { expect_gone(kType, state); }

TEST(AwsKeyPair, ThrottledIsNotCheckedAfterTheRetries) {
  expect_throttled(kType, state, "RequestLimitExceeded");
}

TEST(AwsKeyPair, AccessDeniedIsNotChecked) { expect_denied(kType, state, "UnauthorizedOperation"); }

TEST(AwsKeyPair, AKeyReimportedUnderTheSameNameIsDrift) {
  // What a console "import key pair" after a delete leaves: the same name, another key.
  expect_drift_only_on_change(kType, state, "fingerprint",
                              R"("1f:51:ae:28:bf:89:e9:d8:1f:25:5d:37:2d:7d:b8:ca")");
}

TEST(AwsKeyPair, RetaggedKeyIsDrift) {
  expect_drift_only_on_change(kType, state, "tags", R"({"team":"platform"})");
}

TEST(AwsKeyPair, NullTagsEqualAnEmptyMap) {
  expect_hidden_by(
      kType,
      [](const offline_case& c) { return with(golden_state(kType, c, state), "tags", "null"); },
      "tags:null_is_empty", [](rapidjson::Document& live) { live["tags"].SetObject(); });
}

TEST(AwsKeyPair, CloudTrailCallsLocateTheKeyTheyName) {
  const auto& m = *scanner::native::find_module(kType);
  ASSERT_TRUE(m.changes);
  rapidjson::Document none;
  rapidjson::Document deleted;
  deleted.Parse(R"({"keyName":"deploy"})");
  auto where = m.changes->locate({"DeleteKeyPair", deleted, none});
  ASSERT_EQ(where.size(), 1u);
  EXPECT_EQ(where[0].id, "deploy");
}
