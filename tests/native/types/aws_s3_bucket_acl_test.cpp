// aws_s3_bucket_acl offline: GetBucketAcl recorded from moto (recorded/aws_s3_bucket_acl): the
// owner's full control and two grants to the log delivery group.
#include <gtest/gtest.h>

#include "json_util.h"
#include "offline_case.h"

using namespace drift_test;

namespace {

const std::string kType = "aws_s3_bucket_acl";

std::string state(const offline_case& c) {
  return R"({"id":")" + c.resource("id") + R"(","bucket":")" + c.resource("bucket") +
         R"(","acl":"private"})";
}

}  // namespace

TEST(AwsS3BucketAcl, FoundReadsThePolicyInTerraformsShape) { expect_found_golden(kType, state, 1); }

TEST(AwsS3BucketAcl, DeletedBucketIsGone) { expect_gone(kType, state); }

TEST(AwsS3BucketAcl, ThrottledIsNotCheckedAfterTheRetries) {
  expect_throttled(kType, state, "SlowDown");
}

TEST(AwsS3BucketAcl, AccessDeniedIsNotChecked) { expect_denied(kType, state, "AccessDenied"); }

// The state before the log delivery grants were added: the owner alone.
TEST(AwsS3BucketAcl, AGrantAddedIsDrift) {
  expect_drift_only_on_change(
      kType, state, "access_control_policy",
      R"([{"grant":[{"grantee":[{"display_name":"","email_address":"",)"
      R"("id":"75aa57f09aa0c8caeab4f8c24e99d10f8e7faeebf76c078efc7c6caea54ba06a",)"
      R"("type":"CanonicalUser","uri":""}],"permission":"FULL_CONTROL"}],)"
      R"("owner":[{"display_name":"webfile",)"
      R"("id":"75aa57f09aa0c8caeab4f8c24e99d10f8e7faeebf76c078efc7c6caea54ba06a"}]}])");
}

// Grants are a set: the read puts them in Terraform's order, so the state's order (whatever S3
// answered) is no drift.
TEST(AwsS3BucketAcl, GrantsAreReadInTerraformsSetOrder) {
  offline_case c(kType, "found");
  auto r = c.read(golden_state(kType, c, state));
  ASSERT_EQ(r.st, scanner::native::live_resource::status::found) << r.reason;
  const auto& grants = (*r.attrs)["access_control_policy"][0]["grant"];
  ASSERT_EQ(grants.Size(), 3u);
  // S3 answered FULL_CONTROL, WRITE, READ_ACP; the set's order is by cty's hash bytes.
  rapidjson::Value copy(grants, r.attrs->GetAllocator());
  scanner::native::to_set_order(copy, r.attrs->GetAllocator());
  EXPECT_EQ(copy, grants);
}

TEST(AwsS3BucketAcl, HasNoNormalisationRules) {
  EXPECT_TRUE(offline_case(kType, "found").module().rules->empty());
}
