// The scanner's messages for people, observed from outside: the real bootstrap under
// lambda-harness grades plans handed in by CI with a drifts table in moto, and sends its
// messages to the chat stand-in (Slack, Teams, PagerDuty) and the GitHub stand-in (issues);
// what they received is read from their request logs and incidents, the alert from a queue
// subscribed to the alert topic, metrics and reports through moto's own APIs.
#include <gtest/gtest.h>
#include <rapidjson/stringbuffer.h>
#include <rapidjson/writer.h>

#include <regex>

#include "aws/session.h"
#include "aws/ssm.h"
#include "chat_stand_in.h"
#include "drift/lifecycle.h"
#include "drift/report.h"
#include "github_stand_in.h"
#include "notify/deliver.h"
#include "outputs.h"
#include "stack.h"
#include "store/drifts.h"
#include "support.h"

namespace {

using scanner_test::parse;

constexpr const char* kHostile = "<!channel> <https://evil.example|x> & @octocat";

// One drifted security group of a refresh-only plan: ingress on `port` moved from 10.0.0.0/8
// to `to`, and its Owner tag from alice to `owner`.
std::string security_group(int n, int port, const std::string& to, const std::string& owner) {
  const std::string id = "sg-" + std::to_string(10000000 + n);
  auto sg = [&](const std::string& cidr, const std::string& who) {
    const std::string tags = R"({"Owner":")" + who + R"(","ManagedBy":"terraform"})";
    return R"({"id":")" + id + R"(","arn":"arn:aws:ec2:us-east-1:123456789012:security-group/)" +
           id + R"(","name":"web)" + std::to_string(n) + R"(","ingress":[{"cidr_blocks":[")" +
           cidr + R"("],"description":"","from_port":)" + std::to_string(port) +
           R"(,"ipv6_cidr_blocks":[],"prefix_list_ids":[],"protocol":"tcp","security_groups":[],"self":false,"to_port":)" +
           std::to_string(port) + R"(}],"tags":)" + tags + R"(,"tags_all":)" + tags + "}";
  };
  const std::string name = "web" + std::to_string(n);
  return R"({"address":"aws_security_group.)" + name +
         R"(","mode":"managed","type":"aws_security_group","name":")" + name +
         R"(","provider_name":"registry.terraform.io/hashicorp/aws","change":{"actions":["update"],"before":)" +
         sg("10.0.0.0/8", "alice") + R"(,"after":)" + sg(to, owner) + "}}";
}

// CRITICAL in production: SSH open to the world, with a hostile Owner tag.
std::string open_ssh(int n) { return security_group(n, 22, "0.0.0.0/0", kHostile); }
// HIGH in production: 443 moved to another private range.
std::string moved_https(int n) { return security_group(n, 443, "10.1.0.0/16", "bob"); }

std::string plan(const std::vector<std::string>& drift) {
  std::string out = R"({"format_version":"1.2","terraform_version":"1.11.4","resource_drift":[)";
  for (std::size_t i = 0; i < drift.size(); ++i) out += (i ? "," : "") + drift[i];
  return out + "]}";
}

std::string to_text(const rapidjson::Value& v) {
  rapidjson::StringBuffer sb;
  rapidjson::Writer<rapidjson::StringBuffer> w(sb);
  v.Accept(w);
  return std::string(sb.GetString(), sb.GetSize());
}

class Messages : public ::testing::Test {
 protected:
  void SetUp() override {
    stack_ = drift_test::make_stack("messages");
    chat_ = drift_test::chat_stand_in();
    gh_ = drift_test::github_stand_in();
    chat_control().reset();
    github_control().reset();
    const std::string prefix = "/drift-detection/" + stack_.at("suffix") + "/";
    for (const auto& [name, value] :
         std::map<std::string, std::string>{{"slack", chat_.slack_url},
                                            {"teams", chat_.teams_url},
                                            {"pagerduty", chat_.routing_key},
                                            {"github", gh_.token}}) {
      auto put = aws::ssm::put_parameter(session(), prefix + name, value, "SecureString");
      if (!put) throw std::runtime_error(put.error().describe());
    }
  }

  void TearDown() override {
    chat_control().reset();
    github_control().reset();
  }

  drift_test::chat_control chat_control() { return drift_test::chat_control(chat_.endpoint); }
  drift_test::github_control github_control() { return drift_test::github_control(gh_.endpoint); }

  std::map<std::string, std::string> env(const std::string& target) {
    const std::string prefix = "/drift-detection/" + stack_.at("suffix") + "/";
    std::map<std::string, std::string> e{
        {"REPORT_BUCKET", stack_.at("report_bucket")},
        {"ALERT_TOPIC_ARN", stack_.at("alert_topic_arn")},
        {"METRICS_NAMESPACE", stack_.at("metrics_namespace")},
        {"DRIFTS_TABLE", stack_.at("drifts_table")},
        {"REPORT_BASE_URL", "https://drift.example/portal"},
        {"SLACK_WEBHOOK_PARAMETER", prefix + "slack"},
        {"TEAMS_WEBHOOK_PARAMETER", prefix + "teams"},
        {"PAGERDUTY_ROUTING_KEY_PARAMETER", prefix + "pagerduty"},
        {"PAGERDUTY_EVENTS_URL", chat_.pagerduty_url},
        {"GITHUB_ISSUES", "true"},
        {"GITHUB_API_URL", gh_.endpoint},
        {"GITHUB_REPOSITORY", gh_.repository},
        {"GITHUB_TOKEN_PARAMETER", prefix + "github"},
        {"NOTIFY_ALLOW_PLAIN_HTTP", "true"},
        {"SCAN_TARGETS",
         R"([{"name":")" + target +
             R"(","account_id":"123456789012","region":"us-east-1","state":{"bucket":")" +
             stack_.at("state_bucket") + R"(","key":")" + target +
             R"(/terraform.tfstate","workspaces":["prod"]},"environments":{"prod":"production"}}])"}};
    return e;
  }

  // One scan of <target>/prod grading `plan_json`; the scan's entry of the answer.
  rapidjson::Document scan(const std::string& target, const std::string& plan_json) {
    auto r = scanner_test::invoke(
        env(target),
        R"({"target":")" + target + R"(","workspace":"prod","plan":)" + plan_json + "}", 120);
    if (r.status != 0) throw std::runtime_error("invocation failed: " + r.out);
    auto answer = parse(r.out);
    if (!answer.IsObject() || !answer["scans"].IsArray() || answer["scans"].Size() != 1)
      throw std::runtime_error("one scan expected: " + r.out);
    rapidjson::Document one;
    one.CopyFrom(answer["scans"][0], one.GetAllocator());
    return one;
  }

  drift::report latest(const std::string& target) {
    auto r = drift::parse_report(scanner_test::observe("s3-get " + stack_.at("report_bucket") +
                                                       " reports/" + target + "/prod/latest.json")
                                     .out);
    if (!r.ok()) throw std::runtime_error("latest.json unreadable: " + r.error().message);
    return std::move(r.value());
  }

  // The sum of a metric over the namespace's data with these dimensions.
  double metric_sum(const std::string& name, const std::string& dim, const std::string& value) {
    auto all = parse(scanner_test::observe("metrics " + stack_.at("metrics_namespace")).out);
    double sum = 0;
    for (const auto& m : all.GetArray())
      if (m["name"].GetString() == name && m["dimensions"].HasMember(dim.c_str()) &&
          m["dimensions"][dim.c_str()].GetString() == value)
        sum += m["sum"].GetDouble();
    return sum;
  }

  static aws::session& session() {
    static std::shared_ptr<aws::session> s = [] {
      ::setenv("AWS_ENDPOINT_URL", drift_test::moto_endpoint().c_str(), 1);
      ::setenv("AWS_REGION", "us-east-1", 1);
      ::setenv("AWS_ACCESS_KEY_ID", "test", 1);
      ::setenv("AWS_SECRET_ACCESS_KEY", "test", 1);
      return aws::session::from_environment();
    }();
    return *s;
  }

  drift_test::stack stack_;
  drift_test::chat_fixture chat_;
  drift_test::github_fixture gh_;
};

// Slack's texts of one request: the fallback and every block's text, as sent.
std::vector<std::string> slack_texts(const rapidjson::Value& request) {
  const auto body = parse(request["body"].GetString());
  std::vector<std::string> out;
  if (body.HasMember("text") && body["text"].IsString()) out.push_back(body["text"].GetString());
  if (body.HasMember("blocks"))
    for (const auto& b : body["blocks"].GetArray()) out.push_back(to_text(b));
  return out;
}

TEST_F(Messages, HostileValuesAreEscapedAndCriticalDriftPagesOnceThenResolves) {
  const std::string p = plan({open_ssh(1)});
  auto first = scan("hostile", p);
  EXPECT_EQ(first["exit_code"].GetInt(), 2);
  const auto report = latest("hostile");
  ASSERT_EQ(report.drifts.size(), 1u);
  const std::string id = report.drifts[0].drift_id;
  ASSERT_FALSE(id.empty());
  EXPECT_EQ(report.drifts[0].level, drift::severity::critical);

  auto slack = chat_control().requests("slack");
  ASSERT_EQ(slack.Size(), 1u) << to_text(slack);
  EXPECT_EQ(slack[0]["status"].GetInt(), 200) << slack[0]["answer"].GetString();
  bool escaped = false;
  for (const auto& text : slack_texts(slack[0])) {
    EXPECT_EQ(text.find("<!channel>"), std::string::npos) << text;
    EXPECT_EQ(text.find("<https://evil.example"), std::string::npos) << text;
    if (text.find("&lt;!channel&gt; &lt;https://evil.example|x&gt; &amp; @octocat") !=
        std::string::npos)
      escaped = true;
  }
  EXPECT_TRUE(escaped) << "the tag's value, escaped, in Slack: " << slack[0]["body"].GetString();
  EXPECT_NE(std::string(slack[0]["body"].GetString()).find("aws_security_group.web1"),
            std::string::npos);

  auto teams = chat_control().requests("teams");
  ASSERT_EQ(teams.Size(), 1u);
  EXPECT_EQ(teams[0]["status"].GetInt(), 202) << teams[0]["answer"].GetString();
  const std::string card = teams[0]["body"].GetString();
  EXPECT_NE(card.find("octocat"), std::string::npos) << card;
  EXPECT_EQ(card.find("<!channel>"), std::string::npos) << "Markdown-escaped in Teams: " << card;
  EXPECT_NE(card.find("security\\\\_group.web1"), std::string::npos)
      << "the address, its Markdown escaped: " << card;

  auto incidents = chat_control().incidents();
  ASSERT_EQ(incidents.Size(), 1u) << to_text(incidents);
  EXPECT_EQ(std::string(incidents[0]["dedup_key"].GetString()), id);
  EXPECT_EQ(std::string(incidents[0]["status"].GetString()), "triggered");
  EXPECT_EQ(std::string(incidents[0]["severity"].GetString()), "critical");

  // The same drift again: standing, no news anywhere.
  const auto pagerduty_before = chat_control().requests("pagerduty").Size();
  scan("hostile", p);
  EXPECT_EQ(chat_control().requests("slack").Size(), 1u) << "no message for standing drift";
  EXPECT_EQ(chat_control().requests("teams").Size(), 1u);
  EXPECT_EQ(chat_control().requests("pagerduty").Size(), pagerduty_before);
  incidents = chat_control().incidents();
  ASSERT_EQ(incidents.Size(), 1u);
  EXPECT_EQ(incidents[0]["events"].GetInt(), 1);

  // Manual review opened an issue for the drift (as the callback does, through the notifier).
  notify::settings gs;
  gs.github_issues = true;
  gs.github_api_url = gh_.endpoint;
  gs.github_repository = gh_.repository;
  gs.github_token_param = "token";
  gs.allow_plain_http = true;
  notify::notifier github(
      gs, [&](const std::string&) -> core::result<std::string> { return gh_.token; });
  notify::message review;
  review.what = notify::kind::remediation_outcome;
  review.outcome = "awaiting_review";
  review.where = {"hostile", "prod", "production", "123456789012", "us-east-1"};
  review.severity = "CRITICAL";
  notify::finding f;
  f.drift_id = id;
  f.address = "aws_security_group.web1";
  f.type = "aws_security_group";
  f.severity = "CRITICAL";
  f.change = "update";
  f.status = "standing";
  review.findings.push_back(f);
  const auto opened = github.send(review);
  ASSERT_EQ(opened.total_failed(), 0) << (opened.errors.empty() ? "" : opened.errors[0]);
  ASSERT_EQ(opened.sent.count("github"), 1u);
  ASSERT_EQ(std::string(github_control().issues()[0]["state"].GetString()), "open");

  // Reverted: the next scan resolves the incident and closes the issue.
  auto fixed = scan("hostile", plan({}));
  EXPECT_EQ(fixed["exit_code"].GetInt(), 0);
  incidents = chat_control().incidents();
  ASSERT_EQ(incidents.Size(), 1u);
  EXPECT_EQ(std::string(incidents[0]["status"].GetString()), "resolved");
  const auto issues = github_control().issues();
  ASSERT_EQ(issues.Size(), 1u) << to_text(issues);
  EXPECT_EQ(std::string(issues[0]["state"].GetString()), "closed") << to_text(issues);
  EXPECT_GE(issues[0]["comment_list"].Size(), 1u) << "closed with a comment";
  EXPECT_NE(std::string(issues[0]["body"].GetString()).find(id), std::string::npos);
  EXPECT_EQ(chat_control().requests("slack").Size(), 2u) << "the resolution is said once";
}

TEST_F(Messages, AnOversizedDriftListIsSummarisedWithinSlacksLimits) {
  std::vector<std::string> drift;
  for (int i = 0; i < 80; ++i) drift.push_back(moved_https(i));
  auto out = scan("oversized", plan(drift));
  EXPECT_EQ(out["drifted"].GetInt(), 80);
  auto slack = chat_control().requests("slack");
  ASSERT_EQ(slack.Size(), 1u);
  EXPECT_EQ(slack[0]["status"].GetInt(), 200) << slack[0]["answer"].GetString();
  const auto body = parse(slack[0]["body"].GetString());
  ASSERT_TRUE(body.HasMember("blocks"));
  EXPECT_LE(body["blocks"].Size(), 50u);
  std::smatch more;
  const std::string text = slack[0]["body"].GetString();
  ASSERT_TRUE(std::regex_search(text, more, std::regex("and ([0-9]+) more"))) << text;
  EXPECT_GT(std::stoi(more[1]), 0);
  EXPECT_EQ(chat_control().incidents().Size(), 0u) << "HIGH drift is not paged";
}

TEST_F(Messages, ASlackOutageIsCountedAndNeverFailsTheScan) {
  chat_control().script(R"([{"service":"slack","status":500},{"service":"slack","status":500},)"
                        R"({"service":"slack","status":500},{"service":"slack","status":500},)"
                        R"({"service":"slack","status":500}])");
  auto out = scan("outage", plan({open_ssh(7)}));
  EXPECT_EQ(out["exit_code"].GetInt(), 2) << "drift, not a failed scan: " << to_text(out);
  EXPECT_EQ(latest("outage").drifts.size(), 1u) << "the report is written";
  EXPECT_TRUE(out["alerted"].GetBool());
  EXPECT_GE(out["notifications"]["failed"]["slack"].GetInt(), 1);
  EXPECT_EQ(out["notifications"]["sent"]["teams"].GetInt(), 1);
  bool listed = false;
  for (const auto& e : out["errors"].GetArray())
    if (std::string(e.GetString()).rfind("notification:", 0) == 0) listed = true;
  EXPECT_TRUE(listed) << to_text(out);
  const auto slack = chat_control().requests("slack");
  EXPECT_GE(slack.Size(), 1u);
  for (const auto& r : slack.GetArray()) EXPECT_EQ(r["status"].GetInt(), 500);
  EXPECT_EQ(chat_control().incidents().Size(), 1u) << "the other channels still told";
  EXPECT_GE(metric_sum("NotificationFailures", "Channel", "slack"), 1.0);
  EXPECT_EQ(metric_sum("NotificationFailures", "Channel", "pagerduty"), 0.0);
  EXPECT_EQ(metric_sum("ScanErrors", "Environment", "production"), 0.0)
      << "a message not delivered is no scan error";
}

TEST_F(Messages, TheSnsAlertsDefaultMessageIsWhatConsumersReadToday) {
  scanner_test::observe("drain " + stack_.at("alerts_queue_url"));
  auto out = scan("sns", plan({open_ssh(3), moved_https(4)}));
  ASSERT_TRUE(out["alerted"].GetBool());
  const auto report = latest("sns");
  // The alert as build_alert writes it from the report the scan stored.
  drift::critical_delta delta;
  for (const auto& d : report.drifts)
    if (drift::lifecycle::worth_alerting(d.level, drift::severity::high)) delta.added.push_back(d);
  const std::string uri = out["report_uri"].GetString();
  const std::string key = uri.substr(uri.find("/reports/") + 1);
  const auto expected =
      scanner::build_alert(report, delta, uri, drift::severity::high,
                           "https://drift.example/portal/" + scanner::html_twin(key));
  ASSERT_TRUE(expected);
  auto got = parse(scanner_test::observe("drain " + stack_.at("alerts_queue_url")).out);
  ASSERT_EQ(got.Size(), 1u);
  EXPECT_EQ(std::string(got[0]["message"].GetString()), expected->body);
  EXPECT_EQ(std::string(got[0]["subject"].GetString()), expected->subject);
}

// The check right after a remediation still sees the drift: the people who were told of it
// hear at once that the revert did not hold, and its incident gets the news.
TEST_F(Messages, ARevertThatDidNotHoldIsToldAtOnce) {
  const std::string p = plan({open_ssh(5)});
  scan("notheld", p);
  const std::string id = latest("notheld").drifts.at(0).drift_id;
  ASSERT_EQ(chat_control().requests("slack").Size(), 1u);
  ASSERT_TRUE(
      store::drifts(session(), stack_.at("drifts_table"))
          .mark_remediated("notheld/prod", id, {"evt-notheld"}, std::chrono::system_clock::now())
          .ok());

  auto r = scanner_test::invoke(
      env("notheld"),
      R"({"action":"confirm_revert","target":"notheld","workspace":"prod","addresses":["aws_security_group.web5"],"drift_ids":[")" +
          id + R"("],"drift_event_ids":["evt-notheld"],"plan":)" + p + "}",
      120);
  ASSERT_EQ(r.status, 0) << r.out;
  const auto answer = parse(r.out);
  const auto& checked = answer["revert_check"];
  ASSERT_EQ(checked["drift_remains"].Size(), 1u) << r.out;
  EXPECT_EQ(checked["notifications"]["sent"]["slack"].GetInt(), 1) << r.out;
  const auto slack = chat_control().requests("slack");
  ASSERT_EQ(slack.Size(), 2u);
  EXPECT_EQ(slack[1]["status"].GetInt(), 200);
  const std::string text = slack[1]["body"].GetString();
  EXPECT_NE(text.find("revert did not hold"), std::string::npos) << text;
  EXPECT_NE(text.find("aws_security_group.web5"), std::string::npos) << text;
  const auto incidents = chat_control().incidents();
  ASSERT_EQ(incidents.Size(), 1u);
  EXPECT_EQ(std::string(incidents[0]["dedup_key"].GetString()), id);
  EXPECT_EQ(incidents[0]["events"].GetInt(), 2) << "the open incident hears it";
}

}  // namespace
