#include "drift/remediation.h"

#include <gtest/gtest.h>

namespace {

drift::drift_item drift_of(drift::change_kind kind, drift::severity level) {
  drift::drift_item d;
  d.address = R"(module.logs.aws_s3_bucket.log["beta"])";
  d.type = "aws_s3_bucket";
  d.id = "capture-log-beta";
  d.change = kind;
  d.level = level;
  return d;
}

}  // namespace

TEST(DriftRemediation, RevertAppliesTheTargetWithTheWorkspace) {
  auto r = drift::suggest_remediation(
      drift_of(drift::change_kind::update, drift::severity::critical), {"prod"});
  EXPECT_EQ(r.action, "revert");
  EXPECT_EQ(
      r.command,
      R"(TF_WORKSPACE='prod' terraform apply -target='module.logs.aws_s3_bucket.log["beta"]')");
  r = drift::suggest_remediation(drift_of(drift::change_kind::deleted, drift::severity::high),
                                 {"default"});
  EXPECT_EQ(r.action, "revert");
  EXPECT_EQ(r.command, R"(terraform apply -target='module.logs.aws_s3_bucket.log["beta"]')");
  EXPECT_NE(r.description.find("state rm"), std::string::npos);
}

TEST(DriftRemediation, AcceptWritesTheConfigurationChange) {
  auto d = drift_of(drift::change_kind::update, drift::severity::low);
  d.attributes = {{"tags", R"J({"Team":"a"})J", R"J({"Team":"b","Cost Center":"x"})J", false},
                  {"secret", R"J("(sensitive)")J", R"J("(sensitive)")J", true}};
  auto r = drift::suggest_remediation(d, {});
  EXPECT_EQ(r.action, "accept");
  EXPECT_NE(r.command.find(R"(tags = { Team = "b", "Cost Center" = "x" })"), std::string::npos)
      << r.command;
  EXPECT_EQ(r.command.find("secret"), std::string::npos);
  EXPECT_NE(r.description.find("sensitive"), std::string::npos);
}

TEST(DriftRemediation, ImportAndInvestigate) {
  auto d = drift_of(drift::change_kind::unmanaged, drift::severity::low);
  d.address.clear();
  d.id = "Shadow.Bucket-1";
  auto r = drift::suggest_remediation(d, {"staging"});
  EXPECT_EQ(r.action, "import");
  EXPECT_EQ(
      r.command,
      "TF_WORKSPACE='staging' terraform import 'aws_s3_bucket.shadow_bucket_1' 'Shadow.Bucket-1'");
  r = drift::suggest_remediation(drift_of(drift::change_kind::update, drift::severity::info), {});
  EXPECT_EQ(r.action, "investigate");
  EXPECT_NE(r.command.find("plan -refresh-only"), std::string::npos);
}

TEST(DriftRemediation, QuotingIsShellAndHclSafe) {
  EXPECT_EQ(drift::shell_quote("it's"), R"('it'\''s')");
  EXPECT_EQ(drift::hcl_literal(R"J("${var.x} %{if}")J"), R"("$${var.x} %%{if}")");
  EXPECT_EQ(drift::hcl_literal("[1,true,null]"), "[1, true, null]");
  EXPECT_EQ(drift::hcl_literal("{}"), "{}");
}
