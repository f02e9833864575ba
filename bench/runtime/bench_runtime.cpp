// Prints, for the echo bootstrap and each function's bootstrap: cold start (spawn until the
// first /next, as the harness's Init Duration), invocation round trip through the harness with
// a ~1 KB event (median, p99; echo only: the functions would call AWS), peak RSS, stripped
// binary size and zip size. Usage: bench_runtime HARNESS BUILD_DIR [INVOCATIONS]
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <regex>
#include <sstream>
#include <string>
#include <thread>
#include <vector>

#include "http/client.h"

namespace {

struct harness_process {
  pid_t pid = -1;
  std::string port_file, log_file;
  ~harness_process() {
    if (pid > 0) {
      ::kill(pid, SIGTERM);
      ::waitpid(pid, nullptr, 0);
    }
  }
};

std::string read_file(const std::string& path) {
  std::ifstream in(path);
  std::stringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

long file_size(const std::string& path) {
  struct stat st {};
  return ::stat(path.c_str(), &st) == 0 ? static_cast<long>(st.st_size) : -1;
}

// Starts the harness serving one function; returns its base URL, or "" on failure.
std::string start(harness_process& h, const std::string& harness, const std::string& name,
                  const std::string& bootstrap, const std::string& work) {
  h.port_file = work + "/" + name + ".port";
  h.log_file = work + "/" + name + ".log";
  ::unlink(h.port_file.c_str());
  ::unlink(h.log_file.c_str());
  h.pid = ::fork();
  if (h.pid == 0) {
    ::execl(harness.c_str(), harness.c_str(), "--function", name.c_str(), "--bootstrap",
            bootstrap.c_str(), "--port", "0", "--port-file", h.port_file.c_str(), "--log-file",
            h.log_file.c_str(), "--timeout", "30", static_cast<char*>(nullptr));
    std::_Exit(127);
  }
  for (int i = 0; i < 500; ++i) {
    std::string port = read_file(h.port_file);
    if (!port.empty() && port.back() == '\n')
      return "http://127.0.0.1:" + port.substr(0, port.size() - 1);
    std::this_thread::sleep_for(std::chrono::milliseconds(10));
  }
  return "";
}

std::vector<double> all_matches(const std::string& log, const std::regex& re) {
  std::vector<double> out;
  for (std::sregex_iterator it(log.begin(), log.end(), re), end; it != end; ++it)
    out.push_back(std::stod((*it)[1].str()));
  return out;
}

double percentile(std::vector<double> v, double p) {
  if (v.empty()) return 0;
  std::sort(v.begin(), v.end());
  return v[std::min(v.size() - 1, static_cast<std::size_t>(p * static_cast<double>(v.size())))];
}

struct row {
  std::string name;
  double cold_ms = 0;
  double median_us = -1, p99_us = -1;
  double rss_mb = 0;
  long stripped = -1, zip = -1;
};

row measure(const std::string& harness, const std::string& name, const std::string& bootstrap,
            const std::string& zip, const std::string& work, int invocations, bool round_trips) {
  row r{name};
  const std::string event = "{\"payload\":\"" + std::string(1000, 'x') + "\"}";
  std::vector<double> colds;
  std::string last_log;
  for (int run = 0; run < 5; ++run) {  // five cold starts, fresh harness each
    harness_process h;
    const std::string base = start(h, harness, name, bootstrap, work);
    if (base.empty()) break;
    http::client client;
    http::request req{"POST", base + "/2015-03-31/functions/" + name + "/invocations", {}, event};
    std::vector<double> rt;
    const int n = (run == 0 && round_trips) ? invocations : 1;
    for (int i = 0; i < n; ++i) {
      auto t0 = std::chrono::steady_clock::now();
      auto resp = client.send(req);
      auto t1 = std::chrono::steady_clock::now();
      if (!resp) break;
      if (i > 0) rt.push_back(std::chrono::duration<double, std::micro>(t1 - t0).count());
    }
    if (run == 0 && round_trips) {
      r.median_us = percentile(rt, 0.5);
      r.p99_us = percentile(rt, 0.99);
    }
    ::kill(h.pid, SIGTERM);
    ::waitpid(h.pid, nullptr, 0);
    h.pid = -1;
    last_log = read_file(h.log_file);
    auto init = all_matches(last_log, std::regex(R"(Init Duration: ([0-9.]+) ms)"));
    if (!init.empty()) colds.push_back(init.front());
    auto rss = all_matches(last_log, std::regex(R"(Max Memory Used: ([0-9.]+) MB)"));
    for (double m : rss) r.rss_mb = std::max(r.rss_mb, m);
  }
  r.cold_ms = percentile(colds, 0.5);
  const std::string stripped = work + "/" + name + ".stripped";
  const std::string cmd =
      "cp '" + bootstrap + "' '" + stripped + "' && strip --strip-all '" + stripped + "'";
  if (std::system(cmd.c_str()) == 0) r.stripped = file_size(stripped);
  r.zip = zip.empty() ? -1 : file_size(zip);
  return r;
}

}  // namespace

int main(int argc, char** argv) {
  if (argc < 3) {
    std::fprintf(stderr, "usage: %s HARNESS BUILD_DIR [INVOCATIONS]\n", argv[0]);
    return 2;
  }
  const std::string harness = argv[1];
  char* resolved = ::realpath(argv[2], nullptr);
  const std::string build = resolved ? resolved : argv[2];
  std::free(resolved);
  const int invocations = argc > 3 ? std::atoi(argv[3]) : 2000;
  const std::string work = build + "/bench/runtime-work";
  std::system(("mkdir -p '" + work + "'").c_str());

  std::vector<row> rows;
  // The echo zip is made here, the same way as the functions' zips, to compare sizes.
  const std::string echo_zip = work + "/echo.zip";
  std::system(("cd '" + work + "' && cp '" + build +
               "/bench/echo-bootstrap' bootstrap && strip bootstrap && "
               "rm -f echo.zip && zip -X -q echo.zip bootstrap")
                  .c_str());
  rows.push_back(
      measure(harness, "echo", build + "/bench/echo-bootstrap", echo_zip, work, invocations, true));
  for (const char* fn : {"workflow-orchestrator", "agent-callback", "drift-scanner"}) {
    rows.push_back(measure(harness, fn, build + "/functions/" + fn + "/bootstrap",
                           build + "/dist/" + std::string(fn) + ".zip", work, 0, false));
  }
  std::printf("%-24s %12s %14s %12s %12s %14s %10s\n", "bootstrap", "cold start", "round trip p50",
              "p99", "peak RSS", "stripped size", "zip size");
  for (const auto& r : rows) {
    char p50[32] = "-", p99[32] = "-";
    if (r.median_us >= 0) {
      std::snprintf(p50, sizeof p50, "%.0f us", r.median_us);
      std::snprintf(p99, sizeof p99, "%.0f us", r.p99_us);
    }
    std::printf("%-24s %9.2f ms %14s %12s %9.0f MB %11.2f MB %7.2f MB\n", r.name.c_str(), r.cold_ms,
                p50, p99, r.rss_mb, static_cast<double>(r.stripped) / 1e6,
                static_cast<double>(r.zip) / 1e6);
  }
  std::printf(
      "(%d invocations of a 1 KB event for the round trip; cold start = median of 5; "
      "functions are invoked with a 1 KB event that their handlers reject)\n",
      invocations);
  return 0;
}
