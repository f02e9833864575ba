// The github-stand-in itself answers like GitHub: tests and the demo rely on it refusing what
// GitHub refuses. Driven with plain HTTP, independent of our client.
#include <gtest/gtest.h>
#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include <chrono>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>
#include <thread>

#include "github_stand_in.h"

namespace {

using namespace std::chrono_literals;

class GithubStandIn : public ::testing::Test {
 protected:
  void SetUp() override {
    fixture_ = drift_test::github_stand_in();
    control_ = std::make_unique<drift_test::github_control>(fixture_.endpoint);
    control_->reset();
    cli_ = std::make_unique<httplib::Client>(fixture_.endpoint);
  }

  httplib::Result post(const std::string& body, const std::string& auth,
                       const std::string& repository = "") {
    httplib::Headers h;
    if (!auth.empty()) h.emplace("Authorization", auth);
    h.emplace("Accept", "application/vnd.github+json");
    h.emplace("X-GitHub-Api-Version", "2022-11-28");
    std::string repo = repository.empty() ? fixture_.repository : repository;
    return cli_->Post(("/repos/" + repo + "/dispatches").c_str(), h, body, "application/json");
  }

  static std::string message(const httplib::Result& res) {
    rapidjson::Document d;
    d.Parse(res->body.c_str());
    if (!d.IsObject() || !d.HasMember("message") || !d.HasMember("documentation_url")) return "?";
    return d["message"].GetString();
  }

  std::string bearer() const { return "Bearer " + fixture_.token; }

  drift_test::github_fixture fixture_;
  std::unique_ptr<drift_test::github_control> control_;
  std::unique_ptr<httplib::Client> cli_;
};

TEST_F(GithubStandIn, AcceptsAValidDispatchWith204AndRateLimitHeaders) {
  auto res = post(R"({"event_type":"drift-detected","client_payload":{"a":1}})", bearer());
  ASSERT_TRUE(res);
  EXPECT_EQ(res->status, 204);
  EXPECT_TRUE(res->body.empty());
  for (const char* h : {"x-ratelimit-limit", "x-ratelimit-remaining", "x-ratelimit-reset",
                        "x-ratelimit-used", "x-ratelimit-resource"}) {
    EXPECT_TRUE(res->has_header(h)) << h;
  }
  // The token scheme GitHub also accepts.
  auto legacy = post(R"({"event_type":"drift-detected"})", "token " + fixture_.token);
  ASSERT_TRUE(legacy);
  EXPECT_EQ(legacy->status, 204);
}

TEST_F(GithubStandIn, RefusesMissingOrWrongCredentialsWith401) {
  auto none = post(R"({"event_type":"drift-detected"})", "");
  ASSERT_TRUE(none);
  EXPECT_EQ(none->status, 401);
  EXPECT_EQ(message(none), "Requires authentication");
  auto wrong = post(R"({"event_type":"drift-detected"})", "Bearer ghp_wrong");
  ASSERT_TRUE(wrong);
  EXPECT_EQ(wrong->status, 401);
  EXPECT_EQ(message(wrong), "Bad credentials");
  EXPECT_TRUE(wrong->has_header("x-ratelimit-remaining"));
}

TEST_F(GithubStandIn, OtherRepositoryIs404) {
  auto res = post(R"({"event_type":"drift-detected"})", bearer(), "someone/else");
  ASSERT_TRUE(res);
  EXPECT_EQ(res->status, 404);
  EXPECT_EQ(message(res), "Not Found");
}

TEST_F(GithubStandIn, ElevenTopLevelPropertiesAre422WithGithubsMessage) {
  std::string p;
  for (int i = 0; i < 11; ++i)
    p += (i ? "," : "") + std::string("\"k") + std::to_string(i) + "\":1";
  auto res = post(R"({"event_type":"drift-detected","client_payload":{)" + p + "}}", bearer());
  ASSERT_TRUE(res);
  EXPECT_EQ(res->status, 422);
  EXPECT_EQ(message(res),
            "Invalid request.\n\nNo more than 10 properties are allowed; 11 were supplied.");
}

TEST_F(GithubStandIn, EventTypeAndPayloadShapeAreValidated) {
  auto missing = post(R"({"client_payload":{}})", bearer());
  EXPECT_EQ(missing->status, 422);
  EXPECT_NE(message(missing).find("event_type"), std::string::npos);
  EXPECT_EQ(post(R"({"event_type":""})", bearer())->status, 422);
  EXPECT_EQ(post(R"({"event_type":42})", bearer())->status, 422);
  EXPECT_EQ(post(R"({"event_type":")" + std::string(101, 'x') + "\"}", bearer())->status, 422);
  EXPECT_EQ(post(R"({"event_type":")" + std::string(100, 'x') + "\"}", bearer())->status, 204);
  auto not_object = post(R"({"event_type":"e","client_payload":"{}"})", bearer());
  EXPECT_EQ(not_object->status, 422);
  EXPECT_NE(message(not_object).find("is not an object"), std::string::npos);
  EXPECT_EQ(post("not json", bearer())->status, 400);
}

TEST_F(GithubStandIn, RecordsRequestsWithTheTokenRedactedAndClears) {
  post(R"({"event_type":"drift-detected"})", bearer());
  post(R"({"event_type":"drift-detected"})", "Bearer ghp_wrong");
  auto log = control_->requests();
  ASSERT_EQ(log.Size(), 2u);
  EXPECT_EQ(log[0]["status"].GetInt(), 204);
  EXPECT_TRUE(log[0]["token_accepted"].GetBool());
  EXPECT_STREQ(log[0]["headers"]["Authorization"].GetString(), "Bearer [REDACTED]");
  EXPECT_STREQ(log[0]["headers"]["X-GitHub-Api-Version"].GetString(), "2022-11-28");
  EXPECT_STREQ(log[0]["headers"]["Accept"].GetString(), "application/vnd.github+json");
  EXPECT_STREQ(log[0]["body"].GetString(), R"({"event_type":"drift-detected"})");
  EXPECT_TRUE(log[0]["time"].IsString());
  EXPECT_EQ(log[1]["status"].GetInt(), 401);
  EXPECT_FALSE(log[1]["token_accepted"].GetBool());

  auto raw = cli_->Get("/_stand-in/requests");
  ASSERT_TRUE(raw);
  EXPECT_EQ(raw->body.find(fixture_.token), std::string::npos);
  EXPECT_EQ(raw->body.find("ghp_wrong"), std::string::npos);

  control_->reset();
  EXPECT_EQ(control_->requests().Size(), 0u);
}

TEST_F(GithubStandIn, ScriptIsPlayedOncePerDispatchThenNormal) {
  control_->script(R"([{"status":429,"retry_after":30},{"status":403,"ratelimit_reset_in":60},)"
                   R"({"status":500},{"status":401},{"status":422,"message":"custom"}])");
  const std::string body = R"({"event_type":"drift-detected"})";
  auto r1 = post(body, bearer());
  EXPECT_EQ(r1->status, 429);
  EXPECT_EQ(r1->get_header_value("Retry-After"), "30");
  auto r2 = post(body, bearer());
  EXPECT_EQ(r2->status, 403);
  EXPECT_EQ(r2->get_header_value("x-ratelimit-remaining"), "0");
  auto now = std::chrono::duration_cast<std::chrono::seconds>(
                 std::chrono::system_clock::now().time_since_epoch())
                 .count();
  long long reset = std::stoll(r2->get_header_value("x-ratelimit-reset"));
  EXPECT_GE(reset, now + 58);
  EXPECT_LE(reset, now + 61);
  EXPECT_EQ(post(body, bearer())->status, 500);
  EXPECT_EQ(post(body, bearer())->status, 401);
  auto r5 = post(body, bearer());
  EXPECT_EQ(r5->status, 422);
  EXPECT_EQ(message(r5), "custom");
  EXPECT_EQ(post(body, bearer())->status, 204);
  EXPECT_EQ(control_->requests().Size(), 6u);
}

TEST_F(GithubStandIn, MalformedScriptIsRefused) {
  auto res = cli_->Post("/_stand-in/script", R"([{"status":"soon"}])", "application/json");
  ASSERT_TRUE(res);
  EXPECT_EQ(res->status, 400);
  EXPECT_EQ(post(R"({"event_type":"drift-detected"})", bearer())->status, 204);
}

// A private stand-in (the fixture's has no hook): the hook gets the dispatch body on stdin,
// and SIGTERM ends the process cleanly.
TEST(GithubStandInProcess, WorkflowHookGetsTheBodyAndSigtermStopsCleanly) {
  const char* binary = std::getenv("GITHUB_STAND_IN_BINARY");
  ASSERT_NE(binary, nullptr);
  auto dir =
      std::filesystem::temp_directory_path() / ("github-stand-in-test-" + std::to_string(getpid()));
  std::filesystem::create_directories(dir);
  const auto port_file = (dir / "port").string();
  const auto hook_out = (dir / "hook.out").string();
  const auto event_out = (dir / "event.json").string();
  // The body goes to hook.out last, so that once it exists the event file does too.
  const std::string hook = "cp \"$GITHUB_EVENT_PATH\" " + event_out +
                           " && echo \"$GITHUB_EVENT_NAME $GITHUB_REPOSITORY\" >> " + event_out +
                           ".env && cat > " + hook_out + ".tmp && mv " + hook_out + ".tmp " +
                           hook_out;

  pid_t pid = fork();
  ASSERT_GE(pid, 0);
  if (pid == 0) {
    execl(binary, binary, "--port", "0", "--port-file", port_file.c_str(), "--repository",
          "acme/hooked", "--token", "t0k", "--workflow-hook", hook.c_str(),
          static_cast<char*>(nullptr));
    _exit(127);
  }
  int port = 0;
  for (int i = 0; i < 200 && port == 0; ++i) {
    std::ifstream in(port_file);
    if (!(in >> port)) std::this_thread::sleep_for(50ms);
  }
  ASSERT_NE(port, 0) << "stand-in did not write its port file";

  httplib::Client cli("127.0.0.1", port);
  const std::string body = R"({"event_type":"drift-detected","client_payload":{"x":"y"}})";
  auto res = cli.Post("/repos/acme/hooked/dispatches", {{"Authorization", "Bearer t0k"}}, body,
                      "application/json");
  ASSERT_TRUE(res);
  EXPECT_EQ(res->status, 204);

  std::string seen;
  for (int i = 0; i < 200 && seen.empty(); ++i) {
    std::ifstream in(hook_out);
    std::stringstream ss;
    ss << in.rdbuf();
    seen = ss.str();
    if (seen.empty()) std::this_thread::sleep_for(50ms);
  }
  EXPECT_EQ(seen, body);

  // What a GitHub Actions step would find in github.event and its environment.
  std::ifstream event_in(event_out);
  std::stringstream event_text;
  event_text << event_in.rdbuf();
  rapidjson::Document event;
  event.Parse(event_text.str().c_str());
  ASSERT_TRUE(event.IsObject()) << event_text.str();
  EXPECT_STREQ(event["action"].GetString(), "drift-detected");
  EXPECT_STREQ(event["client_payload"]["x"].GetString(), "y");
  EXPECT_STREQ(event["repository"]["full_name"].GetString(), "acme/hooked");
  std::ifstream env_in(event_out + ".env");
  std::string env_line;
  std::getline(env_in, env_line);
  EXPECT_EQ(env_line, "repository_dispatch acme/hooked");

  ASSERT_EQ(kill(pid, SIGTERM), 0);
  int status = 0;
  ASSERT_EQ(waitpid(pid, &status, 0), pid);
  EXPECT_TRUE(WIFEXITED(status));
  EXPECT_EQ(WEXITSTATUS(status), 0);
  std::filesystem::remove_all(dir);
}

}  // namespace
