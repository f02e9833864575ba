#include "report_html.h"

#include <algorithm>
#include <array>
#include <cstdio>
#include <initializer_list>
#include <map>
#include <string>
#include <utility>
#include <vector>

#include "html_parts.h"

namespace scanner {

namespace {

using drift::severity;

// Most severe first: the order of the cards, the chart and the sections.
constexpr std::array<severity, 5> severities = {severity::critical, severity::high,
                                                severity::medium, severity::low, severity::info};

constexpr const char* csp = page_csp;

// Narrow screens (375 px phones) wrap long addresses and values anywhere and stack the tables'
// cells, so nothing overflows the page horizontally.
constexpr const char* css = R"(*,*::before,*::after{box-sizing:border-box}
body{margin:0;font:15px/1.45 system-ui,-apple-system,"Segoe UI",Roboto,sans-serif;color:#1d232a;background:#f4f6f8}
main{max-width:1100px;margin:0 auto;padding:16px}
h1{font-size:1.4rem;margin:.2em 0}h2{font-size:1.15rem;margin:1.6em 0 .6em}h3{font-size:1rem;margin:0 0 4px}
main,p,li,td,th,dd,dt,h1,h2,h3,code,pre{overflow-wrap:anywhere}
code,pre{font-family:ui-monospace,SFMono-Regular,Menlo,Consolas,monospace;font-size:.85rem}
pre{white-space:pre-wrap;margin:0;background:#eef1f4;padding:6px 8px;border-radius:4px}
.meta{color:#4a5560;margin:2px 0}
.cards{display:grid;grid-template-columns:repeat(auto-fit,minmax(110px,1fr));gap:8px}
.card{background:#fff;border-radius:6px;padding:8px 12px;border-left:5px solid #adb5bd}
.card .n{display:block;font-size:1.5rem;font-weight:700;overflow-wrap:normal}
.card.wide{grid-column:span 2}.card.wide .n{font-size:1.2rem}
.card .l{color:#4a5560;font-size:.85rem}
.chart{display:block;width:100%;max-width:460px;height:auto;margin-top:10px}
.badge{display:inline-block;padding:1px 8px;border-radius:10px;color:#fff;font-size:.8rem;font-weight:700;background:#6c757d}
.kind{color:#4a5560;font-size:.85rem}
.drift{background:#fff;border-radius:6px;padding:12px;margin:10px 0;border-left:5px solid #adb5bd}
.s-CRITICAL{border-color:#b00020}.b-CRITICAL{background:#b00020}
.s-HIGH{border-color:#d9480f}.b-HIGH{background:#d9480f}
.s-MEDIUM{border-color:#a86b00}.b-MEDIUM{background:#a86b00}
.s-LOW{border-color:#1c6fc2}.b-LOW{background:#1c6fc2}
.s-INFO{border-color:#6c757d}.b-INFO{background:#6c757d}
dl.facts{display:grid;grid-template-columns:max-content minmax(0,1fr);gap:3px 12px;margin:8px 0 0}
dl.facts dt{color:#4a5560}dl.facts dd{margin:0;min-width:0}
.scroll{overflow-x:auto;max-width:100%}
table{border-collapse:collapse;width:100%;table-layout:fixed;background:#fff;margin-top:6px}
th,td{text-align:left;vertical-align:top;padding:6px 8px;border-bottom:1px solid #e3e7eb}
th{font-size:.85rem;color:#4a5560}
.banner{background:#fff3cd;border:1px solid #e0c36b;padding:8px 12px;border-radius:6px}
.ok{background:#e6f4ea;border:1px solid #9ccfa9;padding:8px 12px;border-radius:6px}
ul.tags{list-style:none;padding:0;margin:0}
@media (max-width:640px){main{padding:10px}
.stack thead{display:none}.stack,.stack tbody,.stack tr,.stack td{display:block;width:100%}
.stack tr{border-bottom:2px solid #d0d7de;padding:4px 0}.stack td{border:0;padding:3px 8px}
.stack td::before{content:attr(data-label);display:block;font-size:.75rem;color:#4a5560}
dl.facts{grid-template-columns:minmax(0,1fr)}dl.facts dd{margin-bottom:4px}}
)";

using namespace html;  // text, code, cell, sev_name, colour

std::string badge(severity s) {
  const std::string n = html_escape(sev_name(s));
  return "<span class=\"badge b-" + n + "\">" + n + "</span>";
}

std::string money(double usd) {
  char buf[48];
  std::snprintf(buf, sizeof buf, "%+.2f USD/month", usd);
  return buf;
}

std::string percent(double p) {
  char buf[16];
  std::snprintf(buf, sizeof buf, "%.0f%%", p);
  return buf;
}

int count_of(const drift::report& r, severity s) {
  const auto it = r.summary.by_severity.find(sev_name(s));
  return it == r.summary.by_severity.end() ? 0 : it->second;
}

bool is_unmanaged(const drift::drift_item& d) { return d.change == drift::change_kind::unmanaged; }

// The cost card's value: the known sum, "unknown" when nothing could be priced (never a 0
// that would read as "free"), or the sum plus how many drifts it leaves out.
std::string cost_summary(const drift::report& r) {
  const auto priced = std::count_if(r.drifts.begin(), r.drifts.end(),
                                    [](const auto& d) { return d.monthly_cost_delta.has_value(); });
  if (priced == 0) return "unknown";
  std::string s = money(r.summary.monthly_cost_delta);
  if (r.summary.cost_unknown) s += " (+" + std::to_string(r.summary.cost_unknown) + " unknown)";
  return s;
}

bool has_cost(const drift::report& r) {
  return r.summary.cost_unknown > 0 ||
         std::any_of(r.drifts.begin(), r.drifts.end(),
                     [](const auto& d) { return d.monthly_cost_delta.has_value(); });
}

std::string verdict(const drift::report& r) {
  if (r.exit_code == 1) return "scan error";
  return r.exit_code == 2 ? "drift" : "no drift";
}

std::string head(const drift::report& r) {
  const auto& t = r.target;
  return "<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">\n"
         "<meta http-equiv=\"Content-Security-Policy\" content=\"" +
         std::string(csp) +
         "\">\n<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n"
         "<meta name=\"referrer\" content=\"no-referrer\">\n<title>Drift report: " +
         text(t.name + "/" + t.workspace) + " (" + text(verdict(r)) + ")</title>\n<style>" + css +
         "</style></head>\n";
}

// "label value" joined by ", ", leaving out what the report does not know.
std::string known(std::initializer_list<std::pair<const char*, std::string>> parts) {
  std::string out;
  for (const auto& [label, value] : parts)
    if (!value.empty()) out += (out.empty() ? "" : ", ") + text(label) + " " + text(value);
  return out;
}

std::string header(const drift::report& r) {
  const auto& t = r.target;
  std::string h = "<header><h1>Drift report: " + text(t.name + "/" + t.workspace) + "</h1>\n";
  h += "<p class=\"meta\">" +
       known({{"Environment", t.environment},
              {"account", t.account},
              {"region", t.region},
              {"engine", r.engine}}) +
       ": <strong>" + text(verdict(r)) + "</strong></p>\n";
  if (!t.state_location.empty())
    h += "<p class=\"meta\">State " + code(t.state_location) + "</p>\n";
  h += "<p class=\"meta\">Scan " + code(r.scan_id) + ", " + text(r.started_at) + " to " +
       text(r.finished_at) + "</p></header>\n";
  return h;
}

std::string card(const std::string& value, const std::string& label, const std::string& cls) {
  return "<div class=\"card " + cls + "\"><span class=\"n\">" + text(value) +
         "</span><span class=\"l\">" + text(label) + "</span></div>\n";
}

// Horizontal bars, one per severity, scaled to the largest count.
std::string severity_chart(const drift::report& r) {
  int most = 1;
  for (auto s : severities) most = std::max(most, count_of(r, s));
  const int row = 24, left = 84, span = 220;
  std::string svg = "<svg class=\"chart\" viewBox=\"0 0 360 " +
                    std::to_string(row * static_cast<int>(severities.size()) + 4) +
                    "\" role=\"img\" aria-label=\"Drift by severity\"><title>Drift by "
                    "severity</title>\n";
  int y = 2;
  for (auto s : severities) {
    const int n = count_of(r, s);
    const int w = n == 0 ? 0 : std::max(2, span * n / most);
    const std::string sy = std::to_string(y), ty = std::to_string(y + 15);
    svg += "<text x=\"0\" y=\"" + ty + "\" font-size=\"12\" fill=\"#4a5560\">" + text(sev_name(s)) +
           "</text><rect fill=\"" + colour(s) + "\" x=\"" + std::to_string(left) + "\" y=\"" + sy +
           "\" width=\"" + std::to_string(w) + "\" height=\"18\" rx=\"3\"/>";
    svg += "<text x=\"" + std::to_string(left + w + 6) + "\" y=\"" + ty +
           "\" font-size=\"12\" fill=\"#1d232a\">" + std::to_string(n) + "</text>\n";
    y += row;
  }
  return svg + "</svg>\n";
}

std::string summary(const drift::report& r) {
  std::string h = "<section id=\"summary\"><h2>Summary</h2>\n<div class=\"cards\">\n";
  for (auto s : severities)
    h += card(std::to_string(count_of(r, s)), sev_name(s), "s-" + sev_name(s));
  h += card(std::to_string(r.summary.drifted), "drifted", "");
  h += card(std::to_string(r.summary.resources_scanned), "resources compared", "");
  if (has_cost(r)) h += card(cost_summary(r), "monthly cost delta", "wide");
  if (r.summary.ignored) h += card(std::to_string(r.summary.ignored), "ignored by rules", "");
  h += "</div>\n" + severity_chart(r) + "</section>\n";
  return h;
}

std::string attributes_table(const drift::drift_item& d) {
  if (d.attributes.empty()) return "";
  std::string h =
      "<div class=\"scroll\"><table class=\"stack\"><thead><tr><th>Attribute</th><th>Expected "
      "(Terraform)</th><th>Actual (AWS)</th></tr></thead><tbody>\n";
  for (const auto& a : d.attributes) {
    const std::string name = code(a.name) + (a.sensitive ? " <em>(sensitive)</em>" : "");
    h += "<tr>" + cell("Attribute", name) +
         cell("Expected", "<pre>" + text(a.expected) + "</pre>") +
         cell("Actual", "<pre>" + text(a.actual) + "</pre>") + "</tr>\n";
  }
  return h + "</tbody></table></div>\n";
}

std::string fact(const std::string& label, const std::string& html) {
  return "<dt>" + text(label) + "</dt><dd>" + html + "</dd>\n";
}

std::string tags_list(const std::map<std::string, std::string>& tags) {
  std::string h = "<ul class=\"tags\">";
  for (const auto& [k, v] : tags) h += "<li>" + code(k) + " = " + code(v) + "</li>";
  return h + "</ul>";
}

std::string item_cost(const drift::drift_item& d) {
  if (d.cost_unknown) return "unknown";
  return d.monthly_cost_delta ? money(*d.monthly_cost_delta) : "";
}

// The drift's life across scans, present only when the scanner keeps a drifts table.
std::string lifecycle_facts(const drift::drift_item& d) {
  if (d.drift_id.empty()) return "";
  return fact("Drift id", code(d.drift_id)) + fact("First seen", text(d.first_seen)) +
         fact("Scans seen", text(std::to_string(d.scans_seen))) +
         fact("Recurrence", text(std::to_string(d.recurrence)));
}

// Who made the change, when a CloudTrail change event said. A call an AWS service made is the
// service's: it is named as such and no person is, whatever else the record holds.
std::string changed_by_facts(const drift::drift_item& d) {
  if (!d.changed_by) return "";
  const drift::changed_by& by = *d.changed_by;
  std::string h;
  if (!by.by_service.empty()) {
    h += fact("Changed by", text("AWS service " + by.by_service));
  } else {
    if (!by.principal_arn.empty()) h += fact("Changed by", code(by.principal_arn));
    if (!by.user_name.empty()) h += fact("User", text(by.user_name));
    if (!by.session_issuer_arn.empty()) h += fact("Session issuer", code(by.session_issuer_arn));
    if (!by.session_name.empty()) h += fact("Session name", text(by.session_name));
    if (!by.identity_center_user_id.empty())
      h += fact("Identity Center user", code(by.identity_center_user_id));
  }
  if (!by.identity_type.empty()) h += fact("Identity type", text(by.identity_type));
  if (!by.account_id.empty()) h += fact("Account", code(by.account_id));
  if (by.by_service.empty() && !by.source_ip.empty()) h += fact("Source IP", code(by.source_ip));
  if (!by.user_agent.empty()) h += fact("User agent", code(by.user_agent));
  if (!by.event_time.empty()) h += fact("Changed at", text(by.event_time));
  if (!by.event_id.empty()) h += fact("CloudTrail event", code(by.event_id));
  return h.empty() ? fact("Changed by", "<em>unknown</em>") : h;
}

std::string drift_section(const drift::drift_item& d) {
  const std::string sev = text(sev_name(d.level));
  std::string h = "<section class=\"drift s-" + sev + "\"><h3>" + code(d.address) + "</h3>\n";
  h += "<p>" + badge(d.level) + " <span class=\"kind\">" + text(drift::to_string(d.change)) + ", " +
       code(d.type) + (d.rule.empty() ? "" : ", rule " + code(d.rule)) + "</span></p>\n";
  h += "<p>" + text(d.reason) + "</p>\n" + attributes_table(d) + "<dl class=\"facts\">\n";
  if (!d.fix.command.empty())
    h += fact("Remediation (" + d.fix.action + ")",
              "<pre><code>" + text(d.fix.command) + "</code></pre>" +
                  (d.fix.description.empty() ? "" : "<p>" + text(d.fix.description) + "</p>"));
  if (!d.id.empty()) h += fact("Resource id", code(d.id));
  if (!d.arn.empty()) h += fact("ARN", code(d.arn));
  if (const auto cost = item_cost(d); !cost.empty()) h += fact("Monthly cost delta", text(cost));
  if (!d.tags.empty()) h += fact("Tags", tags_list(d.tags));
  return h + changed_by_facts(d) + lifecycle_facts(d) + "</dl></section>\n";
}

std::string drifts(const drift::report& r) {
  std::vector<const drift::drift_item*> managed;
  for (const auto& d : r.drifts)
    if (!is_unmanaged(d)) managed.push_back(&d);
  // Most severe first; the report's own order among equals.
  std::stable_sort(managed.begin(), managed.end(),
                   [](const auto* a, const auto* b) { return a->level > b->level; });
  std::string h =
      "<section id=\"drifts\"><h2>Drift (" + std::to_string(managed.size()) + ")</h2>\n";
  if (managed.empty()) h += "<p class=\"ok\">No managed resource differs from its state.</p>\n";
  for (const auto* d : managed) h += drift_section(*d);
  return h + "</section>\n";
}

std::string unmanaged(const drift::report& r) {
  std::string rows;
  int n = 0;
  for (const auto& d : r.drifts) {
    if (!is_unmanaged(d)) continue;
    ++n;
    rows += "<tr>" + cell("Resource", code(d.address) + "<br>" + code(d.id)) +
            cell("Type", code(d.type)) + cell("Severity", badge(d.level) + " " + text(d.reason)) +
            cell("Import", "<pre><code>" + text(d.fix.command) + "</code></pre>") + "</tr>\n";
  }
  std::string h =
      "<section id=\"unmanaged\"><h2>Unmanaged resources (" + std::to_string(n) + ")</h2>\n";
  if (n == 0) return h + "<p>None found: every resource found is in the state.</p></section>\n";
  return h +
         "<div class=\"scroll\"><table class=\"stack\"><thead><tr><th>Resource</th><th>Type</th>"
         "<th>Severity</th><th>Import command</th></tr></thead><tbody>\n" +
         rows + "</tbody></table></div></section>\n";
}

std::string coverage(const drift::report& r) {
  std::string h = "<section id=\"coverage\"><h2>IaC coverage</h2>\n";
  if (r.coverage.empty())
    return h +
           "<p>Not measured: this scan did not list the resources in the cloud.</p></section>\n";
  int managed = 0, found = 0;
  std::string rows;
  for (const auto& c : r.coverage) {
    managed += c.managed;
    found += c.found;
    rows += "<tr>" + cell("Type", code(c.type)) + cell("Managed", std::to_string(c.managed)) +
            cell("Found", std::to_string(c.found)) +
            cell("Coverage", percent(drift::coverage_percent(c.managed, c.found))) + "</tr>\n";
  }
  h += "<p>" + text(percent(drift::coverage_percent(managed, found))) + " of the " +
       std::to_string(found) + " resources found are managed by Terraform (" +
       std::to_string(managed) + ").</p>\n";
  return h +
         "<div class=\"scroll\"><table class=\"stack\"><thead><tr><th>Type</th><th>Managed</th>"
         "<th>Found</th><th>Coverage</th></tr></thead><tbody>\n" +
         rows + "</tbody></table></div></section>\n";
}

std::string not_checked_table(const drift::report& r) {
  if (r.not_checked.empty()) return "";
  std::string h =
      "<div class=\"scroll\"><table class=\"stack\"><thead><tr><th>Resource</th><th>Type</th>"
      "<th>Why</th></tr></thead><tbody>\n";
  for (const auto& n : r.not_checked) {
    const std::string why =
        text(n.reason) + (n.unknown_type ? " <em>(no reader for this type)</em>" : "");
    h += "<tr>" + cell("Resource", n.address.empty() ? "<em>(a listing)</em>" : code(n.address)) +
         cell("Type", code(n.type)) + cell("Why", why) + "</tr>\n";
  }
  return h + "</tbody></table></div>\n";
}

std::string errors_table(const drift::report& r) {
  if (r.errors.empty()) return "";
  std::string h =
      "<h3>Errors</h3><div class=\"scroll\"><table class=\"stack\"><thead><tr><th>Code</th>"
      "<th>Message</th><th>Resource</th></tr></thead><tbody>\n";
  for (const auto& e : r.errors)
    h += "<tr>" + cell("Code", code(e.code)) + cell("Message", text(e.message)) +
         cell("Resource", code(e.address)) + "</tr>\n";
  return h + "</tbody></table></div>\n";
}

std::string suppressed_list(const drift::report& r) {
  if (r.suppressed.empty()) return "";
  std::string h = "<h3>Differences hidden by normalisation</h3><ul>";
  for (const auto& [rule, n] : r.suppressed)
    h += "<li>" + code(rule) + ": " + std::to_string(n) + "</li>";
  return h + "</ul>\n";
}

std::string not_checked(const drift::report& r) {
  const auto checks = drift::count_checks(r);
  std::string h = "<section id=\"not-checked\"><h2>Not checked</h2>\n";
  if (r.incomplete)
    h += "<p class=\"banner\"><strong>Incomplete scan:</strong> some resources were not "
         "compared, so no drift shown for them proves nothing.</p>\n";
  h += "<p>" + std::to_string(checks.compared) + " compared, " +
       std::to_string(checks.not_checked) + " not checked, " + std::to_string(checks.unknown_type) +
       " of a type the engine cannot read, " + std::to_string(r.errors.size()) + " error(s).</p>\n";
  return h + not_checked_table(r) + errors_table(r) + suppressed_list(r) + "</section>\n";
}

}  // namespace

const char* page_css() { return css; }

std::string html_escape(std::string_view s) {
  std::string out;
  out.reserve(s.size());
  for (char c : s) {
    switch (c) {
      case '&':
        out += "&amp;";
        break;
      case '<':
        out += "&lt;";
        break;
      case '>':
        out += "&gt;";
        break;
      case '"':
        out += "&quot;";
        break;
      case '\'':
        out += "&#39;";
        break;
      default:
        out += c;
    }
  }
  return out;
}

std::string report_html(const drift::report& r) {
  return head(r) + "<body><main>\n" + header(r) + summary(r) + drifts(r) + unmanaged(r) +
         coverage(r) + not_checked(r) + "</main></body></html>\n";
}

}  // namespace scanner
