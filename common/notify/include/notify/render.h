// Pure renderers: a message (message.h) into each channel's payload, escaped and kept within
// the channel's documented limits. An oversized message is summarised, never cut mid-value or
// rejected. No I/O.
#pragma once

#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

#include "notify/message.h"

namespace notify {

// Slack's documented limits (Block Kit): blocks per message, characters in a section's text.
inline constexpr std::size_t slack_max_blocks = 50;
inline constexpr std::size_t slack_max_section_chars = 3000;
// An Adaptive Card posted to a Teams Workflows webhook: about 28 KB of payload.
inline constexpr std::size_t teams_max_bytes = 28000;
inline constexpr const char* adaptive_card_version = "1.4";
// PagerDuty Events API v2: payload.summary at most 1,024 characters.
inline constexpr std::size_t pagerduty_max_summary = 1024;
// GitHub issue bodies: at most 65,536 characters.
inline constexpr std::size_t github_max_issue_body = 65536;
// SNS e-mail subjects: at most 100 printable ASCII characters.
inline constexpr std::size_t email_max_subject = 100;

// Slack mrkdwn: & < > become &amp; &lt; &gt;, so no tag value can form a link or a
// <!channel> / <!here> / <@U123> mention.
std::string slack_escape(std::string_view text);

// {"text": fallback, "blocks": [...]}: header, context (where), a section per finding (what,
// severity, who changed it, the changed attributes), a link to the report. Over 50 blocks or a
// section over 3,000 characters: the rest is summarised in a last section ("... and N more").
std::string slack_payload(const message& m);

// {"type":"message","attachments":[{"contentType":"application/vnd.microsoft.card.adaptive",
// "content":{AdaptiveCard, version adaptive_card_version}}]}, at most teams_max_bytes.
std::string teams_payload(const message& m);

// The plain-text e-mail: a subject of at most 100 printable ASCII characters and a body with
// the same facts as the chat messages.
struct email {
  std::string subject;
  std::string body;
};
email email_text(const message& m);

// A PagerDuty Events API v2 event for one finding: event_action "trigger" (or "resolve" when
// `resolve`), dedup_key = the finding's drift id, payload {summary <= 1024, source, severity
// (CRITICAL critical, HIGH error, MEDIUM warning, else info), component, group, class,
// custom_details}, links to the report and the run.
std::string pagerduty_event(const message& m, const finding& f, std::string_view routing_key,
                            bool resolve);

// The hidden marker that keeps one GitHub issue per drift: "<!-- drift-id: ID -->".
std::string issue_marker(std::string_view drift_id);

// A GitHub issue for manual review of one finding: title, body (marker, where, severity, who,
// the diff, the run URL, the commands to revert or to accept; at most 65,536 characters),
// labels "drift" and "severity:<level>" (lower case).
struct issue_text {
  std::string title;
  std::string body;
  std::vector<std::string> labels;
};
issue_text github_issue(const message& m, const finding& f);
// The comment left when the drift is resolved and the issue closed.
std::string github_resolution_comment(const message& m, const finding& f);

}  // namespace notify
