#include "drift/ignore.h"

#include <gtest/gtest.h>

TEST(DriftIgnore, ByTypeAddressIdAndAttributeWithNegation) {
  auto rules = drift::ignore_rules::parse(R"(# driftctl style
aws_s3_bucket.*
!aws_s3_bucket.audit
module.logs.*

aws_instance.web[0].tags
*.tags_all
aws_iam_role.deploy-role-id.assume_role_policy
  !   
)");
  EXPECT_EQ(rules.size(), 6u);
  ASSERT_EQ(rules.warnings().size(), 1u);
  EXPECT_NE(rules.warnings()[0].find("line 9"), std::string::npos);

  EXPECT_TRUE(rules.ignores_resource("aws_s3_bucket.data", "aws_s3_bucket", "data-bucket"));
  EXPECT_FALSE(rules.ignores_resource("aws_s3_bucket.audit", "aws_s3_bucket", "audit-bucket"));
  EXPECT_TRUE(rules.ignores_resource(R"(module.logs.aws_s3_bucket.log["beta"])", "aws_s3_bucket",
                                     "capture-log-beta"));
  EXPECT_FALSE(rules.ignores_resource("aws_instance.web[0]", "aws_instance", "i-1"));

  EXPECT_TRUE(rules.ignores_attribute("aws_instance.web[0]", "aws_instance", "i-1", "tags"));
  EXPECT_FALSE(
      rules.ignores_attribute("aws_instance.web[0]", "aws_instance", "i-1", "instance_type"));
  EXPECT_FALSE(rules.ignores_attribute("aws_instance.web[1]", "aws_instance", "i-2", "tags"));
  EXPECT_TRUE(rules.ignores_attribute("aws_instance.web[1]", "aws_instance", "i-2", "tags_all"));
  // driftctl's <type>.<id> form.
  EXPECT_TRUE(rules.ignores_attribute("aws_iam_role.deploy", "aws_iam_role", "deploy-role-id",
                                      "assume_role_policy"));
  EXPECT_FALSE(
      rules.ignores_attribute("aws_iam_role.deploy", "aws_iam_role", "deploy-role-id", "name"));
}

TEST(DriftIgnore, LastMatchWinsAndEmptyFileIgnoresNothing) {
  auto rules = drift::ignore_rules::parse("!aws_instance.a\naws_instance.*\n");
  EXPECT_TRUE(rules.ignores_resource("aws_instance.a", "aws_instance", "i-1"));
  auto none = drift::ignore_rules::parse("");
  EXPECT_FALSE(none.ignores_resource("aws_instance.a", "aws_instance", "i-1"));
  EXPECT_FALSE(none.ignores_attribute("aws_instance.a", "aws_instance", "i-1", "tags"));
}
