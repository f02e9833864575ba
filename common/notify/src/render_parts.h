// What every renderer says the same way: the one-line "what, where, who" headline, the place,
// who changed a resource, the outcome of a remediation, the report's link; and the text
// clean-up every channel needs first (valid UTF-8, no control characters in one-line values,
// cuts on character boundaries). Private to common/notify; nothing here escapes for a channel.
#pragma once

#include <rapidjson/stringbuffer.h>

#include <array>
#include <cstddef>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/json.h"
#include "core/text.h"
#include "drift/changed_by.h"
#include "notify/message.h"

namespace notify::parts {

// ---- text clean-up ------------------------------------------------------------------------

// Valid UTF-8, every control character (line breaks too) a space: a value for one line.
inline std::string clean(std::string_view s) {
  std::string out = core::text::valid_utf8(s);
  for (char& c : out) {
    const auto u = static_cast<unsigned char>(c);
    if (u < 0x20 || u == 0x7F) c = ' ';
  }
  return out;
}

// Valid UTF-8 keeping line breaks ("\r\n" and "\r" become "\n") and tabs; other control
// characters a space: a value shown as a block (a workflow's error, a multi-line attribute).
inline std::string clean_block(std::string_view s) {
  const std::string v = core::text::valid_utf8(s);
  std::string out;
  out.reserve(v.size());
  for (std::size_t i = 0; i < v.size(); ++i) {
    const auto u = static_cast<unsigned char>(v[i]);
    if (u == '\r') {
      out += '\n';
      if (i + 1 < v.size() && v[i + 1] == '\n') ++i;
    } else if (u == '\n' || u == '\t') {
      out += v[i];
    } else if (u < 0x20 || u == 0x7F) {
      out += ' ';
    } else {
      out += v[i];
    }
  }
  return out;
}

// At most `max_bytes` of `s`, cut on a character boundary with "..." when cut.
inline std::string cut(std::string_view s, std::size_t max_bytes) {
  return core::text::cut_utf8(s, max_bytes, true);
}

// `escape(raw)` in at most `max_bytes`: the raw value is cut (never its escaped form, so no
// entity or escape sequence is split) until the escaped text fits.
template <typename Escape>
std::string escaped_within(std::string_view raw, std::size_t max_bytes, Escape escape) {
  std::size_t room = raw.size() < max_bytes ? raw.size() : max_bytes;
  for (;;) {
    std::string out = escape(room >= raw.size() ? std::string(raw) : cut(raw, room));
    if (out.size() <= max_bytes || room == 0) return out.size() <= max_bytes ? out : "";
    const std::size_t over = out.size() - max_bytes;
    room = room > over ? room - over : 0;
  }
}

// `prefix + middle + suffix` in at most `max_bytes`, cutting only the middle (an address, say)
// so that what frames it stays whole; the whole thing is cut when the frame alone is too long.
template <typename Escape>
std::string fit(std::string_view prefix, std::string_view middle, std::string_view suffix,
                std::size_t max_bytes, Escape escape) {
  const std::string p = escape(std::string(prefix)), s = escape(std::string(suffix));
  if (p.size() + s.size() + 8 > max_bytes)
    return escaped_within(std::string(prefix) + std::string(middle) + std::string(suffix),
                          max_bytes, escape);
  return p + escaped_within(middle, max_bytes - p.size() - s.size(), escape) + s;
}
inline std::string identity(std::string s) { return s; }

// Whether `url` can be offered as a link: http(s), no white space, no control characters, none
// of < > " ` | (which end a link in some markup), and not absurdly long.
inline bool is_web_url(std::string_view url) {
  if (!(url.starts_with("https://") || url.starts_with("http://"))) return false;
  if (url.size() > 3000) return false;
  for (char c : url) {
    const auto u = static_cast<unsigned char>(c);
    if (u <= 0x20 || u == 0x7F || c == '<' || c == '>' || c == '"' || c == '`' || c == '|' ||
        c == '\\' || c == '{' || c == '}')
      return false;
  }
  return true;
}

// ---- facts in words -----------------------------------------------------------------------

inline std::string upper(std::string_view s) {
  std::string out(s);
  for (char& c : out)
    if (c >= 'a' && c <= 'z') c = static_cast<char>(c - 'a' + 'A');
  return out;
}
inline std::string lower(std::string_view s) {
  std::string out(s);
  for (char& c : out)
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
  return out;
}

// CRITICAL 4 .. INFO 0; anything else -1.
inline int severity_rank(std::string_view s) {
  const std::string u = upper(s);
  if (u == "CRITICAL") return 4;
  if (u == "HIGH") return 3;
  if (u == "MEDIUM") return 2;
  if (u == "LOW") return 1;
  if (u == "INFO") return 0;
  return -1;
}

// The message's severity: as given, else the worst of its findings, else "INFO".
inline std::string message_severity(const message& m) {
  if (!m.severity.empty()) return upper(clean(m.severity));
  std::string worst;
  for (const auto& f : m.findings)
    if (severity_rank(f.severity) > severity_rank(worst)) worst = upper(clean(f.severity));
  return worst.empty() ? "INFO" : worst;
}
inline std::string finding_severity(const message& m, const finding& f) {
  return f.severity.empty() ? message_severity(m) : upper(clean(f.severity));
}

// "platform/prod"; the target alone when there is no workspace.
inline std::string where_path(const place& p) {
  const std::string t = clean(p.target), w = clean(p.workspace);
  if (t.empty() && w.empty()) return "an unnamed target";
  if (w.empty()) return t;
  if (t.empty()) return "workspace " + w;
  return t + "/" + w;
}

// "platform/prod, environment prod, account 123456789012, region us-east-1".
inline std::string where_line(const place& p) {
  std::string s = where_path(p);
  if (!p.environment.empty()) s += ", environment " + clean(p.environment);
  if (!p.account.empty()) s += ", account " + clean(p.account);
  if (!p.region.empty()) s += ", region " + clean(p.region);
  return s;
}

// Who made the call that changed the resource, in one line. A call an AWS service made is the
// service's: "AWS service <name>", and no person is named, whatever else the record holds.
inline std::string who(const std::optional<drift::changed_by>& by) {
  if (!by) return "unknown (no CloudTrail event named the caller)";
  std::string s;
  if (!by->by_service.empty()) {
    s = "AWS service " + clean(by->by_service);
  } else {
    s = !by->principal_arn.empty()        ? clean(by->principal_arn)
        : !by->session_issuer_arn.empty() ? "a session of " + clean(by->session_issuer_arn)
        : !by->identity_type.empty()      ? "a principal of type " + clean(by->identity_type)
                                          : "an unnamed principal";
    if (!by->user_name.empty()) s += ", user " + clean(by->user_name);
    if (!by->session_name.empty()) s += ", session " + clean(by->session_name);
    if (!by->identity_center_user_id.empty())
      s += ", Identity Center user " + clean(by->identity_center_user_id);
  }
  if (!by->event_time.empty()) s += ", at " + clean(by->event_time);
  return s;
}

// "remediated", "failed", "awaiting review", "stuck" (the message's kind decides when the
// outcome is not given).
inline std::string outcome_words(const message& m) {
  std::string o = clean(m.outcome);
  if (o.empty()) o = m.what == kind::remediation_stuck ? "stuck" : "ended";
  for (char& c : o)
    if (c == '_') c = ' ';
  return o;
}

// "Remediation failed", "Remediated", "Remediation awaiting review", "Remediation stuck".
inline std::string outcome_title(const message& m) {
  const std::string o = outcome_words(m);
  if (o == "remediated") return "Remediated";
  return "Remediation " + o;
}

// What the message is about in a few words: the one address, or "N resources".
inline std::string subject_of(const message& m) {
  if (m.findings.size() == 1) {
    const finding& f = m.findings.front();
    const std::string a = clean(f.address);
    return !a.empty() ? a : !f.resource_id.empty() ? clean(f.resource_id) : "one resource";
  }
  if (m.findings.empty()) return "no resource named";
  return std::to_string(m.findings.size()) + " resources";
}

// "2 new, 1 changed": the findings counted by status, in a fixed order; "3 findings" when
// they carry none.
inline std::string status_counts(const message& m) {
  static constexpr std::array<std::string_view, 5> order{"new", "changed", "returned", "standing",
                                                         "resolved"};
  std::map<std::string, std::size_t> n;
  std::size_t unlabelled = 0;
  for (const auto& f : m.findings) {
    if (f.status.empty())
      ++unlabelled;
    else
      ++n[lower(clean(f.status))];
  }
  std::string s;
  auto add = [&](const std::string& part) { s += (s.empty() ? "" : ", ") + part; };
  for (auto k : order) {
    auto it = n.find(std::string(k));
    if (it == n.end()) continue;
    add(std::to_string(it->second) + " " + std::string(k));
    n.erase(it);
  }
  for (const auto& [k, c] : n) add(std::to_string(c) + " " + k);
  if (unlabelled)
    add(std::to_string(unlabelled) + (!s.empty()        ? " other"
                                      : unlabelled == 1 ? " finding"
                                                        : " findings"));
  return s.empty() ? "no findings" : s;
}

// The parts of the headline: what is said (prefix), the subject (an address, cut first when
// too long) and where (suffix). "CRITICAL drift: aws_s3_bucket.logs (update, new) in
// platform/prod"; "CRITICAL drift: 2 new, 1 changed in platform/prod"; "Drift resolved: ...";
// "Remediation failed: aws_s3_bucket.logs in platform/prod".
struct headline_parts {
  std::string prefix, subject, suffix;
  std::string text() const { return prefix + subject + suffix; }
};
inline headline_parts headline(const message& m) {
  headline_parts h;
  const std::string in = " in " + where_path(m.where);
  switch (m.what) {
    case kind::drift:
      h.prefix = message_severity(m) + " drift: ";
      if (m.findings.size() == 1) {
        const finding& f = m.findings.front();
        h.subject = subject_of(m);
        std::string how = clean(f.change);
        if (!f.status.empty()) how += (how.empty() ? "" : ", ") + clean(f.status);
        h.suffix = (how.empty() ? "" : " (" + how + ")") + in;
      } else {
        h.subject = status_counts(m);
        h.suffix = in;
      }
      break;
    case kind::drift_resolved:
      h.prefix = "Drift resolved: ";
      h.subject = subject_of(m);
      h.suffix = in;
      break;
    case kind::remediation_outcome:
    case kind::remediation_stuck:
      h.prefix = outcome_title(m) + ": ";
      h.subject = subject_of(m);
      h.suffix = in;
      break;
  }
  return h;
}

inline bool is_remediation(const message& m) {
  return m.what == kind::remediation_outcome || m.what == kind::remediation_stuck;
}

// The label of the message's detail: why a stuck remediation is stuck, else the detail.
inline const char* detail_label(const message& m) {
  return m.what == kind::remediation_stuck ? "Why it is stuck" : "Detail";
}

// The report: its link when there is one, else its S3 URI; "" when neither.
inline std::string report_ref(const message& m) {
  return !m.report_link.empty() ? clean(m.report_link) : clean(m.report_uri);
}

// "... and 3 more findings in the report".
inline std::string more_findings(std::size_t n) {
  return "... and " + std::to_string(n) + " more finding" + (n == 1 ? "" : "s") + " in the report";
}

// One compact JSON text written by `write(w)`.
template <typename Write>
std::string json_text(Write write) {
  rapidjson::StringBuffer buf;
  core::json::writer w(buf);
  write(w);
  return std::string(buf.GetString(), buf.GetSize());
}

}  // namespace notify::parts
