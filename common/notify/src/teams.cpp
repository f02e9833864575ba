// Microsoft Teams: an Adaptive Card (version adaptive_card_version) in the message envelope a
// Teams Workflows webhook takes. Every value is escaped for the Markdown subset TextBlocks and
// facts render; the whole payload stays within teams_max_bytes, findings dropped from the end
// and summarised when they do not fit.
#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

#include "core/json.h"
#include "notify/render.h"
#include "render_parts.h"

namespace notify {

namespace {

using core::json::key;
using core::json::kv;
using core::json::writer;

constexpr std::size_t finding_max_bytes = 8000;  // one finding's TextBlock and FactSet, as JSON

// Markdown as TextBlocks and facts render it: every character that could start emphasis, a
// link, an image, code, a heading, a quote, a mention (<at>) or strike-through is
// backslash-escaped, and so is a list marker ("-", "+", "1.") that starts a line.
std::string md(std::string_view s) {
  std::string out;
  out.reserve(s.size() + s.size() / 4);
  bool line_start = true;
  for (std::size_t i = 0; i < s.size(); ++i) {
    if (line_start) {
      std::size_t j = i;
      while (j < s.size() && (s[j] == ' ' || s[j] == '\t')) ++j;
      out.append(s.substr(i, j - i));
      i = j;
      if (i >= s.size()) break;
      const char d = s[i];
      if (d == '-' || d == '+') {
        out += '\\';
        out += d;
        line_start = false;
        continue;
      }
      if (d >= '0' && d <= '9') {  // "12." or "12)" would start an ordered list
        std::size_t k = i;
        while (k < s.size() && s[k] >= '0' && s[k] <= '9') ++k;
        out.append(s.substr(i, k - i));
        i = k;
        if (i < s.size() && (s[i] == '.' || s[i] == ')')) {
          out += '\\';
          out += s[i];
        } else {
          --i;  // the next character is read by the loop
        }
        line_start = false;
        continue;
      }
      line_start = false;
    }
    const char c = s[i];
    switch (c) {
      case '\\':
      case '*':
      case '_':
      case '[':
      case ']':
      case '(':
      case ')':
      case '#':
      case '>':
      case '<':
      case '~':
      case '`':
      case '!':
      case '|':
      case '{':
      case '}':
        out += '\\';
        out += c;
        break;
      case '\n':
        out += c;
        line_start = true;
        break;
      default:
        out += c;
    }
  }
  return out;
}
std::string md_str(const std::string& s) { return md(s); }

// A one-line value, escaped, in at most `max` bytes of Markdown.
std::string val(std::string_view raw, std::size_t max) {
  return parts::escaped_within(parts::clean(raw), max, md_str);
}

void text_block(writer& w, const std::string& text, const char* id = nullptr,
                bool separator = false, bool bold = false, bool subtle = false) {
  w.StartObject();
  kv(w, "type", "TextBlock");
  if (id) kv(w, "id", id);
  kv(w, "text", text);
  key(w, "wrap");
  w.Bool(true);
  if (bold) {
    kv(w, "weight", "Bolder");
    kv(w, "size", "Medium");
  }
  if (subtle) {
    key(w, "isSubtle");
    w.Bool(true);
  }
  if (separator) {
    key(w, "separator");
    w.Bool(true);
  }
  w.EndObject();
}

struct fact {
  std::string title, value;  // Markdown, escaped
};
void fact_set(writer& w, const std::vector<fact>& facts) {
  w.StartObject();
  kv(w, "type", "FactSet");
  key(w, "facts");
  w.StartArray();
  for (const auto& f : facts) {
    w.StartObject();
    kv(w, "title", f.title);
    kv(w, "value", f.value);
    w.EndObject();
  }
  w.EndArray();
  w.EndObject();
}

// A Markdown link for a web URL (angle-bracketed destination: no parenthesis in the URL can end
// it), else the escaped text.
std::string link_or_text(const std::string& url, const std::string& label) {
  if (parts::is_web_url(url)) return "[" + md(label) + "](<" + url + ">)";
  return val(url, 1500);
}

// The card's first elements: the headline, where and severity, the remediation's facts.
std::vector<std::string> head_elements(const message& m) {
  std::vector<std::string> out;
  const auto h = parts::headline(m);
  out.push_back(parts::json_text([&](writer& w) {
    text_block(w, parts::fit(h.prefix, h.subject, h.suffix, 800, md_str), "headline", false, true);
  }));
  std::vector<fact> facts;
  const place& p = m.where;
  facts.push_back({"Where", val(parts::where_path(p), 600)});
  if (!p.environment.empty()) facts.push_back({"Environment", val(p.environment, 200)});
  if (!p.account.empty()) facts.push_back({"Account", val(p.account, 100)});
  if (!p.region.empty()) facts.push_back({"Region", val(p.region, 100)});
  facts.push_back({"Severity", val(parts::message_severity(m), 20)});
  if (parts::is_remediation(m)) {
    facts.push_back({"Outcome", val(parts::outcome_words(m), 60)});
    if (!m.run_url.empty())
      facts.push_back({"Run", link_or_text(parts::clean(m.run_url), "Open the workflow run")});
    if (!m.repository.empty()) facts.push_back({"Repository", val(m.repository, 200)});
    if (!m.commit.empty()) facts.push_back({"Commit", val(m.commit, 100)});
  }
  const std::string report = parts::report_ref(m);
  if (!report.empty()) facts.push_back({"Report", link_or_text(report, "Open the report")});
  out.push_back(parts::json_text([&](writer& w) { fact_set(w, facts); }));
  if (parts::is_remediation(m) && !m.detail.empty()) {
    // A line break in a TextBlock outside a list takes a blank line ("\n\n").
    std::string lines;
    for (char c : parts::clean_block(m.detail))
      lines += c == '\n' ? std::string("\n\n") : std::string(1, c);
    const std::string d = parts::escaped_within(lines, 3000, md_str);
    out.push_back(parts::json_text([&](writer& w) {
      text_block(w, std::string("**") + parts::detail_label(m) + ":** " + d, "detail");
    }));
  }
  return out;
}

// One finding: a TextBlock (severity, address, type, change) and a FactSet (resource, reason,
// who, the changed attributes that fit in finding_max_bytes).
std::vector<std::string> finding_elements(const message& m, const finding& f, std::size_t i) {
  const std::string id = "finding-" + std::to_string(i);
  std::string line = "**" + val(parts::finding_severity(m, f), 20) + "** " + val(f.address, 600);
  if (!f.type.empty()) line += " (" + val(f.type, 120) + ")";
  std::string how = parts::clean(f.change);
  if (!f.status.empty()) how += (how.empty() ? "" : ", ") + parts::clean(f.status);
  if (!how.empty()) line += ": " + val(how, 100);
  const std::string title =
      parts::json_text([&](writer& w) { text_block(w, line, id.c_str(), true); });

  std::vector<fact> facts;
  if (!f.resource_id.empty()) facts.push_back({"Resource", val(f.resource_id, 400)});
  if (!f.reason.empty()) facts.push_back({"Reason", val(f.reason, 400)});
  facts.push_back({"Changed by", val(parts::who(f.changed_by), 600)});
  const std::size_t base = facts.size();
  for (const auto& a : f.attributes)
    facts.push_back({val(a.name, 150), val(a.expected, 400) + " → " + val(a.actual, 400)});
  auto render = [&] { return parts::json_text([&](writer& w) { fact_set(w, facts); }); };
  std::string set = render();
  if (title.size() + set.size() > finding_max_bytes) {
    // Drop attributes from the end until the finding fits, and say how many are not shown.
    std::size_t size = set.size();
    std::size_t dropped = 0;
    while (facts.size() > base && title.size() + size + 100 > finding_max_bytes) {
      const auto one = parts::json_text([&](writer& w) {
        w.StartObject();
        kv(w, "title", facts.back().title);
        kv(w, "value", facts.back().value);
        w.EndObject();
      });
      size -= one.size() + 1;
      facts.pop_back();
      ++dropped;
    }
    facts.push_back({"...", std::to_string(dropped) + " more changed attributes in the report"});
    set = render();
  }
  return {title, set};
}

// The envelope around the card's body elements (each already JSON).
std::string envelope(const message& m, const std::vector<const std::string*>& body) {
  const std::string report = parts::report_ref(m);
  const std::string run = parts::clean(m.run_url);
  const bool report_action = parts::is_web_url(report);
  const bool run_action = parts::is_remediation(m) && parts::is_web_url(run);
  return parts::json_text([&](writer& w) {
    w.StartObject();
    kv(w, "type", "message");
    key(w, "attachments");
    w.StartArray();
    w.StartObject();
    kv(w, "contentType", "application/vnd.microsoft.card.adaptive");
    key(w, "contentUrl");
    w.Null();
    key(w, "content");
    w.StartObject();
    kv(w, "$schema", "http://adaptivecards.io/schemas/adaptive-card.json");
    kv(w, "type", "AdaptiveCard");
    kv(w, "version", adaptive_card_version);
    key(w, "body");
    w.StartArray();
    for (const auto* e : body) w.RawValue(e->data(), e->size(), rapidjson::kObjectType);
    w.EndArray();
    if (report_action || run_action) {
      key(w, "actions");
      w.StartArray();
      auto action = [&](const char* title, const std::string& url) {
        w.StartObject();
        kv(w, "type", "Action.OpenUrl");
        kv(w, "title", title);
        kv(w, "url", url);
        w.EndObject();
      };
      if (report_action) action("Open the report", report);
      if (run_action) action("Open the workflow run", run);
      w.EndArray();
    }
    w.EndObject();
    w.EndObject();
    w.EndArray();
    w.EndObject();
  });
}

}  // namespace

std::string teams_payload(const message& m) {
  const std::vector<std::string> head = head_elements(m);
  std::vector<std::vector<std::string>> findings;
  findings.reserve(m.findings.size());
  for (std::size_t i = 0; i < m.findings.size(); ++i)
    findings.push_back(finding_elements(m, m.findings[i], i));

  // The size of the card with the head alone, then what each finding adds (its elements and
  // their commas): the largest prefix of findings that fits with the summary is shown.
  std::vector<const std::string*> body;
  for (const auto& e : head) body.push_back(&e);
  const std::size_t base = envelope(m, body).size();
  std::size_t total = base;
  std::vector<std::size_t> cost;
  for (const auto& f : findings) {
    std::size_t c = 0;
    for (const auto& e : f) c += e.size() + 1;
    cost.push_back(c);
    total += c;
  }
  std::size_t shown = findings.size();
  std::string summary;
  if (total > teams_max_bytes) {
    auto summary_for = [&](std::size_t n) {
      return parts::json_text([&](writer& w) {
        text_block(w, md(parts::more_findings(n)), "more", true, false, true);
      });
    };
    std::size_t used = base;
    shown = 0;
    const std::size_t reserve = summary_for(findings.size()).size() + 1;
    while (shown < findings.size() && used + cost[shown] + reserve <= teams_max_bytes)
      used += cost[shown++];
    summary = summary_for(findings.size() - shown);
  }
  for (;;) {
    std::vector<const std::string*> all = body;
    for (std::size_t i = 0; i < shown; ++i)
      for (const auto& e : findings[i]) all.push_back(&e);
    if (!summary.empty()) all.push_back(&summary);
    std::string out = envelope(m, all);
    if (out.size() <= teams_max_bytes || shown == 0) return out;
    // Not reached with the bounds above; kept so the limit holds whatever they become.
    --shown;
    summary = parts::json_text([&](writer& w) {
      text_block(w, md(parts::more_findings(findings.size() - shown)), "more", true, false, true);
    });
  }
}

}  // namespace notify
