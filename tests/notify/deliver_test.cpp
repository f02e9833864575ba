// The sender against the chat stand-in (Slack, Teams, PagerDuty), the GitHub stand-in (issues)
// and moto's SSM (the webhook URLs, the routing key and the token as SecureStrings): what each
// service receives, what PagerDuty's incidents and GitHub's issues become, and how failures come
// back in the report.
#include "notify/deliver.h"

#include <gtest/gtest.h>
#include <httplib.h>
#include <rapidjson/document.h>
#include <strings.h>

#include <chrono>
#include <map>
#include <memory>
#include <string>
#include <vector>

#include "aws/credential_providers.h"
#include "aws/session.h"
#include "aws/ssm.h"
#include "chat_stand_in.h"
#include "github_stand_in.h"
#include "moto.h"
#include "notify/render.h"

namespace {

using namespace std::chrono_literals;

std::string unique(const std::string& prefix) {
  static int n = 0;
  return prefix + "-" +
         std::to_string(std::chrono::system_clock::now().time_since_epoch().count() % 1000000007) +
         "-" + std::to_string(++n);
}

std::shared_ptr<aws::session> moto_session() {
  aws::session::options o;
  o.region = "us-east-1";
  o.credentials = aws::static_credentials({"test", "test", "", {}});
  o.endpoint_url = drift_test::moto_endpoint();
  o.retry.base_delay = 10ms;
  o.retry.throttle_base_delay = 10ms;
  return std::make_shared<aws::session>(std::move(o));
}

notify::finding finding(const std::string& drift_id, const std::string& severity) {
  notify::finding f;
  f.drift_id = drift_id;
  f.address = "aws_security_group.web";
  f.type = "aws_security_group";
  f.resource_id = "arn:aws:ec2:us-east-1:123456789012:security-group/sg-0123456789abcdef0";
  f.severity = severity;
  f.change = "update";
  f.status = "new";
  f.reason = "ingress opened to 0.0.0.0/0";
  f.attributes = {{"ingress.0.cidr_blocks", "[\"10.0.0.0/8\"]", "[\"0.0.0.0/0\"]"}};
  return f;
}

notify::message message(notify::kind what, std::vector<notify::finding> findings) {
  notify::message m;
  m.what = what;
  m.where = {"network", "default", "prod", "123456789012", "us-east-1"};
  m.severity = findings.empty() ? "INFO" : findings.front().severity;
  m.findings = std::move(findings);
  m.report_link = "https://reports.example.com/network/report.html";
  m.report_uri = "s3://drift-reports/network/report.json";
  return m;
}

notify::message remediation(const std::string& outcome, std::vector<notify::finding> findings) {
  auto m = message(notify::kind::remediation_outcome, std::move(findings));
  m.outcome = outcome;
  m.run_url = "https://github.com/acme/infrastructure/actions/runs/42";
  m.detail = "the guard asks for a review: a security group is opened to the world";
  m.repository = "acme/infrastructure";
  m.commit = "0123456789abcdef0123456789abcdef01234567";
  return m;
}

std::string str(const rapidjson::Value& v, const char* name) {
  auto it = v.FindMember(name);
  return it != v.MemberEnd() && it->value.IsString() ? it->value.GetString() : "";
}

long num(const rapidjson::Value& v, const char* name) {
  auto it = v.FindMember(name);
  return it != v.MemberEnd() && it->value.IsInt64() ? static_cast<long>(it->value.GetInt64()) : -1;
}

// The incidents the chat stand-in holds for one dedup_key.
std::vector<const rapidjson::Value*> incidents_for(const rapidjson::Document& all,
                                                   const std::string& key) {
  std::vector<const rapidjson::Value*> out;
  for (const auto& i : all.GetArray())
    if (str(i, "dedup_key") == key) out.push_back(&i);
  return out;
}

class Deliver : public ::testing::Test {
 protected:
  void SetUp() override {
    session_ = moto_session();
    chat_ = drift_test::chat_stand_in();
    gh_ = drift_test::github_stand_in();
    chat_control_ = std::make_unique<drift_test::chat_control>(chat_.endpoint);
    gh_control_ = std::make_unique<drift_test::github_control>(gh_.endpoint);
    chat_control_->reset();
    gh_control_->reset();

    const std::string prefix = "/" + unique("drift-notify");
    slack_param_ = prefix + "/slack-webhook";
    teams_param_ = prefix + "/teams-webhook";
    pagerduty_param_ = prefix + "/pagerduty-routing-key";
    token_param_ = prefix + "/github-token";
    put(slack_param_, chat_.slack_url);
    put(teams_param_, chat_.teams_url);
    put(pagerduty_param_, chat_.routing_key);
    put(token_param_, gh_.token);
  }

  void put(const std::string& name, const std::string& value) {
    auto r = aws::ssm::put_parameter(*session_, name, value, "SecureString", true);
    ASSERT_TRUE(r.ok()) << r.error().describe();
  }

  notify::settings settings(bool github = false) const {
    notify::settings s;
    s.slack_webhook_param = slack_param_;
    s.teams_webhook_param = teams_param_;
    s.pagerduty_routing_key_param = pagerduty_param_;
    s.pagerduty_events_url = chat_.pagerduty_url;
    s.github_issues = github;
    s.github_api_url = gh_.endpoint;
    s.github_repository = gh_.repository;
    s.github_token_param = token_param_;
    s.allow_plain_http = true;  // the stand-ins listen on plain http on the loopback
    s.first_backoff = 100ms;
    return s;
  }

  // Reads through SSM with decryption, as the functions do, counting reads per name.
  notify::notifier::secret_reader reader() {
    return [this](const std::string& name) -> core::result<std::string> {
      ++reads_[name];
      auto p = aws::ssm::get_parameter(*session_, name, true);
      if (!p) return core::error{p.error().code, p.error().describe()};
      return p->value;
    };
  }

  std::unique_ptr<notify::notifier> notifier(notify::settings s) {
    return std::make_unique<notify::notifier>(
        std::move(s), reader(), [this](std::chrono::milliseconds d) { waits_.push_back(d); });
  }

  // No error of a report names a secret.
  void expect_no_secret(const notify::delivery_report& r) const {
    for (const auto& e : r.errors) {
      EXPECT_EQ(e.find(chat_.slack_url), std::string::npos) << e;
      EXPECT_EQ(e.find(chat_.slack_url.substr(chat_.endpoint.size())), std::string::npos) << e;
      EXPECT_EQ(e.find(chat_.teams_url.substr(chat_.endpoint.size())), std::string::npos) << e;
      EXPECT_EQ(e.find(chat_.routing_key), std::string::npos) << e;
      EXPECT_EQ(e.find(gh_.token), std::string::npos) << e;
    }
  }

  // The GitHub issues (any state) whose body carries the drift's marker, from the stand-in's
  // issue view.
  std::vector<rapidjson::Value> issues_for(const std::string& drift_id,
                                           rapidjson::Document& holder) {
    holder = gh_control_->issues();
    std::vector<rapidjson::Value> out;
    const std::string marker = notify::issue_marker(drift_id);
    for (auto& i : holder.GetArray())
      if (str(i, "body").find(marker) != std::string::npos)
        out.emplace_back(i, holder.GetAllocator());
    return out;
  }

  // GitHub requests of this test, oldest first: "METHOD path".
  std::vector<std::string> github_calls() {
    std::vector<std::string> out;
    auto log = gh_control_->requests();
    for (const auto& e : log.GetArray())
      out.push_back(str(e, "method") + " " + str(e, "path") + " " +
                    std::to_string(num(e, "status")));
    return out;
  }

  std::shared_ptr<aws::session> session_;
  drift_test::chat_fixture chat_;
  drift_test::github_fixture gh_;
  std::unique_ptr<drift_test::chat_control> chat_control_;
  std::unique_ptr<drift_test::github_control> gh_control_;
  std::string slack_param_, teams_param_, pagerduty_param_, token_param_;
  std::map<std::string, int> reads_;
  std::vector<std::chrono::milliseconds> waits_;
};

TEST_F(Deliver, CriticalDriftReachesSlackTeamsAndPagerDutyOnce) {
  auto n = notifier(settings());
  const std::string critical = unique("drift-critical");
  const std::string high = unique("drift-high");
  auto m = message(notify::kind::drift, {finding(critical, "CRITICAL"), finding(high, "HIGH")});

  auto r = n->send(m);
  EXPECT_EQ(r.total_failed(), 0) << (r.errors.empty() ? "" : r.errors.front());
  EXPECT_EQ(r.sent["slack"], 1);
  EXPECT_EQ(r.sent["teams"], 1);
  EXPECT_EQ(r.sent["pagerduty"], 1);  // only the CRITICAL finding pages

  auto slack = chat_control_->requests("slack");
  ASSERT_EQ(slack.Size(), 1u);
  EXPECT_EQ(num(slack[0], "status"), 200) << str(slack[0], "answer");
  auto teams = chat_control_->requests("teams");
  ASSERT_EQ(teams.Size(), 1u);
  EXPECT_EQ(num(teams[0], "status"), 202) << str(teams[0], "answer");
  auto pd = chat_control_->requests("pagerduty");
  ASSERT_EQ(pd.Size(), 1u);
  EXPECT_EQ(num(pd[0], "status"), 202) << str(pd[0], "answer");
  EXPECT_EQ(str(pd[0], "event_action"), "trigger");
  EXPECT_EQ(str(pd[0], "dedup_key"), critical);

  auto incidents = chat_control_->incidents();
  auto mine = incidents_for(incidents, critical);
  ASSERT_EQ(mine.size(), 1u);
  EXPECT_EQ(str(*mine[0], "status"), "triggered");
  EXPECT_EQ(num(*mine[0], "events"), 1);
  EXPECT_TRUE(incidents_for(incidents, high).empty());

  // The same drift again: the incident gets the event, no second incident opens.
  auto again = n->send(m);
  EXPECT_EQ(again.total_failed(), 0);
  EXPECT_EQ(again.sent["pagerduty"], 1);
  incidents = chat_control_->incidents();
  mine = incidents_for(incidents, critical);
  ASSERT_EQ(mine.size(), 1u);
  EXPECT_EQ(num(*mine[0], "events"), 2);
  EXPECT_EQ(num(*mine[0], "number"), 1);
  EXPECT_EQ(chat_control_->requests("slack").Size(), 2u);
  EXPECT_TRUE(waits_.empty());
}

TEST_F(Deliver, ReviewOpensOneIssueUpdatesItAndResolutionClosesItAndThePage) {
  auto n = notifier(settings(true));
  const std::string id = unique("drift-review");
  auto f = finding(id, "HIGH");

  // Awaiting review: one issue, labelled, with the marker; no page (the outcome did not fail).
  auto r = n->send(remediation("awaiting_review", {f}));
  EXPECT_EQ(r.total_failed(), 0) << (r.errors.empty() ? "" : r.errors.front());
  EXPECT_EQ(r.sent["github"], 1);
  EXPECT_EQ(r.sent.count("pagerduty"), 0u);
  {
    rapidjson::Document holder;
    auto issues = issues_for(id, holder);
    ASSERT_EQ(issues.size(), 1u);
    EXPECT_EQ(str(issues[0], "state"), "open");
    std::vector<std::string> labels;
    for (const auto& l : issues[0]["labels"].GetArray())
      labels.push_back(l.IsObject() ? str(l, "name") : l.GetString());
    EXPECT_NE(std::find(labels.begin(), labels.end(), "drift"), labels.end());
    EXPECT_NE(std::find(labels.begin(), labels.end(), "severity:high"), labels.end());
  }
  // GitHub's headers on what was sent.
  auto log = gh_control_->requests();
  ASSERT_GE(log.Size(), 2u);
  for (const auto& e : log.GetArray()) {
    EXPECT_TRUE(e["token_accepted"].GetBool());
    const auto& h = e["headers"];
    std::map<std::string, std::string> lower;
    for (auto it = h.MemberBegin(); it != h.MemberEnd(); ++it) {
      std::string k = it->name.GetString();
      for (auto& c : k) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
      lower[k] = it->value.GetString();
    }
    EXPECT_EQ(lower["accept"], "application/vnd.github+json");
    EXPECT_EQ(lower["x-github-api-version"], "2022-11-28");
    EXPECT_FALSE(lower["user-agent"].empty());
  }

  // Again, then failed: the same issue is updated; the failure pages.
  auto again = n->send(remediation("awaiting_review", {f}));
  EXPECT_EQ(again.total_failed(), 0) << (again.errors.empty() ? "" : again.errors.front());
  auto failed = n->send(remediation("failed", {f}));
  EXPECT_EQ(failed.total_failed(), 0) << (failed.errors.empty() ? "" : failed.errors.front());
  EXPECT_EQ(failed.sent["github"], 1);
  EXPECT_EQ(failed.sent["pagerduty"], 1);
  {
    rapidjson::Document holder;
    auto issues = issues_for(id, holder);
    ASSERT_EQ(issues.size(), 1u);
    EXPECT_EQ(str(issues[0], "state"), "open");
  }
  int posts = 0, patches = 0;
  for (const auto& c : github_calls()) {
    if (c.rfind("POST /repos/" + gh_.repository + "/issues ", 0) == 0) ++posts;
    if (c.rfind("PATCH /repos/" + gh_.repository + "/issues/", 0) == 0) ++patches;
  }
  EXPECT_EQ(posts, 1);
  EXPECT_EQ(patches, 2);

  // Resolved: a comment, the issue closed as completed, the page resolved.
  auto resolved = n->send(message(notify::kind::drift_resolved, {f}));
  EXPECT_EQ(resolved.total_failed(), 0) << (resolved.errors.empty() ? "" : resolved.errors.front());
  EXPECT_EQ(resolved.sent["github"], 1);
  EXPECT_EQ(resolved.sent["pagerduty"], 1);
  {
    rapidjson::Document holder;
    auto issues = issues_for(id, holder);
    ASSERT_EQ(issues.size(), 1u);
    EXPECT_EQ(str(issues[0], "state"), "closed");
    EXPECT_EQ(str(issues[0], "state_reason"), "completed");
    ASSERT_TRUE(issues[0].HasMember("comment_list"));
    const auto& comments = issues[0]["comment_list"];
    ASSERT_EQ(comments.Size(), 1u);
    EXPECT_EQ(str(comments[0], "body"),
              notify::github_resolution_comment(message(notify::kind::drift_resolved, {f}), f));
  }
  auto incidents = chat_control_->incidents();
  auto mine = incidents_for(incidents, id);
  ASSERT_EQ(mine.size(), 1u);
  EXPECT_EQ(str(*mine[0], "status"), "resolved");

  // Resolved again: no open issue, nothing to close, nothing failed.
  const auto before = github_calls().size();
  auto twice = n->send(message(notify::kind::drift_resolved, {f}));
  EXPECT_EQ(twice.total_failed(), 0);
  EXPECT_EQ(twice.sent.count("github"), 0u);
  auto calls = github_calls();
  ASSERT_GT(calls.size(), before);
  for (auto i = before; i < calls.size(); ++i) EXPECT_EQ(calls[i].rfind("GET ", 0), 0u) << calls[i];
}

TEST_F(Deliver, SlackFailingThreeTimesIsCountedAndTheOthersStillSend) {
  auto n = notifier(settings());
  chat_control_->script(R"([{"service":"slack","status":500},{"service":"slack","status":500},)"
                        R"({"service":"slack","status":500}])");
  const std::string id = unique("drift-500");
  auto r = n->send(message(notify::kind::drift, {finding(id, "CRITICAL")}));

  EXPECT_EQ(r.failed["slack"], 1);
  EXPECT_EQ(r.sent.count("slack"), 0u);
  EXPECT_EQ(r.sent["teams"], 1);
  EXPECT_EQ(r.sent["pagerduty"], 1);
  EXPECT_EQ(r.total_failed(), 1);
  ASSERT_EQ(r.errors.size(), 1u);
  EXPECT_NE(r.errors[0].find("slack"), std::string::npos) << r.errors[0];
  EXPECT_NE(r.errors[0].find("500"), std::string::npos) << r.errors[0];
  expect_no_secret(r);

  auto slack = chat_control_->requests("slack");
  ASSERT_EQ(slack.Size(), 3u);  // max_attempts, then counted
  for (const auto& e : slack.GetArray()) EXPECT_EQ(num(e, "status"), 500);
  EXPECT_EQ(waits_, (std::vector<std::chrono::milliseconds>{100ms, 200ms}));
}

TEST_F(Deliver, RateLimitWithRetryAfterIsWaitedForAndRetried) {
  auto n = notifier(settings());
  chat_control_->script(R"([{"service":"slack","status":429,"retry_after":2},)"
                        R"({"service":"pagerduty","status":429}])");
  auto r = n->send(message(notify::kind::drift, {finding(unique("drift-429"), "CRITICAL")}));

  EXPECT_EQ(r.total_failed(), 0) << (r.errors.empty() ? "" : r.errors.front());
  EXPECT_EQ(r.sent["slack"], 1);
  EXPECT_EQ(r.sent["pagerduty"], 1);
  auto slack = chat_control_->requests("slack");
  ASSERT_EQ(slack.Size(), 2u);
  EXPECT_EQ(num(slack[0], "status"), 429);
  EXPECT_EQ(num(slack[1], "status"), 200);
  // Slack's Retry-After, then PagerDuty's 429 without one: the first backoff.
  EXPECT_EQ(waits_, (std::vector<std::chrono::milliseconds>{2000ms, 100ms}));
}

TEST_F(Deliver, RetryAfterLongerThanASendWaitsIsAFailureNotASleep) {
  auto n = notifier(settings());
  chat_control_->script(R"([{"service":"teams","status":429,"retry_after":120}])");
  auto r = n->send(message(notify::kind::drift, {finding(unique("drift-long"), "HIGH")}));
  EXPECT_EQ(r.failed["teams"], 1);
  EXPECT_EQ(r.sent["slack"], 1);
  ASSERT_EQ(r.errors.size(), 1u);
  EXPECT_NE(r.errors[0].find("Retry-After 120"), std::string::npos) << r.errors[0];
  EXPECT_EQ(chat_control_->requests("teams").Size(), 1u);
  EXPECT_TRUE(waits_.empty());
}

TEST_F(Deliver, RefusedPayloadIsPermanentAndNotRetried) {
  auto n = notifier(settings());
  chat_control_->script(R"([{"service":"slack","status":404}])");
  auto r = n->send(message(notify::kind::drift, {finding(unique("drift-404"), "HIGH")}));
  EXPECT_EQ(r.failed["slack"], 1);
  ASSERT_EQ(r.errors.size(), 1u);
  EXPECT_NE(r.errors[0].find("no_service"), std::string::npos) << r.errors[0];
  EXPECT_EQ(chat_control_->requests("slack").Size(), 1u);
  EXPECT_TRUE(waits_.empty());
  expect_no_secret(r);
}

TEST_F(Deliver, UnreachableWebhookIsRetriedAndItsErrorQuotesNoUrl) {
  // Nothing listens on port 9 of the loopback (discard): every attempt fails to connect.
  const std::string secret_path = "/services/T0DRIFT/B0DRIFT/" + unique("unreachable");
  auto s = settings();
  s.slack_webhook_param += "-unreachable";
  put(s.slack_webhook_param, "http://127.0.0.1:9" + secret_path);
  auto n = notifier(s);
  auto r = n->send(message(notify::kind::drift, {finding(unique("drift-down"), "HIGH")}));
  EXPECT_EQ(r.failed["slack"], 1);
  EXPECT_EQ(r.sent["teams"], 1);
  ASSERT_EQ(r.errors.size(), 1u);
  EXPECT_NE(r.errors[0].find("could not connect"), std::string::npos) << r.errors[0];
  EXPECT_EQ(r.errors[0].find(secret_path), std::string::npos) << r.errors[0];
  EXPECT_EQ(waits_, (std::vector<std::chrono::milliseconds>{100ms, 200ms}));
}

TEST_F(Deliver, SecretsAreReadOncePerNameAndAFailedReadIsNotKept) {
  auto n = notifier(settings());
  const std::string id = unique("drift-cache");
  for (int i = 0; i < 2; ++i) {
    auto r = n->send(message(notify::kind::drift, {finding(id, "CRITICAL")}));
    EXPECT_EQ(r.total_failed(), 0) << (r.errors.empty() ? "" : r.errors.front());
  }
  EXPECT_EQ(chat_control_->requests("slack").Size(), 2u);
  EXPECT_EQ(reads_[slack_param_], 1);
  EXPECT_EQ(reads_[teams_param_], 1);
  EXPECT_EQ(reads_[pagerduty_param_], 1);

  // A parameter that does not exist yet: the failure is reported, and read again next time.
  auto s = settings();
  s.slack_webhook_param += "-later";
  auto late = notifier(s);
  auto first = late->send(message(notify::kind::drift, {finding(id, "HIGH")}));
  EXPECT_EQ(first.failed["slack"], 1);
  ASSERT_EQ(first.errors.size(), 1u);
  EXPECT_NE(first.errors[0].find("SLACK_WEBHOOK_PARAMETER"), std::string::npos);
  EXPECT_NE(first.errors[0].find("ParameterNotFound"), std::string::npos) << first.errors[0];
  put(s.slack_webhook_param, chat_.slack_url);
  auto second = late->send(message(notify::kind::drift, {finding(id, "HIGH")}));
  EXPECT_EQ(second.total_failed(), 0);
  EXPECT_EQ(second.sent["slack"], 1);
  EXPECT_EQ(reads_[s.slack_webhook_param], 2);
}

TEST_F(Deliver, PlainHttpWebhookIsRefusedUnlessAllowed) {
  auto s = settings();
  s.allow_plain_http = false;
  s.pagerduty_routing_key_param.clear();
  auto n = notifier(s);
  auto r = n->send(message(notify::kind::drift, {finding(unique("drift-http"), "HIGH")}));
  EXPECT_EQ(r.failed["slack"], 1);
  EXPECT_EQ(r.failed["teams"], 1);
  EXPECT_EQ(r.sent.size(), 0u);
  for (const auto& e : r.errors) EXPECT_NE(e.find("plain http"), std::string::npos) << e;
  expect_no_secret(r);
  EXPECT_EQ(chat_control_->requests().Size(), 0u);
}

TEST_F(Deliver, GithubRefusingTheTokenForgetsItAndARotatedOneIsReadNextTime) {
  put(token_param_, "ghp_rotated_away");
  auto n = notifier(settings(true));
  const std::string id = unique("drift-401");
  auto f = finding(id, "MEDIUM");
  auto r = n->send(remediation("awaiting_review", {f}));
  EXPECT_EQ(r.failed["github"], 1);
  ASSERT_EQ(r.errors.size(), 1u);
  EXPECT_NE(r.errors[0].find("401"), std::string::npos) << r.errors[0];
  EXPECT_EQ(r.errors[0].find("ghp_rotated_away"), std::string::npos) << r.errors[0];
  EXPECT_EQ(gh_control_->requests().Size(), 1u);  // no retry of a refused token

  put(token_param_, gh_.token);
  auto later = n->send(remediation("awaiting_review", {f}));
  EXPECT_EQ(later.total_failed(), 0) << (later.errors.empty() ? "" : later.errors.front());
  EXPECT_EQ(later.sent["github"], 1);
  EXPECT_EQ(reads_[token_param_], 2);
  rapidjson::Document holder;
  EXPECT_EQ(issues_for(id, holder).size(), 1u);
}

TEST_F(Deliver, GithubRateLimitIsAFailureOfThisSendWithoutSleeping) {
  auto n = notifier(settings(true));
  gh_control_->script(R"([{"status":403,"ratelimit_reset_in":600}])");
  const std::string a = unique("drift-rl-a");
  const std::string b = unique("drift-rl-b");
  auto r = n->send(remediation("failed", {finding(a, "HIGH"), finding(b, "HIGH")}));
  EXPECT_EQ(r.failed["github"], 2);  // the second finding is not tried against a rate limit
  EXPECT_EQ(r.sent["pagerduty"], 2);
  EXPECT_EQ(gh_control_->requests().Size(), 1u);
  EXPECT_TRUE(waits_.empty());
  for (const auto& e : r.errors) EXPECT_NE(e.find("rate limit"), std::string::npos) << e;
}

TEST_F(Deliver, GithubServerErrorsAreRetriedWithoutADuplicateIssue) {
  auto n = notifier(settings(true));
  const std::string id = unique("drift-502");
  gh_control_->script(R"([{"status":502}])");  // the first listing
  auto r = n->send(remediation("awaiting_review", {finding(id, "LOW")}));
  EXPECT_EQ(r.total_failed(), 0) << (r.errors.empty() ? "" : r.errors.front());
  EXPECT_EQ(r.sent["github"], 1);
  EXPECT_EQ(waits_, (std::vector<std::chrono::milliseconds>{100ms}));
  rapidjson::Document holder;
  EXPECT_EQ(issues_for(id, holder).size(), 1u);
}

TEST_F(Deliver, GithubIssueOnALaterPageIsFoundAndUpdated) {
  // The drift's issue first, then 100 others: listed newest first, it is on page 2.
  const std::string id = unique("drift-paged");
  auto f = finding(id, "HIGH");
  httplib::Client cli(gh_.endpoint);
  httplib::Headers h = {{"Authorization", "Bearer " + gh_.token},
                        {"Accept", "application/vnd.github+json"}};
  auto create = [&](const std::string& title, const std::string& body) {
    std::string json =
        "{\"title\":\"" + title + "\",\"body\":\"" + body + "\",\"labels\":[\"drift\"]}";
    auto res = cli.Post("/repos/" + gh_.repository + "/issues", h, json, "application/json");
    ASSERT_TRUE(res && res->status == 201) << (res ? res->body : "no answer");
  };
  create("the drift", notify::issue_marker(id));
  for (int i = 0; i < 100; ++i)
    create("other " + std::to_string(i), notify::issue_marker(id + "-other-" + std::to_string(i)));

  auto n = notifier(settings(true));
  const auto before = github_calls().size();
  auto r = n->send(remediation("awaiting_review", {f}));
  EXPECT_EQ(r.total_failed(), 0) << (r.errors.empty() ? "" : r.errors.front());
  EXPECT_EQ(r.sent["github"], 1);
  auto calls = github_calls();
  std::vector<std::string> mine(calls.begin() + static_cast<long>(before), calls.end());
  ASSERT_EQ(mine.size(), 3u);
  EXPECT_EQ(mine[0].rfind("GET ", 0), 0u) << mine[0];
  EXPECT_EQ(mine[1].rfind("GET ", 0), 0u) << mine[1];
  EXPECT_EQ(mine[2], "PATCH /repos/" + gh_.repository + "/issues/1 200");
  rapidjson::Document holder;
  auto issues = issues_for(id, holder);
  ASSERT_EQ(issues.size(), 1u);
  EXPECT_EQ(str(issues[0], "title"),
            notify::github_issue(remediation("awaiting_review", {f}), f).title);
}

TEST(DeliverSettings, FromEnvironment) {
  auto from = [](std::map<std::string, std::string> vars) {
    return notify::settings_from_env([vars](const char* name) -> std::optional<std::string> {
      auto it = vars.find(name);
      if (it == vars.end()) return std::nullopt;
      return it->second;
    });
  };

  auto none = from({});
  ASSERT_TRUE(none.ok());
  EXPECT_FALSE(none->any());
  EXPECT_EQ(none->pagerduty_events_url, "https://events.pagerduty.com/v2/enqueue");
  EXPECT_EQ(none->github_api_url, "https://api.github.com");

  auto all = from({{"SLACK_WEBHOOK_PARAMETER", "/drift/slack"},
                   {"TEAMS_WEBHOOK_PARAMETER", "/drift/teams"},
                   {"PAGERDUTY_ROUTING_KEY_PARAMETER", "/drift/pd"},
                   {"PAGERDUTY_EVENTS_URL", "http://127.0.0.1:9/v2/enqueue"},
                   {"GITHUB_ISSUES", "TRUE"},
                   {"GITHUB_API_URL", "http://127.0.0.1:9"},
                   {"GITHUB_REPOSITORY", "acme/infrastructure"},
                   {"GITHUB_TOKEN_PARAMETER", "/drift/token"},
                   {"NOTIFY_ALLOW_PLAIN_HTTP", "true"}});
  ASSERT_TRUE(all.ok()) << all.error().message;
  EXPECT_EQ(all->slack_webhook_param, "/drift/slack");
  EXPECT_EQ(all->teams_webhook_param, "/drift/teams");
  EXPECT_EQ(all->pagerduty_routing_key_param, "/drift/pd");
  EXPECT_EQ(all->pagerduty_events_url, "http://127.0.0.1:9/v2/enqueue");
  EXPECT_TRUE(all->github_issues);
  EXPECT_EQ(all->github_repository, "acme/infrastructure");
  EXPECT_EQ(all->github_token_param, "/drift/token");
  EXPECT_TRUE(all->allow_plain_http);

  auto maybe = from({{"GITHUB_ISSUES", "maybe"}});
  ASSERT_FALSE(maybe.ok());
  EXPECT_EQ(maybe.error().code, "ConfigurationError");
  EXPECT_NE(maybe.error().message.find("GITHUB_ISSUES"), std::string::npos);
  EXPECT_NE(maybe.error().message.find("maybe"), std::string::npos);

  auto no_token = from({{"GITHUB_ISSUES", "true"}, {"GITHUB_REPOSITORY", "acme/infrastructure"}});
  ASSERT_FALSE(no_token.ok());
  EXPECT_EQ(no_token.error().code, "ConfigurationError");
  EXPECT_NE(no_token.error().message.find("GITHUB_TOKEN_PARAMETER"), std::string::npos);

  auto plain = from({{"PAGERDUTY_ROUTING_KEY_PARAMETER", "/drift/pd"},
                     {"PAGERDUTY_EVENTS_URL", "http://events.example.com/v2/enqueue"}});
  ASSERT_FALSE(plain.ok());
  EXPECT_NE(plain.error().message.find("PAGERDUTY_EVENTS_URL"), std::string::npos);

  auto bad_flag = from({{"NOTIFY_ALLOW_PLAIN_HTTP", "1"}});
  ASSERT_FALSE(bad_flag.ok());
  EXPECT_NE(bad_flag.error().message.find("NOTIFY_ALLOW_PLAIN_HTTP"), std::string::npos);

  // Lambda's empty variables count as unset.
  auto empty = from({{"GITHUB_ISSUES", ""}, {"SLACK_WEBHOOK_PARAMETER", ""}});
  ASSERT_TRUE(empty.ok());
  EXPECT_FALSE(empty->any());
}

}  // namespace
