#include "drift/tags.h"

#include <gtest/gtest.h>

#include "files.h"

TEST(DriftTags, SplitS3ResourcesTakeTheParentBucketsArnAndTags) {
  auto st =
      terraform::parse_state(drift_test::read_file(drift_test::fixtures_dir() / "capture.tfstate"));
  ASSERT_TRUE(st) << st.error().message;
  for (const char* split :
       {"aws_s3_bucket_versioning.data", "aws_s3_bucket_public_access_block.data",
        "aws_s3_bucket_server_side_encryption_configuration.data"}) {
    const auto* r = st->find(split);
    ASSERT_NE(r, nullptr) << split;
    auto id = drift::identity_of(*r, *st);
    EXPECT_EQ(id.arn, "arn:aws:s3:::capture-data-bucket") << split;
    EXPECT_EQ(id.parent_address, "aws_s3_bucket.data");
    EXPECT_EQ(id.tags.at("AutoRevert"), "true");
    EXPECT_EQ(id.tags.at("Environment"), "production");
    EXPECT_EQ(id.tags.at("Owner"), "(sensitive)");  // never the secret value
  }
  const auto* web = st->find("aws_instance.web[0]");
  ASSERT_NE(web, nullptr);
  auto id = drift::identity_of(*web, *st);
  EXPECT_EQ(id.arn, web->arn);
  EXPECT_EQ(id.tags.at("Name"), "capture-web-0");
  EXPECT_TRUE(id.parent_address.empty());
}

TEST(DriftTags, SecurityGroupRulesAndMissingParents) {
  auto st = terraform::parse_state(R"J({"version": 4, "resources": [
    {"mode": "managed", "type": "aws_security_group", "name": "db", "provider": "p",
     "instances": [{"attributes": {"id": "sg-1", "arn": "arn:aws:ec2:us-east-1:1:security-group/sg-1",
                                   "tags": {"AutoRevert": "true"}, "tags_all": {"AutoRevert": "true", "Team": "x"}}}]},
    {"mode": "managed", "type": "aws_vpc_security_group_ingress_rule", "name": "ssh", "provider": "p",
     "instances": [{"attributes": {"id": "sgr-1", "security_group_id": "sg-1", "tags": null}}]},
    {"mode": "managed", "type": "aws_s3_bucket_policy", "name": "orphan", "provider": "p",
     "instances": [{"attributes": {"id": "lonely", "bucket": "lonely"}}]}]})J");
  ASSERT_TRUE(st) << st.error().message;
  auto rule = drift::identity_of(*st->find("aws_vpc_security_group_ingress_rule.ssh"), *st);
  EXPECT_EQ(rule.arn, "arn:aws:ec2:us-east-1:1:security-group/sg-1");
  EXPECT_EQ(rule.tags.at("Team"), "x");
  auto orphan = drift::identity_of(*st->find("aws_s3_bucket_policy.orphan"), *st);
  EXPECT_EQ(orphan.arn, "arn:aws:s3:::lonely");
  EXPECT_TRUE(orphan.tags.empty());
  EXPECT_FALSE(drift::split_parent_of("aws_s3_bucket"));
  EXPECT_TRUE(drift::split_parent_of("aws_s3_bucket_lifecycle_configuration"));
}
