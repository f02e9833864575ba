// workflow-orchestrator per warm event, against a Python handler of the same design: both under
// lambda-harness, on the same moto_server, with the same tables and the same kind of events.
//
// Two kinds of run, so that no counting layer sits in a timed path:
//   counting: the function reaches moto and the GitHub stand-in through counting proxies, which
//             give the calls per event and each call's upstream answer time;
//   timing:   the function reaches moto and the stand-in directly; the handler time is the
//             harness's REPORT Duration, the round trip is the Invoke as seen from here.
// In the timing run ours and the Python handler take turns, event by event, so that whatever
// else the machine does weighs on both alike.
//
// Usage: bench_orchestrator [EVENTS]   (default 40 timed events per function)
#include <algorithm>
#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <numeric>
#include <optional>
#include <string>
#include <vector>

#include "../aws/local_moto.h"
#include "counting_proxy.h"
#include "function_harness.h"
#include "orchestrator_support.h"

namespace {

std::string run(const std::string& cmd) {
  FILE* p = ::popen(cmd.c_str(), "r");
  std::string out;
  char buf[4096];
  size_t n;
  while (p && (n = std::fread(buf, 1, sizeof buf, p)) > 0) out.append(buf, n);
  if (p) ::pclose(p);
  while (!out.empty() && (out.back() == '\n' || out.back() == ' ')) out.pop_back();
  return out;
}

double percentile(std::vector<double> v, double p) {
  if (v.empty()) return 0;
  std::sort(v.begin(), v.end());
  return v[std::min(v.size() - 1, static_cast<std::size_t>(p * static_cast<double>(v.size())))];
}

double mean(const std::vector<double>& v) {
  return v.empty() ? 0 : std::accumulate(v.begin(), v.end(), 0.0) / static_cast<double>(v.size());
}

struct contender {
  const char* name;
  std::string bootstrap;
  std::string prefix;  // resources bench-<prefix>-<i> have a deployment each
};

struct timings {
  std::vector<double> handler;     // REPORT Duration, ms
  std::vector<double> round_trip;  // Invoke, ms
};

struct counted {
  std::map<std::string, std::vector<double>> calls;  // AWS and GitHub, per operation
  int events = 0;
};

std::string event_for(const contender& c, int i) {
  orch_test::event_spec e("bench-" + c.prefix + "-evt-" + std::to_string(i),
                          "arn:aws:s3:::bench-" + c.prefix + "-" + std::to_string(i));
  return orch_test::sns_event({orch_test::agent_event(e)});
}

bool dispatched(const std::string& body) {
  return body.find("\"dispatched\"") != std::string::npos;
}

}  // namespace

int main(int argc, char** argv) {
  const int events = argc > 1 ? std::max(1, std::atoi(argv[1])) : 40;
  const int counted_events = 20;
  bench::local_moto moto;
  if (moto.endpoint().empty()) {
    std::fprintf(stderr, "no moto_server (python3 -m moto.server) could be started\n");
    return 1;
  }
  const std::string src = DRIFT_SOURCE_DIR_PATH;
  const std::string python = run("python3 -c 'import sys; print(sys.executable)'");
  const std::string work = "/tmp/bench-orchestrator-" + std::to_string(::getpid());
  run("mkdir -p " + work);
  run("python3 " + src + "/tests/fixtures/make_stack.py " + moto.endpoint() + " bench > " + work +
      "/stack.json");
  rapidjson::Document stack;
  stack.Parse(run("cat " + work + "/stack.json").c_str());
  if (!stack.IsObject()) {
    std::fprintf(stderr, "make_stack.py failed\n");
    return 1;
  }
  auto s = [&](const char* k) { return std::string(stack[k].GetString()); };

  const std::string gh_dir = work + "/github";
  run("python3 " + src + "/tests/fixtures/github/github_fixture.py start " + gh_dir + " --binary " +
      GITHUB_STAND_IN_PATH + " --token bench-token > /dev/null");
  const std::string gh_endpoint = run("cat " + gh_dir + "/endpoint");
  const std::string repo = run("cat " + gh_dir + "/repository");

  // The Python handler runs under the interpreter that has boto3 (the one moto runs on).
  const std::string py_bootstrap = work + "/python-bootstrap";
  std::ofstream(py_bootstrap) << "#!/bin/sh\nexec " << python << " " << src
                              << "/bench/orchestrator/python/bootstrap\n";
  run("chmod +x " + py_bootstrap);
  std::vector<contender> contenders = {
      {"C++ (ours)",
       std::string(DRIFT_BUILD_DIR_PATH) + "/functions/workflow-orchestrator/bootstrap", "cpp"},
      {"Python (boto3)", py_bootstrap, "py"}};
  const int per_function = events + counted_events + 2;
  for (const auto& c : contenders)
    run("python3 " + src + "/bench/orchestrator/seed.py " + moto.endpoint() + " " + work +
        "/stack.json bench-token " + c.prefix + " " + std::to_string(per_function));

  auto env_for = [&](const std::string& aws, const std::string& github) {
    return std::map<std::string, std::string>{
        {"AWS_REGION", "us-east-1"},
        {"AWS_DEFAULT_REGION", "us-east-1"},
        {"AWS_ACCESS_KEY_ID", "test"},
        {"AWS_SECRET_ACCESS_KEY", "test"},
        {"AWS_ENDPOINT_URL", aws},
        {"METADATA_TABLE", s("metadata_table")},
        {"LOCKS_TABLE", s("locks_table")},
        {"HISTORY_TABLE", s("history_table")},
        {"REMEDIATIONS_TABLE", s("remediations_table")},
        {"POLICY_TABLE", s("policy_table")},
        {"ALERT_TOPIC_ARN", s("alert_topic_arn")},
        {"RETRY_QUEUE_URL", s("retry_queue_url")},
        {"METRICS_NAMESPACE", s("metrics_namespace")},
        // The Python design dispatches every event on its own; so does ours without gathering.
        {"GATHER_SECONDS", "0"},
        {"GITHUB_API_URL", github},
        {"GITHUB_ALLOW_PLAIN_HTTP", "true"},
        {"GITHUB_REPOSITORY", repo},
        {"GITHUB_TOKEN_PARAMETER", s("github_token_parameter")},
        {"AWS_LAMBDA_LOG_LEVEL", "WARN"}};
  };
  int next_event = 0;  // one resource per event and function, so no lock is ever held

  // Both functions warm (one cold event each first), then `n` events taking turns; with
  // `counts`, through counting proxies to moto and the stand-in, else straight to them.
  // Nothing when an event is not dispatched (returning, so that the harnesses and proxies stop).
  auto race = [&](int n, std::vector<counted>* counts) -> std::optional<std::vector<timings>> {
    std::vector<std::unique_ptr<bench::counting_proxy>> aws, github;
    std::vector<std::unique_ptr<bench::function_harness>> h;
    for (const auto& c : contenders) {
      std::string aws_url = moto.endpoint(), github_url = gh_endpoint;
      if (counts) {
        aws.push_back(std::make_unique<bench::counting_proxy>(moto.endpoint()));
        github.push_back(std::make_unique<bench::counting_proxy>(gh_endpoint));
        aws_url = aws.back()->endpoint();
        github_url = github.back()->endpoint();
      }
      h.push_back(std::make_unique<bench::function_harness>(
          LAMBDA_HARNESS_PATH, "workflow-orchestrator", c.bootstrap, env_for(aws_url, github_url)));
      auto cold = h.back()->running() ? h.back()->invoke(event_for(c, next_event)).body : "";
      if (!dispatched(cold)) {
        std::fprintf(stderr, "%s: the cold event did not dispatch: %s\nlog:\n%s\n", c.name,
                     cold.c_str(), h.back()->log().c_str());
        return std::nullopt;
      }
      if (counts) {
        aws.back()->clear();
        github.back()->clear();
      }
    }
    std::vector<timings> out(contenders.size());
    for (int i = 1; i <= n; ++i) {
      for (std::size_t f = 0; f < contenders.size(); ++f) {
        auto r = h[f]->invoke(event_for(contenders[f], next_event + i));
        if (!dispatched(r.body)) {
          std::fprintf(stderr, "%s: not dispatched: %s\n", contenders[f].name, r.body.c_str());
          return std::nullopt;
        }
        out[f].round_trip.push_back(r.round_trip_ms);
      }
    }
    next_event += n + 1;
    for (std::size_t f = 0; f < contenders.size(); ++f) {
      out[f].handler = h[f]->warm_durations_ms(static_cast<std::size_t>(n));
      if (!counts) continue;
      counted k;
      k.events = n;
      for (auto& [op, times] : aws[f]->calls()) {
        const auto dot = op.find('.');  // "DynamoDB_20120810.PutItem" -> "DynamoDB PutItem"
        k.calls[dot == std::string::npos ? op
                                         : op.substr(0, op.find('_')) + " " + op.substr(dot + 1)] =
            times;
      }
      for (auto& [op, times] : github[f]->calls())
        k.calls["GitHub " + op.substr(0, op.find(' ')) + " dispatch"] = times;
      counts->push_back(std::move(k));
    }
    return out;
  };

  std::vector<counted> counts;
  const auto counted_race = race(counted_events, &counts);
  if (!counted_race) return 1;
  const auto timed_race = race(events, nullptr);
  if (!timed_race) return 1;
  const std::vector<timings>& counting = *counted_race;
  const std::vector<timings>& timing = *timed_race;
  run("python3 " + src + "/tests/fixtures/github/github_fixture.py stop " + gh_dir);
  run("rm -rf " + work);

  std::printf(
      "workflow-orchestrator, one drift event per SNS invocation, warm; ours and the Python "
      "handler take turns (%d events each counted, %d timed)\n\n",
      counted_events, events);
  std::printf("counting run: calls per event, and each call's answer time at the proxy:\n");
  std::printf("  %-24s", "operation");
  for (const auto& c : contenders) std::printf(" %16s %14s", c.name, "p50 / p90 ms");
  std::printf("\n");
  std::map<std::string, bool> ops;
  for (const auto& k : counts)
    for (const auto& [op, _] : k.calls) ops[op] = true;
  std::vector<double> upstream_ms(contenders.size(), 0), calls_total(contenders.size(), 0);
  for (const auto& [op, _] : ops) {
    std::printf("  %-24s", op.c_str());
    for (std::size_t f = 0; f < counts.size(); ++f) {
      auto it = counts[f].calls.find(op);
      if (it == counts[f].calls.end()) {
        std::printf(" %16s %14s", "0", "-");
        continue;
      }
      const double per_event =
          static_cast<double>(it->second.size()) / static_cast<double>(counts[f].events);
      char lat[32];
      std::snprintf(lat, sizeof lat, "%.1f / %.1f", percentile(it->second, 0.5),
                    percentile(it->second, 0.9));
      std::printf(" %16.2f %14s", per_event, lat);
      upstream_ms[f] += std::accumulate(it->second.begin(), it->second.end(), 0.0) /
                        static_cast<double>(counts[f].events);
      calls_total[f] += per_event;
    }
    std::printf("\n");
  }
  std::printf("  %-24s", "calls per event");
  for (std::size_t f = 0; f < counts.size(); ++f) std::printf(" %16.2f %14s", calls_total[f], "");
  std::printf("\n  %-24s", "handler mean (ms)");
  for (std::size_t f = 0; f < counts.size(); ++f)
    std::printf(" %16.1f %14s", mean(counting[f].handler), "");
  std::printf("\n  %-24s", "  in moto + stand-in");
  for (std::size_t f = 0; f < counts.size(); ++f) std::printf(" %16.1f %14s", upstream_ms[f], "");
  std::printf("\n  %-24s", "  in the function");
  for (std::size_t f = 0; f < counts.size(); ++f)
    std::printf(" %16.1f %14s", mean(counting[f].handler) - upstream_ms[f], "");

  std::printf("\n\ntiming run (no proxy): per event, ms\n");
  std::printf("  %-16s %28s %28s\n", "", "handler (REPORT Duration)", "Invoke round trip");
  std::printf("  %-16s %10s %8s %8s %10s %8s %8s\n", "function", "p50", "mean", "p90", "p50",
              "mean", "p90");
  for (std::size_t f = 0; f < contenders.size(); ++f)
    std::printf("  %-16s %10.1f %8.1f %8.1f %10.1f %8.1f %8.1f\n", contenders[f].name,
                percentile(timing[f].handler, 0.5), mean(timing[f].handler),
                percentile(timing[f].handler, 0.9), percentile(timing[f].round_trip, 0.5),
                mean(timing[f].round_trip), percentile(timing[f].round_trip, 0.9));
  auto ratio = [](double a, double b) { return b > 0 ? a / b : 0; };
  std::printf("\nours / Python, handler time: p50 %.2f, mean %.2f (timing run)\n",
              ratio(percentile(timing[0].handler, 0.5), percentile(timing[1].handler, 0.5)),
              ratio(mean(timing[0].handler), mean(timing[1].handler)));
  std::printf("ours / Python, handler time outside moto and the stand-in: %.2f (counting run)\n",
              ratio(mean(counting[0].handler) - upstream_ms[0],
                    mean(counting[1].handler) - upstream_ms[1]));
  return 0;
}
