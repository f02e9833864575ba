// record-deployment's items from a real state file (captured from Terraform 1.11).
#include <gtest/gtest.h>

#include <fstream>
#include <sstream>

#include "src/items.h"

namespace {

std::string read_fixture() {
  const char* src = std::getenv("DRIFT_SOURCE_DIR");
  if (!src) throw std::runtime_error("DRIFT_SOURCE_DIR is not set");
  std::ifstream in(std::string(src) + "/tests/terraform/fixtures/capture.tfstate");
  std::stringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

}  // namespace

TEST(RecordDeployment, OneItemPerArnWithSplitResourcesUnderTheBucket) {
  auto st = terraform::parse_state(read_fixture());
  ASSERT_TRUE(st) << st.error().message;
  record::deployment_info info;
  info.deployment_id = "dep-1";
  info.region = "us-east-1";
  info.account_id = "123456789012";
  const auto items = record::items_from_state(*st, info);
  const record::item* bucket = nullptr;
  for (const auto& i : items) {
    for (const auto& j : items) {
      if (&i != &j) {
        EXPECT_NE(i.resource_arn, j.resource_arn);
      }
    }
    if (i.terraform_address == "aws_s3_bucket.data") bucket = &i;
  }
  ASSERT_NE(bucket, nullptr);
  EXPECT_EQ(bucket->resource_type, "aws_s3_bucket");
  EXPECT_EQ(bucket->resource_arn.rfind("arn:aws:s3:::", 0), 0u);
  // The bucket's split resources are remediated with it.
  ASSERT_GE(bucket->terraform_addresses.size(), 4u);
  EXPECT_EQ(bucket->terraform_addresses[0], "aws_s3_bucket.data");
  bool versioning = false;
  for (const auto& a : bucket->terraform_addresses)
    versioning = versioning || a == "aws_s3_bucket_versioning.data";
  EXPECT_TRUE(versioning);
  // S3 ARNs carry no account or region: the caller's fill in.
  EXPECT_EQ(bucket->account_id, "123456789012");
  EXPECT_EQ(bucket->region, "us-east-1");
  const std::string item = record::to_dynamodb_item(*bucket, info);
  EXPECT_NE(item.find("\"deployment_id\":{\"S\":\"dep-1\"}"), std::string::npos);
  EXPECT_NE(item.find("\"terraform_addresses\":{\"L\":["), std::string::npos);
}
