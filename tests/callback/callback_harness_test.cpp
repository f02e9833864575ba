// agent-callback end to end: the real bootstrap under the emulator harness, invoked through the
// Lambda Invoke API, against moto. Everything is observed from outside: history and locks read
// back from DynamoDB, metrics from CloudWatch, notices from the alert topic's tap queue, the
// completion event from the bus's tap queue.
#include <gtest/gtest.h>
#include <rapidjson/document.h>

#include <chrono>
#include <cmath>
#include <ctime>
#include <map>
#include <memory>
#include <optional>
#include <set>
#include <string>
#include <thread>

#include "aws/cloudwatch.h"
#include "aws/credential_providers.h"
#include "aws/dynamodb.h"
#include "aws/json_protocol.h"
#include "aws/lambda.h"
#include "aws/query_protocol.h"
#include "aws/session.h"
#include "aws/sqs.h"
#include "harness_process.h"
#include "moto.h"
#include "stack.h"

namespace {
namespace ddb = aws::dynamodb;
using clock_type = std::chrono::system_clock;

std::string iso(clock_type::time_point t) {
  const std::time_t tt = clock_type::to_time_t(t);
  std::tm tm{};
  ::gmtime_r(&tt, &tm);
  char buf[32];
  std::strftime(buf, sizeof buf, "%Y-%m-%dT%H:%M:%SZ", &tm);
  return buf;
}

long long epoch_now() {
  return std::chrono::duration_cast<std::chrono::seconds>(clock_type::now().time_since_epoch())
      .count();
}

struct invoke_outcome {
  std::string function_error;
  rapidjson::Document body;
  std::string raw;
};

// Messages read from a tap queue, kept by drift_event_id: tests share the queues.
struct tap {
  std::string queue_url;
  std::multimap<std::string, std::string> by_event;  // drift_event_id -> whole message body
};

class CallbackTest : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    setenv("AWS_ACCESS_KEY_ID", "test", 1);
    setenv("AWS_SECRET_ACCESS_KEY", "test", 1);
    setenv("AWS_REGION", "us-east-1", 1);
    setenv("AWS_ENDPOINT_URL", drift_test::moto_endpoint().c_str(), 1);
    unsetenv("AWS_ENDPOINT_URL_LAMBDA");
    stack_ = new drift_test::stack(drift_test::make_stack("cb"));
    harness_ = new callback_test::harness_process("agent-callback",
                                                  {{"HISTORY_TABLE", at("history_table")},
                                                   {"LOCKS_TABLE", at("locks_table")},
                                                   {"REMEDIATIONS_TABLE", at("remediations_table")},
                                                   {"ALERT_TOPIC_ARN", at("alert_topic_arn")},
                                                   {"EVENT_BUS_NAME", at("event_bus_name")},
                                                   {"METRICS_NAMESPACE", at("metrics_namespace")},
                                                   {"MTTR_TOLERANCE_SECONDS", "60"},
                                                   {"AWS_LAMBDA_LOG_LEVEL", "DEBUG"}});
    // Only the Invoke calls go to the harness; everything else to moto.
    setenv("AWS_ENDPOINT_URL_LAMBDA", harness_->endpoint().c_str(), 1);
    aws::session::options o;
    o.region = "us-east-1";
    o.credentials = aws::static_credentials({"test", "test", "", {}});
    keep_ = new std::shared_ptr<aws::session>(std::make_shared<aws::session>(std::move(o)));
    session_ = keep_->get();
    alerts_ = new tap{at("alerts_queue_url"), {}};
    bus_ = new tap{at("event_bus_queue_url"), {}};
  }
  static void TearDownTestSuite() {
    delete harness_;
    delete alerts_;
    delete bus_;
    delete stack_;
    delete keep_;
  }

  static std::string at(const char* k) { return stack_->at(k); }
  static std::map<std::string, std::string> function_env() {
    return {{"HISTORY_TABLE", at("history_table")},
            {"LOCKS_TABLE", at("locks_table")},
            {"REMEDIATIONS_TABLE", at("remediations_table")},
            {"ALERT_TOPIC_ARN", at("alert_topic_arn")},
            {"EVENT_BUS_NAME", at("event_bus_name")},
            {"METRICS_NAMESPACE", at("metrics_namespace")},
            {"MTTR_TOLERANCE_SECONDS", "60"},
            {"AWS_LAMBDA_LOG_LEVEL", "DEBUG"}};
  }
  static aws::session& s() { return *session_; }

  // A history item as the orchestrator leaves it after dispatching.
  static void put_history(const std::string& id, const std::string& status,
                          clock_type::time_point detected, const std::string& environment,
                          const std::string& severity = "HIGH",
                          const std::string& change_time = "") {
    ddb::put_request p;
    p.table = at("history_table");
    p.attributes = {{"drift_event_id", id},
                    {"timestamp", iso(detected)},
                    {"status", status},
                    {"severity", severity},
                    {"priority", "P1"},
                    {"environment", environment},
                    {"resource_arn", "arn:aws:s3:::bucket-" + id},
                    {"terraform_address", "aws_s3_bucket.data"},
                    {"deployment_id", "dep-" + id},
                    {"lock_id", "dep-" + id},
                    {"ttl", epoch_now() + 90 * 86400}};
    // The orchestrator records the change time of events that carry one.
    if (!change_time.empty()) p.attributes["change_time"] = change_time;
    auto r = ddb::put_item(s(), p);
    ASSERT_TRUE(r.ok()) << r.error().describe();
  }

  static void put_lock(const std::string& lock_id, const std::string& owner, long long ttl) {
    ddb::put_request p;
    p.table = at("locks_table");
    p.attributes = {{"lock_id", lock_id}, {"owner", owner}, {"ttl", ttl}};
    auto r = ddb::put_item(s(), p);
    ASSERT_TRUE(r.ok()) << r.error().describe();
  }

  static std::vector<ddb::item> history(const std::string& id) {
    ddb::query_request q;
    q.table = at("history_table");
    q.key_condition = "drift_event_id = :id";
    q.args.values = {{":id", id}};
    q.consistent_read = true;
    auto r = ddb::query(s(), q);
    EXPECT_TRUE(r.ok()) << r.error().describe();
    return r.ok() ? *r : std::vector<ddb::item>{};
  }

  // A remediation as the orchestrator records it before dispatching (docs/remediation-claim.md).
  static void put_remediation(const std::string& rem_id, const std::string& event_id,
                              std::vector<ddb::value> addresses) {
    ddb::put_request p;
    p.table = at("remediations_table");
    ddb::item state = {{"bucket", "tfstate"},
                       {"key", "platform/terraform.tfstate"},
                       {"workspace_key_prefix", "env:"},
                       {"region", "us-east-1"},
                       {"lock_table", "tflock"},
                       {"use_lockfile", false}};
    p.attributes = {{"remediation_id", rem_id},
                    {"status", "recorded"},
                    {"deployment_id", "dep-" + event_id},
                    {"drift_event_ids", std::vector<ddb::value>{event_id}},
                    {"history_timestamp", "2025-12-05T10:30:00Z"},
                    {"git_commit_sha", "c0ffee"},
                    {"git_branch", "main"},
                    {"tfvars_path", "prod.tfvars"},
                    {"workspace", "prod"},
                    {"region", "us-east-1"},
                    {"state", ddb::value(state)},
                    {"addresses", std::move(addresses)},
                    {"auto_approve", true},
                    {"manual_review_required", false},
                    {"review_reasons", std::vector<ddb::value>{}},
                    {"severity", "HIGH"},
                    {"environment", "prod"},
                    {"ttl", epoch_now() + 86400}};
    auto r = ddb::put_item(s(), p);
    ASSERT_TRUE(r.ok()) << r.error().describe();
  }

  static std::optional<ddb::item> remediation(const std::string& rem_id) {
    auto r = ddb::get_item(s(), at("remediations_table"), {{"remediation_id", rem_id}}, true);
    EXPECT_TRUE(r.ok()) << r.error().describe();
    return r.ok() ? *r : std::nullopt;
  }

  static std::string claim(const std::string& rem_id, const std::string& run_id) {
    return R"({"action":"claim","remediation_id":")" + rem_id + R"(","run_id":")" + run_id +
           R"(","run_url":"https://github.example/o/r/actions/runs/)" + run_id + R"("})";
  }

  static std::optional<ddb::item> lock(const std::string& lock_id) {
    auto r = ddb::get_item(s(), at("locks_table"), {{"lock_id", lock_id}}, true);
    EXPECT_TRUE(r.ok()) << r.error().describe();
    return r.ok() ? *r : std::nullopt;
  }

  static invoke_outcome invoke(const std::string& payload, aws::session* via = nullptr) {
    invoke_outcome out;
    auto r = aws::lambda::invoke(via ? *via : s(), "agent-callback", payload,
                                 aws::lambda::invocation_type::request_response);
    EXPECT_TRUE(r.ok()) << r.error().describe();
    if (!r.ok()) return out;
    EXPECT_EQ(r->status, 200);
    out.function_error = r->function_error;
    out.raw = r->payload;
    out.body.Parse(r->payload.c_str());
    return out;
  }

  static std::string call(const std::string& id, const std::string& status,
                          const std::string& extra = "") {
    return "{\"drift_event_id\":\"" + id + "\",\"remediation_status\":\"" + status + "\"" + extra +
           "}";
  }

  // Reads the tap queue until `id` has `want` messages or `wait` passes.
  static std::vector<std::string> messages_for(tap& t, const std::string& id, size_t want,
                                               std::chrono::seconds wait, bool sns_envelope) {
    const auto deadline = std::chrono::steady_clock::now() + wait;
    for (;;) {
      if (t.by_event.count(id) >= want || std::chrono::steady_clock::now() >= deadline) break;
      auto got = aws::sqs::receive_messages(s(), t.queue_url, {10, 1, {}});
      if (!got.ok()) break;
      for (const auto& m : *got) {
        rapidjson::Document d;
        d.Parse(m.body.c_str());
        std::string inner = m.body;
        if (sns_envelope && d.IsObject() && d.HasMember("Message"))
          inner = d["Message"].GetString();
        rapidjson::Document in;
        in.Parse(inner.c_str());
        std::string key;
        if (in.IsObject() && in.HasMember("drift_event_id")) key = in["drift_event_id"].GetString();
        if (in.IsObject() && in.HasMember("detail") && in["detail"].IsObject() &&
            in["detail"].HasMember("drift_event_id"))
          key = in["detail"]["drift_event_id"].GetString();
        t.by_event.emplace(key, m.body);
        aws::sqs::delete_message(s(), t.queue_url, m.receipt_handle);
      }
    }
    std::vector<std::string> out;
    auto [b, e] = t.by_event.equal_range(id);
    for (auto it = b; it != e; ++it) out.push_back(it->second);
    return out;
  }
  static std::vector<std::string> notices(const std::string& id, size_t want = 1) {
    return messages_for(*alerts_, id, want, std::chrono::seconds(want ? 5 : 2), true);
  }
  static std::vector<std::string> events(const std::string& id, size_t want = 1) {
    return messages_for(*bus_, id, want, std::chrono::seconds(want ? 5 : 2), false);
  }

  // Every datum of a metric with these dimension values, summed / counted (GetMetricData).
  struct metric_values {
    double sum = 0;
    int samples = 0;
    std::vector<double> values;
  };
  static metric_values metric(const std::string& name, const std::string& env,
                              const std::string& severity, const char* stat = "Sum",
                              const std::string& from = "") {
    const std::string m = "MetricDataQueries.member.1.";
    aws::query_params p = {{m + "Id", "m1"},
                           {m + "MetricStat.Metric.Namespace", at("metrics_namespace")},
                           {m + "MetricStat.Metric.MetricName", name},
                           {m + "MetricStat.Metric.Dimensions.member.1.Name", "Environment"},
                           {m + "MetricStat.Metric.Dimensions.member.1.Value", env},
                           {m + "MetricStat.Metric.Dimensions.member.2.Name", "Severity"},
                           {m + "MetricStat.Metric.Dimensions.member.2.Value", severity},
                           {m + "MetricStat.Period", "60"},
                           {m + "MetricStat.Stat", stat},
                           {"StartTime", iso(clock_type::now() - std::chrono::hours(1))},
                           {"EndTime", iso(clock_type::now() + std::chrono::hours(1))}};
    if (!from.empty()) {
      p.emplace_back(m + "MetricStat.Metric.Dimensions.member.3.Name", "From");
      p.emplace_back(m + "MetricStat.Metric.Dimensions.member.3.Value", from);
    }
    auto r = aws::query_call(s(), aws::services::cloudwatch, "GetMetricData", p);
    EXPECT_TRUE(r.ok()) << r.error().describe();
    metric_values out;
    if (!r.ok()) return out;
    for (auto v : r->result.select_nodes(".//Values/member")) {
      const double x = std::stod(v.node().child_value());
      out.values.push_back(x);
      out.sum += x;
      ++out.samples;
    }
    return out;
  }
  static std::set<std::string> metric_names(const std::string& env) {
    auto all = aws::cloudwatch::list_metrics(s(), at("metrics_namespace"));
    EXPECT_TRUE(all.ok()) << all.error().describe();
    std::set<std::string> names;
    if (!all.ok()) return names;
    for (const auto& m : *all) {
      std::map<std::string, std::string> dims(m.dimensions.begin(), m.dimensions.end());
      if (dims.count("Environment") && dims["Environment"] == env && dims.count("Severity"))
        names.insert(m.name);
    }
    return names;
  }

  // The dimension sets `name` was published with for `env`, each as "k=v,k=v" (sorted).
  static std::set<std::string> dimension_sets(const std::string& name, const std::string& env) {
    auto all = aws::cloudwatch::list_metrics(s(), at("metrics_namespace"));
    EXPECT_TRUE(all.ok()) << all.error().describe();
    std::set<std::string> out;
    if (!all.ok()) return out;
    for (const auto& m : *all) {
      std::map<std::string, std::string> dims(m.dimensions.begin(), m.dimensions.end());
      if (m.name != name || dims["Environment"] != env) continue;
      std::string set;
      for (const auto& [k, v] : dims) set += (set.empty() ? "" : ",") + k + "=" + v;
      out.insert(set);
    }
    return out;
  }

  static std::string unique(const std::string& what) {
    static int n = 0;
    return what + "-" + std::to_string(::getpid()) + "-" + std::to_string(++n);
  }

  static drift_test::stack* stack_;
  static callback_test::harness_process* harness_;
  static aws::session* session_;
  static std::shared_ptr<aws::session>* keep_;
  static tap* alerts_;
  static tap* bus_;
};

drift_test::stack* CallbackTest::stack_ = nullptr;
callback_test::harness_process* CallbackTest::harness_ = nullptr;
aws::session* CallbackTest::session_ = nullptr;
std::shared_ptr<aws::session>* CallbackTest::keep_ = nullptr;
tap* CallbackTest::alerts_ = nullptr;
tap* CallbackTest::bus_ = nullptr;

TEST_F(CallbackTest, SuccessRecordsHistoryReleasesLockPublishesMetricsAndEvent) {
  const std::string id = unique("ok");
  const std::string env = unique("env-ok");
  put_history(id, "dispatched", clock_type::now() - std::chrono::seconds(300), env, "HIGH");
  put_lock("dep-" + id, id, epoch_now() + 600);

  auto r = invoke(
      call(id, "success", ",\"workflow_run_url\":\"https://github.com/o/r/actions/runs/1\""));
  ASSERT_EQ(r.function_error, "") << r.raw;
  EXPECT_STREQ(r.body["status"].GetString(), "remediated");
  EXPECT_TRUE(r.body["changed"].GetBool());
  EXPECT_STREQ(r.body["lock"].GetString(), "released");

  auto items = history(id);
  ASSERT_EQ(items.size(), 1u);
  EXPECT_EQ(ddb::get_s(items[0], "status"), "remediated");
  EXPECT_EQ(ddb::get_s(items[0], "workflow_run_url"), "https://github.com/o/r/actions/runs/1");
  EXPECT_FALSE(ddb::get_s(items[0], "completed_at").empty());
  auto mttr = ddb::get_double(items[0], "mttr_seconds");
  ASSERT_TRUE(mttr.has_value());
  EXPECT_NEAR(*mttr, 300, 30);
  EXPECT_FALSE(lock("dep-" + id).has_value()) << "the remediation lock must be released";

  auto names = metric_names(env);
  EXPECT_TRUE(names.count("MTTR")) << "MTTR with Environment+Severity";
  EXPECT_FALSE(names.count("RemediationSuccess")) << "success is the revert check's to count";
  auto m = metric("MTTR", env, "HIGH", "Maximum");
  ASSERT_EQ(m.samples, 1);
  EXPECT_NEAR(m.values[0], 300, 30);

  auto ev = events(id);
  ASSERT_EQ(ev.size(), 1u);
  rapidjson::Document e;
  e.Parse(ev[0].c_str());
  EXPECT_STREQ(e["source"].GetString(), "drift-detection.callback");
  EXPECT_STREQ(e["detail-type"].GetString(), "Drift Remediation Completed");
  EXPECT_STREQ(e["detail"]["status"].GetString(), "remediated");
  EXPECT_STREQ(e["detail"]["resource_arn"].GetString(), ("arn:aws:s3:::bucket-" + id).c_str());
  EXPECT_TRUE(notices(id, 0).empty()) << "a success is not a notice";
}

TEST_F(CallbackTest, FailureNotifiesWithRunUrlAndErrorAndCountsNoSuccess) {
  const std::string id = unique("fail");
  const std::string env = unique("env-fail");
  put_history(id, "dispatched", clock_type::now() - std::chrono::seconds(120), env, "CRITICAL");
  put_lock("dep-" + id, id, epoch_now() + 600);

  auto r = invoke(call(id, "failure",
                       ",\"workflow_run_url\":\"https://github.com/o/r/actions/runs/2\","
                       "\"error_message\":\"Error: AccessDenied on PutBucketVersioning\""));
  ASSERT_EQ(r.function_error, "") << r.raw;
  auto items = history(id);
  ASSERT_EQ(items.size(), 1u);
  EXPECT_EQ(ddb::get_s(items[0], "status"), "remediation_failed");
  EXPECT_EQ(ddb::get_s(items[0], "error_message"), "Error: AccessDenied on PutBucketVersioning");
  EXPECT_FALSE(lock("dep-" + id).has_value());

  auto n = notices(id);
  ASSERT_EQ(n.size(), 1u);
  rapidjson::Document env_doc;
  env_doc.Parse(n[0].c_str());
  EXPECT_NE(std::string(env_doc["Subject"].GetString()).find("failed"), std::string::npos);
  rapidjson::Document msg;
  msg.Parse(env_doc["Message"].GetString());
  EXPECT_STREQ(msg["status"].GetString(), "remediation_failed");
  EXPECT_STREQ(msg["workflow_run_url"].GetString(), "https://github.com/o/r/actions/runs/2");
  EXPECT_STREQ(msg["error_message"].GetString(), "Error: AccessDenied on PutBucketVersioning");
  EXPECT_STREQ(msg["resource_arn"].GetString(), ("arn:aws:s3:::bucket-" + id).c_str());

  EXPECT_EQ(metric("RemediationSuccess", env, "CRITICAL").samples, 1);
  EXPECT_EQ(metric("RemediationSuccess", env, "CRITICAL").sum, 0);
  EXPECT_FALSE(metric_names(env).count("MTTR")) << "a failed run did not recover anything";
  auto ev = events(id);
  ASSERT_EQ(ev.size(), 1u);
  EXPECT_NE(ev[0].find("remediation_failed"), std::string::npos);
}

TEST_F(CallbackTest, SeedsFailedStatusIsAFailureToo) {
  const std::string id = unique("failed");
  put_history(id, "dispatched", clock_type::now() - std::chrono::seconds(60), unique("env"));
  auto r = invoke(call(id, "failed"));
  ASSERT_EQ(r.function_error, "") << r.raw;
  EXPECT_EQ(ddb::get_s(history(id)[0], "status"), "remediation_failed");
}

TEST_F(CallbackTest, CancelledNotifiesAndReleasesLock) {
  const std::string id = unique("cancel");
  put_history(id, "dispatched", clock_type::now() - std::chrono::seconds(60), unique("env-cancel"));
  put_lock("dep-" + id, id, epoch_now() + 600);
  auto r = invoke(call(id, "cancelled"));
  ASSERT_EQ(r.function_error, "") << r.raw;
  EXPECT_EQ(ddb::get_s(history(id)[0], "status"), "cancelled");
  EXPECT_FALSE(lock("dep-" + id).has_value());
  auto n = notices(id);
  ASSERT_EQ(n.size(), 1u);
  EXPECT_NE(n[0].find("cancelled"), std::string::npos);
}

TEST_F(CallbackTest, AwaitingReviewKeepsAndExtendsLockAndIsNotFinal) {
  const std::string id = unique("review");
  const std::string env = unique("env-review");
  put_history(id, "dispatched", clock_type::now() - std::chrono::seconds(60), env);
  const long long short_ttl = epoch_now() + 300;
  put_lock("dep-" + id, id, short_ttl);
  auto r = invoke(call(id, "awaiting_review",
                       ",\"workflow_run_url\":\"https://github.com/o/r/actions/runs/3\""));
  ASSERT_EQ(r.function_error, "") << r.raw;
  EXPECT_STREQ(r.body["lock"].GetString(), "kept");
  auto items = history(id);
  EXPECT_EQ(ddb::get_s(items[0], "status"), "awaiting_review");
  EXPECT_TRUE(ddb::get_s(items[0], "completed_at").empty());
  auto l = lock("dep-" + id);
  ASSERT_TRUE(l.has_value()) << "a run waiting for review keeps the lock";
  EXPECT_EQ(ddb::get_s(*l, "owner"), id);
  EXPECT_GT(ddb::get_int(*l, "ttl").value_or(0), short_ttl + 3600);
  EXPECT_TRUE(metric_names(env).empty()) << "no outcome metrics before the outcome";
  EXPECT_EQ(notices(id).size(), 1u) << "a human is asked to look";
  EXPECT_TRUE(events(id, 0).empty()) << "not completed yet";

  // The reviewer's run then finishes: the final outcome is accepted after a review.
  auto done = invoke(call(id, "success"));
  ASSERT_EQ(done.function_error, "") << done.raw;
  EXPECT_EQ(ddb::get_s(history(id)[0], "status"), "remediated");
  EXPECT_FALSE(lock("dep-" + id).has_value());
}

TEST_F(CallbackTest, ReviewTheOrchestratorAlreadyRecordedStillHoldsTheLock) {
  const std::string id = unique("review-dispatched");
  put_history(id, "awaiting_review", clock_type::now() - std::chrono::seconds(60), unique("env"));
  const long long short_ttl = epoch_now() + 300;
  put_lock("dep-" + id, id, short_ttl);
  const auto before = history(id);
  auto r = invoke(call(id, "awaiting_review"));
  ASSERT_EQ(r.function_error, "") << r.raw;
  EXPECT_FALSE(r.body["changed"].GetBool());
  EXPECT_EQ(history(id), before);
  auto l = lock("dep-" + id);
  ASSERT_TRUE(l.has_value());
  const long long extended = ddb::get_int(*l, "ttl").value_or(0);
  EXPECT_GT(extended, short_ttl + 3600);
  std::this_thread::sleep_for(std::chrono::milliseconds(1100));
  ASSERT_EQ(invoke(call(id, "awaiting_review")).function_error, "");
  EXPECT_EQ(ddb::get_int(*lock("dep-" + id), "ttl").value_or(0), extended)
      << "an immediate repeat changes nothing";
}

// The orchestrator's lease on a record it is still dispatching.
void lease(const std::string& table, const std::string& id, const std::string& timestamp,
           long long until, aws::session& s) {
  ddb::update_request u;
  u.table = table;
  u.key = {{"drift_event_id", id}, {"timestamp", timestamp}};
  u.update = "SET lease_owner = :o, lease_until = :u";
  u.args.values = {{":o", "orchestrator-request-1"}, {":u", until}};
  auto r = ddb::update_item(s, u);
  ASSERT_TRUE(r.ok()) << r.error().describe();
}

TEST_F(CallbackTest, WaitsForTheOrchestratorsLeaseBeforeRecording) {
  const std::string id = unique("leased");
  const auto detected = clock_type::now() - std::chrono::seconds(60);
  put_history(id, "received", detected, unique("env"));
  lease(at("history_table"), id, iso(detected), epoch_now() + 2, s());
  auto r = invoke(call(id, "success"));
  ASSERT_EQ(r.function_error, "") << r.raw;
  EXPECT_EQ(ddb::get_s(history(id)[0], "status"), "remediated");
}

TEST_F(CallbackTest, ARecordLeasedForLongIsLeftForALaterCall) {
  const std::string id = unique("leased-long");
  const auto detected = clock_type::now() - std::chrono::seconds(60);
  put_history(id, "received", detected, unique("env"));
  lease(at("history_table"), id, iso(detected), epoch_now() + 600, s());
  const auto before = history(id);
  auto r = invoke(call(id, "success"));
  ASSERT_TRUE(r.body.IsObject()) << r.raw;
  EXPECT_STREQ(r.body["errorType"].GetString(), "DependencyFailure");
  EXPECT_EQ(history(id), before);
}

TEST_F(CallbackTest, MissingOrMalformedFieldsAreInvalidInputAndWriteNothing) {
  const std::string id = unique("invalid");
  put_history(id, "dispatched", clock_type::now() - std::chrono::seconds(60), unique("env"));
  const auto before = history(id);
  struct bad_case {
    std::string payload;
    std::string mentions;
  };
  for (const auto& c : std::vector<bad_case>{
           {"{}", "drift_event_id"},
           {"{\"remediation_status\":\"success\"}", "drift_event_id"},
           {"{\"drift_event_id\":\"" + id + "\"}", "remediation_status"},
           {call(id, "exploded"), "remediation_status"},
           {call(id, "success", ",\"mttr_seconds\":\"soon\""), "mttr_seconds"},
           {call(id, "success", ",\"mttr_seconds\":-5"), "mttr_seconds"},
           {"{\"drift_event_id\":42,\"remediation_status\":\"success\"}", "drift_event_id"},
           {"[1,2]", "JSON object"}}) {
    auto r = invoke(c.payload);
    EXPECT_EQ(r.function_error, "Unhandled") << c.payload;
    ASSERT_TRUE(r.body.IsObject()) << r.raw;
    EXPECT_STREQ(r.body["errorType"].GetString(), "InvalidInput") << c.payload;
    EXPECT_NE(std::string(r.body["errorMessage"].GetString()).find(c.mentions), std::string::npos)
        << r.raw;
  }
  const auto after = history(id);
  ASSERT_EQ(after.size(), 1u);
  EXPECT_EQ(after[0], before[0]) << "a refused call writes nothing";
  EXPECT_TRUE(notices(id, 0).empty());
}

TEST_F(CallbackTest, UnknownEventIdIsRefusedAndCreatesNothing) {
  const std::string id = unique("unknown");
  auto r = invoke(call(id, "success"));
  EXPECT_EQ(r.function_error, "Unhandled");
  ASSERT_TRUE(r.body.IsObject()) << r.raw;
  EXPECT_STREQ(r.body["errorType"].GetString(), "UnknownDriftEvent");
  EXPECT_NE(std::string(r.body["errorMessage"].GetString()).find(id), std::string::npos);
  EXPECT_TRUE(history(id).empty());
  EXPECT_TRUE(events(id, 0).empty());
}

TEST_F(CallbackTest, RepeatedCallSucceedsAndChangesNothing) {
  const std::string id = unique("repeat");
  const std::string env = unique("env-repeat");
  put_history(id, "dispatched", clock_type::now() - std::chrono::seconds(200), env);
  put_lock("dep-" + id, id, epoch_now() + 600);
  const std::string payload = call(id, "success", ",\"workflow_run_url\":\"https://x/runs/9\"");
  auto first = invoke(payload);
  ASSERT_EQ(first.function_error, "") << first.raw;
  const auto after_first = history(id);
  ASSERT_EQ(events(id).size(), 1u);
  std::this_thread::sleep_for(std::chrono::milliseconds(1100));  // a second write would differ

  auto second = invoke(payload);
  ASSERT_EQ(second.function_error, "") << second.raw;
  EXPECT_FALSE(second.body["changed"].GetBool());
  EXPECT_STREQ(second.body["status"].GetString(), "remediated");
  EXPECT_EQ(history(id), after_first) << "the repeat changed the record";
  EXPECT_EQ(events(id, 2).size(), 1u) << "one completion event, not two";
  EXPECT_EQ(metric("MTTR", env, "HIGH", "Maximum").samples, 1) << "counted once";
}

TEST_F(CallbackTest, ConflictingFinalStatusIsRefused) {
  const std::string id = unique("conflict");
  put_history(id, "dispatched", clock_type::now() - std::chrono::seconds(100), unique("env"));
  ASSERT_EQ(invoke(call(id, "success")).function_error, "");
  const auto recorded = history(id);

  auto r = invoke(call(id, "failure", ",\"error_message\":\"late\""));
  EXPECT_EQ(r.function_error, "Unhandled");
  ASSERT_TRUE(r.body.IsObject()) << r.raw;
  EXPECT_STREQ(r.body["errorType"].GetString(), "StatusConflict");
  EXPECT_NE(std::string(r.body["errorMessage"].GetString()).find("remediated"), std::string::npos);
  EXPECT_EQ(history(id), recorded) << "never a silent overwrite";
  EXPECT_TRUE(notices(id, 0).empty());

  // A review request after the end is just as stale.
  auto late_review = invoke(call(id, "awaiting_review"));
  ASSERT_TRUE(late_review.body.IsObject());
  EXPECT_STREQ(late_review.body["errorType"].GetString(), "StatusConflict");
}

TEST_F(CallbackTest, OrchestratorFinalStatusIsNotOverwritten) {
  const std::string id = unique("unmatched");
  put_history(id, "unmatched", clock_type::now() - std::chrono::seconds(100), unique("env"));
  auto r = invoke(call(id, "success"));
  ASSERT_TRUE(r.body.IsObject());
  EXPECT_STREQ(r.body["errorType"].GetString(), "StatusConflict");
  EXPECT_EQ(ddb::get_s(history(id)[0], "status"), "unmatched");
}

TEST_F(CallbackTest, MttrComputedFromRecordWhenNotGiven) {
  const std::string id = unique("mttr-computed");
  put_history(id, "dispatched", clock_type::now() - std::chrono::seconds(900), unique("env"));
  auto r = invoke(call(id, "success"));
  ASSERT_EQ(r.function_error, "") << r.raw;
  EXPECT_STREQ(r.body["mttr_source"].GetString(), "computed");
  EXPECT_NEAR(*ddb::get_double(history(id)[0], "mttr_seconds"), 900, 30);
}

TEST_F(CallbackTest, GivenMttrWithinToleranceIsKept) {
  const std::string id = unique("mttr-given");
  put_history(id, "dispatched", clock_type::now() - std::chrono::seconds(600), unique("env"));
  auto r = invoke(call(id, "success", ",\"mttr_seconds\":590"));
  ASSERT_EQ(r.function_error, "") << r.raw;
  EXPECT_STREQ(r.body["mttr_source"].GetString(), "given");
  EXPECT_EQ(*ddb::get_double(history(id)[0], "mttr_seconds"), 590);
}

TEST_F(CallbackTest, GivenMttrContradictingRecordIsReplaced) {
  const std::string id = unique("mttr-wrong");
  const std::string env = unique("env-mttr");
  put_history(id, "dispatched", clock_type::now() - std::chrono::seconds(600), env);
  auto r = invoke(call(id, "success", ",\"mttr_seconds\":5"));
  ASSERT_EQ(r.function_error, "") << r.raw;
  EXPECT_STREQ(r.body["mttr_source"].GetString(), "replaced");
  const double stored = *ddb::get_double(history(id)[0], "mttr_seconds");
  EXPECT_NEAR(stored, 600, 30);
  auto m = metric("MTTR", env, "HIGH", "Maximum");
  ASSERT_EQ(m.samples, 1);
  EXPECT_NEAR(m.values[0], 600, 30) << "the metric carries the record's figure, not the caller's";
}

TEST_F(CallbackTest, MttrFromTheChangeIsPublishedBesideTheOneFromDetection) {
  const std::string id = unique("mttr-change");
  const std::string env = unique("env-change");
  const auto now = clock_type::now();
  put_history(id, "dispatched", now - std::chrono::seconds(300), env, "HIGH",
              iso(now - std::chrono::seconds(900)));
  auto r = invoke(call(id, "success"));
  ASSERT_EQ(r.function_error, "") << r.raw;
  const auto item = history(id).at(0);
  EXPECT_NEAR(*ddb::get_double(item, "mttr_seconds"), 300, 30);
  auto from_change = ddb::get_double(item, "mttr_from_change_seconds");
  ASSERT_TRUE(from_change.has_value());
  EXPECT_NEAR(*from_change, 900, 30);
  // The series from the detection keeps exactly its dimensions; the new one adds From=change.
  EXPECT_EQ(dimension_sets("MTTR", env),
            (std::set<std::string>{"Environment=" + env + ",From=change,Severity=HIGH",
                                   "Environment=" + env + ",Severity=HIGH"}));
  auto m = metric("MTTR", env, "HIGH", "Maximum", "change");
  ASSERT_EQ(m.samples, 1);
  EXPECT_NEAR(m.values[0], 900, 30);

  // No change time on the item: no From=change datum, nothing stored.
  const std::string plain = unique("mttr-no-change");
  const std::string plain_env = unique("env-no-change");
  put_history(plain, "dispatched", now - std::chrono::seconds(300), plain_env);
  ASSERT_EQ(invoke(call(plain, "success")).function_error, "");
  EXPECT_FALSE(ddb::get_double(history(plain).at(0), "mttr_from_change_seconds").has_value());
  EXPECT_EQ(dimension_sets("MTTR", plain_env),
            (std::set<std::string>{"Environment=" + plain_env + ",Severity=HIGH"}));

  // A failed run recovered nothing: no MTTR of either kind.
  const std::string failed = unique("mttr-change-failed");
  const std::string failed_env = unique("env-change-failed");
  put_history(failed, "dispatched", now - std::chrono::seconds(300), failed_env, "HIGH",
              iso(now - std::chrono::seconds(900)));
  ASSERT_EQ(invoke(call(failed, "failure")).function_error, "");
  EXPECT_TRUE(dimension_sets("MTTR", failed_env).empty());
}

TEST_F(CallbackTest, LockHeldByAnotherEventIsLeftAlone) {
  const std::string id = unique("not-owner");
  put_history(id, "dispatched", clock_type::now() - std::chrono::seconds(60), unique("env"));
  // Our lock expired and another event took it.
  put_lock("dep-" + id, "someone-else", epoch_now() + 600);
  auto r = invoke(call(id, "success"));
  ASSERT_EQ(r.function_error, "") << r.raw;
  EXPECT_STREQ(r.body["lock"].GetString(), "not_owner");
  auto l = lock("dep-" + id);
  ASSERT_TRUE(l.has_value());
  EXPECT_EQ(ddb::get_s(*l, "owner"), "someone-else");
}

TEST_F(CallbackTest, RacingDifferentOutcomesOneWinsTheOtherIsRefused) {
  const std::string id = unique("race");
  put_history(id, "dispatched", clock_type::now() - std::chrono::seconds(60), unique("env-race"));
  put_lock("dep-" + id, id, epoch_now() + 600);
  // Each thread its own session: the HTTP connection is per session.
  auto session_for_thread = [] {
    aws::session::options o;
    o.region = "us-east-1";
    o.credentials = aws::static_credentials({"test", "test", "", {}});
    return std::make_shared<aws::session>(std::move(o));
  };
  auto s1 = session_for_thread();
  auto s2 = session_for_thread();
  invoke_outcome a, b;
  std::thread t1([&] { a = invoke(call(id, "success"), s1.get()); });
  std::thread t2([&] { b = invoke(call(id, "failure"), s2.get()); });
  t1.join();
  t2.join();
  const bool a_won = a.function_error.empty();
  const bool b_won = b.function_error.empty();
  ASSERT_NE(a_won, b_won) << "exactly one outcome is recorded: " << a.raw << " / " << b.raw;
  const invoke_outcome& loser = a_won ? b : a;
  ASSERT_TRUE(loser.body.IsObject()) << loser.raw;
  EXPECT_STREQ(loser.body["errorType"].GetString(), "StatusConflict");
  EXPECT_EQ(ddb::get_s(history(id)[0], "status"), a_won ? "remediated" : "remediation_failed");
  EXPECT_EQ(events(id, 2).size(), 1u) << "one completion event";
}

TEST_F(CallbackTest, ReportingThatFailedIsCompletedByTheNextCall) {
  const std::string id = unique("partial");
  put_history(id, "dispatched", clock_type::now() - std::chrono::seconds(60), unique("env"));
  put_lock("dep-" + id, id, epoch_now() + 600);
  // A callback configured with a bus that does not exist yet: PutEvents fails after the record
  // was updated.
  auto env = function_env();
  const std::string bus = at("event_bus_name") + "-late";
  env["EVENT_BUS_NAME"] = bus;
  callback_test::harness_process other("agent-callback", env);
  aws::session::options o;
  o.region = "us-east-1";
  o.credentials = aws::static_credentials({"test", "test", "", {}});
  aws::session via(std::move(o));
  setenv("AWS_ENDPOINT_URL_LAMBDA", other.endpoint().c_str(), 1);
  auto first = invoke(call(id, "success"), &via);
  ASSERT_TRUE(first.body.IsObject()) << first.raw;
  EXPECT_STREQ(first.body["errorType"].GetString(), "DependencyFailure");
  EXPECT_EQ(ddb::get_s(history(id)[0], "status"), "remediated");
  EXPECT_EQ(ddb::get_bool(history(id)[0], "outcome_published"), false);

  auto created = aws::json_call(s(), aws::services::eventbridge, "CreateEventBus",
                                std::string("{\"Name\":\"" + bus + "\"}"));
  ASSERT_TRUE(created.ok()) << created.error().describe();
  auto second = invoke(call(id, "success"), &via);
  setenv("AWS_ENDPOINT_URL_LAMBDA", harness_->endpoint().c_str(), 1);
  ASSERT_EQ(second.function_error, "") << second.raw;
  EXPECT_TRUE(second.body["changed"].GetBool()) << "the repeat finished the reporting";
  EXPECT_EQ(ddb::get_bool(history(id)[0], "outcome_published"), true);
  EXPECT_FALSE(lock("dep-" + id).has_value());
}

// --- The claim (docs/remediation-claim.md) ----------------------------------------------------

TEST_F(CallbackTest, ClaimAnswersTheRecordedFactsAndASecondRunIsRefused) {
  const std::string id = "evt-claim-1";
  const std::string rem = "rem-claim-1";
  put_remediation(rem, id, {R"(aws_s3_bucket.b["logs,eu"])", "aws_s3_bucket_versioning.data"});

  auto first = invoke(claim(rem, "1001"));
  ASSERT_EQ(first.function_error, "") << first.raw;
  ASSERT_TRUE(first.body.IsObject()) << first.raw;
  const auto& f = first.body;
  EXPECT_STREQ(f["status"].GetString(), "claimed");
  EXPECT_STREQ(f["claimed_by_run_id"].GetString(), "1001");
  EXPECT_STREQ(f["git_commit_sha"].GetString(), "c0ffee");
  EXPECT_STREQ(f["tfvars_path"].GetString(), "prod.tfvars");
  EXPECT_STREQ(f["workspace"].GetString(), "prod");
  EXPECT_STREQ(f["state"]["bucket"].GetString(), "tfstate");
  EXPECT_STREQ(f["state"]["workspace_key_prefix"].GetString(), "env:");
  EXPECT_FALSE(f["state"]["use_lockfile"].GetBool());
  ASSERT_EQ(f["addresses"].Size(), 2u);
  EXPECT_STREQ(f["addresses"][0].GetString(), R"(aws_s3_bucket.b["logs,eu"])");
  EXPECT_TRUE(f["auto_approve"].GetBool());
  EXPECT_FALSE(f["manual_review_required"].GetBool());
  ASSERT_EQ(f["drift_event_ids"].Size(), 1u);
  EXPECT_STREQ(f["drift_event_ids"][0].GetString(), id.c_str());
  auto item = remediation(rem);
  ASSERT_TRUE(item);
  EXPECT_EQ(ddb::get_s(*item, "status"), "claimed");
  EXPECT_EQ(ddb::get_s(*item, "claimed_by_run_id"), "1001");
  EXPECT_EQ(ddb::get_s(*item, "claimed_run_url"), "https://github.example/o/r/actions/runs/1001");

  // The same run retrying its step gets the same facts.
  auto again = invoke(claim(rem, "1001"));
  ASSERT_EQ(again.function_error, "") << again.raw;
  EXPECT_STREQ(again.body["git_commit_sha"].GetString(), "c0ffee");

  // A second run (a duplicate dispatch) gets AlreadyClaimed, naming the holder.
  auto second = invoke(claim(rem, "2002"));
  EXPECT_EQ(second.function_error, "Unhandled") << second.raw;
  ASSERT_TRUE(second.body.IsObject()) << second.raw;
  EXPECT_STREQ(second.body["errorType"].GetString(), "AlreadyClaimed");
  EXPECT_NE(std::string(second.body["errorMessage"].GetString()).find("1001"), std::string::npos);
  EXPECT_EQ(ddb::get_s(*remediation(rem), "claimed_by_run_id"), "1001");
}

TEST_F(CallbackTest, SimultaneousClaimsLeaveExactlyOneWinner) {
  const std::string rem = "rem-claim-race";
  put_remediation(rem, "evt-claim-race", {"aws_s3_bucket.data"});
  std::vector<std::string> types(4);
  std::vector<std::thread> runs;
  for (int i = 0; i < 4; ++i)
    runs.emplace_back([&, i] {
      auto r = invoke(claim(rem, "race-" + std::to_string(i)));
      types[i] = r.function_error.empty() ? "claimed"
                 : r.body.IsObject() && r.body.HasMember("errorType")
                     ? r.body["errorType"].GetString()
                     : r.raw;
    });
  for (auto& t : runs) t.join();
  int won = 0, refused = 0;
  for (const auto& t : types) {
    won += t == "claimed";
    refused += t == "AlreadyClaimed";
  }
  EXPECT_EQ(won, 1);
  EXPECT_EQ(refused, 3);
}

TEST_F(CallbackTest, UnknownRemediationAndMalformedClaimsAreRefused) {
  auto unknown = invoke(claim("rem-nobody", "1"));
  ASSERT_TRUE(unknown.body.IsObject()) << unknown.raw;
  EXPECT_STREQ(unknown.body["errorType"].GetString(), "UnknownRemediation");
  EXPECT_FALSE(remediation("rem-nobody").has_value());
  for (const std::string bad :
       {R"({"action":"claim","run_id":"1"})", R"({"action":"claim","remediation_id":"rem-x"})",
        R"({"action":"claim","remediation_id":7,"run_id":"1"})",
        R"({"action":"apply","remediation_id":"rem-x","run_id":"1"})"}) {
    auto r = invoke(bad);
    ASSERT_TRUE(r.body.IsObject()) << bad << " -> " << r.raw;
    EXPECT_STREQ(r.body["errorType"].GetString(), "InvalidInput") << bad;
  }
}

TEST_F(CallbackTest, OnlyTheRunHoldingTheClaimReportsTheOutcome) {
  const std::string id = "evt-claimant";
  const std::string rem = "rem-claimant";
  put_history(id, "dispatched", clock_type::now() - std::chrono::seconds(40), "prod");
  put_lock("dep-" + id, id, epoch_now() + 3600);
  put_remediation(rem, id, {"aws_s3_bucket.data"});
  ASSERT_EQ(invoke(claim(rem, "3003")).function_error, "");

  const std::string by_other = R"(,"remediation_id":")" + rem + R"(","run_id":"4004")";
  auto refused = invoke(call(id, "success", by_other));
  ASSERT_TRUE(refused.body.IsObject()) << refused.raw;
  EXPECT_STREQ(refused.body["errorType"].GetString(), "NotClaimant");
  EXPECT_EQ(ddb::get_s(history(id)[0], "status"), "dispatched");
  EXPECT_TRUE(lock("dep-" + id).has_value());

  auto other_event = invoke(
      call("evt-someone-else", "success", R"(,"remediation_id":")" + rem + R"(","run_id":"3003")"));
  ASSERT_TRUE(other_event.body.IsObject()) << other_event.raw;
  EXPECT_STREQ(other_event.body["errorType"].GetString(), "NotClaimant");

  const std::string by_holder = R"(,"remediation_id":")" + rem + R"(","run_id":"3003")";
  auto ok = invoke(call(id, "success", by_holder));
  ASSERT_EQ(ok.function_error, "") << ok.raw;
  EXPECT_EQ(ddb::get_s(history(id)[0], "status"), "remediated");
  EXPECT_FALSE(lock("dep-" + id).has_value());
}

}  // namespace
