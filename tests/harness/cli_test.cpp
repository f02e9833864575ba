// lambda-harness's command line: flags apply in the order given, each function's flags after
// its --function, and mistakes are refused with the flag named.
#include "cli.h"

#include <gtest/gtest.h>

#include <cstdio>
#include <filesystem>
#include <fstream>
#include <string>
#include <vector>

namespace {

core::result<harness::cli_options> parse(std::vector<std::string> args) {
  args.insert(args.begin(), "lambda-harness");
  std::vector<char*> argv;
  for (auto& a : args) argv.push_back(a.data());
  return harness::parse_args(static_cast<int>(argv.size()), argv.data());
}

TEST(HarnessCli, FlagsConfigureTheFunctionNamedBeforeThem) {
  auto r = parse({"--bootstrap",
                  "/bin/a",
                  "--function",
                  "scanner",
                  "--bootstrap",
                  "/bin/s",
                  "--env",
                  "A=1=2",
                  "--timeout",
                  "30",
                  "--sqs",
                  "http://q/1",
                  "--batch-size",
                  "3",
                  "--sns",
                  "--function",
                  "callback",
                  "--zip",
                  "c.zip",
                  "--from-aws",
                  "--function",
                  "orchestrator",
                  "--from-aws=deployed",
                  "--port",
                  "0"});
  ASSERT_TRUE(r.ok()) << r.error().message;
  const auto& cfg = r->cfg;
  ASSERT_EQ(cfg.functions.size(), 4u);
  EXPECT_EQ(cfg.functions[0].name, "function");
  EXPECT_EQ(cfg.functions[0].bootstrap, "/bin/a");
  EXPECT_EQ(cfg.functions[1].name, "scanner");
  EXPECT_EQ(cfg.functions[1].bootstrap, "/bin/s");
  EXPECT_EQ(cfg.functions[1].env.at("A"), "1=2");
  EXPECT_EQ(cfg.functions[1].timeout_seconds, 30);
  EXPECT_EQ(cfg.functions[0].timeout_seconds, 3);
  EXPECT_EQ(cfg.functions[2].zip, "c.zip");
  EXPECT_EQ(cfg.functions[2].from_aws.value_or("-"), "callback");
  EXPECT_EQ(cfg.functions[3].from_aws.value_or("-"), "deployed");
  ASSERT_EQ(cfg.pumps.size(), 1u);
  EXPECT_EQ(cfg.pumps[0].function, "scanner");
  EXPECT_EQ(cfg.pumps[0].batch_size, 3);
  EXPECT_TRUE(cfg.pumps[0].sns);
  EXPECT_EQ(cfg.port, 0);
  EXPECT_EQ(r->one_shot_function, "orchestrator");
  EXPECT_FALSE(r->help);
}

TEST(HarnessCli, TheLastOfARepeatedFlagWinsAndRepeatableOnesAddUp) {
  auto r = parse({"--host", "0.0.0.0", "--host", "127.0.0.2", "--pass-env", "A", "--pass-env", "B",
                  "--event", "-"});
  ASSERT_TRUE(r.ok()) << r.error().message;
  EXPECT_EQ(r->cfg.host, "127.0.0.2");
  EXPECT_EQ(r->cfg.pass_env, (std::vector<std::string>{"A", "B"}));
  EXPECT_EQ(r->cfg.event_file, "-");
}

// A config file's functions, pumps and service settings, with flags after it overriding it.
TEST(HarnessCli, AConfigFileIsReadAndLaterFlagsOverrideIt) {
  const auto dir = std::filesystem::temp_directory_path() / "harness-cli-test";
  std::filesystem::create_directories(dir);
  const std::string file = (dir / "harness.json").string();
  std::ofstream(file) << R"({"port": 9100, "log_file": "logs/h.log", "pass_env": ["HOME", 3],
    "functions": [{"name": "scanner", "bootstrap": "bin/bootstrap", "timeout": 60},
                  {"name": "callback", "zip": "/abs/callback.zip"}],
    "sqs_pumps": [{"queue_url": "http://q/drift", "function": "scanner", "sns": true,
                   "batch_size": 1}]})";
  auto r = parse({"--config", file, "--function", "scanner", "--timeout", "90", "--port", "0"});
  std::filesystem::remove_all(dir);
  ASSERT_TRUE(r.ok()) << r.error().message;
  const auto& cfg = r->cfg;
  EXPECT_EQ(cfg.port, 0);
  EXPECT_EQ(cfg.log_file, (dir / "logs/h.log").string());
  EXPECT_EQ(cfg.pass_env, std::vector<std::string>{"HOME"});
  ASSERT_EQ(cfg.functions.size(), 2u);
  EXPECT_EQ(cfg.functions[0].bootstrap, (dir / "bin/bootstrap").string());
  EXPECT_EQ(cfg.functions[0].timeout_seconds, 90);
  EXPECT_EQ(cfg.functions[1].zip, "/abs/callback.zip");
  ASSERT_EQ(cfg.pumps.size(), 1u);
  EXPECT_EQ(cfg.pumps[0].function, "scanner");
  EXPECT_TRUE(cfg.pumps[0].sns);
  EXPECT_EQ(cfg.pumps[0].batch_size, 1);
}

TEST(HarnessCli, MistakesAreRefusedNamingTheFlag) {
  const std::vector<std::pair<std::vector<std::string>, std::string>> cases = {
      {{"--frobnicate"}, "unknown argument --frobnicate"},
      {{"stray"}, "unknown argument stray"},
      {{"--zip"}, "--zip needs a value (FILE)"},
      {{"--timeout", "soon"}, "--timeout needs a whole number"},
      {{"--port", "80x"}, "--port needs a whole number"},
      {{"--env", "=x"}, "--env needs KEY=VALUE"},
      {{"--env", "novalue"}, "--env needs KEY=VALUE"},
      {{"--sns"}, "--sns applies to the --sqs before it"},
      {{"--sqs", "http://q", "--function", "other", "--batch-size", "2"},
       "--batch-size applies to the --sqs before it"},
      {{"--config", "/nonexistent/harness.json"}, "harness.json"},
  };
  for (const auto& [args, message] : cases) {
    auto r = parse(args);
    ASSERT_FALSE(r.ok()) << args.front();
    EXPECT_EQ(r.error().code, "Usage");
    EXPECT_NE(r.error().message.find(message), std::string::npos) << r.error().message;
  }
}

TEST(HarnessCli, HelpListsEveryFlagTheParserTakes) {
  auto r = parse({"--port", "1", "-h"});
  ASSERT_TRUE(r.ok());
  EXPECT_TRUE(r->help);
  const std::string& help = harness::usage_text();
  for (const char* flag :
       {"--function NAME",   "--zip FILE",        "--bootstrap PATH", "--handler VALUE",
        "--env KEY=VALUE",   "--timeout SECONDS", "--memory MB",      "--concurrency N",
        "--from-aws [NAME]", "--sqs QUEUE_URL",   "--batch-size N",   "--sns",
        "--config FILE",     "--event FILE",      "--host ADDRESS",   "--port N",
        "--port-file FILE",  "--region REGION",   "--account-id ID",  "--log-file FILE",
        "--pass-env NAME",   "-h, --help"})
    EXPECT_NE(help.find(std::string("\n  ") + flag + " "), std::string::npos) << flag;
}

}  // namespace
