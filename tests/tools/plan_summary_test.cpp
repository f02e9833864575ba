// plan-summary: the workflow publishes this instead of the raw plan, so no value Terraform
// marks sensitive may survive in it. Checked on the Terraform plan vectors (directory from
// TERRAFORM_VECTORS_DIR, default ../shared/vectors/terraform) and on a plan that copies a
// sensitive value into an attribute Terraform does not mark (tags -> tags_all).
#include <gtest/gtest.h>
#include <rapidjson/document.h>

#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <set>
#include <sstream>
#include <string>

#include "src/summary.h"

namespace {

std::filesystem::path vectors_dir() {
  if (const char* d = std::getenv("TERRAFORM_VECTORS_DIR"); d && *d) return d;
  const char* shared = std::getenv("DRIFT_SHARED_DIR");
  return std::filesystem::path(shared ? shared : "../shared") / "vectors" / "terraform";
}

std::string read_file(const std::filesystem::path& p) {
  std::ifstream in(p, std::ios::binary);
  std::ostringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

void strings_in(const rapidjson::Value& v, std::set<std::string>& out) {
  if (v.IsString()) {
    out.emplace(v.GetString(), v.GetStringLength());
  } else if (v.IsArray()) {
    for (const auto& e : v.GetArray()) strings_in(e, out);
  } else if (v.IsObject()) {
    for (const auto& m : v.GetObject()) strings_in(m.value, out);
  }
}

// Every string under a part of `value` that `marks` (Terraform's *_sensitive shape) marks true.
void sensitive_strings(const rapidjson::Value& value, const rapidjson::Value& marks,
                       std::set<std::string>& out) {
  if (marks.IsBool()) {
    if (marks.GetBool()) strings_in(value, out);
    return;
  }
  if (marks.IsObject() && value.IsObject()) {
    for (const auto& m : marks.GetObject()) {
      auto it = value.FindMember(m.name);
      if (it != value.MemberEnd()) sensitive_strings(it->value, m.value, out);
    }
  } else if (marks.IsArray() && value.IsArray()) {
    for (rapidjson::SizeType i = 0; i < marks.Size() && i < value.Size(); ++i)
      sensitive_strings(value[i], marks[i], out);
  }
}

std::set<std::string> sensitive_in_plan(const rapidjson::Document& plan) {
  std::set<std::string> out;
  if (!plan.HasMember("resource_changes") || !plan["resource_changes"].IsArray()) return out;
  for (const auto& rc : plan["resource_changes"].GetArray()) {
    if (!rc.HasMember("change")) continue;
    const auto& ch = rc["change"];
    for (auto [v, m] : {std::pair{"before", "before_sensitive"}, {"after", "after_sensitive"}})
      if (ch.HasMember(v) && ch.HasMember(m)) sensitive_strings(ch[v], ch[m], out);
  }
  if (plan.HasMember("output_changes") && plan["output_changes"].IsObject())
    for (const auto& o : plan["output_changes"].GetObject())
      for (auto [v, m] : {std::pair{"before", "before_sensitive"}, {"after", "after_sensitive"}})
        if (o.value.HasMember(v) && o.value.HasMember(m))
          sensitive_strings(o.value[v], o.value[m], out);
  return out;
}

void expect_no_secret(const std::string& summary, const std::set<std::string>& secrets,
                      const std::string& where) {
  rapidjson::Document d;
  d.Parse(summary.c_str());
  ASSERT_FALSE(d.HasParseError()) << where << ": the summary is not JSON";
  std::set<std::string> published;
  strings_in(d, published);
  for (const auto& s : secrets) {
    if (s == "(sensitive)") continue;
    EXPECT_EQ(published.count(s), 0u) << where << ": sensitive value '" << s << "' published";
  }
}

}  // namespace

TEST(PlanSummary, NoSensitiveValueOfAnyVectorPlanSurvives) {
  std::size_t plans = 0, secrets = 0;
  ASSERT_TRUE(std::filesystem::is_directory(vectors_dir())) << vectors_dir();
  for (const auto& dir : std::filesystem::directory_iterator(vectors_dir())) {
    const auto path = dir.path() / "plan.json";
    if (!std::filesystem::exists(path)) continue;
    const std::string text = read_file(path);
    auto summary = plan_summary::summarize(text);
    if (!summary) continue;  // the reader refuses it (tests/terraform checks which)
    ++plans;
    rapidjson::Document raw;
    raw.Parse(text.c_str());
    const auto s = sensitive_in_plan(raw);
    secrets += s.size();
    expect_no_secret(*summary, s, path.string());
  }
  EXPECT_GT(plans, 0u) << "no plan in " << vectors_dir();
  EXPECT_GT(secrets, 0u) << "the vectors hold no sensitive value: this test would prove nothing";
}

TEST(PlanSummary, ACopyOfASensitiveValueInAnUnmarkedAttributeIsRedactedToo) {
  const std::string plan = R"({
    "format_version": "1.2", "terraform_version": "1.11.0", "applyable": true,
    "resource_changes": [{
      "address": "aws_s3_bucket.b[\"logs,eu\"]", "mode": "managed", "type": "aws_s3_bucket",
      "name": "b", "index": "logs,eu", "provider_name": "registry.terraform.io/hashicorp/aws",
      "change": {
        "actions": ["update"],
        "before": {"bucket": "logs-eu", "tags": {"Owner": "old"}, "tags_all": {"Owner": "old"}},
        "after": {"bucket": "logs-eu", "tags": {"Owner": "s3cr3t-owner-token"},
                  "tags_all": {"Owner": "s3cr3t-owner-token"}},
        "after_unknown": {}, "before_sensitive": {"tags": {"Owner": true}},
        "after_sensitive": {"tags": {"Owner": true}}
      }
    }, {
      "address": "aws_s3_bucket.same", "mode": "managed", "type": "aws_s3_bucket", "name": "same",
      "provider_name": "registry.terraform.io/hashicorp/aws",
      "change": {"actions": ["no-op"], "before": {}, "after": {}, "after_unknown": {},
                 "before_sensitive": {}, "after_sensitive": {}}
    }]
  })";
  auto summary = plan_summary::summarize(plan);
  ASSERT_TRUE(summary) << summary.error().message;
  EXPECT_EQ(summary->find("s3cr3t-owner-token"), std::string::npos) << *summary;
  EXPECT_EQ(summary->find("\"old\""), std::string::npos) << *summary;
  rapidjson::Document d;
  d.Parse(summary->c_str());
  ASSERT_TRUE(d.IsObject());
  ASSERT_EQ(d["resource_changes"].Size(), 1u) << "no-op changes are left out";
  const auto& rc = d["resource_changes"][0];
  EXPECT_STREQ(rc["address"].GetString(), "aws_s3_bucket.b[\"logs,eu\"]");
  EXPECT_STREQ(rc["actions"][0].GetString(), "update");
  bool tags_all_seen = false;
  for (const auto& a : rc["changed"].GetArray())
    tags_all_seen = tags_all_seen || std::string(a["attribute"].GetString()) == "tags_all";
  EXPECT_TRUE(tags_all_seen) << *summary;
}

TEST(PlanSummary, TheToolRefusesWhatIsNotAPlanAndPrintsOnlyRedactedJson) {
  const char* bin = std::getenv("PLAN_SUMMARY_BINARY");
  ASSERT_NE(bin, nullptr);
  const auto dir =
      std::filesystem::temp_directory_path() / ("plan-summary-" + std::to_string(::getpid()));
  std::filesystem::create_directories(dir);
  { std::ofstream(dir / "bad.json") << "{\"format_version\": 7"; }
  const std::string cmd = std::string(bin) + " " + (dir / "bad.json").string() + " >" +
                          (dir / "out").string() + " 2>" + (dir / "err").string();
  const int rc = std::system(cmd.c_str());
  EXPECT_NE(rc, 0);
  EXPECT_TRUE(read_file(dir / "out").empty());
  EXPECT_NE(read_file(dir / "err").find("plan-summary:"), std::string::npos);
  std::filesystem::remove_all(dir);
}
