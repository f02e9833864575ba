// Hostile input, observed from outside. Each function's real bootstrap runs under lambda-harness
// with one sandbox (concurrency 1), against moto (and the GitHub stand-in for the orchestrator),
// and receives in order:
//   (a) an 800 KB document 400,000 levels deep, as the whole invocation;
//   (b) the callback and the scanner: an object payload 120,000 levels deep; the orchestrator:
//       an SNS record and an SQS retry message whose event is 120,000 levels deep, each record
//       under SNS's and SQS's 256 KiB;
//   (c) a lone surrogate (`\udc80`) where an id or target belongs;
//   (d) a valid invocation.
// Each hostile input gets a clear refusal under 4 KB (the callback and the scanner: a function
// error of type InvalidInput; the orchestrator: the record `rejected`, in its answer and in the
// history table), and the same process answers (d): the harness log shows one cold start and
// no runtime exit.
//
// One ctest per function (hostile.callback, hostile.scanner, hostile.orchestrator), selected
// with --gtest_filter by tests/hostile/CMakeLists.txt.
#include <gtest/gtest.h>
#include <rapidjson/document.h>
#include <signal.h>
#include <spawn.h>
#include <sys/wait.h>
#include <unistd.h>

#include <chrono>
#include <cstdlib>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <map>
#include <sstream>
#include <stdexcept>
#include <string>
#include <thread>
#include <vector>

#include "aws/dynamodb.h"
#include "aws/s3.h"
#include "aws/session.h"
#include "core/json.h"
#include "fixture.h"  // tests/orchestrator: stack, GitHub stand-in, events in the Agent's shape
#include "http/client.h"

extern char** environ;

namespace {

namespace ddb = aws::dynamodb;

constexpr std::size_t kMaxErrorBytes = 4096;

// ---- hostile documents ------------------------------------------------------------------------

// `levels` nested arrays: [[[...]]]; 2 bytes a level.
std::string deep_array(std::size_t levels) {
  return std::string(levels, '[') + std::string(levels, ']');
}

// `levels` nested objects: {"a":{"a":...{}...}}.
std::string deep_object(std::size_t levels) {
  std::string s;
  s.reserve(levels * 6);
  for (std::size_t i = 1; i < levels; ++i) s += "{\"a\":";
  s += "{}";
  s.append(levels - 1, '}');
  return s;
}

// (a): 400,000 levels, 800,000 bytes.
std::string deep_document() { return deep_array(400000); }

// A drift event whose detail is 119,999 arrays deep: 120,000 levels in all, ~240 KB.
std::string deep_event(const std::string& id) {
  return R"({"version":"0","id":)" + orch_test::quote(id) +
         R"(,"detail-type":"AWS DevOps Agent - Drift Detected","source":"aws.devops-agent","time":"2025-12-05T10:30:00Z","region":"us-east-1","resources":[],"detail":)" +
         deep_array(119999) + "}";
}

// What the test shows of an answer: never megabytes of it.
std::string excerpt(const std::string& s) {
  if (s.size() <= 400) return s;
  return s.substr(0, 400) + "... (" + std::to_string(s.size()) + " bytes in all)";
}

// The test's own reading of answers goes through the guarded parser too.
rapidjson::Document parse(const std::string& text) {
  auto d = core::json::parse(text);
  if (!d) return rapidjson::Document();
  return std::move(*d);
}

std::string str(const rapidjson::Value& v, const char* name) {
  return core::json::string_member(v, name);
}

// ---- lambda-harness with one sandbox ----------------------------------------------------------

struct reply {
  bool delivered = false;  // false: the harness itself did not answer
  std::string transport_error;
  long status = 0;
  bool function_error = false;
  std::string body;
};

// What the harness log tells about the sandbox's processes.
struct process_history {
  int reports = 0;        // REPORT lines: finished invocations
  int cold_starts = 0;    // REPORT lines with Init Duration: processes started for an invocation
  int init_failures = 0;  // INIT_REPORT lines
  int runtime_exits = 0;  // "Runtime exited with error" lines: a process died
  std::vector<std::string> exit_lines;
};

class one_sandbox {
 public:
  one_sandbox(const std::string& function, const std::map<std::string, std::string>& env,
              int timeout_seconds)
      : function_(function) {
    const std::string build = orch_test::env_or_throw("DRIFT_BUILD_DIR");
    dir_ = build + "/tests/hostile/" + function + "-" + std::to_string(::getpid());
    std::filesystem::remove_all(dir_);
    std::filesystem::create_directories(dir_);
    std::vector<std::string> args = {orch_test::env_or_throw("LAMBDA_HARNESS_BINARY"),
                                     "--port",
                                     "0",
                                     "--port-file",
                                     dir_ + "/port",
                                     "--log-file",
                                     dir_ + "/function.log",
                                     "--function",
                                     function,
                                     "--bootstrap",
                                     build + "/functions/" + function + "/bootstrap",
                                     "--timeout",
                                     std::to_string(timeout_seconds),
                                     "--concurrency",
                                     "1"};
    for (const auto& [k, v] : env) {
      args.push_back("--env");
      args.push_back(k + "=" + v);
    }
    std::vector<char*> argv;
    for (auto& a : args) argv.push_back(a.data());
    argv.push_back(nullptr);
    if (::posix_spawn(&pid_, argv[0], nullptr, nullptr, argv.data(), environ) != 0)
      throw std::runtime_error("cannot start " + args[0]);
    const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(30);
    while (std::chrono::steady_clock::now() < deadline) {
      std::ifstream in(dir_ + "/port");
      int port = 0;
      if (in >> port && port > 0) {
        endpoint_ = "http://127.0.0.1:" + std::to_string(port);
        return;
      }
      if (!alive()) throw std::runtime_error("lambda-harness exited at start: " + exit_text());
      std::this_thread::sleep_for(std::chrono::milliseconds(50));
    }
    throw std::runtime_error("lambda-harness did not report its port");
  }
  ~one_sandbox() {
    if (alive()) {
      ::kill(pid_, SIGTERM);
      int st = 0;
      ::waitpid(pid_, &st, 0);
    }
  }
  one_sandbox(const one_sandbox&) = delete;
  one_sandbox& operator=(const one_sandbox&) = delete;

  // A RequestResponse invocation through the Invoke API (JSON content type, as the SDKs send).
  reply invoke(const std::string& payload) {
    reply out;
    http::options o;
    o.total_timeout = std::chrono::milliseconds(90000);
    http::client c(o);
    http::request req;
    req.method = "POST";
    req.url = endpoint_ + "/2015-03-31/functions/" + function_ + "/invocations";
    req.headers = {{"Content-Type", "application/json"},
                   {"X-Amz-Invocation-Type", "RequestResponse"}};
    req.body = payload;
    auto r = c.send(req);
    if (!r) {
      std::this_thread::sleep_for(std::chrono::milliseconds(200));  // let an exit be reaped
      out.transport_error = r.error().message + (alive() ? std::string(" (the harness still runs)")
                                                         : "; lambda-harness " + exit_text());
      return out;
    }
    out.delivered = true;
    out.status = r->status;
    out.function_error = r->header("X-Amz-Function-Error") != nullptr;
    out.body = r->body;
    return out;
  }

  bool alive() {
    if (pid_ <= 0) return false;
    int st = 0;
    if (::waitpid(pid_, &st, WNOHANG) == pid_) {
      pid_ = 0;
      status_ = st;
      return false;
    }
    return true;
  }

  std::string exit_text() const {
    if (WIFSIGNALED(status_))
      return "was killed by signal " + std::to_string(WTERMSIG(status_)) + " (" +
             ::strsignal(WTERMSIG(status_)) + ")";
    if (WIFEXITED(status_)) return "exited with status " + std::to_string(WEXITSTATUS(status_));
    return "stopped";
  }

  std::string log() const {
    std::ifstream in(dir_ + "/function.log");
    std::stringstream ss;
    ss << in.rdbuf();
    return ss.str();
  }

  process_history processes() const {
    process_history h;
    std::istringstream in(log());
    std::string line;
    while (std::getline(in, line)) {
      if (line.rfind("REPORT RequestId", 0) == 0) {
        ++h.reports;
        if (line.find("Init Duration") != std::string::npos) ++h.cold_starts;
      } else if (line.rfind("INIT_REPORT", 0) == 0) {
        ++h.init_failures;
      } else if (line.find("Runtime exited with error") != std::string::npos) {
        ++h.runtime_exits;
        h.exit_lines.push_back(line);
      }
    }
    return h;
  }

 private:
  std::string function_;
  std::string dir_;
  std::string endpoint_;
  pid_t pid_ = 0;
  int status_ = 0;
};

// The harness must have answered; without it nothing further can be observed.
#define ASSERT_DELIVERED(r, step) \
  ASSERT_TRUE((r).delivered) << (step) << ": the Invoke API did not answer: " << (r).transport_error

// A function error of type InvalidInput whose message is short.
void expect_invalid_input(const reply& r, const std::string& step) {
  EXPECT_EQ(r.status, 200) << step;
  EXPECT_TRUE(r.function_error) << step << ": expected a function error, got " << excerpt(r.body);
  EXPECT_LT(r.body.size(), kMaxErrorBytes) << step << ": " << excerpt(r.body);
  const auto d = parse(r.body);
  ASSERT_TRUE(d.IsObject()) << step << ": the answer is no JSON object: " << excerpt(r.body);
  EXPECT_EQ(str(d, "errorType"), "InvalidInput") << step << ": " << excerpt(r.body);
  const std::string message = str(d, "errorMessage");
  EXPECT_FALSE(message.empty()) << step;
  EXPECT_LT(message.size(), kMaxErrorBytes) << step;
}

// After (d): the one process answered everything; none died, none was started again.
void expect_one_process(one_sandbox& h, int invocations) {
  EXPECT_TRUE(h.alive()) << "lambda-harness " << h.exit_text();
  const auto p = h.processes();
  EXPECT_EQ(p.reports, invocations) << "REPORT lines in the harness log";
  EXPECT_EQ(p.cold_starts, 1) << "cold starts: the function's process was replaced";
  EXPECT_EQ(p.init_failures, 0);
  EXPECT_EQ(p.runtime_exits, 0) << (p.exit_lines.empty() ? "" : p.exit_lines.front());
}

std::map<std::string, std::string> aws_env() {
  return {{"AWS_REGION", "us-east-1"},
          {"AWS_ACCESS_KEY_ID", "test"},
          {"AWS_SECRET_ACCESS_KEY", "test"},
          {"AWS_ENDPOINT_URL", drift_test::moto_endpoint()},
          {"AWS_LAMBDA_LOG_LEVEL", "INFO"}};
}

// The test's own AWS session, on moto.
aws::session& test_aws() {
  static std::shared_ptr<aws::session> s = [] {
    ::setenv("AWS_ENDPOINT_URL", drift_test::moto_endpoint().c_str(), 1);
    ::setenv("AWS_REGION", "us-east-1", 1);
    ::setenv("AWS_ACCESS_KEY_ID", "test", 1);
    ::setenv("AWS_SECRET_ACCESS_KEY", "test", 1);
    return aws::session::from_environment();
  }();
  return *s;
}

std::vector<ddb::item> history_items(const std::string& table, const std::string& id) {
  ddb::query_request q;
  q.table = table;
  q.key_condition = "drift_event_id = :id";
  q.args.values = {{":id", id}};
  q.consistent_read = true;
  auto r = ddb::query(test_aws(), q);
  if (!r) throw std::runtime_error(r.error().describe());
  return *r;
}

// A fresh stack in moto for the callback and the scanner (no GitHub needed).
class moto_suite : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    stack_ = new drift_test::stack(drift_test::make_stack("hostile"));
  }
  static void TearDownTestSuite() {
    delete stack_;
    stack_ = nullptr;
  }
  static drift_test::stack& stack() { return *stack_; }
  static aws::session& aws() { return test_aws(); }

 private:
  static drift_test::stack* stack_;
};
drift_test::stack* moto_suite::stack_ = nullptr;

}  // namespace

// ---- agent-callback ---------------------------------------------------------------------------

class HostileCallback : public moto_suite {};

TEST_F(HostileCallback, EachHostileInputIsInvalidInputAndTheSameProcessAnswersNext) {
  auto env = aws_env();
  env["HISTORY_TABLE"] = stack()["history_table"];
  env["LOCKS_TABLE"] = stack()["locks_table"];
  env["REMEDIATIONS_TABLE"] = stack()["remediations_table"];
  env["ALERT_TOPIC_ARN"] = stack()["alert_topic_arn"];
  env["EVENT_BUS_NAME"] = stack()["event_bus_name"];
  env["METRICS_NAMESPACE"] = stack()["metrics_namespace"];
  one_sandbox h("agent-callback", env, 30);

  const auto a = h.invoke(deep_document());
  ASSERT_DELIVERED(a, "(a) 400,000-deep document");
  expect_invalid_input(a, "(a) 400,000-deep document");

  const std::string deep = R"({"drift_event_id":"hostile-deep","remediation_status":"success",)"
                           R"("detail":)" +
                           deep_object(119999) + "}";
  const auto b = h.invoke(deep);
  ASSERT_DELIVERED(b, "(b) 120,000-deep object");
  expect_invalid_input(b, "(b) 120,000-deep object");

  const auto c = h.invoke(R"({"drift_event_id":"\udc80","remediation_status":"success"})");
  ASSERT_DELIVERED(c, "(c) lone surrogate");
  expect_invalid_input(c, "(c) lone surrogate");

  // (d) a dispatched remediation reported successful.
  const std::string id = orch_test::unique("hostile-cb");
  auto put = ddb::put_item(aws(), {stack()["history_table"],
                                   {{"drift_event_id", id},
                                    {"timestamp", orch_test::iso_now(std::chrono::seconds(-300))},
                                    {"status", "dispatched"},
                                    {"severity", "HIGH"},
                                    {"priority", "P1"},
                                    {"environment", "production"},
                                    {"resource_arn", "arn:aws:s3:::bucket-" + id},
                                    {"terraform_address", "aws_s3_bucket.data"},
                                    {"deployment_id", "dep-" + id},
                                    {"lock_id", "dep-" + id}},
                                   "",
                                   {}});
  ASSERT_TRUE(put) << put.error().describe();
  const auto d = h.invoke(R"({"drift_event_id":)" + orch_test::quote(id) +
                          R"(,"remediation_status":"success"})");
  ASSERT_DELIVERED(d, "(d) valid callback");
  EXPECT_FALSE(d.function_error) << excerpt(d.body);
  const auto body = parse(d.body);
  ASSERT_TRUE(body.IsObject()) << excerpt(d.body);
  EXPECT_EQ(str(body, "drift_event_id"), id);
  EXPECT_EQ(str(body, "status"), "remediated") << excerpt(d.body);
  const auto items = history_items(stack()["history_table"], id);
  ASSERT_EQ(items.size(), 1u);
  EXPECT_EQ(ddb::get_s(items[0], "status"), "remediated");

  expect_one_process(h, 4);
}

// ---- drift-scanner ----------------------------------------------------------------------------

class HostileScanner : public moto_suite {};

TEST_F(HostileScanner, EachHostileInputIsInvalidInputAndTheSameProcessAnswersNext) {
  // One target whose state (default workspace) holds no resource: a quick, complete scan.
  const std::string target = "hostile-" + stack()["suffix"];
  const std::string key = target + "/terraform.tfstate";
  auto put = aws::s3::put_object(
      aws(), stack()["state_bucket"], key,
      R"({"version":4,"terraform_version":"1.11.0","serial":1,"lineage":"hostile","outputs":{},"resources":[]})");
  ASSERT_TRUE(put) << put.error().describe();
  auto env = aws_env();
  env["SCAN_TARGETS"] = R"([{"name":)" + orch_test::quote(target) +
                        R"(,"account_id":"123456789012","region":"us-east-1","state":{"bucket":)" +
                        orch_test::quote(stack()["state_bucket"]) + R"(,"key":)" +
                        orch_test::quote(key) +
                        R"(,"region":"us-east-1","workspaces":["default"]}}])";
  env["REPORT_BUCKET"] = stack()["report_bucket"];
  env["METRICS_NAMESPACE"] = stack()["metrics_namespace"];
  env["SCAN_ENGINE"] = "native";
  one_sandbox h("drift-scanner", env, 60);

  const auto a = h.invoke(deep_document());
  ASSERT_DELIVERED(a, "(a) 400,000-deep document");
  expect_invalid_input(a, "(a) 400,000-deep document");

  const auto b = h.invoke(R"({"target":)" + orch_test::quote(target) + R"(,"plan":)" +
                          deep_object(119999) + "}");
  ASSERT_DELIVERED(b, "(b) 120,000-deep object");
  expect_invalid_input(b, "(b) 120,000-deep object");

  const auto c = h.invoke(R"({"target":"\udc80"})");
  ASSERT_DELIVERED(c, "(c) lone surrogate");
  expect_invalid_input(c, "(c) lone surrogate");

  const auto d = h.invoke(R"({"target":)" + orch_test::quote(target) + "}");
  ASSERT_DELIVERED(d, "(d) valid scan");
  EXPECT_FALSE(d.function_error) << excerpt(d.body);
  const auto body = parse(d.body);
  ASSERT_TRUE(body.IsObject()) << excerpt(d.body);
  ASSERT_TRUE(body.HasMember("scans") && body["scans"].IsArray()) << excerpt(d.body);
  ASSERT_EQ(body["scans"].Size(), 1u) << excerpt(d.body);
  const auto& scan = body["scans"][0];
  EXPECT_EQ(str(scan, "target"), target);
  EXPECT_EQ(str(scan, "workspace"), "default");
  // The state holds nothing; what the account holds besides may count as unmanaged.
  ASSERT_TRUE(scan.HasMember("resources_scanned") && scan["resources_scanned"].IsInt());
  EXPECT_EQ(scan["resources_scanned"].GetInt(), 0);
  ASSERT_TRUE(scan.HasMember("errors") && scan["errors"].IsArray());
  EXPECT_EQ(scan["errors"].Size(), 0u) << excerpt(d.body);
  EXPECT_EQ(str(scan, "report_uri").rfind("s3://" + stack()["report_bucket"] + "/reports/", 0), 0u)
      << excerpt(d.body);

  expect_one_process(h, 4);
}

// ---- workflow-orchestrator --------------------------------------------------------------------

class HostileOrchestrator : public orch_test::suite {
 protected:
  // The single record of an answer: rejected, with a short detail, and recorded as rejected
  // in the history table under its message id.
  void expect_rejected(const reply& r, const std::string& step) {
    EXPECT_EQ(r.status, 200) << step;
    EXPECT_FALSE(r.function_error) << step << ": " << excerpt(r.body);
    EXPECT_LT(r.body.size(), kMaxErrorBytes) << step << ": " << excerpt(r.body);
    const auto d = parse(r.body);
    ASSERT_TRUE(d.IsObject() && d.HasMember("records") && d["records"].IsArray())
        << step << ": " << excerpt(r.body);
    ASSERT_EQ(d["records"].Size(), 1u) << step << ": " << excerpt(r.body);
    const auto& rec = d["records"][0];
    EXPECT_EQ(str(rec, "outcome"), "rejected") << step << ": " << excerpt(r.body);
    EXPECT_FALSE(str(rec, "detail").empty()) << step;
    EXPECT_LT(str(rec, "detail").size(), kMaxErrorBytes) << step;
    if (d.HasMember("batchItemFailures") && d["batchItemFailures"].IsArray()) {
      EXPECT_EQ(d["batchItemFailures"].Size(), 0u) << step << ": a rejection is final";
    }
    const std::string message_id = str(rec, "message_id");
    ASSERT_FALSE(message_id.empty()) << step;
    const auto items = history_items(stack()["history_table"], message_id);
    ASSERT_EQ(items.size(), 1u) << step << ": history items under " << message_id;
    EXPECT_EQ(ddb::get_s(items[0], "status"), "rejected") << step;
    const std::string error = ddb::get_s(items[0], "error_message");
    EXPECT_FALSE(error.empty()) << step;
    EXPECT_LT(error.size(), kMaxErrorBytes) << step;
  }
};

TEST_F(HostileOrchestrator, EachHostileRecordIsRejectedAndTheSameProcessDispatchesNext) {
  one_sandbox h("workflow-orchestrator", function_env({{"AWS_LAMBDA_LOG_LEVEL", "INFO"}}), 60);

  const auto a = h.invoke(deep_document());
  ASSERT_DELIVERED(a, "(a) 400,000-deep document");
  expect_rejected(a, "(a) 400,000-deep document");

  // (b) the SNS record: its Message is the 120,000-deep event.
  const std::string sns = orch_test::sns_event({deep_event(orch_test::unique("hostile-sns"))});
  ASSERT_LT(sns.size(), 256u * 1024) << "the SNS record must be one SNS could deliver";
  const auto b1 = h.invoke(sns);
  ASSERT_DELIVERED(b1, "(b) 120,000-deep SNS record");
  expect_rejected(b1, "(b) 120,000-deep SNS record");

  // (b) the retry message as it comes back from the retry queue, its event 120,000 deep.
  const std::string retry =
      R"({"kind":"drift-remediation-retry","drift_event_id":)" +
      orch_test::quote(orch_test::unique("hostile-retry")) +
      R"(,"timestamp":"2025-12-05T10:30:00Z","attempt":1,"reason":"lock held","event":)" +
      deep_event(orch_test::unique("hostile-retry-event")) + "}";
  ASSERT_LT(retry.size(), 256u * 1024) << "the retry message must be one SQS could hold";
  const std::string sqs = orch_test::sqs_event({{orch_test::unique("hostile-sqs"), retry}});
  ASSERT_LT(sqs.size(), 256u * 1024);
  const auto b2 = h.invoke(sqs);
  ASSERT_DELIVERED(b2, "(b) 120,000-deep retry message");
  expect_rejected(b2, "(b) 120,000-deep retry message");

  // (c) an event whose id is a lone surrogate: the escape itself in the event's text.
  const std::string arn = "arn:aws:s3:::" + orch_test::unique("hostile-bucket");
  std::string lone = orch_test::agent_event({"LONE-SURROGATE", arn});
  lone.replace(lone.find("\"LONE-SURROGATE\""), 16, R"("\udc80")");
  const auto c = h.invoke(orch_test::sns_event({lone}));
  ASSERT_DELIVERED(c, "(c) lone surrogate");
  expect_rejected(c, "(c) lone surrogate");

  // (d) a valid event for a deployed, opted-in resource: dispatched once.
  const std::string event_id = orch_test::unique("hostile-ok");
  put_deployment({"dep-" + event_id, arn});
  const auto d = h.invoke(orch_test::sns_event({orch_test::agent_event({event_id, arn})}));
  ASSERT_DELIVERED(d, "(d) valid event");
  EXPECT_FALSE(d.function_error) << excerpt(d.body);
  const auto body = parse(d.body);
  ASSERT_TRUE(body.IsObject() && body.HasMember("records") && body["records"].IsArray())
      << excerpt(d.body);
  ASSERT_EQ(body["records"].Size(), 1u) << excerpt(d.body);
  EXPECT_EQ(str(body["records"][0], "outcome"), "dispatched") << excerpt(d.body);
  EXPECT_EQ(dispatches_for(event_id).size(), 1u);

  expect_one_process(h, 5);
}
