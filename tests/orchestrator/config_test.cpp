// The environment the function reads.
#include "src/config.h"

#include <gtest/gtest.h>

using namespace orchestrator;

namespace {
env_map minimal() {
  return {{"METADATA_TABLE", "m"},         {"LOCKS_TABLE", "l"},
          {"HISTORY_TABLE", "h"},          {"REMEDIATIONS_TABLE", "r"},
          {"RETRY_QUEUE_URL", "http://q"}, {"GITHUB_TOKEN_PARAMETER", "/t"}};
}
}  // namespace

TEST(Config, DefaultsFromTheReadme) {
  auto c = load_config(minimal());
  ASSERT_TRUE(c) << c.error().message;
  EXPECT_EQ(c->metrics_namespace, "TerraformPipeline/Drift");
  EXPECT_EQ(c->max_retry_attempts, 5);
  EXPECT_EQ(c->retry_delay.count(), 60);
  EXPECT_EQ(c->cooldown.count(), 3600);
  EXPECT_EQ(c->history_ttl.count(), 90 * 86400);
  EXPECT_FALSE(c->disable_processing);
}

TEST(Config, MissingVariablesAreAllNamed) {
  auto c = load_config({{"METADATA_TABLE", "m"}});
  ASSERT_FALSE(c);
  for (const char* v : {"LOCKS_TABLE", "HISTORY_TABLE", "REMEDIATIONS_TABLE", "RETRY_QUEUE_URL",
                        "GITHUB_TOKEN_PARAMETER"})
    EXPECT_NE(c.error().message.find(v), std::string::npos) << v;
}

TEST(Config, KillSwitchAndNumbers) {
  auto env = minimal();
  env["DISABLE_PROCESSING"] = "true";
  env["MAX_RETRY_ATTEMPTS"] = "2";
  env["COOLDOWN_SECONDS"] = "0";
  auto c = load_config(env);
  ASSERT_TRUE(c);
  EXPECT_TRUE(c->disable_processing);
  EXPECT_EQ(c->max_retry_attempts, 2);
  EXPECT_EQ(c->cooldown.count(), 0);
  env["LOCK_TTL_SECONDS"] = "soon";
  EXPECT_FALSE(load_config(env));
}
