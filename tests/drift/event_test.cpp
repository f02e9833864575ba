#include "drift/event.h"

#include <gtest/gtest.h>

#include "files.h"

namespace {

// The DevOps Agent's event as common/drift/README.md describes it.
const char* agent_event = R"J({
  "version": "0",
  "id": "drift-event-uuid",
  "detail-type": "AWS DevOps Agent - Drift Detected",
  "source": "aws.devops-agent",
  "time": "2025-12-05T10:30:00Z",
  "region": "us-east-1",
  "resources": ["arn:aws:s3:::my-bucket"],
  "detail": {
    "driftType": "configuration_change",
    "resourceType": "AWS::S3::Bucket",
    "resourceArn": "arn:aws:s3:::my-bucket",
    "changedProperties": ["ServerSideEncryptionConfiguration"],
    "detectedBy": "cloudtrail_analysis",
    "changeAuthor": "user@example.com",
    "changeTime": "2025-12-05T10:25:00Z",
    "severity": "HIGH",
    "tags": {"ManagedBy": "terraform", "AutoRevert": "true", "Environment": "production"}
  }
})J";

bool has_field(const drift::event_error& e, const std::string& field) {
  for (const auto& f : e.fields) {
    if (f.field == field) return true;
  }
  return false;
}

}  // namespace

TEST(DriftEvent, ParsesTheDevOpsAgentEvent) {
  auto e = drift::parse_event(agent_event);
  ASSERT_TRUE(e) << e.error().message;
  EXPECT_EQ(e->id, "drift-event-uuid");
  EXPECT_EQ(e->source, drift::agent_source);
  EXPECT_EQ(e->detail_type, drift::agent_detail_type);
  EXPECT_EQ(e->time, "2025-12-05T10:30:00Z");
  EXPECT_EQ(e->resources, std::vector<std::string>{"arn:aws:s3:::my-bucket"});
  EXPECT_EQ(e->detail.resource_arn, "arn:aws:s3:::my-bucket");
  EXPECT_EQ(e->detail.resource_type, "AWS::S3::Bucket");
  EXPECT_EQ(e->detail.changed_properties,
            std::vector<std::string>{"ServerSideEncryptionConfiguration"});
  EXPECT_EQ(e->detail.change_author, "user@example.com");
  EXPECT_EQ(e->detail.tags.at("AutoRevert"), "true");
  EXPECT_FALSE(e->terraform_vocabulary());
  EXPECT_EQ(e->environment(), "production");
}

TEST(DriftEvent, ScannerEventRoundTrips) {
  drift::drift_event e;
  e.id = "scan-1/aws_s3_bucket.data";
  e.account = "123456789012";
  e.time = "2026-11-23T18:00:00Z";
  e.region = "us-east-1";
  e.resources = {"arn:aws:s3:::data"};
  e.detail.drift_type = "configuration_change";
  e.detail.resource_type = "aws_s3_bucket_versioning";
  e.detail.resource_arn = "arn:aws:s3:::data";
  e.detail.changed_properties = {"versioning_configuration"};
  e.detail.detected_by = "terraform";
  e.detail.severity = "MEDIUM";
  e.detail.severity_reason = "bucket versioning changed";
  e.detail.tags = {{"AutoRevert", "true"}, {"Owner", "(sensitive)"}};
  e.detail.terraform = drift::terraform_ref{"aws_s3_bucket_versioning.data",
                                            "prod",
                                            "production",
                                            "platform",
                                            "s3://tfstate/env:/prod/platform.tfstate",
                                            "s3://reports/reports/platform/prod/x.json"};
  e.detail.changes = {
      {"versioning_configuration", R"J([{"status":"Enabled"}])J", R"J([{"status":"Suspended"}])J"}};
  const std::string json = drift::to_json(e);
  EXPECT_NE(json.find(R"J("source":"drift-detection.scanner")J"), std::string::npos);
  EXPECT_NE(json.find(R"J("detail-type":"Drift Detected")J"), std::string::npos);
  EXPECT_NE(json.find(R"J("actual":[{"status":"Suspended"}])J"), std::string::npos) << json;

  auto back = drift::parse_event(json);
  ASSERT_TRUE(back) << back.error().message;
  EXPECT_EQ(back->source, drift::scanner_source);
  EXPECT_TRUE(back->terraform_vocabulary());
  EXPECT_EQ(back->environment(), "production");
  EXPECT_EQ(back->detail.terraform->state_location, "s3://tfstate/env:/prod/platform.tfstate");
  EXPECT_EQ(back->detail.terraform->report_uri, "s3://reports/reports/platform/prod/x.json");
  EXPECT_EQ(back->detail.tags, e.detail.tags);
  ASSERT_EQ(back->detail.changes.size(), 1u);
  EXPECT_EQ(back->detail.changes[0].actual, R"J([{"status":"Suspended"}])J");
  EXPECT_EQ(drift::to_json(*back), json);
}

TEST(DriftEvent, NotJsonAndWrongShapesAreClearErrors) {
  auto e = drift::parse_event("this is not json");
  ASSERT_FALSE(e);
  EXPECT_EQ(e.error().code, "NotJson");
  e = drift::parse_event("[1,2]");
  ASSERT_FALSE(e);
  EXPECT_EQ(e.error().code, "InvalidEvent");
  EXPECT_TRUE(has_field(e.error(), "(root)"));
  e = drift::parse_event("");
  ASSERT_FALSE(e);
  EXPECT_EQ(e.error().code, "NotJson");
}

TEST(DriftEvent, EveryBadFieldIsNamed) {
  auto e = drift::parse_event(R"J({"id": 7, "source": "aws.devops-agent", "detail-type": "x",
      "time": "2025-12-05T10:30:00Z",
      "detail": {"resourceArn": 42, "changedProperties": "Tags", "tags": {"Env": 1}}})J");
  ASSERT_FALSE(e);
  EXPECT_EQ(e.error().code, "InvalidEvent");
  EXPECT_TRUE(has_field(e.error(), "id"));
  EXPECT_TRUE(has_field(e.error(), "detail.resourceArn"));
  EXPECT_TRUE(has_field(e.error(), "detail.changedProperties"));
  EXPECT_TRUE(has_field(e.error(), "detail.tags.Env"));
  EXPECT_NE(e.error().message.find("detail.resourceArn: expected a string"), std::string::npos)
      << e.error().message;

  e = drift::parse_event(R"J({"id": "a", "source": "s", "detail-type": "d", "time": "t",
                              "detail": {"resourceType": "AWS::S3::Bucket"}})J");
  ASSERT_FALSE(e);
  EXPECT_TRUE(has_field(e.error(), "detail.resourceArn"));
  EXPECT_EQ(e.error().fields.size(), 1u);

  e = drift::parse_event(R"J({"id": "a", "source": "s", "detail-type": "d", "time": "t"})J");
  ASSERT_FALSE(e);
  EXPECT_TRUE(has_field(e.error(), "detail.resourceArn"));
}

TEST(DriftEvent, OtherAwsEventsAreRejectedNotCrashed) {
  int seen = 0;
  for (const auto& dir : std::filesystem::recursive_directory_iterator(drift_test::shared_dir() /
                                                                       "vectors" / "events")) {
    if (!dir.is_regular_file()) continue;
    auto e = drift::parse_event(drift_test::read_file(dir.path()));
    ASSERT_FALSE(e) << dir.path() << " parsed as a drift event";
    EXPECT_FALSE(e.error().message.empty());
    ++seen;
  }
  EXPECT_GT(seen, 10);
}

TEST(DriftEvent, TruncatedAndDeepInputsNeverCrash) {
  const std::string full = agent_event;
  for (std::size_t n = 0; n < full.size(); ++n) {
    auto e = drift::parse_event(full.substr(0, n));
    EXPECT_FALSE(e) << n;
  }
  auto deep = drift::parse_event(std::string(200000, '[') + std::string(200000, ']'));
  ASSERT_FALSE(deep);
  EXPECT_EQ(deep.error().code, "NotJson");
}
