#include "terraform/plan.h"

#include <gtest/gtest.h>

#include <algorithm>

#include "test_files.h"

using terraform_test::fixtures_dir;
using terraform_test::read_file;
using terraform_test::vectors_dir;

namespace {

const terraform::resource_change* find(const std::vector<terraform::resource_change>& list,
                                       const std::string& address) {
  for (const auto& rc : list) {
    if (rc.address == address) return &rc;
  }
  return nullptr;
}

const terraform::changed_attribute* attr(const terraform::resource_change& rc,
                                         const std::string& name) {
  for (const auto& c : rc.changed) {
    if (c.name == name) return &c;
  }
  return nullptr;
}

std::vector<std::string> names(const terraform::resource_change& rc) {
  std::vector<std::string> out;
  for (const auto& c : rc.changed) out.push_back(c.name);
  return out;
}

}  // namespace

TEST(TerraformPlan, EveryValidVectorParses) {
  int parsed = 0;
  for (const auto& dir : std::filesystem::directory_iterator(vectors_dir())) {
    if (dir.path().filename() == "invalid") continue;
    for (const auto& file : std::filesystem::directory_iterator(dir.path())) {
      if (file.path().filename().string().rfind("plan", 0) != 0) continue;
      auto p = terraform::parse_plan(read_file(file.path()));
      EXPECT_TRUE(p) << file.path() << ": " << (p ? "" : p.error().message);
      ++parsed;
    }
  }
  EXPECT_GE(parsed, 10);
}

TEST(TerraformPlan, ReadsResourceChangesWithModulesAndCount) {
  auto p = terraform::parse_plan(read_file(vectors_dir() / "basic" / "plan.json"));
  ASSERT_TRUE(p) << p.error().message;
  EXPECT_TRUE(p->resource_drift.empty());
  const auto* aliased = find(p->resource_changes, "module.foo.null_resource.aliased");
  ASSERT_NE(aliased, nullptr);
  EXPECT_EQ(aliased->module_address, "module.foo");
  EXPECT_EQ(aliased->actions, std::vector<std::string>{"create"});
  EXPECT_EQ(aliased->before, "null");
  const auto* baz = find(p->resource_changes, "null_resource.baz[2]");
  ASSERT_NE(baz, nullptr);
  EXPECT_EQ(std::get<std::int64_t>(baz->key), 2);
  EXPECT_EQ(baz->provider, "null");
}

TEST(TerraformPlan, BrokenPlanIsAnErrorNotACrash) {
  auto p = terraform::parse_plan(read_file(vectors_dir() / "invalid" / "plan.json"));
  ASSERT_FALSE(p);
  EXPECT_EQ(p.error().code, "NotJson");
}

TEST(TerraformPlan, RejectsUnknownFormatAndBadFields) {
  auto v2 = terraform::parse_plan(R"J({"format_version": "2.0"})J");
  ASSERT_FALSE(v2);
  EXPECT_EQ(v2.error().code, "UnsupportedVersion");
  auto none = terraform::parse_plan(R"J({"resource_drift": []})J");
  ASSERT_FALSE(none);
  EXPECT_NE(none.error().message.find("format_version"), std::string::npos);
  auto actions = terraform::parse_plan(
      R"J({"format_version": "1.2", "resource_drift": [{"address": "a.b", "change": {"actions": "update"}}]})J");
  ASSERT_FALSE(actions);
  EXPECT_EQ(actions.error().code, "InvalidPlan");
  EXPECT_NE(actions.error().message.find("resource_drift[0].change.actions"), std::string::npos);
}

TEST(TerraformPlan, CleanRefreshOnlyPlanFromMotoHasOnlyProviderNoise) {
  auto p = terraform::parse_plan(read_file(fixtures_dir() / "refresh_only_clean.plan.json"));
  ASSERT_TRUE(p) << p.error().message;
  EXPECT_TRUE(p->resource_changes.empty());
  EXPECT_FALSE(p->errored);
  // Right after apply, the AWS provider fills computed defaults on the next refresh.
  for (const auto& rc : p->resource_drift) {
    EXPECT_TRUE(rc.is_update()) << rc.address;
  }
}

TEST(TerraformPlan, ReadsResourceDriftFromARealRefreshOnlyPlan) {
  auto p = terraform::parse_plan(read_file(fixtures_dir() / "refresh_only_drift.plan.json"));
  ASSERT_TRUE(p) << p.error().message;
  EXPECT_EQ(p->format_version, "1.2");
  EXPECT_EQ(p->terraform_version, "1.11.4");
  EXPECT_TRUE(p->resource_changes.empty());
  ASSERT_TRUE(p->prior_state.has_value());
  EXPECT_NE(p->prior_state->find("aws_s3_bucket.data"), nullptr);

  const auto* web = find(p->resource_drift, "aws_instance.web[0]");
  ASSERT_NE(web, nullptr);
  EXPECT_TRUE(web->is_update());
  EXPECT_EQ(web->type, "aws_instance");
  EXPECT_EQ(web->name, "web");
  const auto* type = attr(*web, "instance_type");
  ASSERT_NE(type, nullptr);
  EXPECT_EQ(type->before, R"J("t3.micro")J");
  EXPECT_EQ(type->after, R"J("m5.large")J");
  EXPECT_FALSE(type->sensitive);

  const auto* sg = find(p->resource_drift, "aws_security_group.db");
  ASSERT_NE(sg, nullptr);
  EXPECT_EQ(names(*sg), std::vector<std::string>{"ingress"});
  EXPECT_NE(attr(*sg, "ingress")->after.find(R"J("cidr_blocks":["0.0.0.0/0"])J"),
            std::string::npos);

  const auto* versioning = find(p->resource_drift, "aws_s3_bucket_versioning.data");
  ASSERT_NE(versioning, nullptr);
  EXPECT_NE(attr(*versioning, "versioning_configuration")->after.find("Suspended"),
            std::string::npos);

  const auto* pab = find(p->resource_drift, "aws_s3_bucket_public_access_block.data");
  ASSERT_NE(pab, nullptr);
  EXPECT_TRUE(pab->is_delete());
  EXPECT_EQ(pab->after, "null");
  EXPECT_TRUE(pab->changed.empty());

  const auto* beta = find(p->resource_drift, R"J(module.logs.aws_s3_bucket.log["beta"])J");
  ASSERT_NE(beta, nullptr);
  EXPECT_TRUE(beta->is_delete());
  EXPECT_EQ(beta->module_address, "module.logs");
  EXPECT_EQ(std::get<std::string>(beta->key), "beta");
}

TEST(TerraformPlan, SensitiveValuesNeverLeaveTheReader) {
  const std::string raw = read_file(fixtures_dir() / "refresh_only_drift.plan.json");
  ASSERT_NE(raw.find("s3cr3t-value"), std::string::npos) << "fixture lost its secret";
  auto p = terraform::parse_plan(raw);
  ASSERT_TRUE(p) << p.error().message;
  const auto* bucket = find(p->resource_drift, "aws_s3_bucket.data");
  ASSERT_NE(bucket, nullptr);
  const auto* tags = attr(*bucket, "tags");
  ASSERT_NE(tags, nullptr);
  EXPECT_TRUE(tags->sensitive);
  EXPECT_NE(tags->after.find(R"J("Owner":"(sensitive)")J"), std::string::npos) << tags->after;
  EXPECT_NE(tags->after.find(R"J("CostCenter":"console-edit")J"), std::string::npos);
  for (const auto& rc : p->resource_drift) {
    EXPECT_EQ(rc.before.find("s3cr3t-value"), std::string::npos) << rc.address;
    EXPECT_EQ(rc.after.find("s3cr3t-value"), std::string::npos) << rc.address;
    for (const auto& c : rc.changed) {
      EXPECT_EQ(c.before.find("s3cr3t-value"), std::string::npos) << rc.address << " " << c.name;
      EXPECT_EQ(c.after.find("s3cr3t-value"), std::string::npos) << rc.address << " " << c.name;
    }
  }
}

TEST(TerraformPlan, ReadsDriftOfDatabasesTablesPoliciesAndNetworks) {
  const std::string raw = read_file(fixtures_dir() / "services_refresh_only_drift.plan.json");
  ASSERT_NE(raw.find("Sup3rS3cret-pw"), std::string::npos) << "fixture lost its secret";
  auto p = terraform::parse_plan(raw);
  ASSERT_TRUE(p) << p.error().message;
  const auto* db = find(p->resource_drift, "aws_db_instance.main");
  ASSERT_NE(db, nullptr);
  EXPECT_EQ(attr(*db, "instance_class")->after, R"("db.t4g.small")");
  EXPECT_EQ(attr(*db, "publicly_accessible")->before, "false");
  EXPECT_EQ(attr(*db, "publicly_accessible")->after, "true");
  EXPECT_EQ(attr(*db, "backup_retention_period")->after, "1");
  EXPECT_EQ(attr(*db, "password"), nullptr);  // unchanged, so not listed
  // The provider's schema marks the password sensitive: the reader redacts it.
  EXPECT_NE(db->before.find(R"J("password":"(sensitive)")J"), std::string::npos);
  for (const auto& rc : p->resource_drift) {
    EXPECT_EQ(rc.before.find("Sup3rS3cret-pw"), std::string::npos) << rc.address;
    EXPECT_EQ(rc.after.find("Sup3rS3cret-pw"), std::string::npos) << rc.address;
  }
  const auto* table = find(p->resource_drift, "aws_dynamodb_table.locks");
  ASSERT_NE(table, nullptr);
  EXPECT_NE(attr(*table, "point_in_time_recovery")->after.find(R"("enabled":false)"),
            std::string::npos);
  const auto* subnet = find(p->resource_drift, "aws_subnet.a");
  ASSERT_NE(subnet, nullptr);
  EXPECT_EQ(attr(*subnet, "map_public_ip_on_launch")->after, "true");
  const auto* volume = find(p->resource_drift, "aws_ebs_volume.data");
  ASSERT_NE(volume, nullptr);
  EXPECT_EQ(attr(*volume, "size")->before, "10");
  EXPECT_EQ(attr(*volume, "size")->after, "20");
  EXPECT_NE(find(p->resource_drift, "aws_s3_bucket_policy.site"), nullptr);
  EXPECT_NE(attr(*find(p->resource_drift, "aws_iam_role.app"), "assume_role_policy"), nullptr);
}
