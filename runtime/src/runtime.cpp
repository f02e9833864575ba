#include "lambda_runtime/runtime.h"

#include <curl/curl.h>

#include <atomic>
#include <csignal>
#include <cstdlib>
#include <exception>
#include <thread>

#include "api_client.h"
#include "lambda_runtime/log.h"

namespace lambda_runtime {
namespace {

// Set by SIGTERM; the only process-wide state of the runtime (signals need one).
std::atomic<bool> stop_requested{false};

void on_sigterm(int) { stop_requested.store(true); }

void install_signal_handlers() {
  struct sigaction sa {};
  sa.sa_handler = on_sigterm;
  sigemptyset(&sa.sa_mask);
  sa.sa_flags = 0;  // no SA_RESTART: a blocking call returns and the loop sees the flag
  sigaction(SIGTERM, &sa, nullptr);
  std::signal(SIGPIPE, SIG_IGN);
}

std::string header(const detail::http_reply& r, const char* name) {
  auto it = r.headers.find(name);
  return it == r.headers.end() ? std::string() : it->second;
}

context make_context(const detail::http_reply& r) {
  context ctx;
  ctx.request_id = header(r, "lambda-runtime-aws-request-id");
  ctx.invoked_function_arn = header(r, "lambda-runtime-invoked-function-arn");
  ctx.trace_id = header(r, "lambda-runtime-trace-id");
  ctx.client_context = header(r, "lambda-runtime-client-context");
  ctx.cognito_identity = header(r, "lambda-runtime-cognito-identity");
  ctx.tenant_id = header(r, "lambda-runtime-aws-tenant-id");
  const std::string deadline = header(r, "lambda-runtime-deadline-ms");
  long long ms = deadline.empty() ? 0 : std::strtoll(deadline.c_str(), nullptr, 10);
  ctx.deadline = std::chrono::system_clock::time_point(std::chrono::milliseconds(ms));
  return ctx;
}

invocation_response call_handler(const handler_fn& handler, const invocation_request& req) {
  try {
    return handler(req);
  } catch (const std::exception& e) {
    return invocation_response::failure({"UnhandledException", e.what()});
  } catch (...) {
    return invocation_response::failure({"UnhandledException", "unknown exception"});
  }
}

// Fetches the next invocation; a failed /next is retried with backoff before giving up.
bool fetch_next(detail::api_client& api, detail::http_reply& out) {
  constexpr int attempts = 6;
  auto delay = std::chrono::milliseconds(20);
  for (int i = 0; i < attempts && !stop_requested.load(); ++i) {
    out = api.next();
    if (out.status == 200 && !header(out, "lambda-runtime-aws-request-id").empty()) return true;
    if (stop_requested.load()) return false;
    log::warn("runtime: /next failed, retrying",
              {{"status", std::to_string(out.status)}, {"error", out.transport_error}});
    std::this_thread::sleep_for(delay);
    delay *= 2;
  }
  return false;
}

void deliver(detail::api_client& api, const std::string& id, const invocation_response& response) {
  detail::http_reply reply;
  if (!response.is_success()) {
    reply = api.post_error(id, response.failure_info());
  } else if (response.payload().size() > max_response_bytes) {
    reply =
        api.post_error(id, {"Function.ResponseSizeTooLarge",
                            "Response payload size (" + std::to_string(response.payload().size()) +
                                " bytes) exceeded maximum allowed payload size (" +
                                std::to_string(max_response_bytes) + " bytes)."});
  } else {
    reply = api.post_response(id, response);
    if (reply.status == 413) {
      reply = api.post_error(id, {"Function.ResponseSizeTooLarge", "Response payload too large"});
    }
  }
  if (reply.status < 200 || reply.status >= 300) {
    log::error("runtime: posting the invocation result failed",
               {{"status", std::to_string(reply.status)}, {"error", reply.transport_error}});
  }
}

int loop(detail::api_client& api, const handler_fn& handler) {
  while (!stop_requested.load()) {
    detail::http_reply next;
    if (!fetch_next(api, next)) {
      if (stop_requested.load()) break;
      log::error("runtime: the Runtime API stopped answering; exiting",
                 {{"error", next.transport_error}});
      return 1;
    }
    invocation_request req{std::move(next.body), make_context(next)};
    log::set_request_id(req.ctx.request_id);
    if (req.ctx.trace_id.empty()) {
      unsetenv("_X_AMZN_TRACE_ID");
    } else {
      setenv("_X_AMZN_TRACE_ID", req.ctx.trace_id.c_str(), 1);
    }
    deliver(api, req.ctx.request_id, call_handler(handler, req));
    log::set_request_id("");
  }
  return 0;
}

const char* runtime_api() { return std::getenv("AWS_LAMBDA_RUNTIME_API"); }

}  // namespace

std::chrono::milliseconds context::remaining_time() const {
  return std::chrono::duration_cast<std::chrono::milliseconds>(deadline -
                                                               std::chrono::system_clock::now());
}

invocation_response invocation_response::success(std::string payload, std::string content_type) {
  invocation_response r;
  r.payload_ = std::move(payload);
  r.content_type_ = std::move(content_type);
  return r;
}

invocation_response invocation_response::failure(error err) {
  invocation_response r;
  r.success_ = false;
  r.error_ = std::move(err);
  return r;
}

int run(const init_fn& init) {
  const char* endpoint = runtime_api();
  if (!endpoint || !*endpoint) {
    log::error("runtime: AWS_LAMBDA_RUNTIME_API is not set; this executable runs inside Lambda");
    return 1;
  }
  install_signal_handlers();
  curl_global_init(CURL_GLOBAL_DEFAULT);
  int code = 0;
  {
    detail::api_client api(endpoint, stop_requested);
    std::variant<handler_fn, error> ready = error{"Runtime.InitError", "init did not run"};
    try {
      ready = init();
    } catch (const std::exception& e) {
      ready = error{"Runtime.InitError", e.what()};
    } catch (...) {
      ready = error{"Runtime.InitError", "unknown exception during init"};
    }
    if (auto* err = std::get_if<error>(&ready)) {
      log::error("runtime: init failed",
                 {{"errorType", err->type}, {"errorMessage", err->message}});
      api.post_init_error(*err);
      code = 1;
    } else {
      code = loop(api, std::get<handler_fn>(ready));
    }
  }
  curl_global_cleanup();
  return code;
}

int run(const handler_fn& handler) {
  return run(init_fn([&]() -> std::variant<handler_fn, error> { return handler; }));
}

}  // namespace lambda_runtime
