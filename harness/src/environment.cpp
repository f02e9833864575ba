#include "environment.h"

#include <algorithm>

#include "core/env.h"
#include "core/time.h"
#include "invocation.h"

namespace harness {
namespace {

// Passed through from the harness's own environment: what a local run needs to reach
// its AWS endpoints (moto) with the caller's credentials.
bool passed_through(const std::string& name, const config& cfg) {
  static const char* fixed[] = {"AWS_ACCESS_KEY_ID", "AWS_SECRET_ACCESS_KEY", "AWS_SESSION_TOKEN",
                                "AWS_ENDPOINT_URL",  "SSL_CERT_FILE",         "AWS_CA_BUNDLE"};
  for (const char* f : fixed)
    if (name == f) return true;
  if (name.rfind("AWS_ENDPOINT_URL_", 0) == 0) return true;
  for (const auto& n : cfg.pass_env)
    if (name == n) return true;
  return false;
}

std::string log_stream_name() {
  std::string id = new_request_id();
  id.erase(std::remove(id.begin(), id.end(), '-'), id.end());
  return core::time::utc_day_path(core::time::clock::now()) + "/[$LATEST]" + id;
}

}  // namespace

std::map<std::string, std::string> lambda_environment(const function_config& fn, const config& cfg,
                                                      const std::string& task_root) {
  std::map<std::string, std::string> env;
  for (const auto& [name, value] : core::env::process_environment())
    if (passed_through(name, cfg)) env[name] = value;
  env["PATH"] = "/usr/local/bin:/usr/bin/:/bin:/opt/bin";
  env["LANG"] = "en_US.UTF-8";
  env["TZ"] = ":UTC";
  env["LD_LIBRARY_PATH"] =
      "/lib64:/usr/lib64:/var/runtime:/var/runtime/lib:/var/task:/var/task/lib:/opt/lib";

  // The function's own variables override what was passed through...
  for (const auto& [k, v] : fn.env) env[k] = v;

  // ...but not the ones Lambda reserves.
  env["AWS_REGION"] = cfg.region;
  env["AWS_DEFAULT_REGION"] = cfg.region;
  env["AWS_LAMBDA_FUNCTION_NAME"] = fn.name;
  env["AWS_LAMBDA_FUNCTION_VERSION"] = "$LATEST";
  env["AWS_LAMBDA_FUNCTION_MEMORY_SIZE"] = std::to_string(fn.memory_mb);
  env["AWS_LAMBDA_LOG_GROUP_NAME"] = "/aws/lambda/" + fn.name;
  env["AWS_LAMBDA_LOG_STREAM_NAME"] = log_stream_name();
  env["AWS_LAMBDA_INITIALIZATION_TYPE"] = "on-demand";
  env["LAMBDA_TASK_ROOT"] = task_root;
  env["LAMBDA_RUNTIME_DIR"] = "/var/runtime";
  env["_HANDLER"] = fn.handler;
  if (!fn.log_format.empty()) env["AWS_LAMBDA_LOG_FORMAT"] = fn.log_format;
  if (!fn.log_level.empty()) env["AWS_LAMBDA_LOG_LEVEL"] = fn.log_level;
  return env;
}

}  // namespace harness
