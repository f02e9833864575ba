// One-shot mode: `lambda-harness --zip X.zip --event E.json` prints the response and exits
// non-zero on a function error, like a single `sam local invoke`.
#include <gtest/gtest.h>

#include <cstdlib>
#include <filesystem>
#include <string>

#include "harness_process.h"

using namespace harness_test;

namespace {

namespace fs = std::filesystem;

// A deployment package of the test bootstrap, mode as given.
std::string make_zip(const temp_dir& dir, fs::perms mode) {
  const std::string staged = dir.file("bootstrap");
  fs::copy_file(test_bootstrap(), staged, fs::copy_options::overwrite_existing);
  fs::permissions(staged, mode);
  const std::string zip = dir.file("function.zip");
  bool ok = false;
  shell("cd " + dir.path() + " && zip -q -X function.zip bootstrap", &ok);
  EXPECT_TRUE(ok);
  return zip;
}

std::string shared_event(const std::string& relative) {
  const char* shared = std::getenv("DRIFT_SHARED_DIR");
  return std::string(shared ? shared : "../shared") + "/vectors/events/" + relative;
}

TEST(OneShot, ZipAndEventPrintTheResponseAndExitZero) {
  temp_dir dir;
  const std::string zip = make_zip(dir, fs::perms(0755));
  const std::string event = shared_event("aws-lambda-dotnet/scheduled-event.json");
  const run_result r = run_harness({"--zip", zip, "--event", event});
  EXPECT_EQ(r.exit_code, 0) << r.err;
  // The echo handler answers with the event itself.
  EXPECT_EQ(r.out, read_file(event) + (read_file(event).back() == '\n' ? "" : "\n"));
  EXPECT_NE(r.err.find("REPORT RequestId: "), std::string::npos) << r.err;
}

TEST(OneShot, FunctionErrorPrintsTheErrorAndExitsNonZero) {
  temp_dir dir;
  write_file(dir.file("event.json"), R"({"action":"error"})");
  const run_result r =
      run_harness({"--bootstrap", test_bootstrap(), "--event", dir.file("event.json")});
  EXPECT_NE(r.exit_code, 0);
  EXPECT_NE(r.out.find(R"("errorType":"MyError")"), std::string::npos) << r.out;
}

TEST(OneShot, TimeoutExitsNonZero) {
  temp_dir dir;
  write_file(dir.file("event.json"), R"({"action":"sleep"})");
  const run_result r = run_harness(
      {"--bootstrap", test_bootstrap(), "--timeout", "1", "--event", dir.file("event.json")});
  EXPECT_NE(r.exit_code, 0);
  EXPECT_NE(r.out.find("Sandbox.Timedout"), std::string::npos) << r.out;
}

TEST(OneShot, ZipWithoutTheExecBitIsRefused) {
  temp_dir dir;
  const std::string zip = make_zip(dir, fs::perms(0644));
  write_file(dir.file("event.json"), "{}");
  const run_result r = run_harness({"--zip", zip, "--event", dir.file("event.json")});
  EXPECT_EQ(r.exit_code, 2);
  EXPECT_NE(r.err.find("not executable"), std::string::npos) << r.err;
}

TEST(OneShot, HelpAndBadFlags) {
  const run_result help = run_harness({"--help"});
  EXPECT_EQ(help.exit_code, 0);
  EXPECT_NE(help.out.find("--port-file"), std::string::npos);
  const run_result bad = run_harness({"--frobnicate"});
  EXPECT_EQ(bad.exit_code, 2);
  EXPECT_NE(bad.err.find("unknown argument --frobnicate"), std::string::npos) << bad.err;
}

TEST(OneShot, ConfigFileDescribesTheFunctions) {
  temp_dir dir;
  write_file(dir.file("harness.json"), R"({"functions":[{"name":"cfg","bootstrap":")" +
                                           test_bootstrap() +
                                           R"(","env":{"CUSTOM_SETTING":"from-file"},)"
                                           R"("timeout":5,"memory":512}]})");
  write_file(dir.file("event.json"), R"({"action":"context"})");
  const run_result r =
      run_harness({"--config", dir.file("harness.json"), "--event", dir.file("event.json")});
  EXPECT_EQ(r.exit_code, 0) << r.err;
  EXPECT_NE(r.out.find(R"("CUSTOM_SETTING":"from-file")"), std::string::npos) << r.out;
  EXPECT_NE(r.out.find(R"("AWS_LAMBDA_FUNCTION_MEMORY_SIZE":"512")"), std::string::npos);
  EXPECT_NE(r.out.find(R"("AWS_LAMBDA_FUNCTION_NAME":"cfg")"), std::string::npos);
}

}  // namespace
