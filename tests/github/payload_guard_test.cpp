// The client refuses, before sending, what GitHub would refuse with 422.
#include <gtest/gtest.h>

#include <string>

#include "github/dispatch.h"

namespace {

std::string payload_with(int properties) {
  std::string p = "{";
  for (int i = 0; i < properties; ++i) {
    if (i) p += ",";
    p += "\"k" + std::to_string(i) + "\":{\"nested\":[1,2,3]}";
  }
  return p + "}";
}

TEST(GithubPayloadGuard, TenTopLevelPropertiesPass) {
  EXPECT_EQ(github::check_dispatch("drift-detected", payload_with(10)), std::nullopt);
}

TEST(GithubPayloadGuard, ElevenTopLevelPropertiesAreRefused) {
  auto why = github::check_dispatch("drift-detected", payload_with(11));
  ASSERT_TRUE(why);
  EXPECT_NE(why->find("11 top-level properties"), std::string::npos) << *why;
}

TEST(GithubPayloadGuard, NestedPropertiesDoNotCount) {
  std::string p = R"({"drift":{)";
  for (int i = 0; i < 30; ++i)
    p += (i ? "," : "") + std::string("\"f") + std::to_string(i) + "\":1";
  p += "}}";
  EXPECT_EQ(github::check_dispatch("drift-detected", p), std::nullopt);
}

TEST(GithubPayloadGuard, PayloadMustBeAJsonObject) {
  EXPECT_TRUE(github::check_dispatch("drift-detected", "[1,2]"));
  EXPECT_TRUE(github::check_dispatch("drift-detected", "\"text\""));
  EXPECT_TRUE(github::check_dispatch("drift-detected", "{\"unterminated\":"));
  EXPECT_EQ(github::check_dispatch("drift-detected", ""), std::nullopt);
  EXPECT_EQ(github::check_dispatch("drift-detected", "{}"), std::nullopt);
}

TEST(GithubPayloadGuard, EventTypeIsOneToHundredCharacters) {
  EXPECT_TRUE(github::check_dispatch("", "{}"));
  EXPECT_EQ(github::check_dispatch(std::string(100, 'e'), "{}"), std::nullopt);
  EXPECT_TRUE(github::check_dispatch(std::string(101, 'e'), "{}"));
}

TEST(GithubPayloadGuard, DispatcherSendsNothingItWouldBeRefusedFor) {
  // Nothing listens on this address: a request would come back transient, not permanent.
  github::settings s;
  s.api_url = "http://127.0.0.1:9";
  s.repository = "acme/infrastructure";
  github::dispatcher d(s, [](std::chrono::milliseconds) {});
  auto r = d.dispatch("drift-detected", payload_with(11), "token");
  EXPECT_EQ(r.kind, github::outcome::permanent);
  EXPECT_EQ(r.attempts, 0);
  EXPECT_EQ(r.status, 0);
  EXPECT_NE(r.message.find("at most 10"), std::string::npos) << r.message;
}

TEST(GithubPayloadGuard, RepositoryMustBeOwnerSlashRepo) {
  for (const char* bad : {"", "acme", "acme/", "/repo", "a/b/c", "acme/infra structure"}) {
    github::settings s;
    s.api_url = "http://127.0.0.1:9";
    s.repository = bad;
    github::dispatcher d(s, [](std::chrono::milliseconds) {});
    auto r = d.dispatch("drift-detected", "{}", "token");
    EXPECT_EQ(r.kind, github::outcome::permanent) << bad;
    EXPECT_EQ(r.attempts, 0) << bad;
  }
}

}  // namespace
