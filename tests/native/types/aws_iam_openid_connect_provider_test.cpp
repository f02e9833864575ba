// aws_iam_openid_connect_provider offline: GetOpenIDConnectProvider recorded from moto
// (recorded/aws_iam_openid_connect_provider).
#include <gtest/gtest.h>

#include "offline_case.h"

using namespace drift_test;

namespace {

const std::string kType = "aws_iam_openid_connect_provider";

std::string state(const offline_case& c) { return R"({"id":")" + c.resource("id") + R"("})"; }

}  // namespace

TEST(AwsIamOpenidConnectProvider, FoundReadsTheProviderInTerraformsShape) {
  expect_found_golden(kType, state, 1);
}

TEST(AwsIamOpenidConnectProvider, DeletedProviderIsGone) { expect_gone(kType, state); }

TEST(AwsIamOpenidConnectProvider, ThrottledIsNotCheckedAfterTheRetries) {
  expect_throttled(kType, state, "Throttling");
}

TEST(AwsIamOpenidConnectProvider, AccessDeniedIsNotChecked) {
  expect_denied(kType, state, "AccessDenied");
}

TEST(AwsIamOpenidConnectProvider, OnlyAChangedAttributeIsDrift) {
  expect_drift_only_on_change(kType, state, "thumbprint_list",
                              R"(["1c58a3a8518e8759bf075b76b750d4f2df264fcd"])");
}

TEST(AwsIamOpenidConnectProvider, AnAudienceRemovedIsDrift) {
  // moto cannot add or remove a provider's client ids after creation: this change is proved
  // here only, against a state holding a third audience.
  offline_case c(kType, "found");
  auto r = c.read(with(golden_state(kType, c, state), "client_id_list",
                       R"(["drift-scanner","old-audience","sts.amazonaws.com"])"));
  ASSERT_EQ(r.st, scanner::native::live_resource::status::found) << r.reason;
  std::map<std::string, int> suppressed;
  EXPECT_EQ(names(c.compare(suppressed)), std::vector<std::string>{"client_id_list"});
}

TEST(AwsIamOpenidConnectProvider, AudiencesInAnotherOrderAreNoDrift) {
  expect_hidden_by(
      kType,
      [](const offline_case& c) {
        return with(golden_state(kType, c, state), "client_id_list",
                    R"(["sts.amazonaws.com","drift-scanner"])");
      },
      "client_id_list:set_order");
}

TEST(AwsIamOpenidConnectProvider, NullTagsEqualAnEmptyMap) {
  expect_hidden_by(
      kType,
      [](const offline_case& c) { return with(golden_state(kType, c, state), "tags", "null"); },
      "tags:null_is_empty", [](rapidjson::Document& live) { live["tags"].SetObject(); });
}
