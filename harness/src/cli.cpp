#include "cli.h"

#include <charconv>
#include <functional>
#include <optional>
#include <stdexcept>
#include <string_view>

#include "core/cli.h"

namespace harness {
namespace {

// A flag whose value is wrong, found by its callback while CLI11 reads the command line.
struct usage_error : std::runtime_error {
  using std::runtime_error::runtime_error;
};

int whole_number(const std::string& flag, const std::string& value) {
  int out = 0;
  const auto [p, ec] = std::from_chars(value.data(), value.data() + value.size(), out);
  if (ec != std::errc() || p != value.data() + value.size())
    throw usage_error(flag + " needs a whole number");
  return out;
}

// What the flags apply to, in command-line order: the function the last --function named
// (else "function", the emulator's fixed name) and the queue the last --sqs added. Both are
// kept by name and index, not by pointer: --config appends to the vectors they live in.
class flag_target {
 public:
  explicit flag_target(cli_options& out) : out_(out) {}

  void select(const std::string& name) {
    current_ = name;
    ensure(name);
    out_.one_shot_function = name;
  }
  function_config& function() {
    if (!current_) current_ = "function";
    return ensure(*current_);
  }
  void load_config(const std::string& path) {
    auto loaded = load_config_file(path, out_.cfg);
    if (!loaded) throw usage_error(loaded.error().message);
    last_pump_.reset();
  }
  void add_queue(const std::string& url) {
    pump_config p;
    p.queue_url = url;
    p.function = function().name;
    out_.cfg.pumps.push_back(std::move(p));
    last_pump_ = out_.cfg.pumps.size() - 1;
  }
  pump_config& last_queue(const std::string& flag) {
    if (!last_pump_) throw usage_error(flag + " applies to the --sqs before it");
    return out_.cfg.pumps[*last_pump_];
  }

 private:
  function_config& ensure(const std::string& name) {
    for (auto& f : out_.cfg.functions)
      if (f.name == name) return f;
    function_config f;
    f.name = name;
    out_.cfg.functions.push_back(std::move(f));
    last_pump_.reset();  // --batch-size/--sns never reach back past a new function
    return out_.cfg.functions.back();
  }

  cli_options& out_;
  std::optional<std::string> current_;
  std::optional<std::size_t> last_pump_;
};

constexpr const char* functions_group =
    "Functions (each --function starts a new one; the flags after it configure it):";
constexpr const char* service_group = "Service:";

// An option with a value, applied the moment CLI11 reads it (so that order matters).
CLI::Option* add_valued(CLI::App& app, const std::string& name, const std::string& placeholder,
                        const std::string& group, const std::string& help,
                        std::function<void(const std::string&)> apply) {
  return app.add_option_function<std::string>(name, std::move(apply), help)
      ->type_name(placeholder)
      ->group(group)
      ->trigger_on_parse();
}

void add_function_flags(CLI::App& app, flag_target& at) {
  add_valued(app, "--function", "NAME", functions_group,
             "function name (default \"function\", the emulator's fixed name)",
             [&](const std::string& v) { at.select(v); });
  add_valued(app, "--zip", "FILE", functions_group,
             "deployment package with `bootstrap` at its root",
             [&](const std::string& v) { at.function().zip = v; });
  add_valued(app, "--bootstrap", "PATH", functions_group, "or an executable used in place",
             [&](const std::string& v) { at.function().bootstrap = v; });
  add_valued(app, "--handler", "VALUE", functions_group, "_HANDLER",
             [&](const std::string& v) { at.function().handler = v; });
  add_valued(app, "--env", "KEY=VALUE", functions_group,
             "a function environment variable (repeatable)", [&](const std::string& v) {
               const auto eq = v.find('=');
               if (eq == std::string::npos || eq == 0) throw usage_error("--env needs KEY=VALUE");
               at.function().env[v.substr(0, eq)] = v.substr(eq + 1);
             });
  add_valued(app, "--timeout", "SECONDS", functions_group, "default 3", [&](const std::string& v) {
    at.function().timeout_seconds = whole_number("--timeout", v);
  });
  add_valued(app, "--memory", "MB", functions_group, "default 128 (reported; not enforced)",
             [&](const std::string& v) { at.function().memory_mb = whole_number("--memory", v); });
  add_valued(
      app, "--concurrency", "N", functions_group, "bootstrap processes side by side (default 1)",
      [&](const std::string& v) { at.function().concurrency = whole_number("--concurrency", v); });
  add_valued(app, "--from-aws", "NAME", functions_group,
             "take environment, timeout, memory and handler from the Lambda API's\n"
             "GetFunctionConfiguration of NAME (default: the function's name), e.g.\n"
             "a function Terraform deployed into moto (AWS_ENDPOINT_URL_LAMBDA)",
             [&](const std::string& v) {
               function_config& f = at.function();
               f.from_aws = v.empty() ? f.name : v;
             })
      ->expected(0, 1);
  add_valued(app, "--sqs", "QUEUE_URL", functions_group,
             "pump this SQS queue into the function (event-source mapping)",
             [&](const std::string& v) { at.add_queue(v); });
  add_valued(app, "--batch-size", "N", functions_group,
             "records per invocation for the last --sqs (1..10, default 10)",
             [&](const std::string& v) {
               at.last_queue("--batch-size").batch_size = whole_number("--batch-size", v);
             });
  app.add_flag_callback(
         "--sns", [&] { at.last_queue("--sns").sns = true; },
         "the last --sqs queue is subscribed to an SNS topic: deliver SNS events")
      ->group(functions_group)
      ->trigger_on_parse();
}

void add_service_flags(CLI::App& app, flag_target& at, config& cfg) {
  add_valued(app, "--config", "FILE", service_group,
             "JSON config (see harness/README.md); later flags override it",
             [&](const std::string& v) { at.load_config(v); });
  add_valued(app, "--event", "FILE", service_group,
             "one-shot mode: invoke once with this event (\"-\": stdin), print the\n"
             "response; exit status 1 on a function error",
             [&](const std::string& v) { cfg.event_file = v; });
  add_valued(app, "--host", "ADDRESS", service_group, "listen address (default 127.0.0.1)",
             [&](const std::string& v) { cfg.host = v; });
  add_valued(app, "--port", "N", service_group, "listen port (default 9001; 0: any free port)",
             [&](const std::string& v) { cfg.port = whole_number("--port", v); });
  add_valued(app, "--port-file", "FILE", service_group, "write the port there once listening",
             [&](const std::string& v) { cfg.port_file = v; });
  add_valued(app, "--region", "REGION", service_group, "default AWS_REGION, else us-east-1",
             [&](const std::string& v) { cfg.region = v; });
  add_valued(app, "--account-id", "ID", service_group,
             "used in function ARNs (default 123456789012)",
             [&](const std::string& v) { cfg.account_id = v; });
  add_valued(app, "--log-file", "FILE", service_group,
             "function logs and REPORT lines (default stderr)",
             [&](const std::string& v) { cfg.log_file = v; });
  add_valued(app, "--pass-env", "NAME", service_group,
             "pass this variable of the harness's environment to every bootstrap",
             [&](const std::string& v) { cfg.pass_env.push_back(v); });
  app.set_help_flag("-h,--help", "this text")->group(service_group);
}

const char* const usage_block =
    "Usage:\n"
    "  lambda-harness --zip FUNCTION.zip --event EVENT.json       one invocation, response on "
    "stdout\n"
    "  lambda-harness --config harness.json [--port-file FILE]    serve the Invoke API, pump "
    "queues\n"
    "  lambda-harness --function NAME --bootstrap PATH [...]      serve one or more functions\n";

// The parser; its callbacks write into `out` through `at`.
std::unique_ptr<CLI::App> make_parser(cli_options& out, flag_target& at) {
  auto app = std::make_unique<CLI::App>(
      "lambda-harness: plays the Lambda service on one machine for custom-runtime bootstraps.",
      "lambda-harness");
  app->formatter(std::make_shared<core::cli::help_layout>(usage_block, 25));
  app->footer(
      "Invoke: POST /2015-03-31/functions/NAME/invocations with X-Amz-Invocation-Type\n"
      "RequestResponse (default) or Event; `aws lambda invoke --endpoint-url http://HOST:PORT` "
      "works.");
  app->set_help_flag();  // added again at the end of its group
  add_function_flags(*app, at);
  add_service_flags(*app, at, out.cfg);
  return app;
}

core::error bad(std::string message) { return {"Usage", std::move(message)}; }

}  // namespace

const std::string& usage_text() {
  static const std::string text = [] {
    cli_options unused;
    flag_target at(unused);
    return make_parser(unused, at)->help();
  }();
  return text;
}

core::result<cli_options> parse_args(int argc, char** argv) {
  cli_options out;
  flag_target at(out);
  const auto app = make_parser(out, at);
  try {
    app->parse(argc, argv);
  } catch (const CLI::CallForHelp&) {
    out.help = true;
  } catch (const usage_error& e) {
    return bad(e.what());
  } catch (const CLI::ExtrasError&) {
    return bad("unknown argument " + app->remaining().front() + " (see --help)");
  } catch (const CLI::ArgumentMismatch& e) {
    const std::string name = core::cli::option_of(e, *app);
    if (name.empty()) return bad(e.what());
    return bad(name + " needs a value (" + app->get_option(name)->get_type_name() + ")");
  } catch (const CLI::ParseError& e) {
    return bad(e.what());
  }
  return out;
}

}  // namespace harness
