// The scanner's CPU work per workspace, without AWS: ingesting a refresh-only plan (parse and
// findings), grading with the shared table and ignore rules, and writing the report JSON, for
// plans of 10 to 5,000 drifted resources built from a real plan captured against moto.
// Run: build-*/bench/scanner/bench_scanner
#include <benchmark/benchmark.h>

#include <fstream>
#include <sstream>
#include <string>

#include "drift/ignore.h"
#include "drift/report.h"
#include "grading.h"
#include "outputs.h"
#include "plan_findings.h"

namespace {

// A plan whose resource_drift holds `n` copies of the captured plan's entries, renamed.
std::string synthetic_plan(int n) {
  std::ifstream in(std::string(DRIFT_SOURCE_DIR_PATH) +
                   "/tests/terraform/fixtures/refresh_only_drift.plan.json");
  std::stringstream ss;
  ss << in.rdbuf();
  const std::string plan = ss.str();
  // Every drift entry as written by Terraform starts with {"address":"; copy the array.
  const auto start = plan.find("\"resource_drift\":[");
  const auto open = plan.find('[', start);
  int depth = 0;
  std::size_t close = open;
  for (; close < plan.size(); ++close) {
    if (plan[close] == '[') ++depth;
    if (plan[close] == ']' && --depth == 0) break;
  }
  const std::string items = plan.substr(open + 1, close - open - 1);
  std::string out;
  for (int i = 0; out.size() < 1 || i < n; i += 7) {
    std::string copy = items;
    for (std::size_t p = 0; (p = copy.find("\"address\":\"", p)) != std::string::npos; p += 11)
      copy.insert(p + 11, "module.m" + std::to_string(i) + ".");
    out += (out.empty() ? "" : ",") + copy;
  }
  return plan.substr(0, open + 1) + out + plan.substr(close);
}

void BM_IngestAndGrade(benchmark::State& state) {
  const std::string plan = synthetic_plan(static_cast<int>(state.range(0)));
  const auto ignore = drift::ignore_rules::parse("*.tags_all\naws_s3_bucket.audit\n");
  scanner::report_context ctx{
      "bench",
      "2026-11-23T18:00:00Z",
      "2026-11-23T18:00:10Z",
      {"platform", "123456789012", "us-east-1", "prod", "production", "s3://b/k"}};
  std::size_t drifts = 0, bytes = 0;
  for (auto _ : state) {
    auto f = scanner::findings_from_plan_json(plan, nullptr, "plan");
    auto r = scanner::grade(f.value(), ctx, drift::rule_table::builtin(), ignore);
    const std::string json = drift::to_json(r);
    auto alert = scanner::build_alert(r, drift::compare_critical(nullptr, r), "s3://b/x.json");
    benchmark::DoNotOptimize(alert);
    drifts = r.drifts.size();
    bytes = json.size();
  }
  state.counters["drifts"] = static_cast<double>(drifts);
  state.counters["report_bytes"] = static_cast<double>(bytes);
  state.counters["drifts_per_s"] = benchmark::Counter(
      static_cast<double>(drifts), benchmark::Counter::kIsIterationInvariantRate);
  state.counters["plan_bytes"] = static_cast<double>(plan.size());
}
BENCHMARK(BM_IngestAndGrade)->Arg(10)->Arg(100)->Arg(1000)->Unit(benchmark::kMillisecond);

}  // namespace

BENCHMARK_MAIN();
