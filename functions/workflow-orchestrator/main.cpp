// workflow-orchestrator: drift events (SNS, and its own SQS retry queue) to GitHub
// repository_dispatch remediations. This file only wires configuration into the handler;
// README.md describes the behaviour, the environment and the dispatch payload.
#include <lambda_runtime/log.h>
#include <lambda_runtime/runtime.h>

#include <memory>

#include "aws/session.h"
#include "github/dispatch.h"
#include "github/token_cache.h"
#include "src/config.h"
#include "src/handler.h"
#include "src/outbound.h"
#include "src/policy_source.h"

int main() {
  using namespace orchestrator;
  return lambda_runtime::run(
      []() -> std::variant<lambda_runtime::handler_fn, lambda_runtime::error> {
        auto cfg = load_config(core::env::process_environment());
        if (!cfg) return lambda_runtime::error{"InvalidConfiguration", cfg.error().message};
        // Kept for the container's life: connections, the token and the policy version stay warm.
        auto conf = std::make_shared<config>(cfg.value());
        auto session = aws::session::from_environment();
        auto github = std::make_shared<github::dispatcher>(github::settings_from_env());
        auto token = std::make_shared<github::token_cache>([session, conf]() {
          return fetch_secure_parameter(*session, conf->github_token_parameter);
        });
        auto policy = std::make_shared<policy_source>(conf->policy_table, conf->policy_id,
                                                      conf->policy_cache);
        auto h = std::make_shared<handler>(*conf, services{*session, *github, *token, *policy});
        return lambda_runtime::handler_fn(
            [conf, session, github, token, policy,
             h](const lambda_runtime::invocation_request& req) { return (*h)(req); });
      });
}
