// aws_db_parameter_group offline: DescribeDBParameterGroups, DescribeDBParameters and
// ListTagsForResource recorded from moto (recorded/aws_db_parameter_group); `configured` holds
// DescribeDBParameters in the shape the RDS API reference documents (edited: moto answers no
// Source).
#include <gtest/gtest.h>

#include "json_util.h"
#include "offline_case.h"

using namespace drift_test;

namespace {

const std::string kType = "aws_db_parameter_group";

std::string state(const offline_case& c) { return R"({"id":")" + c.resource("id") + R"("})"; }

// A state that configures max_connections and autocommit (an engine default).
const std::string kConfigured =
    R"([{"apply_method":"immediate","name":"max_connections","value":"200"},)"
    R"({"apply_method":"pending-reboot","name":"autocommit","value":"1"}])";

std::vector<std::string> parameter_names(const rapidjson::Value& attrs) {
  std::vector<std::string> out;
  for (const auto& p : attrs["parameter"].GetArray()) out.emplace_back(p["name"].GetString());
  return out;
}

// The state of a group that configures its parameters: what `configured` reads (the three
// parameters kept, in Terraform's set order), max_connections at `max`.
std::string configured_state(const offline_case& c, const std::string& max) {
  offline_case first(kType, "configured");
  auto r = first.read(with(state(c), "parameter", kConfigured));
  std::string text = scanner::native::to_text(*r.attrs);
  const std::string at = R"("name":"max_connections","value":"200")";
  text.replace(text.find(at), at.size(), R"("name":"max_connections","value":")" + max + "\"");
  return with(text, "id", "\"" + c.resource("id") + "\"");
}

}  // namespace

TEST(AwsDbParameterGroup, FoundReadsTheGroupInTerraformsShape) {
  expect_found_golden(kType, state, 3);
}

TEST(AwsDbParameterGroup, DeletedGroupIsGone) { expect_gone(kType, state); }

TEST(AwsDbParameterGroup, ThrottledIsNotCheckedAfterTheRetries) {
  expect_throttled(kType, state, "Throttling");
}

TEST(AwsDbParameterGroup, AccessDeniedIsNotChecked) { expect_denied(kType, state, "AccessDenied"); }

TEST(AwsDbParameterGroup, AParameterSetFromTheConsoleIsDrift) {
  // The state of a group created without parameters: both set ones are new, nothing else is.
  offline_case c(kType, "found");
  c.read(with(golden_state(kType, c, state), "parameter", "[]"));
  std::map<std::string, int> suppressed;
  EXPECT_EQ(names(c.compare(suppressed)), std::vector<std::string>{"parameter"});
}

TEST(AwsDbParameterGroup, ConfiguredParametersKeepUserSetAndNamedOnes) {
  // With parameters in the state the provider reads them all and keeps what the user set
  // (Source=user) and what the state names; a system parameter is left out.
  offline_case c(kType, "configured");
  auto r = c.read(with(state(c), "parameter", kConfigured));
  ASSERT_EQ(r.st, scanner::native::live_resource::status::found) << r.reason;
  auto names_read = parameter_names(*r.attrs);
  std::sort(names_read.begin(), names_read.end());
  EXPECT_EQ(names_read,
            (std::vector<std::string>{"autocommit", "character_set_server", "max_connections"}));
  EXPECT_TRUE(c.transport().unused().empty());
}

TEST(AwsDbParameterGroup, OnlyAChangedParameterValueIsDrift) {
  offline_case c(kType, "configured");
  const std::string st = configured_state(c, "200");
  auto r = c.read(st);
  ASSERT_EQ(r.st, scanner::native::live_resource::status::found) << r.reason;
  std::map<std::string, int> suppressed;
  EXPECT_TRUE(c.compare(suppressed).empty());
  EXPECT_TRUE(suppressed.empty());
  offline_case changed(kType, "configured");
  changed.read(configured_state(changed, "100"));
  EXPECT_EQ(names(changed.compare(suppressed)), std::vector<std::string>{"parameter"});
}

TEST(AwsDbParameterGroup, ADescriptionChangedIsDrift) {
  offline_case c(kType, "configured");
  c.read(with(configured_state(c, "200"), "description", R"("billing")"));
  std::map<std::string, int> suppressed;
  EXPECT_EQ(names(c.compare(suppressed)), std::vector<std::string>{"description"});
}

TEST(AwsDbParameterGroup, ParameterOrderIsNoDrift) {
  offline_case c(kType, "configured");
  auto r = c.read(configured_state(c, "200"));
  ASSERT_EQ(r.st, scanner::native::live_resource::status::found) << r.reason;
  auto& p = (*r.attrs)["parameter"];
  ASSERT_EQ(p.Size(), 3u);
  p[0].Swap(p[2]);
  std::map<std::string, int> suppressed;
  EXPECT_TRUE(c.compare(suppressed).empty());
  EXPECT_EQ(suppressed, (std::map<std::string, int>{{kType + ".parameter:set_order", 1}}));
}

TEST(AwsDbParameterGroup, NullTagsEqualAnEmptyMap) {
  offline_case c(kType, "configured");
  auto r = c.read(with(configured_state(c, "200"), "tags", "null"));
  ASSERT_EQ(r.st, scanner::native::live_resource::status::found) << r.reason;
  (*r.attrs)["tags"].SetObject();
  std::map<std::string, int> suppressed;
  EXPECT_TRUE(c.compare(suppressed).empty());
  EXPECT_EQ(suppressed, (std::map<std::string, int>{{kType + ".tags:null_is_empty", 1}}));
}
