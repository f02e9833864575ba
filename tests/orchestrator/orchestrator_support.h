// workflow-orchestrator under lambda-harness, without GoogleTest: the harness process, drift
// events in the Agent's shape, SNS and SQS invocations. Shared by the function tests and the
// benchmark.
#pragma once

#include <rapidjson/document.h>
#include <rapidjson/stringbuffer.h>
#include <rapidjson/writer.h>
#include <signal.h>
#include <spawn.h>
#include <sys/wait.h>
#include <unistd.h>

#include <chrono>
#include <cstdlib>
#include <ctime>
#include <filesystem>
#include <fstream>
#include <map>
#include <sstream>
#include <stdexcept>
#include <string>
#include <thread>
#include <vector>

#include "http/client.h"

extern char** environ;

namespace orch_test {

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

// lambda-harness serving a function's real bootstrap (workflow-orchestrator unless named);
// stopped with the object.
class harness {
 public:
  // `extra` goes after the function's flags, e.g. {"--sqs", url, "--sns"} to pump a queue.
  harness(const std::map<std::string, std::string>& env, int concurrency = 1,
          const std::vector<std::string>& extra = {},
          std::string function = "workflow-orchestrator")
      : function_(std::move(function)) {
    dir_ = "/tmp/orch-harness-" + unique("h");
    std::filesystem::create_directories(dir_);
    const std::string bin = env_or_throw("LAMBDA_HARNESS_BINARY");
    const std::string bootstrap =
        env_or_throw("DRIFT_BUILD_DIR") + "/functions/" + function_ + "/bootstrap";
    std::vector<std::string> args = {bin,
                                     "--port",
                                     "0",
                                     "--port-file",
                                     dir_ + "/port",
                                     "--log-file",
                                     dir_ + "/function.log",
                                     "--function",
                                     function_,
                                     "--bootstrap",
                                     bootstrap,
                                     "--timeout",
                                     "60",
                                     "--concurrency",
                                     std::to_string(concurrency)};
    for (const auto& [k, v] : env) {
      args.push_back("--env");
      args.push_back(k + "=" + v);
    }
    args.insert(args.end(), extra.begin(), extra.end());
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
    req.url = endpoint_ + "/2015-03-31/functions/" + function_ + "/invocations";
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
  std::string function_;
  std::string dir_;
  std::string endpoint_;
  pid_t pid_ = 0;
};

// A drift event in the DevOps Agent's shape (common/drift/README.md).
struct event_spec {
  event_spec(std::string i, std::string a) : id(std::move(i)), arn(std::move(a)) {}
  std::string id;
  std::string arn;
  std::string time = "2025-12-05T10:30:00Z";
  std::vector<std::string> properties = {"ServerSideEncryptionConfiguration"};
  std::map<std::string, std::string> tags = {
      {"ManagedBy", "terraform"}, {"AutoRevert", "true"}, {"Environment", "production"}};
  std::string severity = "HIGH";
  // The scanner's identity of the drift and where it was seen (detail.driftId,
  // detail.terraform); left out when empty.
  std::string drift_id;
  std::string target = "platform";
  std::string workspace = "prod";
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
         quote(e.severity) +
         (e.drift_id.empty()
              ? std::string()
              : R"(,"driftId":)" + quote(e.drift_id) + R"(,"terraform":{"target":)" +
                    quote(e.target) + R"(,"workspace":)" + quote(e.workspace) + "}") +
         R"(,"tags":{)" + tags + "}}}";
}

// An SNS invocation (one record per message, as SNS delivers).
inline std::string sns_event(const std::vector<std::string>& messages) {
  std::string recs;
  for (const auto& m : messages)
    recs +=
        (recs.empty() ? "" : ",") +
        std::string(
            R"({"EventSource":"aws:sns","EventVersion":"1.0","Sns":{"Type":"Notification","MessageId":)") +
        quote(unique("sns")) +
        R"(,"TopicArn":"arn:aws:sns:us-east-1:123456789012:drift","Timestamp":)" +
        quote(iso_now()) + R"(,"Message":)" + quote(m) + "}}";
  return R"({"Records":[)" + recs + "]}";
}

// An SQS batch; ids are the messageIds.
inline std::string sqs_event(const std::vector<std::pair<std::string, std::string>>& id_and_body) {
  std::string recs;
  for (const auto& [id, body] : id_and_body)
    recs +=
        (recs.empty() ? "" : ",") + std::string(R"({"eventSource":"aws:sqs","messageId":)") +
        quote(id) +
        R"(,"receiptHandle":"rh","attributes":{"SentTimestamp":"1764930600000","ApproximateReceiveCount":"1"},"body":)" +
        quote(body) + "}";
  return R"({"Records":[)" + recs + "]}";
}

}  // namespace orch_test
