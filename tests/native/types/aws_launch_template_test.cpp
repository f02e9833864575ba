// aws_launch_template offline: DescribeLaunchTemplates and DescribeLaunchTemplateVersions
// answers recorded from moto (recorded/aws_launch_template). The template has two versions;
// the provider refreshes the latest (2), not the default (1). `from_source_version` is a third
// version made from version 2 with another instance type: moto ignores SourceVersion, so that
// answer is edited into the documented shape (version 2's settings with the one change).
#include <gtest/gtest.h>

#include "core/json.h"
#include "offline_case.h"
#include "registry.h"

using namespace drift_test;

namespace {

const std::string kType = "aws_launch_template";

std::string state(const offline_case& c) { return R"({"id":")" + c.resource("id") + R"("})"; }

std::string golden_with(const offline_case& c, const char* name, const std::string& value) {
  return with(golden_state(kType, c, state), name, value);
}

}  // namespace

TEST(AwsLaunchTemplate, FoundReadsTheLatestVersionInTerraformsShape) {
  expect_found_golden(kType, state, 2);
}

TEST(AwsLaunchTemplate, DeletedTemplateIsGone) { expect_gone(kType, state); }

TEST(AwsLaunchTemplate, AnIdEc2SaysDoesNotExistIsGone) {
  // EC2 refuses DescribeLaunchTemplates for a missing id (moto leaves it out: `gone`).
  offline_case c(kType, "not_found");
  EXPECT_EQ(c.read(state(c)).st, scanner::native::live_resource::status::gone);
}

TEST(AwsLaunchTemplate, ThrottledIsNotCheckedAfterTheRetries) {
  expect_throttled(kType, state, "RequestLimitExceeded");
}

TEST(AwsLaunchTemplate, AccessDeniedIsNotChecked) {
  expect_denied(kType, state, "UnauthorizedOperation");
}

TEST(AwsLaunchTemplate, OnlyAChangedAttributeIsDrift) {
  expect_drift_only_on_change(kType, state, "image_id", R"("ami-0123456789abcdef0")");
}

TEST(AwsLaunchTemplate, ANestedSettingChangedIsDriftOfItsBlock) {
  offline_case c(kType, "found");
  rapidjson::Document d;
  d.Parse(golden_state(kType, c, state).c_str());
  d["metadata_options"][0]["http_tokens"].SetString("optional");
  auto r = c.read(core::json::to_text(d));
  ASSERT_EQ(r.st, scanner::native::live_resource::status::found) << r.reason;
  std::map<std::string, int> suppressed;
  const auto changed = c.compare(suppressed);
  ASSERT_EQ(names(changed), (std::vector<std::string>{"metadata_options"}));
  EXPECT_NE(changed[0].actual.find(R"("http_tokens":"required")"), std::string::npos);
}

TEST(AwsLaunchTemplate, AVersionFromASourceVersionKeepsTheSourcesSettings) {
  offline_case c(kType, "from_source_version");
  auto r = c.read(golden_state(kType, c, state));
  ASSERT_EQ(r.st, scanner::native::live_resource::status::found) << r.reason;
  std::map<std::string, int> suppressed;
  const auto changed = c.compare(suppressed);
  // What the new version changed, and nothing it inherited from version 2.
  EXPECT_EQ(names(changed),
            (std::vector<std::string>{"instance_requirements", "instance_type", "latest_version"}));
  for (const auto& a : changed) {
    if (a.name == "instance_type") {
      EXPECT_EQ(a.actual, R"("t3.large")");
    }
    if (a.name == "latest_version") {
      EXPECT_EQ(a.actual, "3");
    }
  }
}

TEST(AwsLaunchTemplate, NullTagsEqualAnEmptyMap) {
  expect_hidden_by(
      kType, [](const offline_case& c) { return golden_with(c, "tags", "null"); },
      "tags:null_is_empty", [](rapidjson::Document& live) { live["tags"].SetObject(); });
}

TEST(AwsLaunchTemplate, SecurityGroupNamesAreASet) {
  expect_hidden_by(
      kType,
      [](const offline_case& c) {
        return golden_with(c, "security_group_names", R"(["web","db"])");
      },
      "security_group_names:set_order",
      [](rapidjson::Document& live) {
        rapidjson::Value v(rapidjson::kArrayType);
        v.PushBack("db", live.GetAllocator()).PushBack("web", live.GetAllocator());
        live["security_group_names"] = v;
      });
}

TEST(AwsLaunchTemplate, SecurityGroupIdsAreASet) {
  expect_hidden_by(
      kType,
      [](const offline_case& c) {
        return golden_with(c, "vpc_security_group_ids", R"(["sg-2","sg-1"])");
      },
      "vpc_security_group_ids:set_order",
      [](rapidjson::Document& live) {
        rapidjson::Value v(rapidjson::kArrayType);
        v.PushBack("sg-1", live.GetAllocator()).PushBack("sg-2", live.GetAllocator());
        live["vpc_security_group_ids"] = v;
      });
}

TEST(AwsLaunchTemplate, LicenseSpecificationsAreASet) {
  expect_hidden_by(
      kType,
      [](const offline_case& c) {
        return golden_with(
            c, "license_specification",
            R"([{"license_configuration_arn":"b"},{"license_configuration_arn":"a"}])");
      },
      "license_specification:set_order",
      [](rapidjson::Document& live) {
        rapidjson::Document v;
        v.Parse(R"([{"license_configuration_arn":"a"},{"license_configuration_arn":"b"}])");
        live["license_specification"].CopyFrom(v, live.GetAllocator());
      });
}

TEST(AwsLaunchTemplate, CloudTrailCallsLocateTheTemplateTheyName) {
  const auto& m = *scanner::native::find_module(kType);
  ASSERT_TRUE(m.changes);
  rapidjson::Document none;
  // CloudTrail records the newer EC2 APIs wrapped in "<EventName>Request".
  rapidjson::Document version;
  version.Parse(
      R"({"CreateLaunchTemplateVersionRequest":{"LaunchTemplateId":"lt-0abc","SourceVersion":"2"}})");
  auto where = m.changes->locate({"CreateLaunchTemplateVersion", version, none});
  ASSERT_EQ(where.size(), 1u);
  EXPECT_EQ(where[0].id, "lt-0abc");
  rapidjson::Document tags;
  tags.Parse(R"({"resourcesSet":{"items":[{"resourceId":"lt-0abc"},{"resourceId":"i-1"}]}})");
  where = m.changes->locate({"CreateTags", tags, none});
  ASSERT_EQ(where.size(), 1u);
  EXPECT_EQ(where[0].id, "lt-0abc");
}
