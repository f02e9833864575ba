// E-mail (SNS's e-mail protocol): a subject of printable ASCII on one line, and a plain-text
// body with the facts the chat messages carry.
#include <cstddef>
#include <string>
#include <string_view>

#include "notify/render.h"
#include "render_parts.h"

namespace notify {

namespace {

constexpr std::size_t body_max = 200 * 1024;  // SNS messages: 256 KB in all
constexpr std::size_t value_max = 2000;
constexpr std::size_t attributes_max = 100;  // per finding

// Printable ASCII only: a character outside it becomes '?' (one per character, not per
// byte), a control character (a line break) a space; runs of spaces are one, and with `trim`
// none is left at either end.
std::string ascii_line(std::string_view s, bool trim = false) {
  const std::string v = core::text::valid_utf8(s);
  std::string out;
  for (std::size_t i = 0; i < v.size();) {
    const auto c = static_cast<unsigned char>(v[i]);
    char o = '?';
    std::size_t len = 1;
    if (c < 0x80) {
      o = (c < 0x20 || c == 0x7F) ? ' ' : static_cast<char>(c);
    } else {
      len = (c >> 5) == 0x6 ? 2 : (c >> 4) == 0xE ? 3 : (c >> 3) == 0x1E ? 4 : 1;
    }
    i += len;
    if (o == ' ' && ((trim && out.empty()) || (!out.empty() && out.back() == ' '))) continue;
    out += o;
  }
  while (trim && !out.empty() && out.back() == ' ') out.pop_back();
  return out;
}

std::string subject(const message& m) {
  std::string prefix, middle, suffix;
  const std::string in = " in " + parts::where_path(m.where);
  switch (m.what) {
    case kind::drift:
      prefix = "[drift] " + parts::message_severity(m) + ": ";
      if (m.findings.size() == 1) {
        const finding& f = m.findings.front();
        if (!f.status.empty()) prefix += parts::clean(f.status) + " ";
        middle = parts::subject_of(m);
      } else {
        middle = parts::status_counts(m);
      }
      suffix = in;
      break;
    case kind::drift_resolved:
      prefix = "[drift] resolved: ";
      middle = parts::subject_of(m);
      suffix = in;
      break;
    case kind::remediation_outcome:
    case kind::remediation_stuck: {
      const std::string o = parts::outcome_words(m);
      prefix =
          std::string("[drift] ") + (o == "remediated" ? "remediated" : "remediation " + o) + ": ";
      middle = parts::subject_of(m);
      break;
    }
  }
  // Each part made ASCII first (so the cut counts what is sent), then the whole once more so
  // that no double space is left where two parts meet.
  return ascii_line(parts::fit(ascii_line(prefix), ascii_line(middle), ascii_line(suffix),
                               email_max_subject, parts::identity),
                    true);
}

std::string one(std::string_view v) { return parts::cut(parts::clean(v), value_max); }

// A block of text indented under its label, each line of it.
std::string indented(std::string_view v, std::string_view indent) {
  const std::string b = parts::cut(parts::clean_block(v), 8000);
  std::string out(indent);
  for (char c : b) {
    out += c;
    if (c == '\n') out += indent;
  }
  return out + "\n";
}

std::string finding_text(const message& m, const finding& f, std::size_t n) {
  std::string s =
      std::to_string(n) + ". " + one(f.address.empty() ? f.resource_id : f.address) + "\n";
  s += "   Severity: " + parts::finding_severity(m, f);
  if (!f.type.empty()) s += ", type " + one(f.type);
  if (!f.change.empty()) s += ", change " + one(f.change);
  if (!f.status.empty()) s += ", " + one(f.status);
  s += "\n";
  if (!f.resource_id.empty()) s += "   Resource: " + one(f.resource_id) + "\n";
  if (!f.reason.empty()) s += "   Reason: " + one(f.reason) + "\n";
  s += "   Changed by: " + one(parts::who(f.changed_by)) + "\n";
  if (!f.drift_id.empty()) s += "   Drift id: " + one(f.drift_id) + "\n";
  if (!f.attributes.empty()) {
    s += "   Changed attributes (expected -> actual):\n";
    std::size_t n = 0;
    for (const auto& a : f.attributes) {
      if (n++ == attributes_max) {
        s += "     ... and " + std::to_string(f.attributes.size() - attributes_max) +
             " more changed attributes in the report\n";
        break;
      }
      s += "     " + one(a.name) + ": " + one(a.expected) + " -> " + one(a.actual) + "\n";
    }
  }
  return s;
}

}  // namespace

email email_text(const message& m) {
  email e;
  e.subject = subject(m);

  std::string b = parts::cut(parts::headline(m).text(), value_max) + "\n\n";
  const place& p = m.where;
  b += "Where: " + one(parts::where_path(p)) + "\n";
  if (!p.environment.empty()) b += "Environment: " + one(p.environment) + "\n";
  if (!p.account.empty()) b += "Account: " + one(p.account) + "\n";
  if (!p.region.empty()) b += "Region: " + one(p.region) + "\n";
  b += "Severity: " + parts::message_severity(m) + "\n";
  if (parts::is_remediation(m)) {
    b += "Outcome: " + parts::outcome_words(m) + "\n";
    if (!m.run_url.empty()) b += "Run: " + one(m.run_url) + "\n";
    if (!m.repository.empty()) b += "Repository: " + one(m.repository) + "\n";
    if (!m.commit.empty()) b += "Commit: " + one(m.commit) + "\n";
    if (!m.detail.empty())
      b += std::string(parts::detail_label(m)) + ":\n" + indented(m.detail, "  ");
  }
  const std::string report = parts::report_ref(m);
  if (!report.empty()) b += "Report: " + parts::cut(report, 4000) + "\n";

  if (!m.findings.empty()) {
    b += "\n" + std::string(m.what == kind::drift_resolved ? "Resolved" : "Findings") + " (" +
         std::to_string(m.findings.size()) + "):\n\n";
    std::size_t shown = 0;
    for (const auto& f : m.findings) {
      std::string t = finding_text(m, f, shown + 1) + "\n";
      if (b.size() + t.size() + 200 > body_max) break;
      b += t;
      ++shown;
    }
    if (shown < m.findings.size()) b += parts::more_findings(m.findings.size() - shown) + "\n";
  }
  e.body = std::move(b);
  return e;
}

}  // namespace notify
