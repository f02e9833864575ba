// GitHub issues for drift that needs a person: one issue per drift id (the hidden marker), a
// body in GitHub Markdown with every value escaped or fenced, within github_max_issue_body.
#include <algorithm>
#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

#include "drift/remediation.h"
#include "drift/report.h"
#include "notify/render.h"
#include "render_parts.h"

namespace notify {

namespace {

constexpr std::size_t title_max = 256;
constexpr std::size_t marker_id_max = 200;
constexpr std::size_t value_max = 1000;            // a value in prose, before escaping
constexpr std::size_t diff_value_max = 8000;       // one expected or actual value in the diff
constexpr std::size_t detail_max = 8000;           // the remediation's detail
constexpr std::size_t command_address_max = 2048;  // longer: no command is offered
constexpr std::size_t hcl_max = 8000;              // the configuration to accept a change
constexpr const char* zwj = "\u200D";              // zero-width joiner: breaks @user and #123
constexpr const char* zwsp = "\u200B";             // zero-width space: breaks "<!--" in code
constexpr const char* workflow_file = "drift-remediation.yml";  // infra/workflows, as installed

// Prose: HTML's & < > as entities (no tag, no comment, nothing that could end the marker),
// Markdown's punctuation backslash-escaped (no link, image, emphasis, code or table cell), and
// a zero-width joiner after '@' and '#' so that no value mentions a user or team or links an
// issue.
std::string gh(std::string_view s) {
  std::string out;
  out.reserve(s.size() + s.size() / 4);
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
      case '@':
        out += "@";
        out += zwj;
        break;
      case '#':
        out += "#";
        out += zwj;
        break;
      case '\\':
      case '`':
      case '*':
      case '_':
      case '[':
      case ']':
      case '(':
      case ')':
      case '~':
      case '|':
      case '!':
      case '{':
      case '}':
        out += '\\';
        out += c;
        break;
      default:
        out += c;
    }
  }
  return out;
}
std::string val(std::string_view raw, std::size_t max = value_max) {
  return gh(parts::cut(parts::clean(raw), max));
}

// The longest run of backticks in `s`.
std::size_t longest_backtick_run(std::string_view s) {
  std::size_t best = 0, run = 0;
  for (char c : s) {
    run = c == '`' ? run + 1 : 0;
    best = std::max(best, run);
  }
  return best;
}

// Text for a fenced block: lines kept, other control characters a space, and "<!--" broken by
// a zero-width space so that the issue's only HTML comment is its marker.
std::string code_text(std::string_view s) {
  std::string out = parts::clean_block(s);
  for (std::size_t at = out.find("<!--"); at != std::string::npos; at = out.find("<!--", at))
    out.insert(at + 2, zwsp);
  return out;
}

// A fenced code block: the fence one backtick longer than any run inside, so that no value can
// end it. `content` is already code_text.
std::string fenced(const std::string& content, std::string_view info) {
  const std::string fence(std::max<std::size_t>(3, longest_backtick_run(content) + 1), '`');
  return fence + std::string(info) + "\n" + content + (content.ends_with('\n') ? "" : "\n") +
         fence + "\n";
}

// A Markdown link to a web URL (the angle-bracketed destination holds any URL is_web_url
// accepts), else the escaped text.
std::string link_or_text(const std::string& url, const char* label) {
  if (parts::is_web_url(url)) return std::string("[") + label + "](<" + url + ">)";
  return val(url, 4000);
}

std::string severity_of(const message& m, const finding& f) {
  return parts::finding_severity(m, f);
}

// "TF_WORKSPACE='prod' terraform" ("terraform" for the default workspace), as
// drift::suggest_remediation writes it.
std::string terraform(const place& p) {
  const std::string ws = parts::clean(p.workspace);
  if (ws.empty() || ws == "default") return "terraform";
  return "TF_WORKSPACE=" + drift::shell_quote(ws) + " terraform";
}

bool sensitive(std::string_view v) { return v.find("(sensitive)") != std::string_view::npos; }

// What a person can do: revert (re-apply the configuration) or accept (make the configuration
// and the state match the cloud); for an unmanaged resource, import it.
std::string what_to_do(const message& m, const finding& f) {
  const std::string address = parts::clean(f.address);
  const std::string change = parts::lower(parts::clean(f.change));
  std::string s = "#### What to do\n\n";
  if (address.size() > command_address_max) {
    return s + "The address is too long to quote in a command here; the report names it and " +
           "its remediation.\n";
  }
  const std::string tf = terraform(m.where);
  const std::string where = gh(parts::where_path(m.where));
  const std::string commit = parts::cut(parts::clean(m.commit), 100);
  const std::string from =
      "from a checkout of the protected branch" +
      (commit.empty() ? std::string() : " (the last known-good commit is " + gh(commit) + ")") +
      ", in the Terraform directory of " + where;

  if (change == "unmanaged") {
    drift::drift_item d;
    d.address = address;
    d.type = parts::clean(f.type);
    d.id = parts::clean(f.resource_id);
    d.change = drift::change_kind::unmanaged;
    const drift::remediation r = drift::suggest_remediation(d, {parts::clean(m.where.workspace)});
    s += "**Import** it into the configuration: add a `resource` block for it, then, " + from +
         ":\n\n" + fenced(code_text(r.command), "sh") +
         "\nOr delete the resource if nobody owns it.\n";
    return s;
  }

  s += "**Revert** (apply the configuration again, as the remediation does), " + from + ":\n\n" +
       fenced(code_text(tf + " apply -target=" + drift::shell_quote(address)), "sh");
  std::string gh_run = "gh workflow run " + std::string(workflow_file);
  if (!m.repository.empty())
    gh_run += " --repo " + drift::shell_quote(parts::cut(parts::clean(m.repository), 200));
  const std::string ws = parts::clean(m.where.workspace);
  gh_run += " -f workspace=" + drift::shell_quote(ws.empty() ? "default" : ws);
  s += "\nOr deploy the head of the protected branch through the remediation workflow (it plans, "
       "passes the policy gate and applies the whole workspace, not this resource alone):\n\n" +
       fenced(code_text(gh_run), "sh");

  if (change == "delete") {
    s += "\n**Accept** the deletion: remove the resource's block from the configuration, merge "
         "that to the protected branch, and drop it from the state:\n\n" +
         fenced(code_text(tf + " state rm " + drift::shell_quote(address)), "sh");
    return s;
  }
  std::string hcl;
  bool hidden = false;
  std::size_t left_out = 0;
  for (const auto& a : f.attributes) {
    if (sensitive(a.actual)) {
      hidden = true;
      continue;
    }
    const std::string line =
        "  " + parts::clean(a.name) + " = " +
        parts::clean(drift::hcl_literal(parts::cut(a.actual, diff_value_max))) + "\n";
    if (hcl.size() + line.size() > hcl_max) {
      ++left_out;
      continue;
    }
    hcl += line;
  }
  if (left_out > 0)
    hcl += "  # ... and " + std::to_string(left_out) + " more attributes: see the report\n";
  s += "\n**Accept** the change (keep the cloud's values): put them in the configuration of " +
       gh(parts::cut(address, value_max)) + " and merge that to the protected branch";
  s += hcl.empty() ? std::string(".\n") : ":\n\n" + fenced(code_text(hcl), "hcl");
  if (hidden) s += "\nSensitive attributes are not shown: copy their values by hand.\n";
  s += "\nThen record the cloud's values in the state (the scanner compares the state with the "
       "cloud), " +
       from + ":\n\n" +
       fenced(code_text(tf + " apply -refresh-only -target=" + drift::shell_quote(address)), "sh");
  return s;
}

// "@@ name @@" then "- expected" and "+ actual", each line of a multi-line value prefixed.
std::string diff_entry(const attribute_change& a) {
  auto lines = [](std::string_view v, char sign) {
    const std::string t = code_text(parts::cut(v, diff_value_max));
    std::string out(1, sign);
    out += ' ';
    for (char c : t) {
      out += c;
      if (c == '\n') {
        out += sign;
        out += ' ';
      }
    }
    return out + "\n";
  };
  return "@@ " + code_text(parts::cut(parts::clean(a.name), value_max)) + " @@\n" +
         lines(a.expected, '-') + lines(a.actual, '+');
}

}  // namespace

std::string issue_marker(std::string_view drift_id) {
  // Only letters, digits and . _ : + = / and single '-' (never "--", never a trailing '-'):
  // nothing the id holds can end the comment early or open another.
  std::string id;
  for (char c : drift_id.substr(0, marker_id_max)) {
    const bool plain = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
                       c == '.' || c == '_' || c == ':' || c == '+' || c == '=' || c == '/';
    if (plain) {
      id += c;
    } else if (c == '-' && !id.empty() && id.back() != '-') {
      id += '-';
    } else if (c != '-' || id.empty()) {
      id += '_';
    }
  }
  while (!id.empty() && id.back() == '-') id.back() = '_';
  if (id.empty()) id = "unknown";
  return "<!-- drift-id: " + id + " -->";
}

issue_text github_issue(const message& m, const finding& f) {
  issue_text out;
  const std::string sev = severity_of(m, f);

  // The title is plain text on GitHub (entities would show as typed): only mentions and issue
  // references are broken, and line breaks made spaces.
  auto title_escape = [](const std::string& s) {
    std::string t;
    for (char c : s) {
      t += c;
      if (c == '@' || c == '#') t += zwj;
    }
    return t;
  };
  const std::string address = parts::clean(f.address.empty() ? f.resource_id : f.address);
  out.title = parts::fit("Drift: ", address, " in " + parts::where_path(m.where) + " (" + sev + ")",
                         title_max, title_escape);
  out.labels = {"drift", "severity:" + parts::lower(sev)};

  // The head: marker, what, where, severity, who, the remediation's facts.
  std::string head =
      issue_marker(f.drift_id) + "\n\n### Drift on " + val(address) + " (" + gh(sev) + ")\n\n";
  const place& p = m.where;
  std::string where = val(parts::where_path(p));
  if (!p.environment.empty()) where += ", environment " + val(p.environment, 200);
  if (!p.account.empty()) where += ", account " + val(p.account, 100);
  if (!p.region.empty()) where += ", region " + val(p.region, 100);
  head += "- **Where:** " + where + "\n";
  head += "- **Severity:** " + gh(sev) + (f.reason.empty() ? "" : ": " + val(f.reason)) + "\n";
  head += "- **Resource:** " + val(address);
  if (!f.type.empty()) head += ", type " + val(f.type, 200);
  if (!f.resource_id.empty() && f.resource_id != f.address) head += ", id " + val(f.resource_id);
  head += "\n";
  if (!f.change.empty() || !f.status.empty())
    head += "- **Change:** " + val(f.change, 100) +
            (f.status.empty() ? "" : " (" + val(f.status, 100) + ")") + "\n";
  head += "- **Changed by:** " + val(parts::who(f.changed_by)) + "\n";
  if (!f.drift_id.empty()) head += "- **Drift id:** " + val(f.drift_id, 300) + "\n";
  if (parts::is_remediation(m)) head += "- **Outcome:** " + val(parts::outcome_words(m)) + "\n";
  if (!m.run_url.empty())
    head += "- **Run:** " + link_or_text(parts::clean(m.run_url), "Open the workflow run") + "\n";
  if (!m.repository.empty()) head += "- **Repository:** " + val(m.repository, 200) + "\n";
  if (!m.commit.empty()) head += "- **Known-good commit:** " + val(m.commit, 100) + "\n";
  const std::string report = parts::report_ref(m);
  if (!report.empty()) head += "- **Report:** " + link_or_text(report, "Open the report") + "\n";
  if (!m.detail.empty())
    head += std::string("\n**") + parts::detail_label(m) + ":**\n\n" +
            fenced(code_text(parts::cut(m.detail, detail_max)), "text");

  const std::string tail = "\n" + what_to_do(m, f);

  // The diff, as much of it as the limit leaves room for.
  std::string diff_part;
  if (!f.attributes.empty()) {
    std::vector<std::string> entries;
    entries.reserve(f.attributes.size());
    std::size_t fence_run = 0;
    for (const auto& a : f.attributes) {
      entries.push_back(diff_entry(a));
      fence_run = std::max(fence_run, longest_backtick_run(entries.back()));
    }
    const std::size_t fence = std::max<std::size_t>(3, fence_run + 1);
    const std::string heading = "\n#### Changed attributes (expected → actual)\n\n";
    constexpr std::size_t notice_room = 300;
    const std::size_t frame = heading.size() + 2 * fence + 6 + notice_room;
    const std::size_t used = head.size() + tail.size() + frame;
    const std::size_t room = used < github_max_issue_body ? github_max_issue_body - used : 0;
    std::string content;
    std::size_t shown = 0;
    for (const auto& e : entries) {
      if (content.size() + e.size() > room) break;
      content += e;
      ++shown;
    }
    diff_part = heading;
    if (shown > 0) diff_part += fenced(content, "diff");
    if (shown < entries.size())
      diff_part += "\n*The diff is trimmed to fit in an issue: " + std::to_string(shown) + " of " +
                   std::to_string(entries.size()) +
                   " changed attributes are shown; the report has all of them.*\n";
  }

  out.body = head + diff_part + tail;
  if (out.body.size() > github_max_issue_body) {
    // Not reached with the bounds above; the commands go before the limit is broken.
    out.body = head + diff_part +
               "\nThe commands to revert or accept are in the report (this issue is full).\n";
    if (out.body.size() > github_max_issue_body)
      out.body = core::text::cut_utf8(out.body, github_max_issue_body - 64) +
                 "\n\n*Cut to fit in an issue; the report has everything.*\n";
  }
  return out;
}

std::string github_resolution_comment(const message& m, const finding& f) {
  const std::string address = parts::clean(f.address.empty() ? f.resource_id : f.address);
  std::string s = "The drift on " + val(address) + " in " + val(parts::where_path(m.where)) +
                  " is no longer found: the latest scan saw the resource as the configuration "
                  "describes it";
  const std::string report = parts::report_ref(m);
  s += report.empty() ? std::string(".") : " (" + link_or_text(report, "the scan's report") + ").";
  if (!f.drift_id.empty())
    s += "\n\nDrift id: " + val(f.drift_id, 300) + ". Closing this issue.";
  else
    s += "\n\nClosing this issue.";
  return s + "\n";
}

}  // namespace notify
