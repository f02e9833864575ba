#include "fleet_command.h"

#include <CLI/CLI.hpp>
#include <cstdio>
#include <fstream>
#include <string>
#include <vector>

#include "aws/session.h"
#include "config.h"
#include "core/time.h"
#include "fleet.h"

namespace scanner {

int run_fleet_command(int argc, char** argv) {
  const auto env = read_environment();
  fleet_source src{env.report_bucket, env.lifecycle.drifts_table, env.lifecycle.history_table,
                   env.report_base_url};
  std::string html;
  CLI::App app{
      "Rebuild the fleet page, s3://$REPORT_BUCKET/reports/index.html: every target and "
      "workspace with its latest status and a link to its report, open drift by severity over "
      "the last 30 days, MTTR and the remediation success rate, the top recurring resources "
      "and the oldest open drift (from $DRIFTS_TABLE and $HISTORY_TABLE). Links are "
      "$REPORT_BASE_URL/<key>, else presigned.",
      "drift-scan fleet"};
  app.add_option("--html", html, "also write the page to FILE");
  try {
    app.parse(argc - 1, argv + 1);
  } catch (const CLI::ParseError& e) {
    const int rc = app.exit(e);
    return rc == 0 ? 0 : 64;
  }
  if (src.bucket.empty()) {
    std::fputs("fleet: set REPORT_BUCKET\n", stderr);
    return 64;
  }
  auto session = aws::session::from_environment();
  std::vector<std::string> problems;
  auto page = rebuild_fleet_page(*session, src, core::time::clock::now(), problems);
  if (!page) {
    std::fprintf(stderr, "fleet: %s\n", page.error().describe().c_str());
    return 1;
  }
  for (const auto& p : problems) std::fprintf(stderr, "fleet: %s\n", p.c_str());
  if (!html.empty()) {
    std::ofstream out(html, std::ios::binary | std::ios::trunc);
    out << *page;
    if (!out) {
      std::fprintf(stderr, "fleet: cannot write %s\n", html.c_str());
      return 1;
    }
  }
  std::printf("s3://%s/%s\n", src.bucket.c_str(), fleet_page_key);
  return problems.empty() ? 0 : 1;
}

}  // namespace scanner
