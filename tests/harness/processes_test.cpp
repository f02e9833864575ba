// lambda-harness's containers: Event invocations side by side in separate processes, warm
// reuse, the REPORT line after each invocation, and nothing left running after SIGTERM.
#include <gtest/gtest.h>
#include <rapidjson/document.h>
#include <signal.h>

#include <filesystem>
#include <regex>
#include <set>
#include <string>

#include "harness_process.h"

using namespace harness_test;

namespace {

int pid_of(const reply& r) {
  rapidjson::Document d;
  d.Parse(r.body.c_str());
  return d.IsObject() && d.HasMember("pid") ? d["pid"].GetInt() : -1;
}

std::set<std::string> files_with_prefix(const std::string& dir, const std::string& prefix) {
  std::set<std::string> out;
  for (const auto& e : std::filesystem::directory_iterator(dir)) {
    const std::string name = e.path().filename().string();
    if (name.rfind(prefix, 0) == 0) out.insert(name.substr(prefix.size()));
  }
  return out;
}

TEST(Concurrency, EventInvocationsRunSideBySideInSeparateProcesses) {
  temp_dir work;
  harness_process harness({"--function", "f", "--bootstrap", test_bootstrap(), "--concurrency", "3",
                           "--timeout", "60"});
  // Each invocation waits (up to 20 s) until three processes have joined: only three
  // invocations running at once, in three processes, can all meet.
  const std::string event = R"({"action":"barrier","count":3,"dir":")" + work.path() + R"("})";
  for (int i = 0; i < 3; ++i) ASSERT_EQ(harness.invoke("f", event, "Event").status, 202);
  ASSERT_TRUE(eventually([&] { return files_with_prefix(work.path(), "done-").size() == 3; }, 60))
      << harness.log();
  const auto done = files_with_prefix(work.path(), "done-");
  EXPECT_EQ(done.size(), 3u) << "three distinct processes";
  for (const auto& pid : done) EXPECT_EQ(read_file(work.file("done-" + pid)), "met") << pid;
}

TEST(Concurrency, WarmProcessIsReusedForTheNextInvocation) {
  harness_process harness(
      {"--function", "f", "--bootstrap", test_bootstrap(), "--concurrency", "3"});
  const int first = pid_of(harness.invoke("f", R"({"action":"pid"})"));
  ASSERT_GT(first, 0);
  EXPECT_EQ(pid_of(harness.invoke("f", R"({"action":"pid"})")), first);
  EXPECT_EQ(pid_of(harness.invoke("f", R"({"action":"pid"})")), first);
}

TEST(Report, EveryInvocationEndsWithALambdaReportLine) {
  harness_process harness({"--function", "f", "--bootstrap", test_bootstrap(), "--memory", "256"});
  const std::string first = harness.invoke("f", R"({"action":"echo"})").header("x-amzn-requestid");
  const std::string second = harness.invoke("f", R"({"action":"echo"})").header("x-amzn-requestid");
  ASSERT_FALSE(first.empty());
  const std::string log = harness.log();
  const std::regex cold("REPORT RequestId: " + first +
                        "\tDuration: [0-9]+\\.[0-9]{2} ms\tBilled Duration: [0-9]+ ms\t"
                        "Memory Size: 256 MB\tMax Memory Used: ([0-9]+) MB\t"
                        "Init Duration: [0-9]+\\.[0-9]{2} ms\n");
  std::smatch m;
  ASSERT_TRUE(std::regex_search(log, m, cold)) << log;
  EXPECT_GT(std::stoi(m[1]), 0) << "peak RSS of the process";
  // A warm invocation reports no init.
  const std::regex warm("REPORT RequestId: " + second +
                        "\tDuration: [0-9.]+ ms\tBilled Duration: [0-9]+ ms\t"
                        "Memory Size: 256 MB\tMax Memory Used: [0-9]+ MB\n");
  EXPECT_TRUE(std::regex_search(log, warm)) << log;
  EXPECT_NE(log.find("START RequestId: " + first + " Version: $LATEST"), std::string::npos);
  EXPECT_NE(log.find("END RequestId: " + first), std::string::npos);
}

TEST(Report, TimeoutIsReportedWithItsStatus) {
  harness_process harness({"--function", "f", "--bootstrap", test_bootstrap(), "--timeout", "1"});
  const reply r = harness.invoke("f", R"({"action":"sleep"})");
  EXPECT_NE(r.body.find("Task timed out after 1.00 seconds"), std::string::npos) << r.body;
  EXPECT_NE(harness.log().find("\tStatus: timeout"), std::string::npos) << harness.log();
}

TEST(Shutdown, SigtermEndsTheHarnessAndEveryBootstrap) {
  temp_dir work;
  std::set<int> pids;
  {
    harness_process harness({"--function", "f", "--bootstrap", test_bootstrap(), "--concurrency",
                             "2", "--timeout", "60"});
    // Two processes: one busy (sleeping in its handler), one idle and warm.
    pids.insert(pid_of(harness.invoke("f", R"({"action":"pid"})")));
    ASSERT_EQ(harness.invoke("f", R"({"action":"sleep"})", "Event").status, 202);
    ASSERT_TRUE(eventually([&] { return harness.log().find("sleeping") != std::string::npos; }));
    pids.insert(pid_of(harness.invoke("f", R"({"action":"pid"})")));
    EXPECT_EQ(harness.stop(), 0);
  }
  for (int pid : pids) {
    ASSERT_GT(pid, 0);
    EXPECT_TRUE(eventually([&] { return kill(pid, 0) != 0; }, 10)) << "process " << pid << " lives";
  }
}

}  // namespace
