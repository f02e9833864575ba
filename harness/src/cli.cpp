#include "cli.h"

#include <charconv>
#include <string_view>

namespace harness {
namespace {

core::error bad(std::string message) { return {"Usage", std::move(message)}; }

bool to_int(const std::string& s, int& out) {
  auto [p, ec] = std::from_chars(s.data(), s.data() + s.size(), out);
  return ec == std::errc() && p == s.data() + s.size();
}

}  // namespace

const char* usage_text() {
  return R"(lambda-harness: plays the Lambda service on one machine for custom-runtime bootstraps.

Usage:
  lambda-harness --zip FUNCTION.zip --event EVENT.json       one invocation, response on stdout
  lambda-harness --config harness.json [--port-file FILE]    serve the Invoke API, pump queues
  lambda-harness --function NAME --bootstrap PATH [...]      serve one or more functions

Functions (each --function starts a new one; the flags after it configure it):
  --function NAME        function name (default "function", the emulator's fixed name)
  --zip FILE             deployment package with `bootstrap` at its root
  --bootstrap PATH       or an executable used in place
  --handler VALUE        _HANDLER
  --env KEY=VALUE        a function environment variable (repeatable)
  --timeout SECONDS      default 3
  --memory MB            default 128 (reported; not enforced)
  --concurrency N        bootstrap processes side by side (default 1)
  --from-aws [NAME]      take environment, timeout, memory and handler from the Lambda API's
                         GetFunctionConfiguration of NAME (default: the function's name), e.g.
                         a function Terraform deployed into moto (AWS_ENDPOINT_URL_LAMBDA)
  --sqs QUEUE_URL        pump this SQS queue into the function (event-source mapping)
  --batch-size N         records per invocation for the last --sqs (1..10, default 10)
  --sns                  the last --sqs queue is subscribed to an SNS topic: deliver SNS events

Service:
  --config FILE          JSON config (see harness/README.md); later flags override it
  --event FILE           one-shot mode: invoke once with this event ("-": stdin), print the
                         response; exit status 1 on a function error
  --host ADDRESS         listen address (default 127.0.0.1)
  --port N               listen port (default 9001; 0: any free port)
  --port-file FILE       write the port there once listening
  --region REGION        default AWS_REGION, else us-east-1
  --account-id ID        used in function ARNs (default 123456789012)
  --log-file FILE        function logs and REPORT lines (default stderr)
  --pass-env NAME        pass this variable of the harness's environment to every bootstrap
  --help                 this text

Invoke: POST /2015-03-31/functions/NAME/invocations with X-Amz-Invocation-Type
RequestResponse (default) or Event; `aws lambda invoke --endpoint-url http://HOST:PORT` works.
)";
}

core::result<cli_options> parse_args(int argc, char** argv) {
  cli_options out;
  config& cfg = out.cfg;
  function_config* current = nullptr;
  pump_config* last_pump = nullptr;

  auto select_function = [&](const std::string& name) {
    for (auto& f : cfg.functions)
      if (f.name == name) return &f;
    function_config f;
    f.name = name;
    cfg.functions.push_back(std::move(f));
    last_pump = nullptr;  // --batch-size/--sns never reach back past a new function
    return &cfg.functions.back();
  };
  auto current_function = [&]() -> function_config* {
    if (!current) current = select_function("function");
    return current;
  };

  for (int i = 1; i < argc; ++i) {
    std::string flag = argv[i];
    std::string value;
    bool has_inline = false;
    if (auto eq = flag.find('='); flag.rfind("--", 0) == 0 && eq != std::string::npos) {
      value = flag.substr(eq + 1);
      flag.resize(eq);
      has_inline = true;
    }
    auto take = [&]() -> bool {
      if (has_inline) return true;
      if (i + 1 >= argc) return false;
      value = argv[++i];
      return true;
    };
    auto take_int = [&](int& target) -> core::result<core::unit> {
      if (!take() || !to_int(value, target)) return bad(flag + " needs a whole number");
      return core::unit{};
    };

    if (flag == "--help" || flag == "-h") {
      out.help = true;
    } else if (flag == "--config") {
      if (!take()) return bad("--config needs a file");
      // Re-resolve pointers: loading appends to the vectors.
      const std::string cur = current ? current->name : "";
      auto loaded = load_config_file(value, cfg);
      if (!loaded) return loaded.error();
      current = cur.empty() ? nullptr : select_function(cur);
      last_pump = nullptr;
    } else if (flag == "--function") {
      if (!take()) return bad("--function needs a name");
      current = select_function(value);
      out.one_shot_function = value;
    } else if (flag == "--zip") {
      if (!take()) return bad("--zip needs a file");
      current_function()->zip = value;
    } else if (flag == "--bootstrap") {
      if (!take()) return bad("--bootstrap needs a path");
      current_function()->bootstrap = value;
    } else if (flag == "--handler") {
      if (!take()) return bad("--handler needs a value");
      current_function()->handler = value;
    } else if (flag == "--env") {
      if (!take() || value.find('=') == std::string::npos || value.front() == '=')
        return bad("--env needs KEY=VALUE");
      const auto eq = value.find('=');
      current_function()->env[value.substr(0, eq)] = value.substr(eq + 1);
    } else if (flag == "--timeout") {
      if (auto r = take_int(current_function()->timeout_seconds); !r) return r.error();
    } else if (flag == "--memory") {
      if (auto r = take_int(current_function()->memory_mb); !r) return r.error();
    } else if (flag == "--concurrency") {
      if (auto r = take_int(current_function()->concurrency); !r) return r.error();
    } else if (flag == "--from-aws") {
      function_config* f = current_function();
      if (has_inline) {
        f->from_aws = value;
      } else if (i + 1 < argc && std::string_view(argv[i + 1]).rfind("--", 0) != 0) {
        f->from_aws = argv[++i];
      } else {
        f->from_aws = f->name;
      }
    } else if (flag == "--sqs") {
      if (!take()) return bad("--sqs needs a queue URL");
      pump_config p;
      p.queue_url = value;
      p.function = current_function()->name;
      cfg.pumps.push_back(std::move(p));
      last_pump = &cfg.pumps.back();
    } else if (flag == "--batch-size") {
      if (!last_pump) return bad("--batch-size applies to the --sqs before it");
      if (auto r = take_int(last_pump->batch_size); !r) return r.error();
    } else if (flag == "--sns") {
      if (!last_pump) return bad("--sns applies to the --sqs before it");
      last_pump->sns = true;
    } else if (flag == "--event") {
      if (!take()) return bad("--event needs a file (or -)");
      cfg.event_file = value;
    } else if (flag == "--host") {
      if (!take()) return bad("--host needs an address");
      cfg.host = value;
    } else if (flag == "--port") {
      if (auto r = take_int(cfg.port); !r) return r.error();
    } else if (flag == "--port-file") {
      if (!take()) return bad("--port-file needs a file");
      cfg.port_file = value;
    } else if (flag == "--region") {
      if (!take()) return bad("--region needs a value");
      cfg.region = value;
    } else if (flag == "--account-id") {
      if (!take()) return bad("--account-id needs a value");
      cfg.account_id = value;
    } else if (flag == "--log-file") {
      if (!take()) return bad("--log-file needs a file");
      cfg.log_file = value;
    } else if (flag == "--pass-env") {
      if (!take()) return bad("--pass-env needs a variable name");
      cfg.pass_env.push_back(value);
    } else {
      return bad("unknown argument " + flag + " (see --help)");
    }
  }
  return out;
}

}  // namespace harness
