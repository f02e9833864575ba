// record-deployment's items from a real state file (captured from Terraform 1.11), and its
// command line.
#include <gtest/gtest.h>

#include <fstream>
#include <sstream>

#include "src/args.h"
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
  info.workspace = "prod";
  const auto items = record::items_from_state(*st, info);
  const store::deployment* bucket = nullptr;
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
  // The deployment's own facts on every item; the environment defaults to the workspace.
  EXPECT_EQ(bucket->deployment_id, "dep-1");
  EXPECT_EQ(bucket->environment, "prod");
  EXPECT_EQ(bucket->workspace_key_prefix, "env:");
  EXPECT_EQ(bucket->tags.at("AutoRevert"), "true");
}

namespace {

core::result<record::options> parse(std::vector<std::string> args) {
  static std::vector<std::string> keep;
  keep = std::move(args);
  keep.insert(keep.begin(), "record-deployment");
  std::vector<char*> argv;
  for (auto& a : keep) argv.push_back(a.data());
  return record::parse_args(static_cast<int>(argv.size()), argv.data());
}

const std::vector<std::string> kNeeded = {
    "--state",     "s.tfstate", "--commit",       "0123456789abcdef",
    "--tfvars",    "p.tfvars",  "--state-bucket", "b",
    "--state-key", "k",         "--table",        "t"};

}  // namespace

TEST(RecordDeploymentArgs, FlagsInBothFormsAndDefaults) {
  auto args = kNeeded;
  args.insert(args.end(), {"--workspace=prod", "--use-lockfile", "--deployed-at",
                           "2025-12-05T10:30:00Z", "--table", "last-wins"});
  auto o = parse(args);
  ASSERT_TRUE(o) << o.error().message;
  EXPECT_EQ(o->table, "last-wins");
  EXPECT_EQ(o->info.workspace, "prod");
  EXPECT_TRUE(o->info.use_lockfile);
  EXPECT_FALSE(o->dry_run);
  EXPECT_EQ(o->info.deployment_status, "success");
  EXPECT_EQ(o->info.deployment_id, "prod-20251205T103000Z-0123456789ab");
}

TEST(RecordDeploymentArgs, RefusalsInTheToolsOwnWords) {
  auto missing = parse({"--table", "x", "--state", "s"});
  ASSERT_FALSE(missing);
  EXPECT_EQ(missing.error().message, "missing --commit, --tfvars, --state-bucket, --state-key");
  auto unknown = parse({"--table", "x", "--bogus", "1"});
  ASSERT_FALSE(unknown);
  EXPECT_EQ(unknown.error().message, "unknown option --bogus");
  auto no_value = parse({"--state", "s", "--table"});
  ASSERT_FALSE(no_value);
  EXPECT_EQ(no_value.error().message, "--table needs a value");
  auto args = kNeeded;
  args.insert(args.end(), {"--status", "maybe"});
  auto status = parse(args);
  ASSERT_FALSE(status);
  EXPECT_EQ(status.error().message, "--status must be success, failed or rolled_back");
  // --dry-run needs no table.
  auto dry = parse({"--state", "s", "--commit", "c", "--tfvars", "t", "--state-bucket", "b",
                    "--state-key", "k", "--dry-run"});
  ASSERT_TRUE(dry) << dry.error().message;
  EXPECT_TRUE(dry->dry_run);
}

TEST(RecordDeploymentArgs, HelpBeforeAnythingElse) {
  auto h = parse({"-h", "--bogus"});
  ASSERT_TRUE(h);
  EXPECT_TRUE(h->help);
  EXPECT_TRUE(parse({"--help"})->help);
  EXPECT_FALSE(parse({"--bogus", "--help"}));
  const std::string text = record::usage();
  for (const char* flag :
       {"--table",        "--state ",       "--deployment-id",        "--commit",
        "--branch",       "--tfvars",       "--workspace ",           "--environment",
        "--state-bucket", "--state-key",    "--workspace-key-prefix", "--state-region",
        "--lock-table",   "--use-lockfile", "--policy-version",       "--status",
        "--deployed-by",  "--deployed-at",  "--account-id",           "--region",
        "--dry-run"})
    EXPECT_NE(text.find(flag), std::string::npos) << flag;
}
