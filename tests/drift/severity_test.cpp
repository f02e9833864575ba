#include "drift/severity.h"

#include <gtest/gtest.h>

#include <map>

#include "files.h"
#include "terraform/plan.h"

using drift::attribute_change;
using drift::change_kind;
using drift::grading_input;
using drift::severity;

namespace {

drift::grade grade(const std::string& type, std::vector<attribute_change> changes,
                   const std::string& env = "production", change_kind kind = change_kind::update) {
  grading_input in;
  in.resource_type = type;
  in.changes = std::move(changes);
  in.environment = env;
  in.change = kind;
  return drift::rule_table::builtin().evaluate(in);
}

attribute_change named(const std::string& name) { return {name, std::nullopt, std::nullopt}; }

attribute_change values(const std::string& name, const std::string& before,
                        const std::string& after) {
  return {name, before, after};
}

const char* sg_closed =
    R"([{"cidr_blocks":["10.0.0.0/8"],"from_port":5432,"to_port":5432,"protocol":"tcp"}])";

}  // namespace

TEST(Severity, TerraformEncryptionRemovedAndPublicAccessAreCriticalInProduction) {
  auto g = grade("aws_s3_bucket_server_side_encryption_configuration", {}, "production",
                 change_kind::deleted);
  EXPECT_EQ(g.level, severity::critical);
  EXPECT_EQ(g.rule_id, "encryption-configuration-deleted");
  EXPECT_NE(g.reason.find("encryption"), std::string::npos);

  const std::string aes =
      R"J([{"apply_server_side_encryption_by_default":[{"sse_algorithm":"AES256"}]}])J";
  const std::string kms =
      R"J([{"apply_server_side_encryption_by_default":[{"sse_algorithm":"aws:kms"}]}])J";
  g = grade("aws_s3_bucket_server_side_encryption_configuration", {values("rule", aes, "[]")});
  EXPECT_EQ(g.level, severity::critical);
  EXPECT_EQ(g.rule_id, "encryption-removed");
  g = grade("aws_s3_bucket_server_side_encryption_configuration", {values("rule", aes, kms)});
  EXPECT_EQ(g.level, severity::high);
  EXPECT_EQ(g.rule_id, "encryption-changed");
  // Deleting a whole bucket is a deletion, not a policy change.
  g = grade("aws_s3_bucket", {}, "production", change_kind::deleted);
  EXPECT_EQ(g.rule_id, "resource-deleted");

  g = grade("aws_s3_bucket_public_access_block", {values("block_public_acls", "true", "false")});
  EXPECT_EQ(g.level, severity::critical);
  EXPECT_EQ(g.rule_id, "public-access-block-off");
  g = grade("aws_s3_bucket_public_access_block", {}, "prod", change_kind::deleted);
  EXPECT_EQ(g.level, severity::critical);
  // Tightening is not an opening.
  g = grade("aws_s3_bucket_public_access_block", {values("block_public_acls", "false", "true")});
  EXPECT_NE(g.level, severity::critical);

  g = grade("aws_db_instance", {values("publicly_accessible", "false", "true")});
  EXPECT_EQ(g.level, severity::critical);
  g = grade("aws_db_instance", {values("publicly_accessible", "true", "false")});
  EXPECT_NE(g.level, severity::critical);

  g = grade("aws_ebs_volume", {values("encrypted", "true", "false")});
  EXPECT_EQ(g.level, severity::critical);
}

TEST(Severity, SecurityGroupOpenToTheWorldOnAdminPorts) {
  const std::string ssh_open =
      R"([{"cidr_blocks":["0.0.0.0/0"],"from_port":22,"to_port":22,"protocol":"tcp"},)"
      R"({"cidr_blocks":["10.0.0.0/8"],"from_port":5432,"to_port":5432,"protocol":"tcp"}])";
  auto g = grade("aws_security_group", {values("ingress", sg_closed, ssh_open)});
  EXPECT_EQ(g.level, severity::critical);
  EXPECT_EQ(g.rule_id, "security-group-world-open-admin-port");

  const std::string v6_pg =
      R"([{"ipv6_cidr_blocks":["::/0"],"from_port":5432,"to_port":5432,"protocol":"tcp"}])";
  EXPECT_EQ(grade("aws_security_group", {values("ingress", "[]", v6_pg)}).level,
            severity::critical);
  const std::string all_traffic =
      R"([{"cidr_blocks":["0.0.0.0/0"],"from_port":0,"to_port":0,"protocol":"-1"}])";
  EXPECT_EQ(grade("aws_security_group", {values("ingress", "[]", all_traffic)}).level,
            severity::critical);
  const std::string range =
      R"([{"cidr_blocks":["0.0.0.0/0"],"from_port":1000,"to_port":4000,"protocol":"tcp"}])";
  EXPECT_EQ(grade("aws_security_group", {values("ingress", "[]", range)}).level,
            severity::critical);  // covers 3306 and 3389

  // HTTPS to the world, or SSH from a private range: a rules change, not an open door.
  const std::string https =
      R"([{"cidr_blocks":["0.0.0.0/0"],"from_port":443,"to_port":443,"protocol":"tcp"}])";
  g = grade("aws_security_group", {values("ingress", "[]", https)});
  EXPECT_EQ(g.level, severity::high);
  EXPECT_EQ(g.rule_id, "security-group-rules");
  const std::string private_ssh =
      R"([{"cidr_blocks":["10.1.0.0/16"],"from_port":22,"to_port":22,"protocol":"tcp"}])";
  EXPECT_EQ(grade("aws_security_group", {values("ingress", "[]", private_ssh)}).level,
            severity::high);
  // Egress open to the world is normal.
  EXPECT_EQ(grade("aws_security_group", {values("egress", "[]", all_traffic)}).level,
            severity::high);

  // A separate rule resource created in the console and in no state.
  grading_input in;
  in.resource_type = "aws_vpc_security_group_ingress_rule";
  in.change = change_kind::unmanaged;
  in.environment = "production";
  in.resource_after =
      R"({"cidr_ipv4":"0.0.0.0/0","from_port":3389,"to_port":3389,"ip_protocol":"tcp"})";
  EXPECT_EQ(drift::rule_table::builtin().evaluate(in).level, severity::critical);
  in.resource_after =
      R"({"cidr_ipv4":"0.0.0.0/0","from_port":443,"to_port":443,"ip_protocol":"tcp"})";
  EXPECT_EQ(drift::rule_table::builtin().evaluate(in).level, severity::low);
}

TEST(Severity, HighMediumLowAndInfoInTerraformNames) {
  EXPECT_EQ(grade("aws_iam_role", {named("assume_role_policy")}).level, severity::high);
  EXPECT_EQ(grade("aws_iam_policy", {named("policy")}).level, severity::high);
  EXPECT_EQ(grade("aws_s3_bucket_policy", {named("policy")}).level, severity::high);
  EXPECT_EQ(grade("aws_s3_bucket_cors_configuration", {named("cors_rule")}).level, severity::high);
  EXPECT_EQ(grade("aws_s3_bucket_lifecycle_configuration", {named("rule")}).level, severity::high);
  EXPECT_EQ(grade("aws_instance", {values("instance_type", "\"t3.micro\"", "\"m5.large\"")}).level,
            severity::medium);
  EXPECT_EQ(
      grade("aws_db_instance", {values("instance_class", "\"db.t3.micro\"", "\"db.m5.large\"")})
          .level,
      severity::medium);
  EXPECT_EQ(grade("aws_db_instance", {values("backup_retention_period", "7", "0")}).level,
            severity::medium);
  EXPECT_EQ(grade("aws_s3_bucket_versioning", {named("versioning_configuration")}).level,
            severity::medium);
  EXPECT_EQ(grade("aws_dynamodb_table", {named("point_in_time_recovery")}).level, severity::medium);
  EXPECT_EQ(grade("aws_s3_bucket_logging", {named("target_prefix")}).level, severity::medium);
  EXPECT_EQ(grade("aws_s3_bucket", {named("tags"), named("tags_all")}).level, severity::low);

  auto g = grade("aws_instance", {named("user_data_replace_on_change")});
  EXPECT_EQ(g.level, severity::info);
  EXPECT_EQ(g.rule_id, "default");
  EXPECT_NE(g.reason.find("user_data_replace_on_change"), std::string::npos);

  // The worst change decides.
  g = grade("aws_instance",
            {named("tags"), values("instance_type", "\"a\"", "\"b\""), named("public_ip")});
  EXPECT_EQ(g.level, severity::medium);
  EXPECT_EQ(g.rule_id, "instance-class");

  g = grade("aws_sqs_queue", {}, "production", change_kind::deleted);
  EXPECT_EQ(g.level, severity::high);
  EXPECT_EQ(g.rule_id, "resource-deleted");
}

TEST(Severity, CloudFormationNamesFromTheDevOpsAgent) {
  EXPECT_EQ(grade("AWS::S3::Bucket", {named("ServerSideEncryptionConfiguration")}).level,
            severity::critical);
  EXPECT_EQ(grade("AWS::S3::Bucket", {named("BucketEncryption")}).level, severity::critical);
  EXPECT_EQ(grade("AWS::S3::Bucket", {named("PublicAccessBlockConfiguration")}).level,
            severity::critical);
  EXPECT_EQ(grade("AWS::S3::Bucket", {named("BucketPolicy")}).level, severity::high);
  EXPECT_EQ(grade("AWS::S3::Bucket", {named("CorsConfiguration")}).level, severity::high);
  EXPECT_EQ(grade("AWS::S3::Bucket", {named("LifecycleConfiguration")}).level, severity::high);
  EXPECT_EQ(grade("AWS::S3::Bucket", {named("Versioning")}).level, severity::medium);
  EXPECT_EQ(grade("AWS::S3::Bucket", {named("Logging")}).level, severity::medium);
  EXPECT_EQ(grade("AWS::S3::Bucket", {named("Replication")}).level, severity::medium);
  EXPECT_EQ(grade("AWS::S3::Bucket", {named("Tags")}).level, severity::low);
  EXPECT_EQ(grade("AWS::S3::Bucket", {named("ObjectLockConfiguration")}).level, severity::info);
  // Names only: a condition cannot be checked, so the worst case is assumed.
  EXPECT_EQ(grade("AWS::EC2::SecurityGroup", {named("SecurityGroupIngress")}).level,
            severity::critical);
  EXPECT_EQ(grade("AWS::RDS::DBInstance", {named("PubliclyAccessible")}).level, severity::critical);
  EXPECT_EQ(grade("AWS::RDS::DBInstance", {named("DBInstanceClass")}).level, severity::medium);
  EXPECT_EQ(grade("AWS::IAM::Role", {named("AssumeRolePolicyDocument")}).level, severity::high);
  EXPECT_EQ(grade("AWS::DynamoDB::Table", {named("PointInTimeRecoverySpecification")}).level,
            severity::medium);
}

TEST(Severity, TheEnvironmentDoesNotChangeSeverity) {
  for (const char* env : {"production", "staging", "dev", ""}) {
    auto g = grade("AWS::S3::Bucket", {named("ServerSideEncryptionConfiguration")}, env);
    EXPECT_EQ(g.level, severity::critical) << env;
    EXPECT_EQ(g.reason.find("non-production"), std::string::npos) << env;
    EXPECT_EQ(grade("aws_iam_role", {named("assume_role_policy")}, env).level, severity::high);
    EXPECT_EQ(grade("aws_instance", {named("instance_type")}, env).level, severity::medium);
    EXPECT_EQ(grade("aws_s3_bucket", {named("website")}, env).level, severity::info);
  }
  // An unknown environment is graded as production.
  EXPECT_EQ(grade("aws_s3_bucket_public_access_block", {}, "", change_kind::deleted).level,
            severity::critical);
  EXPECT_TRUE(drift::is_production("PROD"));
  EXPECT_TRUE(drift::is_production("Production"));
  EXPECT_FALSE(drift::is_production("staging"));
}

TEST(Severity, PriorityFromSeverityAndEnvironment) {
  EXPECT_EQ(drift::priority(severity::critical, "production"), "P0");
  EXPECT_EQ(drift::priority(severity::critical, "staging"), "P1");
  EXPECT_EQ(drift::priority(severity::high, "production"), "P1");
  EXPECT_EQ(drift::priority(severity::high, "dev"), "P2");  // the environment moves priority
  EXPECT_EQ(drift::priority(severity::medium, "staging"), "P3");
  EXPECT_EQ(drift::priority(severity::medium, "production"), "P2");
  EXPECT_EQ(drift::priority(severity::low, "production"), "P3");
  EXPECT_EQ(drift::priority(severity::info, "production"), "P3");
}

TEST(Severity, RulesFileOverridesReplacesDisablesAndAdds) {
  const auto& builtin = drift::rule_table::builtin();
  ASSERT_GE(builtin.rule_ids().size(), 20u);
  auto table = builtin.with_overrides(R"J({
    "rules": [
      {"id": "tags", "types": ["*"], "attributes": ["tags"], "severity": "MEDIUM",
       "reason": "tags drive cost allocation here"},
      {"id": "lambda-runtime", "types": ["aws_lambda_function"], "attributes": ["runtime"],
       "severity": "HIGH", "non_production": "LOW", "reason": "runtime changed"}
    ],
    "disable": ["instance-class"]
  })J");
  ASSERT_TRUE(table) << table.error().message;
  grading_input in;
  in.resource_type = "aws_s3_bucket";
  in.changes = {named("tags")};
  in.environment = "production";
  auto g = table->evaluate(in);
  EXPECT_EQ(g.level, severity::medium);
  EXPECT_NE(g.reason.find("cost allocation"), std::string::npos);
  in.resource_type = "aws_instance";
  in.changes = {named("instance_type")};
  EXPECT_EQ(table->evaluate(in).level, severity::info);
  in.resource_type = "aws_lambda_function";
  in.changes = {named("runtime")};
  in.environment = "dev";
  // A rules file may still grade non-production apart, and the reason says so.
  EXPECT_EQ(table->evaluate(in).level, severity::low);
  EXPECT_NE(table->evaluate(in).reason.find("[non-production]"), std::string::npos);
  in.environment = "production";
  EXPECT_EQ(table->evaluate(in).level, severity::high);
  // The built-in table itself is unchanged.
  in.resource_type = "aws_instance";
  in.changes = {named("instance_type")};
  in.environment = "production";
  EXPECT_EQ(builtin.evaluate(in).level, severity::medium);

  auto only = builtin.with_overrides(R"J({"replace_builtin": true, "rules": []})J");
  ASSERT_TRUE(only);
  EXPECT_TRUE(only->rule_ids().empty());
  EXPECT_EQ(only->evaluate(in).level, severity::info);
}

TEST(Severity, BadRulesFilesAreErrorsNamingTheField) {
  const auto& b = drift::rule_table::builtin();
  auto r = b.with_overrides("{not json");
  ASSERT_FALSE(r);
  EXPECT_EQ(r.error().code, "InvalidRules");
  r = b.with_overrides(
      R"J({"rules": [{"id": "x", "types": ["*"], "severity": "URGENT", "reason": "r"}]})J");
  ASSERT_FALSE(r);
  EXPECT_NE(r.error().message.find("rules[0].severity"), std::string::npos);
  r = b.with_overrides(R"J({"rules": [{"id": "x", "types": ["*"], "severity": "LOW"}]})J");
  ASSERT_FALSE(r);
  EXPECT_NE(r.error().message.find("reason"), std::string::npos);
  r = b.with_overrides(
      R"J({"rules": [{"id": "x", "types": ["*"], "severity": "LOW", "reason": "r", "when": "sometimes"}]})J");
  ASSERT_FALSE(r);
  EXPECT_NE(r.error().message.find("when"), std::string::npos);
  r = b.with_overrides(R"J({"disable": ["no-such-rule"]})J");
  ASSERT_FALSE(r);
  EXPECT_NE(r.error().message.find("no-such-rule"), std::string::npos);
  r = b.with_overrides(R"J({"rules": [{"id": "a", "types": ["*"], "severity": "LOW", "reason": "r"},
                                       {"id": "a", "types": ["*"], "severity": "LOW", "reason": "r"}]})J");
  ASSERT_FALSE(r);
  EXPECT_NE(r.error().message.find("twice"), std::string::npos);
}

// The captured refresh-only plan (console changes against moto), graded end to end.
TEST(Severity, GradesARealRefreshOnlyPlan) {
  auto plan = terraform::parse_plan(
      drift_test::read_file(drift_test::fixtures_dir() / "refresh_only_drift.plan.json"));
  ASSERT_TRUE(plan) << plan.error().message;
  std::map<std::string, severity> got;
  for (const auto& rc : plan->resource_drift) {
    grading_input in;
    in.resource_type = rc.type;
    in.environment = "production";
    in.change = rc.is_delete() ? change_kind::deleted : change_kind::update;
    for (const auto& c : rc.changed) in.changes.push_back({c.name, c.before, c.after});
    got[rc.address] = drift::rule_table::builtin().evaluate(in).level;
  }
  const std::map<std::string, severity> want = {
      {"aws_instance.web[0]", severity::medium},
      {"aws_s3_bucket.data", severity::low},
      {"aws_s3_bucket_public_access_block.data", severity::critical},
      {"aws_s3_bucket_server_side_encryption_configuration.data", severity::critical},
      {"aws_s3_bucket_versioning.data", severity::medium},
      {"aws_security_group.db", severity::critical},
      {R"(module.logs.aws_s3_bucket.log["beta"])", severity::high},
  };
  EXPECT_EQ(got, want);
}

TEST(Severity, GradesDatabaseTablePolicyAndNetworkDriftFromARealPlan) {
  auto plan = terraform::parse_plan(
      drift_test::read_file(drift_test::fixtures_dir() / "services_refresh_only_drift.plan.json"));
  ASSERT_TRUE(plan) << plan.error().message;
  std::map<std::string, std::string> got;
  for (const auto& rc : plan->resource_drift) {
    grading_input in;
    in.resource_type = rc.type;
    in.environment = "production";
    for (const auto& c : rc.changed) in.changes.push_back({c.name, c.before, c.after});
    const auto g = drift::rule_table::builtin().evaluate(in);
    got[rc.address] = std::string(drift::to_string(g.level)) + " " + g.rule_id;
  }
  const std::map<std::string, std::string> want = {
      {"aws_db_instance.main", "CRITICAL publicly-accessible"},
      {"aws_dynamodb_table.locks", "MEDIUM point-in-time-recovery"},
      {"aws_ebs_volume.data", "MEDIUM capacity"},
      {"aws_iam_role.app", "HIGH iam-policy"},
      {"aws_s3_bucket.site", "HIGH bucket-policy"},
      {"aws_s3_bucket_policy.site", "HIGH bucket-policy"},
      {"aws_subnet.a", "HIGH public-ip-on-launch"},
      {"aws_vpc.main", "LOW tags"},
  };
  EXPECT_EQ(got, want);
}

TEST(Severity, AnAutoscaledCountIsExpectedInfoThatIsNeverAutoRemediated) {
  for (const auto& [type, attr] : std::vector<std::pair<std::string, std::string>>{
           {"aws_autoscaling_group", "desired_capacity"},
           {"aws_ecs_service", "desired_count"},
           {"AWS::AutoScaling::AutoScalingGroup", "DesiredCapacity"}}) {
    auto g = grade(type, {values(attr, "2", "5")});
    EXPECT_EQ(g.level, severity::info) << type;
    EXPECT_EQ(g.rule_id, "autoscaled-count") << type;
    EXPECT_FALSE(g.auto_remediate) << type;
  }
  // Another attribute may raise the severity; the count still forbids an unattended revert.
  auto mixed = grade("aws_autoscaling_group", {values("desired_capacity", "2", "5"),
                                               values("tags", R"({"a":"1"})", R"({"a":"2"})")});
  EXPECT_EQ(mixed.level, severity::low);
  EXPECT_FALSE(mixed.auto_remediate);
  // Beside a change no rule covers, the count does not speak for it: the other change grades.
  auto unruled = grade("aws_autoscaling_group",
                       {values("desired_capacity", "2", "5"), values("max_size", "4", "8")});
  EXPECT_EQ(unruled.rule_id, "default");
  EXPECT_NE(unruled.reason.find("max_size"), std::string::npos);
  EXPECT_EQ(unruled.reason.find("desired_capacity"), std::string::npos);
  EXPECT_FALSE(unruled.auto_remediate);
  // Not the group's limits: those are a person's decision, remediable as usual.
  EXPECT_TRUE(grade("aws_autoscaling_group", {values("max_size", "4", "8")}).auto_remediate);
  EXPECT_TRUE(grade("aws_instance", {values("instance_type", "\"t3.micro\"", "\"t3.large\"")})
                  .auto_remediate);
}

TEST(Severity, ARulesFileMayMarkItsOwnExpectedChanges) {
  auto table = drift::rule_table::builtin().with_overrides(R"J({"rules": [
    {"id": "ecs-tasks", "types": ["aws_ecs_task_set"], "attributes": ["scale"],
     "severity": "INFO", "auto_remediate": false, "reason": "scaled by the service"}]})J");
  ASSERT_TRUE(table) << table.error().message;
  grading_input in;
  in.resource_type = "aws_ecs_task_set";
  in.changes = {named("scale")};
  EXPECT_FALSE(table->evaluate(in).auto_remediate);
  auto bad = drift::rule_table::builtin().with_overrides(R"J({"rules": [
    {"id": "x", "types": ["*"], "severity": "INFO", "auto_remediate": "no", "reason": "r"}]})J");
  ASSERT_FALSE(bad);
  EXPECT_NE(bad.error().message.find("auto_remediate"), std::string::npos);
}
