// The fleet page (reports/index.html): every target and workspace with its latest status and a
// link to its report, open drift by severity over the last 30 days, the MTTR trend and the
// remediation success rate, the top recurring resources and the oldest open drift. Rendered
// whole from a model (fleet.h gathers it); the same CSP and no-script rules as a report's page,
// every value escaped. Pure: no I/O.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "drift/severity.h"
#include "drift/trend.h"

namespace scanner {

// One workspace's latest report (reports/<target>/<workspace>/latest.json).
struct fleet_workspace {
  std::string target;
  std::string workspace;
  std::string environment;
  // "drift", "no drift", "scan error"; "unreadable" when latest.json could not be read or
  // parsed (problem says why).
  std::string status;
  std::optional<drift::severity> highest;
  int drifted = 0;
  bool incomplete = false;
  std::string scanned_at;   // the report's finished_at
  std::string report_link;  // its HTML page (REPORT_BASE_URL/<key> or presigned); "" when none
  std::string problem;
};

struct fleet_model {
  std::string generated_at;  // ISO 8601 UTC
  std::vector<fleet_workspace> workspaces;
  // The drifts and history tables' numbers (drift/trend.h); trend_note says why they are
  // missing when trend_known is false.
  bool trend_known = false;
  std::string trend_note;
  std::vector<drift::trend::environment_trend> trend;
  std::vector<drift::trend::day_open> open_by_day;
  // How long the links live (presigned: until they expire or the signing session ends).
  std::string links_note;
};

std::string fleet_html(const fleet_model& m);

// Whether `url` may be a link's target: http(s) only, so that no other scheme (javascript:,
// data:) reaches an href, whatever a configuration holds.
bool linkable(const std::string& url);

}  // namespace scanner
