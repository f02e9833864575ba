#include "fleet.h"

#include <algorithm>
#include <tuple>

#include "aws/s3.h"
#include "aws_calls.h"
#include "drift/report.h"
#include "outputs.h"
#include "store/drifts.h"
#include "store/history.h"

namespace scanner {

namespace {

constexpr int chart_days = 30;

std::string verdict(const drift::report& r) {
  if (r.exit_code == 1) return "scan error";
  return r.exit_code == 2 ? "drift" : "no drift";
}

// reports/<target>/<workspace>/ prefixes, one level at a time (S3's delimiter), so the
// listing does not grow with the history of timestamped reports.
core::result<std::vector<std::string>, aws::error> child_prefixes(aws::session& s,
                                                                  const std::string& bucket,
                                                                  const std::string& prefix) {
  auto listed = aws::s3::list_objects(s, bucket, prefix, "/");
  if (!listed) return listed.error();
  return listed->common_prefixes;
}

fleet_workspace row_of(aws::session& s, const fleet_source& src, const std::string& prefix) {
  // prefix: reports/<target>/<workspace>/
  fleet_workspace w;
  const std::string inner = prefix.substr(std::string("reports/").size());
  const auto slash = inner.find('/');
  w.target = inner.substr(0, slash);
  w.workspace = inner.substr(slash + 1, inner.size() - slash - 2);
  w.status = "unreadable";
  const std::string key = prefix + "latest.json";
  auto got = aws_calls::s3_get(s, src.bucket, key);
  if (!got) {
    w.problem = "latest.json: " + got.error().describe();
    return w;
  }
  if (!*got) {
    w.problem = "no latest.json";
    return w;
  }
  auto r = drift::parse_report(**got);
  if (!r) {
    w.problem = "latest.json: " + r.error().message;
    return w;
  }
  w.environment = r->target.environment;
  w.status = verdict(*r);
  w.highest = r->summary.highest;
  w.drifted = r->summary.drifted;
  w.incomplete = r->incomplete;
  w.scanned_at = r->finished_at;
  if (auto link = report_link(s, src, html_twin(key)))
    w.report_link = *link;
  else
    w.problem = "no link: " + link.error().describe();
  return w;
}

}  // namespace

core::result<std::string, aws::error> report_link(aws::session& s, const fleet_source& src,
                                                  const std::string& key) {
  if (!src.base_url.empty()) {
    std::string base = src.base_url;
    while (!base.empty() && base.back() == '/') base.pop_back();
    return base + "/" + key;
  }
  return aws::s3::presign_get(s, src.bucket, key, src.link_life);
}

core::result<std::vector<drift::trend::drift_entry>, aws::error> read_drift_entries(
    aws::session& s, const std::string& table) {
  auto records = store::drifts(s, table).list_all();
  if (!records) return records.error();
  std::vector<drift::trend::drift_entry> out;
  for (const auto& r : *records)
    out.push_back({r.environment, r.scope, r.address, r.drift_id, r.severity, r.status,
                   core::time::parse_iso8601(r.first_seen), r.recurrences,
                   core::time::parse_iso8601(r.resolved_at)});
  return out;
}

// The outcomes of the last 30 days: the longest window the trend shows.
core::result<std::vector<drift::trend::outcome_entry>, aws::error> read_outcome_entries(
    aws::session& s, const std::string& table, core::time::time_point now) {
  std::vector<drift::trend::outcome_entry> out;
  auto scanned = store::history(s, table).each_completed_since(
      now - std::chrono::hours(24 * 30), [&](const store::history_item& it) {
        const auto success = drift::trend::outcome_success(it.status);
        const auto at = core::time::parse_iso8601(it.completed_at);
        if (success && at) out.push_back({it.environment, *at, *success, it.mttr_seconds});
      });
  if (!scanned) return scanned.error();
  return out;
}

core::result<fleet_model, aws::error> gather_fleet(aws::session& s, const fleet_source& src,
                                                   core::time::time_point now,
                                                   std::vector<std::string>& problems) {
  fleet_model m;
  m.generated_at = core::time::iso8601(now);
  auto targets = child_prefixes(s, src.bucket, "reports/");
  if (!targets) return targets.error();
  for (const auto& t : *targets) {
    auto workspaces = child_prefixes(s, src.bucket, t);
    if (!workspaces) return workspaces.error();
    for (const auto& w : *workspaces) m.workspaces.push_back(row_of(s, src, w));
  }
  std::sort(m.workspaces.begin(), m.workspaces.end(), [](const auto& a, const auto& b) {
    return std::tie(a.target, a.workspace) < std::tie(b.target, b.workspace);
  });
  m.links_note =
      src.base_url.empty()
          ? "Report links are presigned: they work until they expire or the credentials that "
            "signed them do (a Lambda role's session: hours), whichever comes first; the next "
            "scan writes fresh ones."
          : "";

  if (src.drifts_table.empty()) {
    m.trend_note = "Not known: the scanner keeps no drifts table (DRIFTS_TABLE).";
    return m;
  }
  auto drifts = read_drift_entries(s, src.drifts_table);
  if (!drifts) {
    m.trend_note = "Not known: the drifts table could not be read.";
    problems.push_back("fleet page: cannot read " + src.drifts_table + ": " +
                       drifts.error().describe());
    return m;
  }
  std::vector<drift::trend::outcome_entry> outcomes;
  if (!src.history_table.empty()) {
    auto read = read_outcome_entries(s, src.history_table, now);
    if (read)
      outcomes = std::move(read.value());
    else
      problems.push_back("fleet page: cannot read " + src.history_table + ": " +
                         read.error().describe());
  }
  m.trend_known = true;
  m.trend = drift::trend::compute(*drifts, outcomes, now);
  m.open_by_day = drift::trend::open_by_day(*drifts, now, chart_days);
  return m;
}

core::result<std::string, aws::error> rebuild_fleet_page(aws::session& s, const fleet_source& src,
                                                         core::time::time_point now,
                                                         std::vector<std::string>& problems) {
  auto m = gather_fleet(s, src, now, problems);
  if (!m) return m.error();
  std::string page = fleet_html(*m);
  auto put = aws_calls::s3_put(s, src.bucket, fleet_page_key, page, html_content_type);
  if (!put) return put.error();
  return page;
}

}  // namespace scanner
