// Severity, priority, policy compatibility and who must approve: the decisions a dispatch
// carries, and the payload that carries them.
#include "src/decision.h"

#include <gtest/gtest.h>
#include <rapidjson/document.h>

#include "src/deployment.h"
#include "src/payload.h"
#include "src/remediation.h"

using namespace orchestrator;

namespace {

const std::map<std::string, std::string> opted_in = {
    {"ManagedBy", "terraform"}, {"AutoRevert", "true"}, {"Environment", "production"}};

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
  d.tags = opted_in;
  return d;
}

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
  for (const char* name : {"Criticality", "CriticalityLevel"}) {
    auto dep = prod_deployment();
    dep.tags[name] = "Critical";
    const auto d = decide(agent_event({"Tags"}, opted_in), dep, std::nullopt);
    EXPECT_FALSE(d.auto_approve) << name;
    EXPECT_TRUE(d.manual_review_required) << name;
    ASSERT_EQ(d.review_reasons.size(), 1u) << name;
    EXPECT_NE(d.review_reasons[0].find(name), std::string::npos);
  }
}

TEST(Decision, AutoRevertNotRecordedIsNeverAutoApprovedWhateverTheEventClaims) {
  auto dep = prod_deployment();
  dep.tags["AutoRevert"] = "false";
  EXPECT_FALSE(decide(agent_event({"Tags"}, opted_in), dep, std::nullopt).auto_approve);
  dep.tags.erase("AutoRevert");
  EXPECT_FALSE(decide(agent_event({"Tags"}, opted_in), dep, std::nullopt).auto_approve);
  // Recorded at deployment and not contradicted: the event need not repeat it.
  auto no_tags = opted_in;
  no_tags.erase("AutoRevert");
  EXPECT_TRUE(decide(agent_event({"Tags"}, no_tags), prod_deployment(), std::nullopt).auto_approve);
}

TEST(Decision, AnEventsClaimedTagsNeverOverrideTheRecordedOnes) {
  // Recorded as critical; the event says it is not, and that it opted in.
  auto dep = prod_deployment();
  dep.tags["Criticality"] = "critical";
  auto claims = opted_in;
  claims["Criticality"] = "low";
  auto d = decide(agent_event({"Tags"}, claims), dep, std::nullopt);
  EXPECT_FALSE(d.auto_approve);
  // Recorded as not opted in; the event claims AutoRevert=true.
  dep = prod_deployment();
  dep.tags.erase("AutoRevert");
  d = decide(agent_event({"Tags"}, opted_in), dep, std::nullopt);
  EXPECT_FALSE(d.auto_approve);
  bool named = false;
  for (const auto& r : d.review_reasons)
    named = named || r.find("AutoRevert=true") != std::string::npos;
  EXPECT_TRUE(named);
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

TEST(Payload, NamesTheRemediationAndNothingThatChangesWhatIsApplied) {
  const auto ev = agent_event({"ServerSideEncryptionConfiguration"}, opted_in);
  const auto dep = prod_deployment();
  const auto d = decide(ev, dep, "v2.0.0");
  const remediation r = make_remediation(ev, ev.time, dep, d);
  rapidjson::Document doc;
  doc.Parse(build_client_payload(r).c_str());
  ASSERT_TRUE(doc.IsObject());
  EXPECT_EQ(doc.MemberCount(), 3u);
  EXPECT_EQ(doc["schema_version"].GetInt(), 2);
  EXPECT_EQ(std::string(doc["remediation_id"].GetString()), r.remediation_id);
  ASSERT_EQ(doc["drift_event_ids"].Size(), 1u);
  EXPECT_STREQ(doc["drift_event_ids"][0].GetString(), "evt-1");
}

TEST(Remediation, OneDriftAlwaysNamesTheSameRemediation) {
  const std::string a = remediation_id_for("evt-1", "2025-12-05T10:30:00Z");
  EXPECT_EQ(a, remediation_id_for("evt-1", "2025-12-05T10:30:00Z"));
  EXPECT_NE(a, remediation_id_for("evt-1", "2025-12-05T10:30:01Z"));
  EXPECT_NE(a, remediation_id_for("evt-2", "2025-12-05T10:30:00Z"));
  EXPECT_EQ(a.rfind("rem-", 0), 0u);
  EXPECT_EQ(a.size(), 36u);
}

TEST(Remediation, TargetsTheEventsAddressFirstThenTheRecordedOnes) {
  auto ev = agent_event({"Tags"}, opted_in);
  ev.detail.terraform = drift::terraform_ref{};
  ev.detail.terraform->address = "aws_s3_bucket.b[\"logs,eu\"]";
  const auto addrs = target_addresses(ev, prod_deployment());
  ASSERT_EQ(addrs.size(), 3u);
  EXPECT_EQ(addrs[0], "aws_s3_bucket.b[\"logs,eu\"]");
  EXPECT_EQ(addrs[1], "aws_s3_bucket.data");
}

TEST(Decision, AnAutoscaledCountIsNeverApprovedUnattended) {
  auto ev = agent_event({"DesiredCapacity"}, opted_in);
  ev.detail.resource_type = "AWS::AutoScaling::AutoScalingGroup";
  const auto d = decide(ev, prod_deployment(), std::nullopt);
  EXPECT_EQ(d.severity, "INFO");
  EXPECT_TRUE(d.expected_change);
  EXPECT_FALSE(d.auto_approve);
  EXPECT_TRUE(d.manual_review_required);
  // The group's limits are a person's decision: approved as usual.
  auto limits = agent_event({"MaxSize"}, opted_in);
  limits.detail.resource_type = "AWS::AutoScaling::AutoScalingGroup";
  EXPECT_TRUE(decide(limits, prod_deployment(), std::nullopt).auto_approve);
}
