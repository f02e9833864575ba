// Messages for people from agent-callback and the orchestrator's sweeper: the real bootstraps
// under lambda-harness, moto for AWS, the chat stand-in for Slack, Teams and PagerDuty, the
// GitHub stand-in for issues. The webhooks, the routing key and the GitHub token are SSM
// SecureStrings in moto, named by the functions' variables. Observed from outside only: the
// stand-ins' request logs, incidents and issues, moto's DynamoDB, SQS and CloudWatch, and the
// functions' answers.
#include "messages.h"

#include <gtest/gtest.h>
#include <rapidjson/document.h>

#include <chrono>
#include <ctime>
#include <map>
#include <memory>
#include <set>
#include <string>
#include <thread>
#include <vector>

#include "aws/credential_providers.h"
#include "aws/dynamodb.h"
#include "aws/lambda.h"
#include "aws/query_protocol.h"
#include "aws/session.h"
#include "aws/sqs.h"
#include "aws/ssm.h"
#include "chat_stand_in.h"
#include "github_stand_in.h"
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

std::string str(const rapidjson::Value& o, const char* k) {
  return o.IsObject() && o.HasMember(k) && o[k].IsString() ? o[k].GetString() : "";
}

class Messages : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    setenv("AWS_ACCESS_KEY_ID", "test", 1);
    setenv("AWS_SECRET_ACCESS_KEY", "test", 1);
    setenv("AWS_REGION", "us-east-1", 1);
    setenv("AWS_ENDPOINT_URL", drift_test::moto_endpoint().c_str(), 1);
    unsetenv("AWS_ENDPOINT_URL_LAMBDA");
    stack_ = new drift_test::stack(drift_test::make_stack("msg"));
    aws::session::options o;
    o.region = "us-east-1";
    o.credentials = aws::static_credentials({"test", "test", "", {}});
    keep_ = new std::shared_ptr<aws::session>(std::make_shared<aws::session>(std::move(o)));
    chat_ = new drift_test::chat_fixture(drift_test::chat_stand_in());
    gh_ = new drift_test::github_fixture(drift_test::github_stand_in());

    // The secrets, as an operator puts them.
    const std::string prefix = "/drift-detection/" + at("suffix") + "/";
    put_secret(prefix + "slack-webhook", chat_->slack_url);
    put_secret(prefix + "teams-webhook", chat_->teams_url);
    put_secret(prefix + "pagerduty-routing-key", chat_->routing_key);
    put_secret(prefix + "github-issues-token", gh_->token);
    messaging_env_ = {{"SLACK_WEBHOOK_PARAMETER", prefix + "slack-webhook"},
                      {"TEAMS_WEBHOOK_PARAMETER", prefix + "teams-webhook"},
                      {"PAGERDUTY_ROUTING_KEY_PARAMETER", prefix + "pagerduty-routing-key"},
                      {"PAGERDUTY_EVENTS_URL", chat_->pagerduty_url},
                      {"GITHUB_ISSUES", "true"},
                      {"GITHUB_API_URL", gh_->endpoint},
                      {"GITHUB_REPOSITORY", gh_->repository},
                      {"GITHUB_TOKEN_PARAMETER", prefix + "github-issues-token"},
                      // The stand-ins listen on plain http on the loopback.
                      {"NOTIFY_ALLOW_PLAIN_HTTP", "true"},
                      {"GITHUB_ALLOW_PLAIN_HTTP", "true"}};

    std::map<std::string, std::string> cb = {{"HISTORY_TABLE", at("history_table")},
                                             {"LOCKS_TABLE", at("locks_table")},
                                             {"REMEDIATIONS_TABLE", at("remediations_table")},
                                             {"ALERT_TOPIC_ARN", at("alert_topic_arn")},
                                             {"EVENT_BUS_NAME", at("event_bus_name")},
                                             {"METRICS_NAMESPACE", at("metrics_namespace")},
                                             {"AWS_LAMBDA_LOG_LEVEL", "DEBUG"}};
    cb.insert(messaging_env_.begin(), messaging_env_.end());
    callback_ = new callback_test::harness_process("agent-callback", cb);

    // The orchestrator's sweeper with the same chat channels.
    std::map<std::string, std::string> orch = {{"METADATA_TABLE", at("metadata_table")},
                                               {"LOCKS_TABLE", at("locks_table")},
                                               {"HISTORY_TABLE", at("history_table")},
                                               {"REMEDIATIONS_TABLE", at("remediations_table")},
                                               {"RETRY_QUEUE_URL", at("retry_queue_url")},
                                               {"ALERT_TOPIC_ARN", at("alert_topic_arn")},
                                               {"METRICS_NAMESPACE", at("metrics_namespace")},
                                               {"AWS_LAMBDA_LOG_LEVEL", "DEBUG"}};
    orch.insert(messaging_env_.begin(), messaging_env_.end());
    orch["GITHUB_TOKEN_PARAMETER"] = at("github_token_parameter");
    orch.erase("GITHUB_ISSUES");
    orchestrator_ = new callback_test::harness_process("workflow-orchestrator", orch);

    aws::session::options via;
    via.region = "us-east-1";
    via.credentials = aws::static_credentials({"test", "test", "", {}});
    via.endpoint_url = callback_->endpoint();
    to_callback_ = new std::shared_ptr<aws::session>(std::make_shared<aws::session>(via));
    via.endpoint_url = orchestrator_->endpoint();
    to_orchestrator_ = new std::shared_ptr<aws::session>(std::make_shared<aws::session>(via));
  }
  static void TearDownTestSuite() {
    delete callback_;
    delete orchestrator_;
    delete to_callback_;
    delete to_orchestrator_;
    delete chat_;
    delete gh_;
    delete stack_;
    delete keep_;
  }

  void SetUp() override {
    drift_test::chat_control(chat_->endpoint).reset();
    drift_test::github_control(gh_->endpoint).reset();
  }

  static std::string at(const char* k) { return stack_->at(k); }
  static aws::session& s() { return **keep_; }

  static void put_secret(const std::string& name, const std::string& value) {
    auto r = aws::ssm::put_parameter(s(), name, value, "SecureString");
    ASSERT_TRUE(r.ok()) << r.error().describe();
  }

  // A history item as the orchestrator leaves it after dispatching a scanner's drift event.
  static void put_history(const std::string& id, const std::string& drift_id,
                          const std::string& status, clock_type::time_point at_time,
                          const std::string& address) {
    ddb::put_request p;
    p.table = at("history_table");
    p.attributes = {{"drift_event_id", id},
                    {"timestamp", iso(at_time)},
                    {"status", status},
                    {"severity", "HIGH"},
                    {"priority", "P1"},
                    {"environment", "production"},
                    {"resource_arn", "arn:aws:s3:::bucket-" + id},
                    {"terraform_address", address},
                    {"drift_id", drift_id},
                    {"scan_target", "platform"},
                    {"workspace", "prod"},
                    {"deployment_id", "dep-" + id},
                    {"lock_id", "dep-" + id},
                    {"updated_at", iso(at_time)},
                    {"dispatched_at", iso(at_time)},
                    {"ttl", epoch_now() + 90 * 86400}};
    auto r = ddb::put_item(s(), p);
    ASSERT_TRUE(r.ok()) << r.error().describe();
    ddb::put_request l;
    l.table = at("locks_table");
    l.attributes = {{"lock_id", "dep-" + id}, {"owner", id}, {"ttl", epoch_now() + 600}};
    auto lr = ddb::put_item(s(), l);
    ASSERT_TRUE(lr.ok()) << lr.error().describe();
  }

  static std::string status_of(const std::string& id) {
    ddb::query_request q;
    q.table = at("history_table");
    q.key_condition = "drift_event_id = :id";
    q.args.values = {{":id", id}};
    q.consistent_read = true;
    auto r = ddb::query(s(), q);
    EXPECT_TRUE(r.ok()) << r.error().describe();
    return r.ok() && !r->empty() ? ddb::get_s((*r)[0], "status") : "<none>";
  }

  struct answer {
    std::string function_error;
    rapidjson::Document body;
    std::string raw;
  };
  static answer invoke(aws::session& via, const std::string& function, const std::string& payload) {
    answer out;
    auto r =
        aws::lambda::invoke(via, function, payload, aws::lambda::invocation_type::request_response);
    EXPECT_TRUE(r.ok()) << r.error().describe();
    if (!r.ok()) return out;
    out.function_error = r->function_error;
    out.raw = r->payload;
    out.body.Parse(r->payload.c_str());
    return out;
  }
  static answer outcome(const std::string& id, const std::string& status,
                        const std::string& run_url, const std::string& error = "") {
    std::string p = R"({"drift_event_id":")" + id + R"(","remediation_status":")" + status +
                    R"(","workflow_run_url":")" + run_url + "\"";
    if (!error.empty()) p += R"(,"error_message":")" + error + "\"";
    return invoke(**to_callback_, "agent-callback", p + "}");
  }

  // Accepted requests of one chat service (Slack answers 200, Teams 202).
  static std::vector<std::string> accepted(const std::string& service) {
    auto log = drift_test::chat_control(chat_->endpoint).requests(service);
    std::vector<std::string> bodies;
    for (const auto& r : log.GetArray())
      if (r["status"].GetInt() / 100 == 2) bodies.push_back(str(r, "body"));
    return bodies;
  }

  // The alert topic's tap queue: the messages that mention `id`, SNS envelope kept.
  static std::vector<std::string> notices(const std::string& id, std::size_t want) {
    static std::multimap<std::string, std::string> seen;
    const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(5);
    auto count = [&] {
      std::size_t n = 0;
      for (const auto& [k, v] : seen) n += k == id;
      return n;
    };
    while (count() < want && std::chrono::steady_clock::now() < deadline) {
      auto got = aws::sqs::receive_messages(s(), at("alerts_queue_url"), {10, 1, {}});
      if (!got.ok()) break;
      for (const auto& m : *got) {
        rapidjson::Document env;
        env.Parse(m.body.c_str());
        rapidjson::Document inner;
        inner.Parse(str(env, "Message").c_str());
        seen.emplace(str(inner, "drift_event_id"), m.body);
        aws::sqs::delete_message(s(), at("alerts_queue_url"), m.receipt_handle);
      }
    }
    std::vector<std::string> out;
    for (const auto& [k, v] : seen)
      if (k == id) out.push_back(v);
    return out;
  }

  // Sum of NotificationFailures{Channel=channel} in the stack's namespace (GetMetricData).
  static double notification_failures(const std::string& channel) {
    const std::string m = "MetricDataQueries.member.1.";
    aws::query_params p = {{m + "Id", "m1"},
                           {m + "MetricStat.Metric.Namespace", at("metrics_namespace")},
                           {m + "MetricStat.Metric.MetricName", "NotificationFailures"},
                           {m + "MetricStat.Metric.Dimensions.member.1.Name", "Channel"},
                           {m + "MetricStat.Metric.Dimensions.member.1.Value", channel},
                           {m + "MetricStat.Period", "60"},
                           {m + "MetricStat.Stat", "Sum"},
                           {"StartTime", iso(clock_type::now() - std::chrono::hours(1))},
                           {"EndTime", iso(clock_type::now() + std::chrono::hours(1))}};
    auto r = aws::query_call(s(), aws::services::cloudwatch, "GetMetricData", p);
    EXPECT_TRUE(r.ok()) << r.error().describe();
    double sum = 0;
    if (r.ok())
      for (auto v : r->result.select_nodes(".//Values/member"))
        sum += std::stod(v.node().child_value());
    return sum;
  }

  static std::string unique(const std::string& what) {
    static int n = 0;
    return what + "-" + std::to_string(::getpid()) + "-" + std::to_string(++n);
  }

  static drift_test::stack* stack_;
  static std::shared_ptr<aws::session>* keep_;
  static std::shared_ptr<aws::session>* to_callback_;
  static std::shared_ptr<aws::session>* to_orchestrator_;
  static callback_test::harness_process* callback_;
  static callback_test::harness_process* orchestrator_;
  static drift_test::chat_fixture* chat_;
  static drift_test::github_fixture* gh_;
  static std::map<std::string, std::string> messaging_env_;
};

drift_test::stack* Messages::stack_ = nullptr;
std::shared_ptr<aws::session>* Messages::keep_ = nullptr;
std::shared_ptr<aws::session>* Messages::to_callback_ = nullptr;
std::shared_ptr<aws::session>* Messages::to_orchestrator_ = nullptr;
callback_test::harness_process* Messages::callback_ = nullptr;
callback_test::harness_process* Messages::orchestrator_ = nullptr;
drift_test::chat_fixture* Messages::chat_ = nullptr;
drift_test::github_fixture* Messages::gh_ = nullptr;
std::map<std::string, std::string> Messages::messaging_env_;

std::set<std::string> label_names(const rapidjson::Value& issue) {
  std::set<std::string> out;
  if (issue.HasMember("labels") && issue["labels"].IsArray())
    for (const auto& l : issue["labels"].GetArray())
      out.insert(l.IsString() ? l.GetString() : str(l, "name"));
  return out;
}

// The message the callback builds (messages.h): pure.
TEST(OutcomeMessage, OutcomeWordsAndResourceTypes) {
  EXPECT_EQ(callback::outcome_word("remediated"), "remediated");
  EXPECT_EQ(callback::outcome_word("remediation_failed"), "failed");
  EXPECT_EQ(callback::outcome_word("cancelled"), "failed") << "the drift stays: people must know";
  EXPECT_EQ(callback::outcome_word("awaiting_review"), "awaiting_review");
  EXPECT_EQ(callback::resource_type("aws_s3_bucket.data"), "aws_s3_bucket");
  EXPECT_EQ(callback::resource_type(R"(module.net.module.vpc.aws_vpc.main["a.b"])"), "aws_vpc");
  EXPECT_EQ(callback::resource_type("data.aws_iam_policy_document.x"), "aws_iam_policy_document");
  EXPECT_EQ(callback::resource_type("aws_instance.web[0]"), "aws_instance");
  EXPECT_EQ(callback::resource_type("module.x"), "");
  EXPECT_EQ(callback::resource_type(""), "");
}

TEST(OutcomeMessage, CarriesTheDriftTheRunAndWhatTheRemediationKnows) {
  callback::outcome_facts f;
  f.record.drift_event_id = "evt-1";
  f.record.drift_id = "d-42";
  f.record.terraform_address = "module.data.aws_s3_bucket.logs";
  f.record.resource_arn = "arn:aws:s3:::logs";
  f.record.severity = "CRITICAL";
  f.record.environment = "production";
  f.record.scan_target = "platform";
  f.record.workspace = "prod";
  f.status = "cancelled";
  f.workflow_run_url = "https://github.com/o/r/actions/runs/7";
  f.error_message = "stopped by a person";
  const auto m = callback::outcome_message(f, {"o/r", "c0ffee", "us-east-1", ""});
  EXPECT_EQ(m.what, notify::kind::remediation_outcome);
  EXPECT_EQ(m.outcome, "failed");
  EXPECT_NE(m.detail.find("cancelled"), std::string::npos) << m.detail;
  EXPECT_NE(m.detail.find("stopped by a person"), std::string::npos) << m.detail;
  EXPECT_EQ(m.run_url, "https://github.com/o/r/actions/runs/7");
  EXPECT_EQ(m.repository, "o/r");
  EXPECT_EQ(m.commit, "c0ffee");
  EXPECT_EQ(m.severity, "CRITICAL");
  EXPECT_EQ(m.where.target, "platform");
  EXPECT_EQ(m.where.workspace, "prod");
  EXPECT_EQ(m.where.environment, "production");
  EXPECT_EQ(m.where.region, "us-east-1");
  EXPECT_TRUE(m.report_link.empty());
  ASSERT_EQ(m.findings.size(), 1u);
  EXPECT_EQ(m.findings[0].drift_id, "d-42");
  EXPECT_EQ(m.findings[0].address, "module.data.aws_s3_bucket.logs");
  EXPECT_EQ(m.findings[0].type, "aws_s3_bucket");
  EXPECT_EQ(m.findings[0].resource_id, "arn:aws:s3:::logs");
  EXPECT_EQ(m.findings[0].severity, "CRITICAL");

  f.record.resource_arn = "arn:aws:ec2:us-east-1:123456789012:instance/i-1";
  f.status = "awaiting_review";
  f.error_message.clear();
  const auto r = callback::outcome_message(f, {});
  EXPECT_EQ(r.outcome, "awaiting_review");
  EXPECT_EQ(r.where.account, "123456789012");
  EXPECT_TRUE(r.detail.empty());
  EXPECT_TRUE(r.repository.empty() && r.commit.empty());
}

TEST_F(Messages, ReviewOpensOneIssueAndChatsThenFailureUpdatesItAndPagesOnce) {
  const std::string id = unique("review");
  const std::string drift_id = "drift-" + id;
  const std::string run1 = "https://github.com/acme/infrastructure/actions/runs/101";
  put_history(id, drift_id, "dispatched", clock_type::now() - std::chrono::seconds(120),
              "aws_s3_bucket.data");

  auto r = outcome(id, "awaiting_review", run1);
  ASSERT_EQ(r.function_error, "") << r.raw;
  EXPECT_EQ(str(r.body, "status"), "awaiting_review") << r.raw;

  drift_test::github_control gh(gh_->endpoint);
  auto issues = gh.issues();
  ASSERT_EQ(issues.Size(), 1u) << "one issue for the drift";
  const auto& issue = issues[0];
  EXPECT_EQ(str(issue, "state"), "open");
  const auto labels = label_names(issue);
  EXPECT_TRUE(labels.count("drift")) << "labels drift and severity:high";
  EXPECT_TRUE(labels.count("severity:high"));
  const std::string body = str(issue, "body");
  EXPECT_NE(body.find("<!-- drift-id: " + drift_id + " -->"), std::string::npos) << body;
  EXPECT_NE(body.find(run1), std::string::npos) << "the run URL is in the issue";
  const int number = issue["number"].GetInt();

  const auto slack = accepted("slack");
  const auto teams = accepted("teams");
  ASSERT_EQ(slack.size(), 1u) << "one Slack message accepted";
  ASSERT_EQ(teams.size(), 1u) << "one Teams message accepted";
  EXPECT_NE(slack[0].find("aws_s3_bucket.data"), std::string::npos) << slack[0];
  EXPECT_EQ(drift_test::chat_control(chat_->endpoint).incidents().Size(), 0u)
      << "a review pages nobody";

  // The reviewer's run fails: the same issue is updated, PagerDuty gets one incident.
  const std::string run2 = "https://github.com/acme/infrastructure/actions/runs/102";
  r = outcome(id, "failure", run2, "Error: AccessDenied on PutBucketVersioning");
  ASSERT_EQ(r.function_error, "") << r.raw;
  EXPECT_EQ(str(r.body, "status"), "remediation_failed") << r.raw;

  issues = gh.issues();
  ASSERT_EQ(issues.Size(), 1u) << "still one issue for the drift";
  EXPECT_EQ(issues[0]["number"].GetInt(), number);
  int patches = 0;
  int creates = 0;
  const auto requests = gh.requests();
  for (const auto& q : requests.GetArray()) {
    const std::string method = str(q, "method");
    const std::string path = str(q, "path");
    if (method == "PATCH" && path.find("/issues/" + std::to_string(number)) != std::string::npos)
      patches += q["status"].GetInt() == 200;
    if (method == "POST" && path.size() >= 7 && path.compare(path.size() - 7, 7, "/issues") == 0)
      ++creates;
  }
  EXPECT_GE(patches, 1) << "the failure updated the drift's issue";
  EXPECT_EQ(creates, 1) << "no second issue was opened";

  auto incidents = drift_test::chat_control(chat_->endpoint).incidents();
  ASSERT_EQ(incidents.Size(), 1u) << "one PagerDuty incident";
  EXPECT_EQ(str(incidents[0], "dedup_key"), drift_id);
  EXPECT_EQ(str(incidents[0], "status"), "triggered");
  EXPECT_EQ(accepted("slack").size(), 2u) << "the failure in Slack too";

  // The alert topic's subscribers other than e-mail still get the outcome JSON as before.
  auto n = notices(id, 2);
  ASSERT_EQ(n.size(), 2u) << "the review notice and the failure notice";
  std::set<std::string> statuses;
  for (const auto& raw : n) {
    rapidjson::Document env;
    env.Parse(raw.c_str());
    ASSERT_TRUE(env.IsObject() && env.HasMember("Message")) << raw;
    EXPECT_LE(str(env, "Subject").size(), 100u);
    rapidjson::Document msg;
    msg.Parse(str(env, "Message").c_str());
    ASSERT_TRUE(msg.IsObject()) << "the default is the outcome JSON: " << raw;
    EXPECT_FALSE(msg.HasMember("default") || msg.HasMember("email"))
        << "queues get the default, never the per-protocol structure: " << raw;
    std::set<std::string> keys;
    for (auto m = msg.MemberBegin(); m != msg.MemberEnd(); ++m) keys.insert(m->name.GetString());
    EXPECT_EQ(keys,
              (std::set<std::string>{"drift_event_id", "status", "remediation_status",
                                     "detected_at", "completed_at", "mttr_seconds", "resource_arn",
                                     "terraform_address", "deployment_id", "environment",
                                     "severity", "workflow_run_url", "error_message"}))
        << raw;
    EXPECT_EQ(str(msg, "resource_arn"), "arn:aws:s3:::bucket-" + id);
    statuses.insert(str(msg, "status"));
    if (str(msg, "status") == "remediation_failed") {
      EXPECT_EQ(str(msg, "workflow_run_url"), run2);
      EXPECT_EQ(str(msg, "error_message"), "Error: AccessDenied on PutBucketVersioning");
      EXPECT_NE(str(env, "Subject").find("failed"), std::string::npos) << raw;
    }
  }
  EXPECT_EQ(statuses, (std::set<std::string>{"awaiting_review", "remediation_failed"}));
}

// The orchestrator records awaiting_review itself when it dispatches for review: the run's own
// report of its stop is a repeat for the history, and still opens the issue.
TEST_F(Messages, ReviewTheOrchestratorRecordedOpensTheIssueOnTheRunsReport) {
  const std::string id = unique("dispatched-review");
  const std::string drift_id = "drift-" + id;
  const std::string run = "https://github.com/acme/infrastructure/actions/runs/301";
  put_history(id, drift_id, "awaiting_review", clock_type::now() - std::chrono::seconds(90),
              "aws_security_group.web");

  auto r = outcome(id, "awaiting_review", run);
  ASSERT_EQ(r.function_error, "") << r.raw;
  EXPECT_FALSE(r.body["changed"].GetBool()) << "nothing changes in the history: " << r.raw;
  drift_test::github_control gh(gh_->endpoint);
  auto issues = gh.issues();
  ASSERT_EQ(issues.Size(), 1u) << "the run's stop opens the drift's issue";
  EXPECT_NE(str(issues[0], "body").find("<!-- drift-id: " + drift_id + " -->"), std::string::npos);
  EXPECT_NE(str(issues[0], "body").find(run), std::string::npos);
  EXPECT_EQ(accepted("slack").size(), 1u);
  EXPECT_EQ(accepted("teams").size(), 1u);

  // The same report again: still one issue.
  r = outcome(id, "awaiting_review", run);
  ASSERT_EQ(r.function_error, "") << r.raw;
  EXPECT_EQ(gh.issues().Size(), 1u);
  EXPECT_EQ(drift_test::chat_control(chat_->endpoint).incidents().Size(), 0u);
}

TEST_F(Messages, GitHubDownNeverFailsTheCallbackAndIsCounted) {
  const std::string id = unique("ghdown");
  const double before = notification_failures("github");
  // An earlier case of this suite may have lost a chat post on a loaded machine: only this
  // case's own failures are compared.
  const double slack_before = notification_failures("slack");
  // Every issues call answers 500 (more steps than the sender's attempts).
  drift_test::github_control(gh_->endpoint)
      .script(
          R"([{"status":500,"path_contains":"/issues"},{"status":500,"path_contains":"/issues"},)"
          R"({"status":500,"path_contains":"/issues"},{"status":500,"path_contains":"/issues"},)"
          R"({"status":500,"path_contains":"/issues"},{"status":500,"path_contains":"/issues"}])");
  put_history(id, "drift-" + id, "dispatched", clock_type::now() - std::chrono::seconds(60),
              "aws_s3_bucket.logs");

  auto r = outcome(id, "failure", "https://github.com/acme/infrastructure/actions/runs/201",
                   "terraform apply failed");
  ASSERT_EQ(r.function_error, "") << "a delivery failure never fails the callback: " << r.raw;
  EXPECT_EQ(str(r.body, "status"), "remediation_failed");
  EXPECT_EQ(status_of(id), "remediation_failed") << "the outcome is recorded";
  EXPECT_EQ(drift_test::github_control(gh_->endpoint).issues().Size(), 0u);
  EXPECT_EQ(accepted("slack").size(), 1u) << "the other channels still hear of it";
  EXPECT_EQ(drift_test::chat_control(chat_->endpoint).incidents().Size(), 1u);

  double after = before;
  for (int i = 0; i < 20 && after <= before; ++i) {
    after = notification_failures("github");
    if (after <= before) std::this_thread::sleep_for(std::chrono::milliseconds(250));
  }
  EXPECT_GT(after, before) << "NotificationFailures{Channel=github} counted";
  EXPECT_EQ(notification_failures("slack"), slack_before) << "Slack did not fail";
}

TEST_F(Messages, StuckRemediationFoundBySweeperGoesToSlackAndTeams) {
  const std::string id = unique("stuck");
  put_history(id, "drift-" + id, "dispatched", clock_type::now() - std::chrono::hours(2),
              "aws_s3_bucket.stuck");

  auto r = invoke(**to_orchestrator_, "workflow-orchestrator", R"({"action":"sweep"})");
  ASSERT_EQ(r.function_error, "") << r.raw;
  ASSERT_TRUE(r.body.IsObject() && r.body.HasMember("sweep")) << r.raw;
  EXPECT_GE(r.body["sweep"]["swept"].GetInt(), 1) << r.raw;
  EXPECT_EQ(status_of(id), "stale");
  EXPECT_TRUE(r.body["sweep"]["problems"].Empty()) << r.raw;

  const auto slack = accepted("slack");
  ASSERT_EQ(slack.size(), 1u) << "one Slack message about the stuck remediation";
  EXPECT_NE(slack[0].find("aws_s3_bucket.stuck"), std::string::npos) << slack[0];
  EXPECT_EQ(accepted("teams").size(), 1u);
  EXPECT_EQ(drift_test::chat_control(chat_->endpoint).incidents().Size(), 0u)
      << "a stuck remediation pages nobody";
  EXPECT_EQ(drift_test::github_control(gh_->endpoint).issues().Size(), 0u);

  // Its alert: the JSON as before for queues.
  const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(5);
  bool found = false;
  while (!found && std::chrono::steady_clock::now() < deadline) {
    auto got = aws::sqs::receive_messages(s(), at("alerts_queue_url"), {10, 1, {}});
    ASSERT_TRUE(got.ok());
    for (const auto& m : *got) {
      rapidjson::Document env;
      env.Parse(m.body.c_str());
      rapidjson::Document msg;
      msg.Parse(str(env, "Message").c_str());
      if (str(msg, "drift_event_id") != id) continue;
      found = true;
      EXPECT_EQ(str(msg, "message"), "remediation stuck") << m.body;
      EXPECT_EQ(str(msg, "status"), "stale");
      EXPECT_FALSE(msg.HasMember("default") || msg.HasMember("email")) << m.body;
    }
  }
  EXPECT_TRUE(found) << "the sweeper's alert for " << id;
}

}  // namespace
