// The fleet page's gathering and writing: every reports/<target>/<workspace>/latest.json in the
// report bucket, the drifts and history tables read into drift/trend.h's numbers (the same
// ones `bootstrap history` prints), and reports/index.html written whole. Each target scan
// rebuilds it after writing its reports; with a fan-out the last writer wins, which is a
// complete page all the same.
#pragma once

#include <chrono>
#include <string>
#include <vector>

#include "aws/error.h"
#include "aws/session.h"
#include "core/result.h"
#include "core/time.h"
#include "drift/trend.h"
#include "fleet_page.h"

namespace scanner {

inline constexpr const char* fleet_page_key = "reports/index.html";

struct fleet_source {
  std::string bucket;         // REPORT_BUCKET
  std::string drifts_table;   // DRIFTS_TABLE; empty: no trend numbers
  std::string history_table;  // HISTORY_TABLE; empty: no remediation numbers
  // REPORT_BASE_URL: links are <base>/<key>; empty: presigned S3 GET URLs, which live until
  // `link_life` or until the signing credentials expire, whichever comes first.
  std::string base_url;
  std::chrono::seconds link_life = std::chrono::hours(24 * 7);
};

// The link to an object of the report bucket: REPORT_BASE_URL/<key> when configured, else a
// presigned GET URL.
core::result<std::string, aws::error> report_link(aws::session& s, const fleet_source& src,
                                                  const std::string& key);

// The drifts table's items and the history table's outcomes of the last 30 days, as
// drift/trend.h reads them.
core::result<std::vector<drift::trend::drift_entry>, aws::error> read_drift_entries(
    aws::session& s, const std::string& table);
core::result<std::vector<drift::trend::outcome_entry>, aws::error> read_outcome_entries(
    aws::session& s, const std::string& table, core::time::time_point now);

// The page's model. Errors only for the bucket's listing; a latest.json that cannot be read is
// its row's problem, tables that cannot be read are the trend's note (and in `problems`).
core::result<fleet_model, aws::error> gather_fleet(aws::session& s, const fleet_source& src,
                                                   core::time::time_point now,
                                                   std::vector<std::string>& problems);

// Gathers, renders and writes reports/index.html (text/html). Returns the page; `problems`
// gets what was left out of it.
core::result<std::string, aws::error> rebuild_fleet_page(aws::session& s, const fleet_source& src,
                                                         core::time::time_point now,
                                                         std::vector<std::string>& problems);

}  // namespace scanner
