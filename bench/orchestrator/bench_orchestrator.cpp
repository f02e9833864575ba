// workflow-orchestrator per event, warm: how many AWS and GitHub round trips the happy path
// takes, and the handler's time through lambda-harness. AWS calls are counted by a small
// reverse proxy between the function and moto_server (moto does not count for us); GitHub
// requests by the stand-in's request log.
#include <benchmark/benchmark.h>
#include <httplib.h>

#include <atomic>
#include <cstdio>
#include <map>
#include <mutex>
#include <thread>

#include "../aws/local_moto.h"
#include "orchestrator_support.h"

namespace {

// Forwards every request to moto and counts them by operation.
class counting_proxy {
 public:
  explicit counting_proxy(const std::string& target) : target_(target) {
    auto handler = [this](const httplib::Request& req, httplib::Response& res) {
      forward(req, res);
    };
    for (const char* m : {"GET", "PUT", "POST", "DELETE", "HEAD"}) {
      const std::string method = m;
      if (method == "GET") svr_.Get(".*", handler);
      if (method == "PUT") svr_.Put(".*", handler);
      if (method == "POST") svr_.Post(".*", handler);
      if (method == "DELETE") svr_.Delete(".*", handler);
    }
    port_ = svr_.bind_to_any_port("127.0.0.1");
    thread_ = std::thread([this] { svr_.listen_after_bind(); });
  }
  ~counting_proxy() {
    svr_.stop();
    thread_.join();
  }
  std::string endpoint() const { return "http://127.0.0.1:" + std::to_string(port_); }
  long total() const { return total_.load(); }
  std::map<std::string, long> by_operation() {
    std::lock_guard<std::mutex> l(mu_);
    return ops_;
  }

 private:
  void forward(const httplib::Request& req, httplib::Response& res) {
    std::string op = req.get_header_value("X-Amz-Target");
    if (op.empty()) {
      const auto pos = req.body.find("Action=");
      op = pos == std::string::npos ? "S3 " + req.method
                                    : req.body.substr(pos + 7, req.body.find('&', pos) - pos - 7);
    }
    {
      std::lock_guard<std::mutex> l(mu_);
      ops_[op]++;
    }
    total_++;
    httplib::Client c(target_);
    httplib::Headers h;
    for (const auto& [k, v] : req.headers)
      if (k != "Host" && k != "Content-Length" && k != "REMOTE_ADDR" && k != "REMOTE_PORT" &&
          k != "LOCAL_ADDR" && k != "LOCAL_PORT")
        h.emplace(k, v);
    // The request target as sent: path and query string, still encoded.
    const std::string path = req.target.empty() ? req.path : req.target;
    const std::string ct = req.get_header_value("Content-Type");
    httplib::Result r = req.method == "GET"      ? c.Get(path, h)
                        : req.method == "DELETE" ? c.Delete(path, h, req.body, ct)
                        : req.method == "PUT"    ? c.Put(path, h, req.body, ct)
                                                 : c.Post(path, h, req.body, ct);
    if (!r) {
      res.status = 502;
      return;
    }
    res.status = r->status;
    for (const auto& [k, v] : r->headers)
      if (k != "Content-Length" && k != "Transfer-Encoding" && k != "Connection")
        res.set_header(k, v);
    res.body = r->body;
  }

  std::string target_;
  httplib::Server svr_;
  int port_ = 0;
  std::thread thread_;
  std::atomic<long> total_{0};
  std::mutex mu_;
  std::map<std::string, long> ops_;
};

std::string run(const std::string& cmd) {
  FILE* p = ::popen(cmd.c_str(), "r");
  std::string out;
  char buf[4096];
  size_t n;
  while (p && (n = std::fread(buf, 1, sizeof buf, p)) > 0) out.append(buf, n);
  if (p) ::pclose(p);
  return out;
}

long github_requests(const std::string& endpoint) {
  httplib::Client c(endpoint);
  auto r = c.Get("/_stand-in/requests");
  if (!r) return -1;
  rapidjson::Document d;
  d.Parse(r->body.c_str());
  return d.IsArray() ? static_cast<long>(d.Size()) : -1;
}

void BM_WarmHappyPath(benchmark::State& state) {
  bench::local_moto moto;
  if (moto.endpoint().empty()) {
    state.SkipWithError("no moto_server");
    return;
  }
  ::setenv("DRIFT_BUILD_DIR", DRIFT_BUILD_DIR_PATH, 1);
  ::setenv("LAMBDA_HARNESS_BINARY", LAMBDA_HARNESS_PATH, 1);
  rapidjson::Document stack;
  const std::string made = run(std::string("python3 ") + DRIFT_SOURCE_DIR_PATH +
                               "/tests/fixtures/make_stack.py " + moto.endpoint() + " bench");
  stack.Parse(made.c_str());
  if (!stack.IsObject()) {
    state.SkipWithError("make_stack.py failed");
    return;
  }
  auto s = [&](const char* k) { return std::string(stack[k].GetString()); };
  // The GitHub stand-in, its token stored where the function reads it.
  const std::string gh_dir = "/tmp/orch-bench-gh";
  run(std::string("python3 ") + DRIFT_SOURCE_DIR_PATH +
      "/tests/fixtures/github/github_fixture.py start " + gh_dir + " --binary " +
      GITHUB_STAND_IN_PATH + " --token bench-token");
  std::string gh_endpoint = run("cat " + gh_dir + "/endpoint");
  while (!gh_endpoint.empty() && (gh_endpoint.back() == '\n' || gh_endpoint.back() == ' '))
    gh_endpoint.pop_back();
  std::string repo = run("cat " + gh_dir + "/repository");
  while (!repo.empty() && repo.back() == '\n') repo.pop_back();
  run("AWS_ACCESS_KEY_ID=test AWS_SECRET_ACCESS_KEY=test aws --endpoint-url " + moto.endpoint() +
      " --region us-east-1 ssm put-parameter --overwrite --type SecureString --name " +
      s("github_token_parameter") + " --value bench-token > /dev/null 2>&1");

  // One deployment per iteration, so that no remediation lock is ever held.
  const int n = static_cast<int>(state.max_iterations) + 2;
  std::vector<std::string> arns;
  for (int i = 0; i < n; ++i) {
    const std::string arn = "arn:aws:s3:::bench-bucket-" + std::to_string(i);
    arns.push_back(arn);
    const std::string item =
        R"({"deployment_id":{"S":"dep-)" + std::to_string(i) + R"("},"resource_arn":{"S":")" + arn +
        R"("},"deployed_at":{"S":"2025-12-01T08:00:00Z"},"deployment_status":{"S":"success"},"git_commit_sha":{"S":"abc"},"tfvars_path":{"S":"p.tfvars"},"workspace":{"S":"prod"},"environment":{"S":"production"},"state_bucket":{"S":")" +
        s("state_bucket") + R"("},"state_key":{"S":"k"},"lock_table":{"S":")" + s("tf_lock_table") +
        R"("},"policy_version":{"S":"v1.0.0"}})";
    run("AWS_ACCESS_KEY_ID=test AWS_SECRET_ACCESS_KEY=test aws --endpoint-url " + moto.endpoint() +
        " --region us-east-1 dynamodb put-item --table-name " + s("metadata_table") + " --item '" +
        item + "' > /dev/null 2>&1");
  }

  counting_proxy proxy(moto.endpoint());
  orch_test::harness h({{"AWS_REGION", "us-east-1"},
                        {"AWS_ACCESS_KEY_ID", "test"},
                        {"AWS_SECRET_ACCESS_KEY", "test"},
                        {"AWS_ENDPOINT_URL", proxy.endpoint()},
                        {"METADATA_TABLE", s("metadata_table")},
                        {"LOCKS_TABLE", s("locks_table")},
                        {"HISTORY_TABLE", s("history_table")},
                        {"POLICY_TABLE", s("policy_table")},
                        {"ALERT_TOPIC_ARN", s("alert_topic_arn")},
                        {"RETRY_QUEUE_URL", s("retry_queue_url")},
                        {"METRICS_NAMESPACE", s("metrics_namespace")},
                        {"GITHUB_API_URL", gh_endpoint},
                        {"GITHUB_ALLOW_PLAIN_HTTP", "true"},
                        {"GITHUB_REPOSITORY", repo},
                        {"GITHUB_TOKEN_PARAMETER", s("github_token_parameter")},
                        {"AWS_LAMBDA_LOG_LEVEL", "WARN"}});
  // Cold start (token, policy version) outside the measurement.
  int next = 0;
  auto event_for = [&](int i) {
    orch_test::event_spec e("bench-evt-" + std::to_string(i), arns[static_cast<size_t>(i)]);
    return orch_test::sns_event({orch_test::agent_event(e)});
  };
  auto cold = h.invoke(event_for(next++));
  if (cold.body.find("\"dispatched\"") == std::string::npos) {
    state.SkipWithError(("warm-up did not dispatch: " + cold.body).c_str());
    return;
  }
  const long aws0 = proxy.total();
  const long gh0 = github_requests(gh_endpoint);
  const auto ops0 = proxy.by_operation();
  long events = 0;
  for (auto _ : state) {
    auto r = h.invoke(event_for(next++));
    if (r.body.find("\"dispatched\"") == std::string::npos) {
      state.SkipWithError(("not dispatched: " + r.body).c_str());
      break;
    }
    ++events;
  }
  if (events > 0) {
    state.counters["aws_calls_per_event"] =
        static_cast<double>(proxy.total() - aws0) / static_cast<double>(events);
    state.counters["github_calls_per_event"] =
        static_cast<double>(github_requests(gh_endpoint) - gh0) / static_cast<double>(events);
    for (const auto& [op, count] : proxy.by_operation()) {
      const long before = ops0.count(op) ? ops0.at(op) : 0;
      if (count > before)
        std::fprintf(stderr, "  %-40s %.2f per event\n", op.c_str(),
                     static_cast<double>(count - before) / static_cast<double>(events));
    }
  }
  run(std::string("python3 ") + DRIFT_SOURCE_DIR_PATH +
      "/tests/fixtures/github/github_fixture.py stop " + gh_dir);
}
BENCHMARK(BM_WarmHappyPath)->Iterations(30)->Unit(benchmark::kMillisecond)->UseRealTime();

}  // namespace

BENCHMARK_MAIN();
