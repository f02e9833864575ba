// Function tests of workflow-orchestrator: the real bootstrap under lambda-harness, moto for
// AWS (a fresh stack per suite), the GitHub stand-in for GitHub. Helpers to seed tables and
// read back what the function did.
#pragma once

#include <gtest/gtest.h>

#include <memory>
#include <optional>

#include "aws/dynamodb.h"
#include "aws/session.h"
#include "aws/sqs.h"
#include "aws/ssm.h"
#include "github_stand_in.h"
#include "moto.h"
#include "orchestrator_support.h"
#include "stack.h"

namespace orch_test {

namespace ddb = aws::dynamodb;

struct deployment_spec {
  deployment_spec(std::string id, std::string a)
      : deployment_id(std::move(id)), arn(std::move(a)) {}
  std::string deployment_id;
  std::string arn;
  std::string deployed_at = "2025-12-01T08:00:00Z";
  std::string status = "success";
  std::string commit = "a1b2c3d4e5f6";
  std::string workspace = "prod";
  std::string lock_table;
  bool use_lockfile = false;
  std::string policy_version = "v2.1.0";
  std::map<std::string, std::string> tags = {
      {"ManagedBy", "terraform"}, {"AutoRevert", "true"}, {"Environment", "production"}};
};

class suite : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    stack_ = new drift_test::stack(drift_test::make_stack("orch"));
    gh_ = new drift_test::github_fixture(drift_test::github_stand_in());
    // The stand-in accepts only its own token: store that where the function reads it.
    auto put = aws::ssm::put_parameter(aws(), (*stack_)["github_token_parameter"], gh_->token,
                                       "SecureString", true);
    if (!put) throw std::runtime_error(put.error().describe());
  }
  static void TearDownTestSuite() {
    delete stack_;
    delete gh_;
  }

  static drift_test::stack& stack() { return *stack_; }
  static drift_test::github_fixture& gh() { return *gh_; }

  static aws::session& aws() {
    static std::shared_ptr<aws::session> s = [] {
      ::setenv("AWS_ENDPOINT_URL", drift_test::moto_endpoint().c_str(), 1);
      ::setenv("AWS_REGION", "us-east-1", 1);
      ::setenv("AWS_ACCESS_KEY_ID", "test", 1);
      ::setenv("AWS_SECRET_ACCESS_KEY", "test", 1);
      return aws::session::from_environment();
    }();
    return *s;
  }

  // The function's environment for this suite's stack; `extra` overrides.
  static std::map<std::string, std::string> function_env(
      std::map<std::string, std::string> extra = {}) {
    std::map<std::string, std::string> env = {
        {"AWS_REGION", "us-east-1"},
        {"AWS_ACCESS_KEY_ID", "test"},
        {"AWS_SECRET_ACCESS_KEY", "test"},
        {"AWS_ENDPOINT_URL", drift_test::moto_endpoint()},
        {"METADATA_TABLE", stack()["metadata_table"]},
        {"LOCKS_TABLE", stack()["locks_table"]},
        {"HISTORY_TABLE", stack()["history_table"]},
        {"REMEDIATIONS_TABLE", stack()["remediations_table"]},
        {"POLICY_TABLE", stack()["policy_table"]},
        {"ALERT_TOPIC_ARN", stack()["alert_topic_arn"]},
        {"RETRY_QUEUE_URL", stack()["retry_queue_url"]},
        {"METRICS_NAMESPACE", stack()["metrics_namespace"]},
        {"GITHUB_API_URL", gh().endpoint},
        {"GITHUB_ALLOW_PLAIN_HTTP", "true"},
        {"GITHUB_REPOSITORY", gh().repository},
        {"GITHUB_TOKEN_PARAMETER", stack()["github_token_parameter"]},
        {"RETRY_DELAY_SECONDS", "1"},
        // Each event on its own unless a test gathers (gather_test.cpp).
        {"GATHER_SECONDS", "0"},
        {"AWS_LAMBDA_LOG_LEVEL", "DEBUG"},
    };
    for (auto& [k, v] : extra) env[k] = v;
    return env;
  }

  static void put_deployment(const deployment_spec& d) {
    ddb::item it = {
        {"deployment_id", d.deployment_id},
        {"resource_arn", d.arn},
        {"deployed_at", d.deployed_at},
        {"deployment_status", d.status},
        {"git_commit_sha", d.commit},
        {"git_branch", "main"},
        {"tfvars_path", "Accounts/prod/" + d.deployment_id + ".tfvars"},
        {"account_id", "123456789012"},
        {"region", "us-east-1"},
        {"policy_version", d.policy_version},
        {"terraform_version", "1.11.0"},
        {"deployed_by", "github-user"},
        {"workspace", d.workspace},
        {"environment", "production"},
        {"terraform_address", "aws_s3_bucket.data"},
        {"terraform_addresses",
         std::vector<ddb::value>{"aws_s3_bucket.data", "aws_s3_bucket_versioning.data"}},
        {"state_bucket", stack()["state_bucket"]},
        {"state_key", "platform/terraform.tfstate"},
        {"workspace_key_prefix", "env:"},
        {"state_region", "us-east-1"},
        {"lock_table", d.lock_table},
        {"use_lockfile", d.use_lockfile},
    };
    ddb::item tags;
    for (const auto& [k, v] : d.tags) tags[k] = v;
    it["tags"] = ddb::value(tags);
    auto r = ddb::put_item(aws(), {stack()["metadata_table"], it, "", {}});
    ASSERT_TRUE(r) << r.error().describe();
  }

  static std::optional<ddb::item> history_item(const std::string& id, const std::string& time) {
    auto r = ddb::get_item(aws(), stack()["history_table"],
                           {{"drift_event_id", id}, {"timestamp", time}}, true);
    if (!r) throw std::runtime_error(r.error().describe());
    return r.value();
  }

  // The remediation a dispatch names (its client_payload's remediation_id).
  static std::optional<ddb::item> remediation_item(const rapidjson::Value& dispatch) {
    const auto& p = dispatch["parsed_body"]["client_payload"];
    if (!p.HasMember("remediation_id") || !p["remediation_id"].IsString()) return std::nullopt;
    auto r =
        ddb::get_item(aws(), stack()["remediations_table"],
                      {{"remediation_id", std::string(p["remediation_id"].GetString())}}, true);
    if (!r) throw std::runtime_error(r.error().describe());
    return r.value();
  }

  static std::optional<ddb::item> lock_item(const std::string& lock_id) {
    auto r = ddb::get_item(aws(), stack()["locks_table"], {{"lock_id", lock_id}}, true);
    if (!r) throw std::runtime_error(r.error().describe());
    return r.value();
  }

  // The dispatch requests the stand-in recorded for this event (parsed bodies).
  static std::vector<rapidjson::Document> dispatches_for(const std::string& event_id) {
    drift_test::github_control control(gh().endpoint);
    auto log = control.requests();
    std::vector<rapidjson::Document> out;
    for (const auto& r : log.GetArray()) {
      if (!r.HasMember("body") || !r["body"].IsString()) continue;
      rapidjson::Document body;
      body.Parse(r["body"].GetString());
      if (!body.IsObject() || !body.HasMember("client_payload") ||
          !body["client_payload"].IsObject())
        continue;
      const auto& p = body["client_payload"];
      bool names_event = false;
      if (p.HasMember("drift_event_ids") && p["drift_event_ids"].IsArray())
        for (const auto& id : p["drift_event_ids"].GetArray())
          names_event = names_event || (id.IsString() && event_id == id.GetString());
      if (names_event) {
        rapidjson::Document entry;
        entry.CopyFrom(r, entry.GetAllocator());
        rapidjson::Value parsed;
        parsed.CopyFrom(body, entry.GetAllocator());
        entry.AddMember("parsed_body", parsed, entry.GetAllocator());
        out.push_back(std::move(entry));
      }
    }
    return out;
  }

  // Messages now visible on a queue (received, then deleted).
  static std::vector<aws::sqs::message> drain(const std::string& queue_url, int wait_seconds = 1) {
    std::vector<aws::sqs::message> out;
    for (int i = 0; i < 5; ++i) {
      aws::sqs::receive_options o;
      o.wait_seconds = wait_seconds;
      auto r = aws::sqs::receive_messages(aws(), queue_url, o);
      if (!r) throw std::runtime_error(r.error().describe());
      if (r->empty()) break;
      for (auto& m : *r) {
        aws::sqs::delete_message(aws(), queue_url, m.receipt_handle);
        out.push_back(std::move(m));
      }
    }
    return out;
  }

  static drift_test::stack* stack_;
  static drift_test::github_fixture* gh_;
};

inline drift_test::stack* suite::stack_ = nullptr;
inline drift_test::github_fixture* suite::gh_ = nullptr;

}  // namespace orch_test
