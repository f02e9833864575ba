#include "function_harness.h"

#include <signal.h>
#include <spawn.h>
#include <sys/wait.h>
#include <unistd.h>

#include <chrono>
#include <filesystem>
#include <fstream>
#include <regex>
#include <sstream>
#include <thread>

extern char** environ;

namespace bench {

function_harness::function_harness(const std::string& harness_binary, const std::string& function,
                                   const std::string& bootstrap,
                                   const std::map<std::string, std::string>& env)
    : function_(function),
      client_(
          http::options{std::chrono::milliseconds(3000), std::chrono::milliseconds(120000), ""}) {
  dir_ = "/tmp/bench-orchestrator-" + std::to_string(::getpid()) + "-" + function + "-" +
         std::to_string(std::chrono::steady_clock::now().time_since_epoch().count() % 1000000);
  std::filesystem::create_directories(dir_);
  std::vector<std::string> args = {harness_binary,
                                   "--port",
                                   "0",
                                   "--port-file",
                                   dir_ + "/port",
                                   "--log-file",
                                   dir_ + "/function.log",
                                   "--function",
                                   function,
                                   "--bootstrap",
                                   bootstrap,
                                   "--timeout",
                                   "60"};
  for (const auto& [k, v] : env) {
    args.push_back("--env");
    args.push_back(k + "=" + v);
  }
  std::vector<char*> argv;
  for (auto& a : args) argv.push_back(a.data());
  argv.push_back(nullptr);
  if (posix_spawn(&pid_, harness_binary.c_str(), nullptr, nullptr, argv.data(), environ) != 0) {
    pid_ = -1;
    return;
  }
  for (int i = 0; i < 300; ++i) {
    std::ifstream in(dir_ + "/port");
    int port = 0;
    if (in >> port && port > 0) {
      endpoint_ = "http://127.0.0.1:" + std::to_string(port);
      return;
    }
    std::this_thread::sleep_for(std::chrono::milliseconds(50));
  }
}

function_harness::~function_harness() {
  if (pid_ > 0) {
    ::kill(pid_, SIGTERM);
    ::waitpid(pid_, nullptr, 0);
  }
  std::error_code ec;
  std::filesystem::remove_all(dir_, ec);
}

invocation function_harness::invoke(const std::string& payload) {
  http::request req;
  req.method = "POST";
  req.url = endpoint_ + "/2015-03-31/functions/" + function_ + "/invocations";
  req.headers = {{"Content-Type", "application/json"}};
  req.body = payload;
  const auto t0 = std::chrono::steady_clock::now();
  auto r = client_.send(req);
  invocation out;
  out.round_trip_ms =
      std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - t0).count();
  out.body = r ? r->body : "invoke failed: " + r.error().message;
  return out;
}

std::string function_harness::log() const {
  std::ifstream in(dir_ + "/function.log");
  std::stringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

std::vector<double> function_harness::warm_durations_ms(std::size_t expected) const {
  static const std::regex report(R"(REPORT RequestId: [^\n]*?\tDuration: ([0-9.]+) ms([^\n]*))");
  std::vector<double> out;
  // The REPORT line is written after the answer: give the harness a moment for the last one.
  for (int i = 0; i < 100; ++i) {
    out.clear();
    const std::string text = log();
    for (std::sregex_iterator it(text.begin(), text.end(), report), end; it != end; ++it)
      if ((*it)[2].str().find("Init Duration") == std::string::npos)
        out.push_back(std::stod((*it)[1].str()));
    if (out.size() >= expected) break;
    std::this_thread::sleep_for(std::chrono::milliseconds(20));
  }
  return out;
}

}  // namespace bench
