// record-deployment writes the items workflow-orchestrator reads: recorded from a real state
// file, then a drift event on one of its resources dispatches that deployment.
#include <cstdio>

#include "fixture.h"

using namespace orch_test;

namespace {

class RecordDeployment : public suite {
 protected:
  static int run_tool(const std::string& args, std::string* output = nullptr) {
    const std::string cmd =
        "AWS_ENDPOINT_URL=" + drift_test::moto_endpoint() +
        " AWS_REGION=us-east-1 AWS_ACCESS_KEY_ID=test AWS_SECRET_ACCESS_KEY=test " +
        env_or_throw("RECORD_DEPLOYMENT_BINARY") + " " + args + " 2>&1";
    FILE* p = ::popen(cmd.c_str(), "r");
    std::string out;
    char buf[4096];
    size_t n;
    while ((n = std::fread(buf, 1, sizeof buf, p)) > 0) out.append(buf, n);
    const int rc = ::pclose(p);
    if (output) *output = out;
    return WIFEXITED(rc) ? WEXITSTATUS(rc) : -1;
  }
  static std::string state_file() {
    return env_or_throw("DRIFT_SOURCE_DIR") + "/tests/terraform/fixtures/capture.tfstate";
  }
};

}  // namespace

TEST_F(RecordDeployment, RecordedStateIsWhatTheOrchestratorDispatches) {
  const std::string dep = unique("dep-recorded");
  std::string out;
  ASSERT_EQ(
      run_tool("--table " + stack()["metadata_table"] + " --state " + state_file() +
                   " --deployment-id " + dep +
                   " --commit 9f8e7d6c5b4a --branch main --tfvars Accounts/prod/data.tfvars"
                   " --workspace prod --environment production --state-bucket " +
                   stack()["state_bucket"] + " --state-key data/terraform.tfstate --lock-table " +
                   stack()["tf_lock_table"] + " --policy-version v2.0.0 --deployed-by ci",
               &out),
      0)
      << out;
  EXPECT_NE(out.find(dep), std::string::npos) << out;

  const std::string arn = "arn:aws:s3:::capture-data-bucket";
  auto items = ddb::query(aws(), {stack()["metadata_table"],
                                  "resource-arn-index",
                                  "resource_arn = :a",
                                  "",
                                  {{}, {{":a", arn}}},
                                  true});
  ASSERT_TRUE(items) << items.error().describe();
  ASSERT_EQ(items->size(), 1u);
  const auto& it = items->front();
  EXPECT_EQ(ddb::get_s(it, "deployment_id"), dep);
  EXPECT_EQ(ddb::get_s(it, "deployment_status"), "success");
  EXPECT_EQ(ddb::get_s(it, "terraform_address"), "aws_s3_bucket.data");
  EXPECT_EQ(ddb::get_s(it, "workspace"), "prod");
  EXPECT_EQ(ddb::get_s(it, "state_key"), "data/terraform.tfstate");
  EXPECT_EQ(ddb::get_s(it, "lock_table"), stack()["tf_lock_table"]);
  EXPECT_EQ(ddb::get_s(it, "terraform_version"), "1.11.4");
  const auto* tags = ddb::get_m(it, "tags");
  ASSERT_NE(tags, nullptr);
  EXPECT_EQ(ddb::get_s(*tags, "AutoRevert"), "true");
  EXPECT_EQ(ddb::get_s(*tags, "Owner"), "(sensitive)");  // a sensitive value never leaves the state

  const std::string event_id = unique("evt");
  event_spec e{event_id, arn};
  e.properties = {"VersioningConfiguration"};
  harness h(function_env());
  auto res = h.invoke(sns_event({agent_event(e)}));
  ASSERT_FALSE(res.function_error) << res.body;
  auto sent = dispatches_for(event_id);
  ASSERT_EQ(sent.size(), 1u) << res.body;
  auto rem = remediation_item(sent[0]);
  ASSERT_TRUE(rem);
  EXPECT_EQ(ddb::get_s(*rem, "deployment_id"), dep);
  EXPECT_EQ(ddb::get_s(*rem, "git_commit_sha"), "9f8e7d6c5b4a");
  const auto* st = ddb::get_m(*rem, "state");
  ASSERT_NE(st, nullptr);
  EXPECT_EQ(ddb::get_s(*st, "key"), "data/terraform.tfstate");
  EXPECT_EQ(ddb::get_s(*st, "workspace_key_prefix"), "env:");
  std::vector<std::string> addrs;
  for (const auto& a : *rem->at("addresses").as_l()) addrs.push_back(*a.as_s());
  ASSERT_EQ(addrs.size(), 4u);
  EXPECT_EQ(addrs[0], "aws_s3_bucket.data");
  EXPECT_NE(std::find(addrs.begin(), addrs.end(), "aws_s3_bucket_versioning.data"), addrs.end());
}

TEST_F(RecordDeployment, RefusesWithoutWhatARemediationNeeds) {
  std::string out;
  EXPECT_EQ(run_tool("--table x --state " + state_file(), &out), 2);
  EXPECT_NE(out.find("--commit"), std::string::npos) << out;
  EXPECT_NE(out.find("--state-bucket"), std::string::npos) << out;
  EXPECT_EQ(
      run_tool(
          "--table x --state /nonexistent --commit a --tfvars t --state-bucket b --state-key k",
          &out),
      1);
}
