#include "history_command.h"

#include <CLI/CLI.hpp>
#include <cstdio>
#include <string>
#include <vector>

#include "aws/session.h"
#include "config.h"
#include "core/time.h"
#include "drift/trend.h"
#include "fleet.h"

namespace scanner {

namespace {

struct history_options {
  bool json = false;
  std::string drifts_table;   // default: the scanner's DRIFTS_TABLE
  std::string history_table;  // default: HISTORY_TABLE
  std::size_t top = 5;
};

}  // namespace

int run_history_command(int argc, char** argv) {
  history_options o;
  const auto env = read_environment();
  o.drifts_table = env.lifecycle.drifts_table;
  o.history_table = env.lifecycle.history_table;
  CLI::App app{
      "The fleet's drift trend per environment: open drift by severity, the oldest open drift, "
      "MTTR p50/p95 and the remediation success rate over 7 and 30 days, and the resources "
      "that drift again most. Reads the drifts and history tables with the AWS credentials "
      "of the environment.",
      "drift-scan history"};
  app.add_flag("--json", o.json, "print JSON instead of text");
  app.add_option("--drifts-table", o.drifts_table, "the drifts table (default: $DRIFTS_TABLE)");
  app.add_option("--history-table", o.history_table,
                 "the drift history table (default: $HISTORY_TABLE)");
  app.add_option("--top", o.top, "recurring resources listed per environment")
      ->check(CLI::Range(1, 100));
  try {
    app.parse(argc - 1, argv + 1);
  } catch (const CLI::ParseError& e) {
    const int rc = app.exit(e);
    return rc == 0 ? 0 : 64;
  }
  if (o.drifts_table.empty() || o.history_table.empty()) {
    std::fputs("history: set DRIFTS_TABLE and HISTORY_TABLE (or --drifts-table, --history-table)\n",
               stderr);
    return 64;
  }
  auto session = aws::session::from_environment();
  const auto now = core::time::clock::now();
  auto drifts = read_drift_entries(*session, o.drifts_table);
  if (!drifts) {
    std::fprintf(stderr, "history: cannot read %s: %s\n", o.drifts_table.c_str(),
                 drifts.error().describe().c_str());
    return 1;
  }
  auto outcomes = read_outcome_entries(*session, o.history_table, now);
  if (!outcomes) {
    std::fprintf(stderr, "history: cannot read %s: %s\n", o.history_table.c_str(),
                 outcomes.error().describe().c_str());
    return 1;
  }
  const auto trend = drift::trend::compute(*drifts, *outcomes, now, o.top);
  const std::string out =
      o.json ? drift::trend::to_json(trend, now) + "\n" : drift::trend::to_text(trend);
  std::fwrite(out.data(), 1, out.size(), stdout);
  return 0;
}

}  // namespace scanner
