// Severity, priority, policy compatibility and who must approve: the decisions a dispatch
// carries, and the payload that carries them.
#include "src/decision.h"

#include <gtest/gtest.h>
#include <rapidjson/document.h>

#include "src/deployment.h"
#include "src/payload.h"

using namespace orchestrator;

namespace {

drift::drift_event agent_event(std::vector<std::string> props,
                               std::map<std::string, std::string> tags) {
  drift::drift_event ev;
  ev.id = "evt-1";
  ev.time = "2025-12-05T10:30:00Z";
  ev.source = std::string(drift::agent_source);
  ev.detail_type = std::string(drift::agent_detail_type);
  ev.detail.resource_arn = "arn:aws:s3:::my-bucket";
  ev.detail.resource_type = "AWS::S3::Bucket";
  ev.detail.drift_type = "configuration_change";
  ev.detail.changed_properties = std::move(props);
  ev.detail.tags = std::move(tags);
  return ev;
}

deployment prod_deployment() {
  deployment d;
  d.deployment_id = "dep-1";
  d.git_commit_sha = "a1b2c3";
  d.tfvars_path = "Accounts/prod/prod.tfvars";
  d.workspace = "prod";
  d.environment = "production";
  d.state_bucket = "acme-tfstate";
  d.state_key = "platform/terraform.tfstate";
  d.lock_table = "acme-tflock";
  d.policy_version = "v2.1.0";
  d.terraform_addresses = {"aws_s3_bucket.data", "aws_s3_bucket_versioning.data"};
  return d;
}

const std::map<std::string, std::string> opted_in = {
    {"ManagedBy", "terraform"}, {"AutoRevert", "true"}, {"Environment", "production"}};

}  // namespace

TEST(Decision, EncryptionRemovedInProductionIsCriticalP0AndAutoApproved) {
  const auto d = decide(agent_event({"ServerSideEncryptionConfiguration"}, opted_in),
                        prod_deployment(), "v2.3.0");
  EXPECT_EQ(d.severity, "CRITICAL");
  EXPECT_EQ(d.priority, "P0");
  EXPECT_TRUE(d.auto_approve);
  EXPECT_FALSE(d.manual_review_required);
  EXPECT_FALSE(d.policy.conflict);
}

TEST(Decision, TagsOnlyIsLow) {
  const auto d = decide(agent_event({"Tags"}, opted_in), prod_deployment(), std::nullopt);
  EXPECT_EQ(d.severity, "LOW");
  EXPECT_EQ(d.priority, "P3");
}

TEST(Decision, SeverityNeverBelowWhatTheEventSays) {
  auto ev = agent_event({"Tags"}, opted_in);
  ev.detail.severity = "HIGH";
  EXPECT_EQ(decide(ev, prod_deployment(), std::nullopt).severity, "HIGH");
}

TEST(Decision, MajorPolicyVersionAheadNeedsReview) {
  const auto d = decide(agent_event({"Tags"}, opted_in), prod_deployment(), "v3.0.0");
  EXPECT_TRUE(d.policy.conflict);
  EXPECT_TRUE(d.manual_review_required);
  EXPECT_FALSE(d.auto_approve);
  EXPECT_EQ(d.policy.deployed, "v2.1.0");
  EXPECT_EQ(d.policy.current, "v3.0.0");
}

TEST(Decision, MalformedPolicyVersionNeedsReviewInsteadOfCrashing) {
  auto dep = prod_deployment();
  dep.policy_version = "two-point-one";
  const auto d = decide(agent_event({"Tags"}, opted_in), dep, "v2.1.0");
  EXPECT_TRUE(d.policy.conflict);
  EXPECT_FALSE(d.auto_approve);
}

TEST(Decision, NoRecordedPolicyVersionCountsAsV1) {
  auto dep = prod_deployment();
  dep.policy_version.clear();
  EXPECT_FALSE(decide(agent_event({"Tags"}, opted_in), dep, "v1.4.0").policy.conflict);
  EXPECT_TRUE(decide(agent_event({"Tags"}, opted_in), dep, "v2.0.0").policy.conflict);
}

TEST(Decision, CriticalResourcesAreNeverAutoApproved) {
  auto tags = opted_in;
  tags["Criticality"] = "Critical";
  const auto d = decide(agent_event({"Tags"}, tags), prod_deployment(), std::nullopt);
  EXPECT_FALSE(d.auto_approve);
  EXPECT_TRUE(d.manual_review_required);
  ASSERT_EQ(d.review_reasons.size(), 1u);
  EXPECT_NE(d.review_reasons[0].find("Criticality"), std::string::npos);
}

TEST(Decision, AutoRevertNotTrueIsNeverAutoApproved) {
  auto tags = opted_in;
  tags["AutoRevert"] = "false";
  EXPECT_FALSE(decide(agent_event({"Tags"}, tags), prod_deployment(), std::nullopt).auto_approve);
  tags.erase("AutoRevert");
  auto dep = prod_deployment();
  EXPECT_FALSE(decide(agent_event({"Tags"}, tags), dep, std::nullopt).auto_approve);
  dep.tags["AutoRevert"] = "true";  // recorded at deployment, not in the event
  EXPECT_TRUE(decide(agent_event({"Tags"}, tags), dep, std::nullopt).auto_approve);
}

TEST(Deployment, FullStateKeyAndLockIdFollowTheS3Backend) {
  auto d = prod_deployment();
  EXPECT_EQ(d.full_state_key(), "env:/prod/platform/terraform.tfstate");
  EXPECT_EQ(d.terraform_lock_id(), "acme-tfstate/env:/prod/platform/terraform.tfstate");
  d.workspace_key_prefix = "workspaces";
  EXPECT_EQ(d.full_state_key(), "workspaces/prod/platform/terraform.tfstate");
  d.workspace = "default";
  EXPECT_EQ(d.terraform_lock_id(), "acme-tfstate/platform/terraform.tfstate");
}

TEST(Payload, HasAtMostTenTopLevelPropertiesAndTheDocumentedFields) {
  const auto ev = agent_event({"ServerSideEncryptionConfiguration"}, opted_in);
  const auto dep = prod_deployment();
  const auto d = decide(ev, dep, "v2.0.0");
  const std::string text =
      build_client_payload(ev, dep, d, {"agent-callback-x", ev.time, dep.deployment_id, 2});
  rapidjson::Document doc;
  doc.Parse(text.c_str());
  ASSERT_TRUE(doc.IsObject());
  EXPECT_LE(doc.MemberCount(), 10u);
  EXPECT_STREQ(doc["drift_event_id"].GetString(), "evt-1");
  EXPECT_STREQ(doc["deployment_id"].GetString(), "dep-1");
  EXPECT_STREQ(doc["severity"].GetString(), "CRITICAL");
  EXPECT_STREQ(doc["priority"].GetString(), "P0");
  EXPECT_TRUE(doc["auto_approve"].GetBool());
  EXPECT_FALSE(doc["manual_review_required"].GetBool());
  EXPECT_TRUE(doc["review_reasons"].IsArray());
  const auto& dd = doc["deployment"];
  EXPECT_STREQ(dd["git_commit_sha"].GetString(), "a1b2c3");
  EXPECT_STREQ(dd["tfvars_path"].GetString(), "Accounts/prod/prod.tfvars");
  EXPECT_STREQ(dd["workspace"].GetString(), "prod");
  EXPECT_STREQ(dd["state"]["location"].GetString(),
               "s3://acme-tfstate/env:/prod/platform/terraform.tfstate");
  EXPECT_STREQ(dd["state"]["lock_table"].GetString(), "acme-tflock");
  const auto& dr = doc["drift"];
  ASSERT_EQ(dr["terraform_addresses"].Size(), 2u);
  EXPECT_STREQ(dr["terraform_addresses"][0].GetString(), "aws_s3_bucket.data");
  EXPECT_STREQ(dr["changed_properties"][0].GetString(), "ServerSideEncryptionConfiguration");
  EXPECT_STREQ(doc["callback"]["function_name"].GetString(), "agent-callback-x");
  EXPECT_STREQ(doc["callback"]["timestamp"].GetString(), "2025-12-05T10:30:00Z");
  EXPECT_STREQ(doc["callback"]["lock_id"].GetString(), "dep-1");
  EXPECT_EQ(doc["callback"]["attempt"].GetInt(), 2);
}
