// The pure renderers (notify/render.h): every payload parsed back (strict UTF-8) and checked for
// its channel's documented fields and limits, hostile values kept inert in every channel, the
// actor named right, and oversized messages summarised.
#include "notify/render.h"

#include <gtest/gtest.h>
#include <rapidjson/document.h>

#include <cstddef>
#include <set>
#include <string>
#include <string_view>
#include <vector>

#include "core/json.h"
#include "drift/remediation.h"

namespace {

const std::string hostile =
    "<!channel> & <https://evil.example|click> @octocat --> ``` *bold* [x](http://e)";
const std::string report_link = "https://reports.example.com/reports/platform/prod/latest.html";
const std::string run_url = "https://github.com/acme/infra/actions/runs/42";

rapidjson::Document parse(const std::string& text) {
  auto r = core::json::parse(text);
  EXPECT_TRUE(r.ok()) << (r.ok() ? "" : r.error().message) << "\n" << text.substr(0, 2000);
  if (!r.ok()) return rapidjson::Document();
  return std::move(r.value());
}

std::string str(const rapidjson::Value& v, const char* name) {
  return core::json::string_member(v, name);
}

std::size_t count(std::string_view hay, std::string_view needle) {
  std::size_t n = 0;
  for (auto at = hay.find(needle); at != std::string_view::npos; at = hay.find(needle, at + 1)) ++n;
  return n;
}
bool has(std::string_view hay, std::string_view needle) {
  return hay.find(needle) != std::string_view::npos;
}

// Every string value in `v`, with the key it sits under ("" in arrays).
void strings(const rapidjson::Value& v, std::vector<std::pair<std::string, std::string>>& out,
             const std::string& key = "") {
  if (v.IsString()) {
    out.emplace_back(key, std::string(v.GetString(), v.GetStringLength()));
  } else if (v.IsObject()) {
    for (auto it = v.MemberBegin(); it != v.MemberEnd(); ++it)
      strings(it->value, out, it->name.GetString());
  } else if (v.IsArray()) {
    for (const auto& e : v.GetArray()) strings(e, out, key);
  }
}

notify::finding sample_finding(int i = 0) {
  notify::finding f;
  f.drift_id = "drift-" + std::to_string(i);
  f.address = "aws_s3_bucket.logs" + (i ? "_" + std::to_string(i) : std::string());
  f.type = "aws_s3_bucket";
  f.resource_id = "arn:aws:s3:::acme-logs-" + std::to_string(i);
  f.severity = "CRITICAL";
  f.change = "update";
  f.status = "new";
  f.reason = "public access opened in production";
  f.attributes = {{"block_public_acls", "true", "false"}, {"tags.Owner", "\"erin\"", "\"bob\""}};
  drift::changed_by by;
  by.principal_arn = "arn:aws:sts::123456789012:assumed-role/Admin/carol";
  by.identity_type = "AssumedRole";
  by.session_name = "carol";
  by.event_time = "2026-12-05T10:00:00Z";
  f.changed_by = by;
  return f;
}

notify::message sample_message(std::size_t findings = 1) {
  notify::message m;
  m.what = notify::kind::drift;
  m.where = {"platform", "prod", "production", "123456789012", "us-east-1"};
  m.severity = "CRITICAL";
  for (std::size_t i = 0; i < findings; ++i) m.findings.push_back(sample_finding(int(i)));
  m.report_link = report_link;
  m.report_uri = "s3://acme-drift-reports/reports/platform/prod/latest.json";
  m.repository = "acme/infra";
  return m;
}

notify::message hostile_message() {
  notify::message m = sample_message();
  m.where.target = hostile;
  m.where.environment = hostile;
  notify::finding& f = m.findings.front();
  f.drift_id = "d-1 -->" + hostile;
  f.address = "aws_s3_bucket.b[\"" + hostile + "\"]";
  f.resource_id = hostile;
  f.reason = hostile + "\nSeverity: LOW";
  f.attributes = {{hostile, hostile, hostile}};
  f.changed_by->principal_arn = hostile;
  f.changed_by->session_name = hostile;
  return m;
}

// Text outside fenced code blocks (a fence of N backticks ends at a line of at least N).
std::string outside_fences(const std::string& body) {
  std::string out;
  std::size_t fence = 0;
  std::size_t start = 0;
  while (start < body.size()) {
    std::size_t end = body.find('\n', start);
    if (end == std::string::npos) end = body.size();
    const std::string line = body.substr(start, end - start);
    std::size_t ticks = 0;
    while (ticks < line.size() && line[ticks] == '`') ++ticks;
    if (fence == 0 && ticks >= 3) {
      fence = ticks;
    } else if (fence > 0 && ticks >= fence && line.find_first_not_of('`') == std::string::npos) {
      fence = 0;
    } else if (fence == 0) {
      out += line + "\n";
    }
    start = end + 1;
  }
  return out;
}

// Slack: every block of a documented type, mrkdwn and plain_text where they belong, within
// Block Kit's limits.
void check_slack(const rapidjson::Document& d) {
  ASSERT_TRUE(d.IsObject());
  ASSERT_TRUE(d.HasMember("text") && d["text"].IsString());
  EXPECT_LE(d["text"].GetStringLength(), 3000u);
  ASSERT_TRUE(d.HasMember("blocks") && d["blocks"].IsArray());
  const auto& blocks = d["blocks"];
  EXPECT_LE(blocks.Size(), notify::slack_max_blocks);
  const std::set<std::string> types{"header", "section", "context", "divider", "actions"};
  std::set<std::string> ids;
  for (const auto& b : blocks.GetArray()) {
    const std::string type = str(b, "type");
    EXPECT_TRUE(types.count(type)) << type;
    const std::string id = str(b, "block_id");
    if (!id.empty()) {
      EXPECT_LE(id.size(), 255u);
      EXPECT_TRUE(ids.insert(id).second) << "duplicate block_id " << id;
    }
    if (type == "header") {
      EXPECT_EQ(str(b["text"], "type"), "plain_text");
      EXPECT_GE(b["text"]["text"].GetStringLength(), 1u);
      EXPECT_LE(b["text"]["text"].GetStringLength(), 150u);
    } else if (type == "section") {
      EXPECT_EQ(str(b["text"], "type"), "mrkdwn");
      EXPECT_GE(b["text"]["text"].GetStringLength(), 1u);
      EXPECT_LE(b["text"]["text"].GetStringLength(), notify::slack_max_section_chars);
    } else if (type == "context") {
      ASSERT_TRUE(b["elements"].IsArray());
      EXPECT_LE(b["elements"].Size(), 10u);
      for (const auto& e : b["elements"].GetArray()) EXPECT_LE(e["text"].GetStringLength(), 3000u);
    } else if (type == "actions") {
      ASSERT_TRUE(b["elements"].IsArray());
      EXPECT_LE(b["elements"].Size(), 25u);
      for (const auto& e : b["elements"].GetArray()) {
        EXPECT_EQ(str(e, "type"), "button");
        EXPECT_EQ(str(e["text"], "type"), "plain_text");
        EXPECT_LE(e["text"]["text"].GetStringLength(), 75u);
        EXPECT_LE(e["url"].GetStringLength(), 3000u);
      }
    }
  }
}

// Teams: exactly the message envelope with one Adaptive Card 1.4.
void check_teams(const std::string& text, const rapidjson::Document& d) {
  EXPECT_LE(text.size(), notify::teams_max_bytes);
  ASSERT_TRUE(d.IsObject());
  EXPECT_EQ(str(d, "type"), "message");
  ASSERT_TRUE(d["attachments"].IsArray());
  ASSERT_EQ(d["attachments"].Size(), 1u);
  const auto& a = d["attachments"][0];
  EXPECT_EQ(str(a, "contentType"), "application/vnd.microsoft.card.adaptive");
  const auto& c = a["content"];
  EXPECT_EQ(str(c, "$schema"), "http://adaptivecards.io/schemas/adaptive-card.json");
  EXPECT_EQ(str(c, "type"), "AdaptiveCard");
  EXPECT_EQ(str(c, "version"), "1.4");
  ASSERT_TRUE(c["body"].IsArray());
  EXPECT_GE(c["body"].Size(), 2u);
  for (const auto& e : c["body"].GetArray()) {
    const std::string type = str(e, "type");
    EXPECT_TRUE(type == "TextBlock" || type == "FactSet") << type;
    if (type == "TextBlock") {
      EXPECT_FALSE(str(e, "text").empty());
    }
    if (type == "FactSet") {
      for (const auto& f : e["facts"].GetArray()) {
        EXPECT_TRUE(f["title"].IsString());
        EXPECT_TRUE(f["value"].IsString());
      }
    }
  }
  if (c.HasMember("actions")) {
    ASSERT_TRUE(c["actions"].IsArray());
    EXPECT_GE(c["actions"].Size(), 1u);
    for (const auto& e : c["actions"].GetArray()) {
      EXPECT_EQ(str(e, "type"), "Action.OpenUrl");
      EXPECT_FALSE(str(e, "title").empty());
      EXPECT_EQ(str(e, "url").rfind("https://", 0), 0u);
    }
  }
}

// The card's texts: TextBlock texts, fact titles and values.
std::vector<std::string> teams_texts(const rapidjson::Document& d) {
  std::vector<std::string> out;
  for (const auto& e : d["attachments"][0]["content"]["body"].GetArray()) {
    if (str(e, "type") == "TextBlock") out.push_back(str(e, "text"));
    if (str(e, "type") == "FactSet")
      for (const auto& f : e["facts"].GetArray()) {
        out.push_back(str(f, "title"));
        out.push_back(str(f, "value"));
      }
  }
  return out;
}

void check_pagerduty_trigger(const rapidjson::Document& d) {
  ASSERT_TRUE(d.IsObject());
  EXPECT_FALSE(str(d, "routing_key").empty());
  EXPECT_EQ(str(d, "event_action"), "trigger");
  EXPECT_FALSE(str(d, "dedup_key").empty());
  EXPECT_EQ(str(d, "client"), "terraform-drift-remediation");
  ASSERT_TRUE(d.HasMember("payload") && d["payload"].IsObject());
  const auto& p = d["payload"];
  EXPECT_FALSE(str(p, "summary").empty());
  EXPECT_LE(p["summary"].GetStringLength(), notify::pagerduty_max_summary);
  EXPECT_FALSE(str(p, "source").empty());
  const std::set<std::string> severities{"critical", "error", "warning", "info"};
  EXPECT_TRUE(severities.count(str(p, "severity")));
  EXPECT_TRUE(p["custom_details"].IsObject());
  if (d.HasMember("links")) {
    for (const auto& l : d["links"].GetArray()) {
      EXPECT_FALSE(str(l, "href").empty());
      EXPECT_FALSE(str(l, "text").empty());
    }
  }
}

// ---------------------------------------------------------------------------------------------

TEST(NotifyRender, SlackEscapeTurnsTheThreeCharacters) {
  EXPECT_EQ(notify::slack_escape("<!channel> & <@U1|x>"), "&lt;!channel&gt; &amp; &lt;@U1|x&gt;");
  EXPECT_EQ(notify::slack_escape("&amp;"), "&amp;amp;");
}

TEST(NotifyRender, EveryPayloadIsValidWithItsRequiredFields) {
  const auto m = sample_message(3);
  const auto slack = parse(notify::slack_payload(m));
  check_slack(slack);
  const std::string teams_text = notify::teams_payload(m);
  const auto teams = parse(teams_text);
  check_teams(teams_text, teams);
  ASSERT_EQ(teams["attachments"][0]["content"]["actions"].Size(), 1u);
  EXPECT_EQ(str(teams["attachments"][0]["content"]["actions"][0], "title"), "Open the report");
  EXPECT_EQ(str(teams["attachments"][0]["content"]["actions"][0], "url"), report_link);
  const auto pd = parse(notify::pagerduty_event(m, m.findings[0], "R0UT1NGKEY", false));
  check_pagerduty_trigger(pd);
  EXPECT_EQ(str(pd["payload"], "source"), m.findings[0].resource_id);
  EXPECT_EQ(str(pd["payload"], "component"), "aws_s3_bucket");
  EXPECT_EQ(str(pd["payload"], "group"), "platform/prod");
  EXPECT_EQ(str(pd["payload"], "class"), "drift");
  ASSERT_TRUE(pd["links"].IsArray());
  EXPECT_EQ(str(pd["links"][0], "href"), report_link);

  // Slack: header, where, a section per finding, the button to the report.
  const auto& blocks = slack["blocks"];
  EXPECT_EQ(str(blocks[0], "type"), "header");
  EXPECT_EQ(str(blocks[0]["text"], "text"), "CRITICAL drift: 3 new in platform/prod");
  EXPECT_EQ(str(blocks[1], "type"), "context");
  EXPECT_TRUE(has(str(blocks[1]["elements"][0], "text"), "account 123456789012"));
  std::size_t sections = 0;
  for (const auto& b : blocks.GetArray())
    if (str(b, "block_id").rfind("finding-", 0) == 0) ++sections;
  EXPECT_EQ(sections, 3u);
  const auto& last = blocks[blocks.Size() - 1];
  EXPECT_EQ(str(last, "type"), "actions");
  EXPECT_EQ(str(last["elements"][0], "url"), report_link);
  const std::string first = str(blocks[3]["text"], "text");
  EXPECT_TRUE(has(first, "aws_s3_bucket.logs")) << first;
  EXPECT_TRUE(has(first, "`true` → `false`")) << first;
  EXPECT_TRUE(has(first, "carol")) << first;

  // No report link: no actions in the card, the S3 URI shown instead.
  auto bare = sample_message(1);
  bare.report_link.clear();
  const std::string bare_text = notify::teams_payload(bare);
  const auto bare_teams = parse(bare_text);
  check_teams(bare_text, bare_teams);
  EXPECT_FALSE(bare_teams["attachments"][0]["content"].HasMember("actions"));
  EXPECT_TRUE(has(bare_text, "s3://acme-drift-reports/reports/platform/prod/latest.json"));
  const auto bare_slack = parse(notify::slack_payload(bare));
  check_slack(bare_slack);
  EXPECT_TRUE(has(str(bare_slack["blocks"][1]["elements"][0], "text"), "s3://acme-drift-reports"));
}

TEST(NotifyRender, AHostileValueStaysInertInEveryChannel) {
  const auto m = hostile_message();
  const auto& f = m.findings.front();

  // Slack: no raw tag anywhere, only our own links open with '<'.
  const auto slack = parse(notify::slack_payload(m));
  check_slack(slack);
  std::vector<std::pair<std::string, std::string>> all;
  strings(slack, all);
  bool escaped_seen = false;
  for (const auto& [key, text] : all) {
    if (key == "url") continue;
    EXPECT_FALSE(has(text, "<!channel>")) << text;
    EXPECT_FALSE(has(text, "<https://evil")) << text;
    for (auto at = text.find('<'); at != std::string::npos; at = text.find('<', at + 1))
      EXPECT_EQ(text.compare(at + 1, report_link.size(), report_link), 0) << text;
    escaped_seen =
        escaped_seen || has(text, "&lt;!channel&gt; &amp; &lt;https://evil.example|click&gt;");
  }
  EXPECT_TRUE(escaped_seen);
  EXPECT_TRUE(has(str(slack, "text"), "&lt;!channel&gt;"));

  // Teams: the value cannot form a link, emphasis, code or a mention.
  const std::string teams_text = notify::teams_payload(m);
  const auto teams = parse(teams_text);
  check_teams(teams_text, teams);
  bool teams_escaped = false;
  for (const auto& t : teams_texts(teams)) {
    EXPECT_FALSE(has(t, "[x](")) << t;
    EXPECT_FALSE(has(t, "[x\\](")) << t;
    for (auto at = t.find("]("); at != std::string::npos; at = t.find("](", at + 1)) {
      EXPECT_NE(at, 0u);
      EXPECT_NE(t[at - 1], '\\') << t;
      EXPECT_EQ(t.compare(at + 2, report_link.size() + 1, "<" + report_link), 0) << t;
    }
    EXPECT_FALSE(has(t, " *bold*")) << t;
    EXPECT_FALSE(has(t, "<!channel")) << t;
    teams_escaped = teams_escaped || has(t,
                                         "\\<\\!channel\\> & \\<https://evil.example\\|click\\> "
                                         "@octocat --\\> \\`\\`\\` \\*bold\\* "
                                         "\\[x\\]\\(http://e\\)");
  }
  EXPECT_TRUE(teams_escaped);

  // The issue: one marker, first, whose id cannot end it; no mention, tag or link outside code;
  // the fenced hostile value does not end its fence.
  const auto issue = notify::github_issue(m, f);
  const std::string marker = notify::issue_marker(f.drift_id);
  EXPECT_EQ(issue.body.rfind(marker + "\n", 0), 0u) << issue.body.substr(0, 200);
  EXPECT_EQ(count(issue.body, "<!--"), 1u);
  const std::string inner = marker.substr(4, marker.size() - 7);
  EXPECT_FALSE(has(inner, "--")) << marker;
  EXPECT_FALSE(has(inner, ">")) << marker;
  const std::string prose = outside_fences(issue.body);
  EXPECT_FALSE(has(prose, "@octocat")) << prose;
  EXPECT_TRUE(has(prose, "@\u200Doctocat")) << prose;
  EXPECT_FALSE(has(prose, "<!channel>"));
  EXPECT_FALSE(has(prose, "<https://evil"));
  EXPECT_FALSE(has(prose, "[x](http"));
  EXPECT_FALSE(has(prose, " *bold*"));
  EXPECT_EQ(count(prose, "-->"), 1u) << prose;  // the marker's own end
  EXPECT_TRUE(has(prose, "&lt;\\!channel&gt; &amp; &lt;https://evil.example\\|click&gt;"));
  EXPECT_TRUE(has(issue.body, hostile.substr(0, 40)));  // inside the fenced diff, as it is
  EXPECT_FALSE(has(issue.title, "@octocat"));
  EXPECT_FALSE(has(issue.title, "\n"));
  EXPECT_LE(issue.title.size(), 256u);
  const std::string comment = notify::github_resolution_comment(m, f);
  EXPECT_FALSE(has(comment, "@octocat"));
  EXPECT_FALSE(has(comment, "<!"));

  // E-mail: a subject of printable ASCII on one line.
  auto with_break = m;
  with_break.findings.front().address = "aws_s3_bucket.b\r\nBcc: x@example.com\u00e9";
  for (const auto& msg : {m, with_break}) {
    const auto e = notify::email_text(msg);
    EXPECT_LE(e.subject.size(), notify::email_max_subject);
    for (char c : e.subject) EXPECT_TRUE(c >= 0x20 && c <= 0x7E) << e.subject;
    EXPECT_TRUE(has(e.body, "Changed by:"));
  }
  EXPECT_FALSE(has(notify::email_text(with_break).body, "\nBcc:"));

  // PagerDuty: valid JSON, the summary bounded.
  check_pagerduty_trigger(parse(notify::pagerduty_event(m, f, "KEY", false)));
}

TEST(NotifyRender, TwoHundredFindingsInSlackAreSummarised) {
  auto m = sample_message(200);
  for (auto& f : m.findings)
    for (int i = 0; i < 40; ++i)
      f.attributes.push_back(
          {"tags.Key" + std::to_string(i), std::string(120, 'e'), std::string(120, 'a')});
  const auto d = parse(notify::slack_payload(m));
  check_slack(d);
  const auto& blocks = d["blocks"];
  std::size_t shown = 0;
  for (const auto& b : blocks.GetArray())
    if (str(b, "block_id").rfind("finding-", 0) == 0) ++shown;
  EXPECT_GE(shown, 40u);
  EXPECT_LT(shown, 200u);
  const auto& more = blocks[blocks.Size() - 2];  // then the actions
  EXPECT_EQ(str(more, "block_id"), "more");
  const std::string text = str(more["text"], "text");
  EXPECT_TRUE(has(text, "... and " + std::to_string(200 - shown) + " more findings in the report"))
      << text;
  EXPECT_TRUE(has(text, "<" + report_link + "|")) << text;
  EXPECT_TRUE(has(str(blocks[3]["text"], "text"), "more changed attributes in the report"));
}

TEST(NotifyRender, TwoHundredFindingsInTeamsFitWithASummary) {
  auto m = sample_message(200);
  const std::string text = notify::teams_payload(m);
  const auto d = parse(text);
  check_teams(text, d);
  EXPECT_LE(text.size(), notify::teams_max_bytes);
  std::size_t shown = 0;
  std::string summary;
  for (const auto& e : d["attachments"][0]["content"]["body"].GetArray()) {
    if (str(e, "id").rfind("finding-", 0) == 0) ++shown;
    if (str(e, "id") == "more") summary = str(e, "text");
  }
  EXPECT_GE(shown, 10u);
  EXPECT_LT(shown, 200u);
  EXPECT_TRUE(has(summary, std::to_string(200 - shown) + " more findings in the report"))
      << summary;

  // One finding with a great many attributes: cut within the finding, said so.
  auto wide = sample_message(1);
  for (int i = 0; i < 500; ++i)
    wide.findings[0].attributes.push_back({"a" + std::to_string(i), std::string(300, 'x'), "y"});
  const std::string wide_text = notify::teams_payload(wide);
  check_teams(wide_text, parse(wide_text));
  EXPECT_TRUE(has(wide_text, "more changed attributes in the report"));
}

TEST(NotifyRender, ALongDiffIsTrimmedToFitAnIssue) {
  auto m = sample_message(1);
  auto& f = m.findings[0];
  for (int i = 0; i < 2000; ++i)
    f.attributes.push_back({"policy.Statement[" + std::to_string(i) + "]", std::string(100, 'e'),
                            std::string(100, 'a')});
  const auto issue = notify::github_issue(m, f);
  EXPECT_LE(issue.body.size(), notify::github_max_issue_body);
  EXPECT_TRUE(has(issue.body, "The diff is trimmed"))
      << issue.body.substr(issue.body.size() - 3000);
  EXPECT_TRUE(has(issue.body, "of 2002 changed attributes are shown"));
  EXPECT_TRUE(has(issue.body, "terraform apply -refresh-only"));  // the commands survive
  EXPECT_EQ(count(issue.body, "<!--"), 1u);

  // A value longer than the limit on its own: cut, never mid-character, the body still fits.
  auto huge = sample_message(1);
  huge.findings[0].attributes = {{"policy", std::string(70000, 'x') + "\u00e9", "\u00e9"}};
  const auto big = notify::github_issue(huge, huge.findings[0]);
  EXPECT_LE(big.body.size(), notify::github_max_issue_body);
  EXPECT_TRUE(core::json::detail::valid_utf8(big.body.data(), big.body.size()));
}

TEST(NotifyRender, GithubIssueTitleLabelsAndCommands) {
  auto m = sample_message(1);
  auto& f = m.findings[0];
  f.address = "aws_s3_bucket.b[\"it's\"]";
  f.severity = "HIGH";
  m.commit = "0123456789abcdef0123456789abcdef01234567";
  const auto issue = notify::github_issue(m, f);
  EXPECT_EQ(issue.title, "Drift: aws_s3_bucket.b[\"it's\"] in platform/prod (HIGH)");
  EXPECT_EQ(issue.labels, (std::vector<std::string>{"drift", "severity:high"}));
  const std::string q = drift::shell_quote(f.address);
  EXPECT_TRUE(has(issue.body, "TF_WORKSPACE='prod' terraform apply -target=" + q)) << issue.body;
  EXPECT_TRUE(has(issue.body, "TF_WORKSPACE='prod' terraform apply -refresh-only -target=" + q));
  EXPECT_TRUE(has(issue.body,
                  "gh workflow run drift-remediation.yml --repo 'acme/infra' -f workspace='prod'"));
  EXPECT_TRUE(has(issue.body, "tags.Owner = \"bob\""));  // the accepted value, as HCL
  EXPECT_TRUE(has(issue.body, "block_public_acls = false"));
  EXPECT_TRUE(has(issue.body, "@@ tags.Owner @@\n- \"erin\"\n+ \"bob\"\n"));
  EXPECT_TRUE(has(issue.body, "0123456789abcdef0123456789abcdef01234567"));
  EXPECT_TRUE(has(issue.body, "[Open the report](<" + report_link + ">)"));
  EXPECT_TRUE(has(issue.body, "**Changed by:** arn:aws:sts::123456789012:assumed\\-role") ||
              has(issue.body, "**Changed by:** arn:aws:sts::123456789012:assumed-role"));

  // The default workspace: no TF_WORKSPACE; a deletion is accepted with state rm; an unmanaged
  // resource is imported.
  auto def = sample_message(1);
  def.where.workspace = "default";
  def.findings[0].change = "delete";
  const auto del = notify::github_issue(def, def.findings[0]);
  EXPECT_FALSE(has(del.body, "TF_WORKSPACE"));
  EXPECT_TRUE(has(del.body, "terraform state rm 'aws_s3_bucket.logs'"));
  def.findings[0].change = "unmanaged";
  def.findings[0].address = "";
  def.findings[0].resource_id = "acme-stray";
  const auto imp = notify::github_issue(def, def.findings[0]);
  EXPECT_TRUE(has(imp.body, "terraform import 'aws_s3_bucket.acme_stray' 'acme-stray'"))
      << imp.body;

  // The marker's id: only safe characters, never "--".
  EXPECT_EQ(notify::issue_marker("0f3a-77c1"), "<!-- drift-id: 0f3a-77c1 -->");
  EXPECT_EQ(notify::issue_marker("a-->b"), "<!-- drift-id: a-_b -->");
  EXPECT_EQ(notify::issue_marker("x--"), "<!-- drift-id: x_ -->");
  EXPECT_EQ(notify::issue_marker(""), "<!-- drift-id: unknown -->");

  const std::string comment = notify::github_resolution_comment(m, f);
  EXPECT_TRUE(has(comment, "no longer found"));
  EXPECT_TRUE(has(comment, report_link));
}

TEST(NotifyRender, PagerDutySummaryDedupResolveAndSeverity) {
  auto m = sample_message(1);
  auto& f = m.findings[0];
  f.address = "aws_s3_bucket." + std::string(5000, 'a');
  f.resource_id.clear();
  for (int i = 0; i < 50; ++i) f.attributes.push_back({"a" + std::to_string(i), "1", "2"});
  const auto d = parse(notify::pagerduty_event(m, f, "R0UT1NGKEY", false));
  check_pagerduty_trigger(d);
  EXPECT_LE(d["payload"]["summary"].GetStringLength(), 1024u);
  EXPECT_TRUE(has(str(d["payload"], "summary"), "platform/prod"));
  EXPECT_EQ(str(d, "dedup_key"), f.drift_id);
  EXPECT_EQ(str(d, "routing_key"), "R0UT1NGKEY");
  EXPECT_LE(d["payload"]["source"].GetStringLength(), 1024u);
  const auto& cd = d["payload"]["custom_details"];
  EXPECT_EQ(cd["changed_attributes"].Size(), 20u);
  EXPECT_EQ(cd["changed_attributes_not_shown"].GetUint(), 32u);

  const auto r = parse(notify::pagerduty_event(m, f, "R0UT1NGKEY", true));
  ASSERT_TRUE(r.IsObject());
  EXPECT_EQ(r.MemberCount(), 3u);
  EXPECT_EQ(str(r, "event_action"), "resolve");
  EXPECT_EQ(str(r, "dedup_key"), f.drift_id);
  EXPECT_EQ(str(r, "routing_key"), "R0UT1NGKEY");
  EXPECT_FALSE(r.HasMember("payload"));

  const std::vector<std::pair<std::string, std::string>> map{
      {"CRITICAL", "critical"}, {"HIGH", "error"}, {"MEDIUM", "warning"},
      {"LOW", "info"},          {"INFO", "info"},  {"", "info"}};
  for (const auto& [level, expected] : map) {
    auto s = sample_message(1);
    s.severity = level;
    s.findings[0].severity = level;
    const auto e = parse(notify::pagerduty_event(s, s.findings[0], "K", false));
    EXPECT_EQ(str(e["payload"], "severity"), expected) << level;
  }

  // A multi-byte address cut for the summary: still valid UTF-8 (parse() is strict).
  auto wide = sample_message(1);
  wide.findings[0].address = "aws_s3_bucket.";
  for (int i = 0; i < 2000; ++i) wide.findings[0].address += "\u00e9";
  check_pagerduty_trigger(parse(notify::pagerduty_event(wide, wide.findings[0], "K", false)));
  check_slack(parse(notify::slack_payload(wide)));
  const std::string t = notify::teams_payload(wide);
  check_teams(t, parse(t));
}

TEST(NotifyRender, AServiceCallNamesTheServiceAndNoPerson) {
  auto m = sample_message(1);
  drift::changed_by by;
  by.by_service = "autoscaling.amazonaws.com";
  by.identity_type = "AWSService";
  // Whatever else the record holds, no person is named for a service's call.
  by.principal_arn = "arn:aws:sts::123456789012:assumed-role/Ops/alice";
  by.user_name = "alice";
  by.session_name = "alice";
  by.identity_center_user_id = "alice-idc";
  m.findings[0].changed_by = by;
  const std::string service = "AWS service autoscaling.amazonaws.com";
  const auto issue = notify::github_issue(m, m.findings[0]);
  const auto mail = notify::email_text(m);
  for (const std::string& out :
       {notify::slack_payload(m), notify::teams_payload(m),
        notify::pagerduty_event(m, m.findings[0], "K", false), issue.body, mail.body}) {
    EXPECT_TRUE(has(out, service)) << out.substr(0, 1500);
    EXPECT_FALSE(has(out, "alice")) << out.substr(0, 1500);
  }

  // A person's call: the principal, the user, the session, the Identity Center user.
  drift::changed_by person;
  person.principal_arn = "arn:aws:iam::123456789012:user/dave";
  person.user_name = "dave";
  person.identity_center_user_id = "90677f1c-idc";
  m.findings[0].changed_by = person;
  const std::string slack = notify::slack_payload(m);
  EXPECT_TRUE(has(slack, "arn:aws:iam::123456789012:user/dave, user dave"));
  EXPECT_TRUE(has(slack, "Identity Center user 90677f1c-idc"));
  EXPECT_FALSE(has(slack, "AWS service"));
  m.findings[0].changed_by.reset();
  EXPECT_TRUE(has(notify::email_text(m).body, "Changed by: unknown"));
}

TEST(NotifyRender, ARemediationOutcomeShowsTheRunAndTheOutcome) {
  auto m = sample_message(1);
  m.what = notify::kind::remediation_outcome;
  m.outcome = "failed";
  m.run_url = run_url;
  m.detail = "Error: creating S3 bucket policy: AccessDenied\n- line two";
  m.commit = "abc123";

  const auto slack = parse(notify::slack_payload(m));
  check_slack(slack);
  std::string outcome;
  bool run_button = false;
  for (const auto& b : slack["blocks"].GetArray()) {
    if (str(b, "block_id") == "outcome") outcome = str(b["text"], "text");
    if (str(b, "type") == "actions")
      for (const auto& e : b["elements"].GetArray()) run_button |= str(e, "url") == run_url;
  }
  EXPECT_TRUE(has(outcome, "*Outcome:* failed")) << outcome;
  EXPECT_TRUE(has(outcome, "<" + run_url + "|")) << outcome;
  EXPECT_TRUE(has(outcome, "AccessDenied")) << outcome;
  EXPECT_TRUE(run_button);
  EXPECT_EQ(str(slack["blocks"][0]["text"], "text"),
            "Remediation failed: aws_s3_bucket.logs in platform/prod");

  const std::string teams_text = notify::teams_payload(m);
  const auto teams = parse(teams_text);
  check_teams(teams_text, teams);
  const auto& actions = teams["attachments"][0]["content"]["actions"];
  ASSERT_EQ(actions.Size(), 2u);
  EXPECT_EQ(str(actions[1], "url"), run_url);
  bool fact_seen = false;
  for (const auto& t : teams_texts(teams)) fact_seen |= t == "failed";
  EXPECT_TRUE(fact_seen);
  EXPECT_TRUE(
      has(teams_text, "AccessDenied\\n\\n\\\\- line two"));  // a list marker in the detail, escaped

  const auto mail = notify::email_text(m);
  EXPECT_EQ(mail.subject, "[drift] remediation failed: aws_s3_bucket.logs");
  EXPECT_TRUE(has(mail.body, "Outcome: failed\nRun: " + run_url + "\n"));
  EXPECT_TRUE(
      has(mail.body, "Detail:\n  Error: creating S3 bucket policy: AccessDenied\n  - line two"));

  const auto pd = parse(notify::pagerduty_event(m, m.findings[0], "K", false));
  check_pagerduty_trigger(pd);
  EXPECT_EQ(str(pd["payload"], "class"), "remediation_failed");
  EXPECT_EQ(str(pd["payload"]["custom_details"], "run_url"), run_url);
  ASSERT_EQ(pd["links"].Size(), 2u);
  EXPECT_EQ(str(pd["links"][1], "href"), run_url);

  const auto issue = notify::github_issue(m, m.findings[0]);
  EXPECT_TRUE(has(issue.body, "[Open the workflow run](<" + run_url + ">)"));
  EXPECT_TRUE(has(issue.body, "**Outcome:** failed"));

  // Stuck: why, in every channel.
  auto stuck = m;
  stuck.what = notify::kind::remediation_stuck;
  stuck.outcome = "stuck";
  stuck.detail = "dispatched 90 minutes ago and no outcome reported";
  EXPECT_TRUE(has(notify::slack_payload(stuck), "*Why it is stuck:* dispatched 90 minutes ago"));
  EXPECT_TRUE(has(notify::teams_payload(stuck), "**Why it is stuck:** dispatched 90 minutes ago"));
  EXPECT_TRUE(has(notify::email_text(stuck).body, "Why it is stuck:\n  dispatched 90"));
  EXPECT_EQ(notify::email_text(stuck).subject, "[drift] remediation stuck: aws_s3_bucket.logs");
  EXPECT_TRUE(has(notify::pagerduty_event(stuck, stuck.findings[0], "K", false),
                  "\"why_stuck\":\"dispatched 90 minutes ago"));
  EXPECT_TRUE(has(notify::github_issue(stuck, stuck.findings[0]).body, "**Why it is stuck:**"));
}

TEST(NotifyRender, EmailSubjectAndBody) {
  auto m = sample_message(3);
  m.findings[2].status = "changed";
  auto e = notify::email_text(m);
  EXPECT_EQ(e.subject, "[drift] CRITICAL: 2 new, 1 changed in platform/prod");
  EXPECT_TRUE(has(e.body,
                  "Where: platform/prod\nEnvironment: production\nAccount: 123456789012\n"
                  "Region: us-east-1\nSeverity: CRITICAL\nReport: " +
                      report_link));
  EXPECT_TRUE(has(e.body, "1. aws_s3_bucket.logs\n"));
  EXPECT_TRUE(has(e.body, "     tags.Owner: \"erin\" -> \"bob\"\n"));

  // 300 findings of 150 attributes: the body stays within SNS's size and says what is left out.
  auto many = sample_message(300);
  for (auto& f : many.findings)
    for (int i = 0; i < 150; ++i) f.attributes.push_back({"k" + std::to_string(i), "x", "y"});
  e = notify::email_text(many);
  EXPECT_LE(e.body.size(), 200u * 1024);
  EXPECT_TRUE(has(e.body, "     ... and 52 more changed attributes in the report\n"));
  EXPECT_TRUE(has(e.body, " more findings in the report\n"));

  auto one = sample_message(1);
  one.findings[0].address = "aws_s3_bucket.\u00e9t\u00e9_" + std::string(300, 'x');
  e = notify::email_text(one);
  EXPECT_LE(e.subject.size(), 100u);
  EXPECT_EQ(e.subject.rfind("[drift] CRITICAL: new aws_s3_bucket.?t?_x", 0), 0u) << e.subject;
  EXPECT_TRUE(has(e.subject, "... in platform/prod")) << e.subject;

  auto resolved = sample_message(1);
  resolved.what = notify::kind::drift_resolved;
  EXPECT_EQ(notify::email_text(resolved).subject,
            "[drift] resolved: aws_s3_bucket.logs in platform/prod");
}

}  // namespace
