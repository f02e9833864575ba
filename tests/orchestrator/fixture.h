// Function tests of workflow-orchestrator: the real bootstrap under lambda-harness, moto for
// AWS (a fresh stack per suite), the GitHub stand-in for GitHub. Helpers to build events, seed
// tables and read back what the function did.
#pragma once

#include <gtest/gtest.h>
#include <rapidjson/document.h>
#include <rapidjson/stringbuffer.h>
#include <rapidjson/writer.h>
#include <signal.h>
#include <spawn.h>
#include <sys/wait.h>
#include <unistd.h>

#include <chrono>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <map>
#include <memory>
#include <sstream>
#include <string>
#include <thread>
#include <vector>

#include "aws/dynamodb.h"
#include "aws/session.h"
#include "aws/sqs.h"
#include "aws/ssm.h"
#include "github_stand_in.h"
#include "http/client.h"
#include "moto.h"
#include "stack.h"

extern char** environ;

namespace orch_test {

namespace ddb = aws::dynamodb;

inline std::string env_or_throw(const char* name) {
  const char* v = std::getenv(name);
  if (!v || !*v) throw std::runtime_error(std::string(name) + " is not set: run through ctest");
  return v;
}

inline std::string quote(const std::string& s) {
  rapidjson::StringBuffer sb;
  rapidjson::Writer<rapidjson::StringBuffer> w(sb);
  w.String(s.c_str(), static_cast<rapidjson::SizeType>(s.size()));
  return sb.GetString();
}

inline std::string unique(const std::string& prefix) {
  static int n = 0;
  return prefix + "-" + std::to_string(::getpid()) + "-" + std::to_string(++n) + "-" +
         std::to_string(std::chrono::steady_clock::now().time_since_epoch().count() % 1000000);
}

inline std::string iso_now(std::chrono::seconds offset = std::chrono::seconds(0)) {
  std::time_t t = std::chrono::system_clock::to_time_t(std::chrono::system_clock::now() + offset);
  std::tm tm{};
  gmtime_r(&t, &tm);
  char buf[32];
  std::strftime(buf, sizeof buf, "%Y-%m-%dT%H:%M:%SZ", &tm);
  return buf;
}

struct invoke_result {
  long status = 0;
  bool function_error = false;
  std::string body;
  rapidjson::Document json() const {
    rapidjson::Document d;
    d.Parse(body.c_str());
    return d;
  }
};

// lambda-harness serving workflow-orchestrator's real bootstrap; stopped with the object.
class harness {
 public:
  harness(const std::map<std::string, std::string>& env, int concurrency = 1) {
    dir_ = "/tmp/orch-harness-" + unique("h");
    std::filesystem::create_directories(dir_);
    const std::string bin = env_or_throw("LAMBDA_HARNESS_BINARY");
    const std::string bootstrap =
        env_or_throw("DRIFT_BUILD_DIR") + "/functions/workflow-orchestrator/bootstrap";
    std::vector<std::string> args = {bin, "--port", "0", "--port-file", dir_ + "/port",
                                     "--log-file", dir_ + "/function.log",
                                     "--function", "workflow-orchestrator", "--bootstrap", bootstrap,
                                     "--timeout", "60", "--concurrency", std::to_string(concurrency)};
    for (const auto& [k, v] : env) {
      args.push_back("--env");
      args.push_back(k + "=" + v);
    }
    std::vector<char*> argv;
    for (auto& a : args) argv.push_back(a.data());
    argv.push_back(nullptr);
    if (posix_spawn(&pid_, bin.c_str(), nullptr, nullptr, argv.data(), environ) != 0)
      throw std::runtime_error("cannot start " + bin);
    for (int i = 0; i < 300; ++i) {
      std::ifstream in(dir_ + "/port");
      int port = 0;
      if (in >> port && port > 0) {
        endpoint_ = "http://127.0.0.1:" + std::to_string(port);
        return;
      }
      int st = 0;
      if (waitpid(pid_, &st, WNOHANG) == pid_) {
        pid_ = 0;
        throw std::runtime_error("lambda-harness exited at start; log: " + log());
      }
      std::this_thread::sleep_for(std::chrono::milliseconds(100));
    }
    throw std::runtime_error("lambda-harness did not start listening");
  }
  ~harness() {
    if (pid_ > 0) {
      ::kill(pid_, SIGTERM);
      int st = 0;
      ::waitpid(pid_, &st, 0);
    }
  }
  harness(const harness&) = delete;
  harness& operator=(const harness&) = delete;

  invoke_result invoke(const std::string& payload, bool event = false) {
    http::options o;
    o.total_timeout = std::chrono::milliseconds(120000);
    http::client c(o);
    http::request req;
    req.method = "POST";
    req.url = endpoint_ + "/2015-03-31/functions/workflow-orchestrator/invocations";
    req.headers = {{"Content-Type", "application/json"},
                   {"X-Amz-Invocation-Type", event ? "Event" : "RequestResponse"}};
    req.body = payload;
    auto r = c.send(req);
    if (!r) throw std::runtime_error("invoke failed: " + r.error().message);
    invoke_result out;
    out.status = r->status;
    out.function_error = r->header("X-Amz-Function-Error") != nullptr;
    out.body = r->body;
    return out;
  }

  std::string log() const {
    std::ifstream in(dir_ + "/function.log");
    std::stringstream ss;
    ss << in.rdbuf();
    return ss.str();
  }

 private:
  std::string dir_;
  std::string endpoint_;
  pid_t pid_ = 0;
};

// A drift event in the DevOps Agent's shape (seed 001 section 1).
struct event_spec {
  event_spec(std::string i, std::string a) : id(std::move(i)), arn(std::move(a)) {}
  std::string id;
  std::string arn;
  std::string time = "2025-12-05T10:30:00Z";
  std::vector<std::string> properties = {"ServerSideEncryptionConfiguration"};
  std::map<std::string, std::string> tags = {
      {"ManagedBy", "terraform"}, {"AutoRevert", "true"}, {"Environment", "production"}};
  std::string severity = "HIGH";
};

inline std::string agent_event(const event_spec& e) {
  std::string props, tags;
  for (const auto& p : e.properties) props += (props.empty() ? "" : ",") + quote(p);
  for (const auto& [k, v] : e.tags) tags += (tags.empty() ? "" : ",") + quote(k) + ":" + quote(v);
  return R"({"version":"0","id":)" + quote(e.id) +
         R"(,"detail-type":"AWS DevOps Agent - Drift Detected","source":"aws.devops-agent","time":)" +
         quote(e.time) + R"(,"region":"us-east-1","resources":[)" + quote(e.arn) +
         R"(],"detail":{"driftType":"configuration_change","resourceType":"AWS::S3::Bucket","resourceArn":)" +
         quote(e.arn) + R"(,"changedProperties":[)" + props +
         R"(],"detectedBy":"cloudtrail_analysis","changeAuthor":"user@example.com","changeTime":"2025-12-05T10:25:00Z","severity":)" +
         quote(e.severity) + R"(,"tags":{)" + tags + "}}}";
}

// An SNS invocation (one record per message, as SNS delivers).
inline std::string sns_event(const std::vector<std::string>& messages) {
  std::string recs;
  for (const auto& m : messages)
    recs += (recs.empty() ? "" : ",") +
            std::string(R"({"EventSource":"aws:sns","EventVersion":"1.0","Sns":{"Type":"Notification","MessageId":)") +
            quote(unique("sns")) + R"(,"TopicArn":"arn:aws:sns:us-east-1:123456789012:drift","Timestamp":)" +
            quote(iso_now()) + R"(,"Message":)" + quote(m) + "}}";
  return R"({"Records":[)" + recs + "]}";
}

// An SQS batch; ids are the messageIds.
inline std::string sqs_event(const std::vector<std::pair<std::string, std::string>>& id_and_body) {
  std::string recs;
  for (const auto& [id, body] : id_and_body)
    recs += (recs.empty() ? "" : ",") + std::string(R"({"eventSource":"aws:sqs","messageId":)") +
            quote(id) + R"(,"receiptHandle":"rh","attributes":{"SentTimestamp":"1764930600000","ApproximateReceiveCount":"1"},"body":)" +
            quote(body) + "}";
  return R"({"Records":[)" + recs + "]}";
}

struct deployment_spec {
  deployment_spec(std::string id, std::string a) : deployment_id(std::move(id)), arn(std::move(a)) {}
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
  static std::map<std::string, std::string> function_env(std::map<std::string, std::string> extra = {}) {
    std::map<std::string, std::string> env = {
        {"AWS_REGION", "us-east-1"},
        {"AWS_ACCESS_KEY_ID", "test"},
        {"AWS_SECRET_ACCESS_KEY", "test"},
        {"AWS_ENDPOINT_URL", drift_test::moto_endpoint()},
        {"METADATA_TABLE", stack()["metadata_table"]},
        {"LOCKS_TABLE", stack()["locks_table"]},
        {"HISTORY_TABLE", stack()["history_table"]},
        {"POLICY_TABLE", stack()["policy_table"]},
        {"ALERT_TOPIC_ARN", stack()["alert_topic_arn"]},
        {"RETRY_QUEUE_URL", stack()["retry_queue_url"]},
        {"METRICS_NAMESPACE", stack()["metrics_namespace"]},
        {"GITHUB_API_URL", gh().endpoint},
        {"GITHUB_REPOSITORY", gh().repository},
        {"GITHUB_TOKEN_PARAMETER", stack()["github_token_parameter"]},
        {"CALLBACK_FUNCTION_NAME", "agent-callback-test"},
        {"RETRY_DELAY_SECONDS", "1"},
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
        {"terraform_addresses", std::vector<ddb::value>{"aws_s3_bucket.data", "aws_s3_bucket_versioning.data"}},
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
    auto r = ddb::get_item(aws(), stack()["history_table"], {{"drift_event_id", id}, {"timestamp", time}}, true);
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
      if (!body.IsObject() || !body.HasMember("client_payload") || !body["client_payload"].IsObject())
        continue;
      const auto& p = body["client_payload"];
      if (p.HasMember("drift_event_id") && p["drift_event_id"].IsString() &&
          event_id == p["drift_event_id"].GetString()) {
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
