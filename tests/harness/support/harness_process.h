// Test-side control of a real lambda-harness process: started on a free port (--port 0
// --port-file), invoked over HTTP like any client, stopped with SIGTERM.
#pragma once

#include <map>
#include <string>
#include <vector>

namespace harness_test {

struct reply {
  int status = 0;
  std::string body;
  std::map<std::string, std::string> headers;  // names lower-cased
  std::string header(const std::string& lower_name) const {
    auto it = headers.find(lower_name);
    return it == headers.end() ? std::string() : it->second;
  }
};

struct run_result {
  int exit_code = -1;
  std::string out;  // stdout
  std::string err;  // stderr
};

// Paths of the programs under test (compile definitions of the test targets).
std::string harness_exe();
std::string test_bootstrap();

// A fresh folder under the build tree, removed with the object.
class temp_dir {
 public:
  temp_dir();
  ~temp_dir();
  const std::string& path() const { return path_; }
  std::string file(const std::string& name) const { return path_ + "/" + name; }

 private:
  std::string path_;
};

class harness_process {
 public:
  // `args` come after the program name; --port 0, --port-file and --log-file are added.
  explicit harness_process(std::vector<std::string> args,
                           std::map<std::string, std::string> env = {});
  ~harness_process();
  harness_process(const harness_process&) = delete;
  harness_process& operator=(const harness_process&) = delete;

  int port() const { return port_; }
  std::string endpoint() const { return "http://127.0.0.1:" + std::to_string(port_); }
  reply invoke(const std::string& function, const std::string& payload,
               const std::string& type = "RequestResponse",
               const std::map<std::string, std::string>& headers = {}) const;
  // Everything the functions logged so far (their output, START/END/REPORT lines).
  std::string log() const;
  // SIGTERM; waits; the harness's exit status (-1 when it did not end by itself).
  int stop();
  const std::string& dir() const { return dir_.path(); }

 private:
  temp_dir dir_;
  int pid_ = -1;
  int port_ = 0;
};

// Runs the harness to completion (one-shot mode) and collects its output.
run_result run_harness(const std::vector<std::string>& args,
                       const std::map<std::string, std::string>& env = {});

// Runs a shell command; its stdout; `ok` false on a non-zero exit.
std::string shell(const std::string& command, bool* ok = nullptr);

std::string read_file(const std::string& path);
void write_file(const std::string& path, const std::string& text);

// Polls `condition` every 50 ms for up to `seconds`: waits for effects, asserts nothing.
template <typename F>
bool eventually(F condition, int seconds = 30);

}  // namespace harness_test

#include <chrono>
#include <thread>

template <typename F>
bool harness_test::eventually(F condition, int seconds) {
  const auto end = std::chrono::steady_clock::now() + std::chrono::seconds(seconds);
  while (std::chrono::steady_clock::now() < end) {
    if (condition()) return true;
    std::this_thread::sleep_for(std::chrono::milliseconds(50));
  }
  return condition();
}
