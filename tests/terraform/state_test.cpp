#include "terraform/state.h"

#include <gtest/gtest.h>

#include <algorithm>

#include "test_files.h"

using terraform_test::fixtures_dir;
using terraform_test::read_file;
using terraform_test::vectors_dir;

namespace {

std::vector<std::string> addresses(const terraform::state& st) {
  std::vector<std::string> out;
  for (const auto& r : st.resources) out.push_back(r.address);
  return out;
}

}  // namespace

TEST(TerraformState, VectorsDirectoryHoldsSamples) {
  ASSERT_TRUE(std::filesystem::is_directory(vectors_dir())) << vectors_dir();
  ASSERT_FALSE(std::filesystem::is_empty(vectors_dir())) << vectors_dir();
}

TEST(TerraformState, ReadsStateFileV4WithCountModulesAndDataSources) {
  auto st = terraform::parse_state(read_file(vectors_dir() / "has_changes" / "terraform.tfstate"));
  ASSERT_TRUE(st) << st.error().message;
  EXPECT_EQ(st->version, 4);
  EXPECT_EQ(st->terraform_version, "0.12.0");
  EXPECT_EQ(st->serial, 8);
  EXPECT_EQ(addresses(*st),
            (std::vector<std::string>{"data.null_data_source.baz", "null_resource.bar",
                                      "null_resource.baz[0]", "null_resource.baz[1]",
                                      "null_resource.baz[2]", "null_resource.foo",
                                      "module.foo.null_resource.foo"}));
  const auto* data = st->find("data.null_data_source.baz");
  ASSERT_NE(data, nullptr);
  EXPECT_EQ(data->mode, terraform::resource_mode::data);
  EXPECT_EQ(data->provider, "provider.null");
  EXPECT_EQ(data->dependencies,
            (std::vector<std::string>{"null_resource.bar", "null_resource.foo"}));
  const auto* baz2 = st->find("null_resource.baz[2]");
  ASSERT_NE(baz2, nullptr);
  EXPECT_EQ(std::get<std::int64_t>(baz2->key), 2);
  EXPECT_EQ(baz2->id, "8665755682221598193");
  const auto* mod = st->find("module.foo.null_resource.foo");
  ASSERT_NE(mod, nullptr);
  EXPECT_EQ(mod->module, "module.foo");
  EXPECT_EQ(mod->attributes, R"({"id":"705267318028962447","triggers":{"foo":"bar"}})");
}

TEST(TerraformState, ReadsCapturedAwsStateWithForEachAndSensitivePaths) {
  auto st = terraform::parse_state(read_file(fixtures_dir() / "capture.tfstate"));
  ASSERT_TRUE(st) << st.error().message;
  EXPECT_EQ(st->terraform_version, "1.11.4");
  const auto* beta = st->find(R"(module.logs.aws_s3_bucket.log["beta"])");
  ASSERT_NE(beta, nullptr);
  EXPECT_EQ(std::get<std::string>(beta->key), "beta");
  EXPECT_EQ(beta->arn, "arn:aws:s3:::capture-log-beta");
  EXPECT_EQ(beta->provider, R"(provider["registry.terraform.io/hashicorp/aws"])");
  const auto* web = st->find("aws_instance.web[1]");
  ASSERT_NE(web, nullptr);
  EXPECT_EQ(web->schema_version, 1);
  EXPECT_EQ(web->id.rfind("i-", 0), 0u) << web->id;
  const auto* bucket = st->find("aws_s3_bucket.data");
  ASSERT_NE(bucket, nullptr);
  ASSERT_EQ(bucket->sensitive_paths.size(), 1u);
  EXPECT_EQ(terraform::to_string(bucket->sensitive_paths[0]), R"(tags["Owner"])");
}

TEST(TerraformState, ReadsShowJsonStateRepresentation) {
  auto st = terraform::parse_state(read_file(vectors_dir() / "has_checks" / "state.json"));
  ASSERT_TRUE(st) << st.error().message;
  EXPECT_EQ(st->format_version, "1.0");
  const auto* f = st->find(R"(module.files.local_file.foo["file1.txt"])");
  ASSERT_NE(f, nullptr);
  EXPECT_EQ(f->module, "module.files");
  ASSERT_EQ(f->sensitive_paths.size(), 1u);
  EXPECT_EQ(terraform::to_string(f->sensitive_paths[0]), "sensitive_content");

  auto older = terraform::parse_state(read_file(vectors_dir() / "no_changes" / "state.json"));
  ASSERT_TRUE(older) << older.error().message;
  EXPECT_NE(older->find("null_resource.baz[1]"), nullptr);
  EXPECT_NE(older->find("data.null_data_source.baz"), nullptr);
}

TEST(TerraformState, BrokenStateIsAnErrorNotACrash) {
  auto st = terraform::parse_state(read_file(vectors_dir() / "invalid" / "state.json"));
  ASSERT_FALSE(st);
  EXPECT_EQ(st.error().code, "NotJson");
}

TEST(TerraformState, RejectsOldFormatsAndWrongTypesWithTheField) {
  auto v3 = terraform::parse_state(R"({"version": 3, "modules": []})");
  ASSERT_FALSE(v3);
  EXPECT_EQ(v3.error().code, "UnsupportedVersion");

  auto bad = terraform::parse_state(R"({"version": 4, "resources": {"x": 1}})");
  ASSERT_FALSE(bad);
  EXPECT_EQ(bad.error().code, "InvalidState");
  EXPECT_NE(bad.error().message.find("resources"), std::string::npos);

  auto key = terraform::parse_state(
      R"({"version": 4, "resources": [{"mode": "managed", "type": "t", "name": "n",
          "instances": [{"index_key": true, "attributes": {}}]}]})");
  ASSERT_FALSE(key);
  EXPECT_NE(key.error().message.find("resources[0].instances[0].index_key"), std::string::npos);

  auto deep = terraform::parse_state(std::string(100000, '['));
  ASSERT_FALSE(deep);
  EXPECT_EQ(deep.error().code, "NotJson");
}

TEST(TerraformState, EmptyStateHasNoResources) {
  auto st = terraform::parse_state(R"({"version": 4, "terraform_version": "1.11.4", "serial": 1,
                                       "lineage": "x", "outputs": {}, "resources": []})");
  ASSERT_TRUE(st);
  EXPECT_TRUE(st->resources.empty());
  auto js = terraform::parse_state(R"({"format_version": "1.0"})");
  ASSERT_TRUE(js);
  EXPECT_TRUE(js->resources.empty());
}

TEST(TerraformAddress, FormatsModulesDataSourcesAndQuotedKeys) {
  using terraform::format_address;
  using terraform::resource_mode;
  EXPECT_EQ(format_address("", resource_mode::managed, "aws_s3_bucket", "b", std::monostate{}),
            "aws_s3_bucket.b");
  EXPECT_EQ(
      format_address("module.a", resource_mode::managed, "aws_s3_bucket", "b", std::string("x")),
      R"(module.a.aws_s3_bucket.b["x"])");
  EXPECT_EQ(
      format_address("", resource_mode::data, "aws_iam_policy_document", "p", std::int64_t{3}),
      "data.aws_iam_policy_document.p[3]");
  EXPECT_EQ(terraform::quote_key(R"(a"b\c)"), R"("a\"b\\c")");
}

TEST(TerraformState, RedactedAttributesHideSensitiveValuesAndTheirCopies) {
  auto st = terraform::parse_state(read_file(fixtures_dir() / "capture.tfstate"));
  ASSERT_TRUE(st) << st.error().message;
  const auto* bucket = st->find("aws_s3_bucket.data");
  ASSERT_NE(bucket, nullptr);
  EXPECT_NE(bucket->attributes.find("s3cr3t-value"), std::string::npos);
  const auto shown = bucket->redacted_attributes();
  EXPECT_EQ(shown.find("s3cr3t-value"), std::string::npos) << shown;
  EXPECT_NE(shown.find("capture-data-bucket"), std::string::npos);
}

TEST(TerraformState, SchemaSensitiveAttributesAreRedacted) {
  auto st = terraform::parse_state(read_file(fixtures_dir() / "services.tfstate"));
  ASSERT_TRUE(st) << st.error().message;
  const auto* db = st->find("aws_db_instance.main");
  ASSERT_NE(db, nullptr);
  std::vector<std::string> paths;
  for (const auto& p : db->sensitive_paths) paths.push_back(terraform::to_string(p));
  EXPECT_EQ(paths, (std::vector<std::string>{"password", "password_wo"}));
  EXPECT_NE(db->attributes.find("Sup3rS3cret-pw"), std::string::npos);
  const auto shown = db->redacted_attributes();
  EXPECT_EQ(shown.find("Sup3rS3cret-pw"), std::string::npos);
  EXPECT_NE(shown.find(R"J("password":"(sensitive)")J"), std::string::npos);
  EXPECT_NE(shown.find(R"J("password_wo":null)J"), std::string::npos);
}
