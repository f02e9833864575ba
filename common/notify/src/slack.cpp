// Slack: a Block Kit message (header, context, a section per finding, a link to the report),
// every value escaped for mrkdwn and every text within Block Kit's limits.
#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

#include "core/json.h"
#include "notify/render.h"
#include "render_parts.h"

namespace notify {

std::string slack_escape(std::string_view text) {
  std::string out;
  out.reserve(text.size());
  for (char c : text) {
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
      default:
        out += c;
    }
  }
  return out;
}

namespace {

using core::json::key;
using core::json::kv;
using core::json::writer;

constexpr std::size_t header_max = 150;     // a header's plain_text
constexpr std::size_t fallback_max = 3000;  // the top-level "text" (notifications)
constexpr std::size_t button_text_max = 75;

std::string esc(const std::string& s) { return slack_escape(s); }

// Escaped, cut on a character boundary before escaping so no entity is split.
std::string val(std::string_view raw, std::size_t max_bytes) {
  return parts::escaped_within(parts::clean(raw), max_bytes, esc);
}

// A link Slack makes clickable, <url|label>, for a web URL; otherwise the escaped text.
std::string link_or_text(const std::string& url, const std::string& label, std::size_t max) {
  if (parts::is_web_url(url) && url.size() + label.size() + 16 < max)
    return "<" + esc(url) + "|" + esc(label) + ">";
  return val(url, max);
}

// mrkdwn text, verbatim: Slack turns no bare URL, channel name or "@here" in a value into a
// link or a mention (the escaping above already keeps <!channel> and <url|text> inert).
void mrkdwn(writer& w, const std::string& text) {
  w.StartObject();
  kv(w, "type", "mrkdwn");
  kv(w, "text", text);
  key(w, "verbatim");
  w.Bool(true);
  w.EndObject();
}
void plain_text(writer& w, const std::string& text) {
  w.StartObject();
  kv(w, "type", "plain_text");
  kv(w, "text", text);
  w.EndObject();
}
void section(writer& w, const std::string& block_id, const std::string& text) {
  w.StartObject();
  kv(w, "type", "section");
  kv(w, "block_id", block_id);
  key(w, "text");
  mrkdwn(w, text);
  w.EndObject();
}

// One finding in at most slack_max_section_chars: what, severity, who, the attributes that fit.
std::string finding_text(const message& m, const finding& f) {
  std::string s =
      "*" + val(parts::finding_severity(m, f), 20) + "* · *" + val(f.address, 600) + "*";
  if (!f.type.empty()) s += " · `" + val(f.type, 120) + "`";
  if (!f.change.empty()) s += " · " + val(f.change, 40);
  if (!f.status.empty()) s += " · " + val(f.status, 40);
  if (!f.resource_id.empty()) s += "\n*Resource:* " + val(f.resource_id, 400);
  if (!f.reason.empty()) s += "\n*Reason:* " + val(f.reason, 400);
  s += "\n*Changed by:* " + val(parts::who(f.changed_by), 500);
  if (f.attributes.empty()) return s;
  s += "\n*Changed (expected → actual):*";
  constexpr std::size_t reserve = 80;  // "... and N more changed attributes in the report"
  std::size_t shown = 0;
  for (const auto& a : f.attributes) {
    const std::string line = "\n• `" + val(a.name, 150) + "`: `" + val(a.expected, 300) + "` → `" +
                             val(a.actual, 300) + "`";
    if (s.size() + line.size() + reserve > slack_max_section_chars) break;
    s += line;
    ++shown;
  }
  if (shown < f.attributes.size())
    s += "\n... and " + std::to_string(f.attributes.size() - shown) +
         " more changed attributes in the report";
  return s;
}

// The remediation's facts: outcome, run, repository and commit, the detail (why it is stuck).
std::string remediation_text(const message& m) {
  std::string s = "*Outcome:* " + val(parts::outcome_words(m), 60);
  if (!m.run_url.empty())
    s += "\n*Run:* " + link_or_text(parts::clean(m.run_url), "Open the workflow run", 1200);
  if (!m.repository.empty()) s += "\n*Repository:* " + val(m.repository, 200);
  if (!m.commit.empty()) s += "\n*Commit:* `" + val(m.commit, 100) + "`";
  if (!m.detail.empty())  // its lines kept: with > escaped, no line can become a quote
    s += std::string("\n*") + parts::detail_label(m) + ":* " +
         parts::escaped_within(parts::clean_block(m.detail), 1200, esc);
  return s;
}

std::string context_text(const message& m) {
  const place& p = m.where;
  std::string s = "*Where:* " + val(parts::where_path(p), 400);
  if (!p.environment.empty()) s += " · environment " + val(p.environment, 120);
  if (!p.account.empty()) s += " · account " + val(p.account, 60);
  if (!p.region.empty()) s += " · region " + val(p.region, 60);
  s += " · *Severity:* " + val(parts::message_severity(m), 20);
  const std::string report = parts::report_ref(m);
  if (!report.empty() && !parts::is_web_url(report)) s += "\n*Report:* " + val(report, 1500);
  return s;
}

std::string fallback_text(const message& m) {
  std::string s = parts::headline(m).text() + "\nWhere: " + parts::where_line(m.where) +
                  ", severity " + parts::message_severity(m);
  if (m.findings.size() == 1) s += "\nChanged by: " + parts::who(m.findings.front().changed_by);
  if (parts::is_remediation(m)) {
    s += "\nOutcome: " + parts::outcome_words(m);
    if (!m.run_url.empty()) s += "\nRun: " + parts::clean(m.run_url);
  }
  const std::string report = parts::report_ref(m);
  if (!report.empty()) s += "\nReport: " + report;
  return parts::escaped_within(s, fallback_max, esc);
}

struct button {
  std::string text, url;
};

}  // namespace

std::string slack_payload(const message& m) {
  const std::string report = parts::report_ref(m);
  std::vector<button> buttons;
  if (parts::is_web_url(report)) buttons.push_back({"Open the report", report});
  if (parts::is_remediation(m) && parts::is_web_url(parts::clean(m.run_url)))
    buttons.push_back({"Open the workflow run", parts::clean(m.run_url)});

  // Blocks other than the findings: header, context, the remediation's section, a divider, the
  // buttons. What is left of the 50 holds findings; when they do not all fit, one block is kept
  // for the summary.
  const bool remediation = parts::is_remediation(m);
  const std::size_t fixed =
      2 + (remediation ? 1 : 0) + (m.findings.empty() ? 0 : 1) + (buttons.empty() ? 0 : 1);
  const std::size_t room = slack_max_blocks - fixed;
  const std::size_t shown = m.findings.size() <= room ? m.findings.size() : room - 1;
  const std::size_t more = m.findings.size() - shown;

  return parts::json_text([&](writer& w) {
    w.StartObject();
    kv(w, "text", fallback_text(m));
    key(w, "blocks");
    w.StartArray();

    const auto h = parts::headline(m);
    w.StartObject();
    kv(w, "type", "header");
    kv(w, "block_id", "headline");
    key(w, "text");
    plain_text(w, parts::fit(h.prefix, h.subject, h.suffix, header_max, esc));
    w.EndObject();

    w.StartObject();
    kv(w, "type", "context");
    kv(w, "block_id", "where");
    key(w, "elements");
    w.StartArray();
    mrkdwn(w, context_text(m));
    w.EndArray();
    w.EndObject();

    if (remediation) section(w, "outcome", remediation_text(m));

    if (!m.findings.empty()) {
      w.StartObject();
      kv(w, "type", "divider");
      w.EndObject();
    }
    for (std::size_t i = 0; i < shown; ++i)
      section(w, "finding-" + std::to_string(i), finding_text(m, m.findings[i]));
    if (more > 0) {
      std::string text = parts::more_findings(more);
      if (!report.empty())
        text += ": " + link_or_text(report, "Open the report", slack_max_section_chars - 100);
      section(w, "more", text);
    }

    if (!buttons.empty()) {
      w.StartObject();
      kv(w, "type", "actions");
      kv(w, "block_id", "links");
      key(w, "elements");
      w.StartArray();
      for (std::size_t i = 0; i < buttons.size(); ++i) {
        w.StartObject();
        kv(w, "type", "button");
        kv(w, "action_id", "link-" + std::to_string(i));
        key(w, "text");
        plain_text(w, parts::cut(buttons[i].text, button_text_max));
        kv(w, "url", buttons[i].url);
        w.EndObject();
      }
      w.EndArray();
      w.EndObject();
    }

    w.EndArray();
    w.EndObject();
  });
}

}  // namespace notify
