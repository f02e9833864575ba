#include "fleet_page.h"

#include <algorithm>
#include <array>
#include <cctype>
#include <cmath>
#include <cstdio>
#include <map>
#include <string>

#include "html_parts.h"
#include "report_html.h"

namespace scanner {

namespace {

using drift::severity;

constexpr std::array<severity, 5> severities = {severity::critical, severity::high,
                                                severity::medium, severity::low, severity::info};

// The fleet's own additions to the report page's style sheet: a wider chart and its legend.
constexpr const char* fleet_css = R"(.chart.days{max-width:760px}
ul.legend{list-style:none;padding:0;margin:6px 0;display:flex;flex-wrap:wrap;gap:4px 14px;font-size:.85rem}
ul.legend i{display:inline-block;width:10px;height:10px;margin-right:4px;border-radius:2px}
a{color:#0b5cad}
)";

using namespace html;  // text, code, cell, sev_name, colour

std::string badge(const std::string& label, const std::string& cls) {
  return "<span class=\"badge " + text(cls) + "\">" + text(label) + "</span>";
}

std::string status_badge(const fleet_workspace& w) {
  if (w.status == "drift" && w.highest) {
    const std::string n = sev_name(*w.highest);
    return badge(n, "b-" + n);
  }
  return badge(w.status, w.status == "no drift" ? "b-LOW" : "b-INFO");
}

std::string percent(std::optional<double> rate) {
  if (!rate) return "-";
  char buf[16];
  std::snprintf(buf, sizeof buf, "%.0f%%", *rate * 100);
  return buf;
}

std::string head() {
  return std::string("<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">\n") +
         "<meta http-equiv=\"Content-Security-Policy\" content=\"" + page_csp +
         "\">\n<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n"
         "<meta name=\"referrer\" content=\"no-referrer\">\n<title>Drift: the fleet</title>\n"
         "<style>" +
         page_css() + fleet_css + "</style></head>\n";
}

std::string header(const fleet_model& m) {
  int drifting = 0, errors = 0;
  for (const auto& w : m.workspaces) {
    drifting += w.status == "drift";
    errors += w.status == "scan error" || w.status == "unreadable";
  }
  std::string h = "<header><h1>Drift: the fleet</h1>\n<p class=\"meta\">" +
                  std::to_string(m.workspaces.size()) + " workspace(s), " +
                  std::to_string(drifting) + " drifting, " + std::to_string(errors) +
                  " with a scan error. Built " + text(m.generated_at) + ".</p>\n";
  if (!m.links_note.empty()) h += "<p class=\"meta\">" + text(m.links_note) + "</p>\n";
  return h + "</header>\n";
}

std::string report_cell(const fleet_workspace& w) {
  if (w.report_link.empty()) return "<em>none</em>";
  if (!linkable(w.report_link)) return code(w.report_link);
  return "<a href=\"" + text(w.report_link) + "\" rel=\"noreferrer\">latest report</a>";
}

std::string workspaces(const fleet_model& m) {
  std::string h = "<section id=\"workspaces\"><h2>Targets and workspaces (" +
                  std::to_string(m.workspaces.size()) + ")</h2>\n";
  if (m.workspaces.empty()) return h + "<p>No report has been written yet.</p></section>\n";
  h += "<div class=\"scroll\"><table class=\"stack\"><thead><tr><th>Target</th><th>Workspace</th>"
       "<th>Environment</th><th>Status</th><th>Drifted</th><th>Scanned</th><th>Report</th>"
       "</tr></thead><tbody>\n";
  for (const auto& w : m.workspaces) {
    std::string status = status_badge(w);
    if (w.incomplete) status += " <em>incomplete</em>";
    if (!w.problem.empty()) status += "<br>" + text(w.problem);
    h += "<tr>" + cell("Target", code(w.target)) + cell("Workspace", code(w.workspace)) +
         cell("Environment", text(w.environment)) + cell("Status", status) +
         cell("Drifted", std::to_string(w.drifted)) + cell("Scanned", text(w.scanned_at)) +
         cell("Report", report_cell(w)) + "</tr>\n";
  }
  return h + "</tbody></table></div></section>\n";
}

// One stacked bar per day, most severe at the bottom, scaled to the busiest day.
std::string open_chart(const std::vector<drift::trend::day_open>& days) {
  int most = 1;
  for (const auto& d : days) most = std::max(most, d.open);
  const int left = 34, top = 8, height = 150, bar = 20, gap = 4;
  const int width = left + static_cast<int>(days.size()) * (bar + gap) + 4;
  std::string svg = "<svg class=\"chart days\" viewBox=\"0 0 " + std::to_string(width) + " " +
                    std::to_string(top + height + 22) +
                    "\" role=\"img\" aria-label=\"Open drift by severity, per day\"><title>Open "
                    "drift by severity, per day</title>\n";
  // The scale: zero and the busiest day's count.
  svg += "<text x=\"0\" y=\"" + std::to_string(top + 10) + "\" font-size=\"11\" fill=\"#4a5560\">" +
         std::to_string(most) + "</text><text x=\"0\" y=\"" + std::to_string(top + height) +
         "\" font-size=\"11\" fill=\"#4a5560\">0</text>\n";
  svg += "<line x1=\"" + std::to_string(left - 2) + "\" y1=\"" + std::to_string(top + height) +
         "\" x2=\"" + std::to_string(width) + "\" y2=\"" + std::to_string(top + height) +
         "\" stroke=\"#adb5bd\"/>\n";
  int x = left;
  for (const auto& d : days) {
    int y = top + height;
    std::string tip = d.day + ": " + std::to_string(d.open) + " open";
    for (auto s : severities) {
      const auto it = d.by_severity.find(sev_name(s));
      if (it == d.by_severity.end() || it->second <= 0) continue;
      const int h = std::max(1, height * it->second / most);
      y -= h;
      tip += ", " + std::to_string(it->second) + " " + sev_name(s);
      svg += "<rect fill=\"" + std::string(colour(s)) + "\" x=\"" + std::to_string(x) + "\" y=\"" +
             std::to_string(y) + "\" width=\"" + std::to_string(bar) + "\" height=\"" +
             std::to_string(h) + "\"/>";
    }
    // An invisible full-height bar carries the day's numbers as a tooltip.
    svg += "<rect fill=\"transparent\" x=\"" + std::to_string(x) + "\" y=\"" + std::to_string(top) +
           "\" width=\"" + std::to_string(bar) + "\" height=\"" + std::to_string(height) +
           "\"><title>" + text(tip) + "</title></rect>\n";
    x += bar + gap;
  }
  if (!days.empty()) {
    const std::string y = std::to_string(top + height + 16);
    svg += "<text x=\"" + std::to_string(left) + "\" y=\"" + y +
           "\" font-size=\"11\" fill=\"#4a5560\">" + text(days.front().day) + "</text>";
    svg += "<text x=\"" + std::to_string(width - 4) + "\" y=\"" + y +
           "\" font-size=\"11\" fill=\"#4a5560\" text-anchor=\"end\">" + text(days.back().day) +
           "</text>\n";
  }
  svg += "</svg>\n<ul class=\"legend\">";
  for (auto s : severities)
    svg += "<li><i style=\"background:" + std::string(colour(s)) + "\"></i>" + text(sev_name(s)) +
           "</li>";
  return svg + "</ul>\n";
}

std::string open_drift(const fleet_model& m) {
  std::string h = "<section id=\"open\"><h2>Open drift, last " +
                  std::to_string(m.open_by_day.size()) + " days</h2>\n";
  if (!m.trend_known) return h + "<p class=\"banner\">" + text(m.trend_note) + "</p></section>\n";
  const int now = m.open_by_day.empty() ? 0 : m.open_by_day.back().open;
  h += "<p>" + std::to_string(now) + " drift(s) open now.</p>\n";
  return h + open_chart(m.open_by_day) + "</section>\n";
}

std::string remediation(const fleet_model& m) {
  std::string h = "<section id=\"remediation\"><h2>Remediation: MTTR and success rate</h2>\n";
  if (!m.trend_known) return h + "<p class=\"banner\">" + text(m.trend_note) + "</p></section>\n";
  if (m.trend.empty()) return h + "<p>No drift and no remediation recorded yet.</p></section>\n";
  h += "<div class=\"scroll\"><table class=\"stack\"><thead><tr><th>Environment</th>"
       "<th>Open</th><th>Last 7 days</th><th>Last 30 days</th></tr></thead><tbody>\n";
  auto window = [](const drift::trend::window& w) {
    return std::to_string(w.outcomes) + " remediation(s), " + percent(w.success_rate) +
           " succeeded<br>MTTR p50 " + text(drift::trend::duration_text(w.mttr_p50_seconds)) +
           ", p95 " + text(drift::trend::duration_text(w.mttr_p95_seconds));
  };
  for (const auto& t : m.trend)
    h += "<tr>" + cell("Environment", text(t.environment)) + cell("Open", std::to_string(t.open)) +
         cell("Last 7 days", window(t.last_7_days)) + cell("Last 30 days", window(t.last_30_days)) +
         "</tr>\n";
  return h + "</tbody></table></div></section>\n";
}

std::string recurring(const fleet_model& m) {
  std::string h = "<section id=\"recurring\"><h2>Top recurring resources</h2>\n";
  if (!m.trend_known) return h + "<p class=\"banner\">" + text(m.trend_note) + "</p></section>\n";
  std::string rows;
  for (const auto& t : m.trend)
    for (const auto& r : t.top_recurring)
      rows += "<tr>" + cell("Resource", code(r.address)) + cell("Workspace", code(r.scope)) +
              cell("Environment", text(t.environment)) +
              cell("Recurrences", std::to_string(r.recurrences)) + "</tr>\n";
  if (rows.empty()) return h + "<p>No drift has come back after being resolved.</p></section>\n";
  return h +
         "<div class=\"scroll\"><table class=\"stack\"><thead><tr><th>Resource</th>"
         "<th>Workspace</th><th>Environment</th><th>Recurrences</th></tr></thead><tbody>\n" +
         rows + "</tbody></table></div></section>\n";
}

std::string oldest(const fleet_model& m) {
  std::string h = "<section id=\"oldest\"><h2>Oldest open drift</h2>\n";
  if (!m.trend_known) return h + "<p class=\"banner\">" + text(m.trend_note) + "</p></section>\n";
  std::string rows;
  for (const auto& t : m.trend) {
    if (!t.oldest_open) continue;
    const auto& d = *t.oldest_open;
    const std::string level = d.severity.empty() ? "INFO" : d.severity;
    rows += "<tr>" + cell("Environment", text(t.environment)) + cell("Resource", code(d.address)) +
            cell("Workspace", code(d.scope)) + cell("Severity", badge(level, "b-" + level)) +
            cell("Open for", text(drift::trend::duration_text(t.oldest_open_age_seconds))) +
            cell("Drift id", code(d.drift_id)) + "</tr>\n";
  }
  if (rows.empty()) return h + "<p class=\"ok\">No drift is open.</p></section>\n";
  return h +
         "<div class=\"scroll\"><table class=\"stack\"><thead><tr><th>Environment</th>"
         "<th>Resource</th><th>Workspace</th><th>Severity</th><th>Open for</th><th>Drift id</th>"
         "</tr></thead><tbody>\n" +
         rows + "</tbody></table></div></section>\n";
}

}  // namespace

bool linkable(const std::string& url) {
  auto starts = [&](std::string_view p) {
    if (url.size() <= p.size()) return false;
    for (std::size_t i = 0; i < p.size(); ++i)
      if (std::tolower(static_cast<unsigned char>(url[i])) != p[i]) return false;
    return true;
  };
  return starts("https://") || starts("http://");
}

std::string fleet_html(const fleet_model& m) {
  return head() + "<body><main>\n" + header(m) + workspaces(m) + open_drift(m) + remediation(m) +
         recurring(m) + oldest(m) + "</main></body></html>\n";
}

}  // namespace scanner
