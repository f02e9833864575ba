// The harness's configuration: functions to serve and queues to pump, from a JSON file
// and/or command-line flags (cli.h). Plain data; nothing here starts anything.
#pragma once

#include <map>
#include <optional>
#include <string>
#include <vector>

#include "core/result.h"

namespace harness {

struct function_config {
  std::string name;
  std::string zip;        // a deployment package holding `bootstrap` at its root
  std::string bootstrap;  // or an executable used as it is
  std::string handler;    // _HANDLER; custom runtimes read it as they please
  std::map<std::string, std::string> env;
  int timeout_seconds = 3;  // Lambda's default
  int memory_mb = 128;      // Lambda's default
  int concurrency = 1;      // bootstrap processes side by side (separate containers)
  // Take env, timeout, memory (and handler) from GetFunctionConfiguration of this name.
  std::optional<std::string> from_aws;
  std::string function_arn;  // filled from AWS or built from region + account
  std::string log_format;    // AWS_LAMBDA_LOG_FORMAT when set (JSON|Text)
  std::string log_level;     // AWS_LAMBDA_LOG_LEVEL when set
};

struct pump_config {
  std::string queue_url;
  std::string function;
  int batch_size = 10;
  // The queue is subscribed to an SNS topic: deliver each message as an SNS event record,
  // one record per invocation as SNS -> Lambda does.
  bool sns = false;
  int wait_seconds = 1;  // SQS long-poll wait; short so that shutdown is prompt
  bool report_batch_item_failures = true;
};

struct config {
  std::string host = "127.0.0.1";
  int port = 9001;
  std::string port_file;  // written (atomically) once the server listens
  std::string region;     // default: AWS_REGION, else us-east-1
  std::string account_id = "123456789012";
  std::string log_file;               // default: stderr
  std::vector<std::string> pass_env;  // extra variables passed through to every bootstrap
  std::vector<function_config> functions;
  std::vector<pump_config> pumps;
  std::string event_file;  // one-shot mode: invoke once with this event ("-": stdin)
};

// Reads a JSON config file into `cfg`: its scalars replace what is there, its functions and
// pumps are appended. Relative paths in it are relative to the file's folder.
core::result<core::unit> load_config_file(const std::string& path, config& cfg);

// Checks names, sources and references; fills defaults (region, ARNs).
core::result<core::unit> finalise(config& cfg);

const function_config* find_function(const config& cfg, const std::string& name);

}  // namespace harness
