// agent-callback's pure parts: input validation, the status lifecycle as the callback uses it,
// MTTR decisions.
#include <gtest/gtest.h>

#include "config.h"
#include "core/time.h"
#include "drift/status.h"
#include "mttr.h"
#include "request.h"

namespace {
using namespace callback;
using namespace std::chrono_literals;
using core::time::parse_iso8601;
using drift::status::classify;
using drift::status::transition;

TEST(Request, AcceptsGitHubJobStatusesAndTheSeedsFailed) {
  for (auto [in, want] : std::vector<std::pair<std::string, outcome>>{
           {"success", outcome::remediated},
           {"failure", outcome::remediation_failed},
           {"failed", outcome::remediation_failed},
           {"cancelled", outcome::cancelled},
           {"Cancelled", outcome::cancelled},
           {"awaiting_review", outcome::awaiting_review}}) {
    auto r = parse_request("{\"drift_event_id\":\"e1\",\"remediation_status\":\"" + in + "\"}");
    ASSERT_TRUE(r.ok()) << in;
    EXPECT_EQ(r->status, want) << in;
    EXPECT_EQ(r->reported_status, in);
  }
}

TEST(Request, OptionalFieldsAreReadAndNullMeansAbsent) {
  auto r =
      parse_request(R"({"drift_event_id":"e1","remediation_status":"success","mttr_seconds":42.5,)"
                    R"("workflow_run_url":"https://x/runs/1","error_message":null})");
  ASSERT_TRUE(r.ok());
  EXPECT_EQ(r->mttr_seconds, 42.5);
  EXPECT_EQ(r->workflow_run_url, "https://x/runs/1");
  EXPECT_EQ(r->error_message, "");
  auto n = parse_request(
      R"({"drift_event_id":"e1","remediation_status":"success","mttr_seconds":null})");
  ASSERT_TRUE(n.ok());
  EXPECT_FALSE(n->mttr_seconds.has_value());
}

TEST(Request, RefusalsNameTheField) {
  struct c {
    const char* payload;
    const char* field;
  };
  for (auto [payload, field] : std::vector<c>{
           {"[]", "JSON object"},
           {R"({"remediation_status":"success"})", "drift_event_id"},
           {R"({"drift_event_id":"","remediation_status":"success"})", "drift_event_id"},
           {R"({"drift_event_id":"e","remediation_status":"weird"})", "remediation_status"},
           {R"({"drift_event_id":"e","remediation_status":1})", "remediation_status"},
           {R"({"drift_event_id":"e","remediation_status":"success","mttr_seconds":-1})",
            "mttr_seconds"},
           {R"({"drift_event_id":"e","remediation_status":"success","workflow_run_url":3})",
            "workflow_run_url"}}) {
    auto r = parse_request(payload);
    ASSERT_FALSE(r.ok()) << payload;
    EXPECT_EQ(r.error().code, "InvalidInput");
    EXPECT_NE(r.error().message.find(field), std::string::npos) << r.error().message;
  }
}

TEST(Request, LongErrorMessagesAreCut) {
  auto r =
      parse_request(R"({"drift_event_id":"e","remediation_status":"failure","error_message":")" +
                    std::string(10000, 'x') + "\"}");
  ASSERT_TRUE(r.ok());
  EXPECT_LE(r->error_message.size(), 4000u);
}

TEST(Lifecycle, FinalStatusesNeverChangeAndRepeatsAreRecognised) {
  EXPECT_EQ(classify("dispatched", outcome::remediated), transition::apply);
  EXPECT_EQ(classify("received", outcome::cancelled), transition::apply);
  EXPECT_EQ(classify("retry_scheduled", outcome::remediation_failed), transition::apply);
  EXPECT_EQ(classify("awaiting_review", outcome::remediated), transition::apply);
  EXPECT_EQ(classify("dispatched", outcome::awaiting_review), transition::apply);
  // The sweeper's `stale` is not final: a late outcome is still recorded.
  EXPECT_EQ(classify("stale", outcome::remediated), transition::apply);
  EXPECT_EQ(classify("stale", outcome::cancelled), transition::apply);
  EXPECT_EQ(classify("awaiting_review", outcome::awaiting_review), transition::repeat);
  EXPECT_EQ(classify("remediated", outcome::remediated), transition::repeat);
  EXPECT_EQ(classify("remediated", outcome::remediation_failed), transition::conflict);
  EXPECT_EQ(classify("remediated", outcome::awaiting_review), transition::conflict);
  for (auto f : {"unmatched", "rejected", "skipped", "failed", "cancelled"})
    EXPECT_EQ(classify(f, outcome::remediated), transition::conflict) << f;
}

TEST(Mttr, TimestampsInTheFormsTheHistoryHolds) {
  auto a = parse_iso8601("2025-12-05T10:30:00Z");
  auto b = parse_iso8601("2025-12-05T10:30:00.500Z");
  auto c = parse_iso8601("2025-12-05T12:30:00+02:00");
  ASSERT_TRUE(a && b && c);
  EXPECT_EQ(*a, *c);
  EXPECT_EQ(*b - *a, 500ms);
  EXPECT_EQ(clock::to_time_t(*a), 1764930600);
  EXPECT_FALSE(parse_iso8601("2025-12-05T10:30:00"));
  EXPECT_FALSE(parse_iso8601("yesterday"));
  EXPECT_FALSE(parse_iso8601("2025-13-05T10:30:00Z"));
}

TEST(Mttr, ComputedGivenReplaced) {
  const auto detected = *parse_iso8601("2025-12-05T10:30:00Z");
  const auto done = detected + 300s;
  auto computed = decide_mttr(std::nullopt, detected, done, 60);
  EXPECT_EQ(computed.source, mttr_source::computed);
  EXPECT_EQ(computed.seconds, 300);
  auto kept = decide_mttr(280.0, detected, done, 60);
  EXPECT_EQ(kept.source, mttr_source::given);
  EXPECT_EQ(kept.seconds, 280);
  auto replaced = decide_mttr(5.0, detected, done, 60);
  EXPECT_EQ(replaced.source, mttr_source::replaced);
  EXPECT_EQ(replaced.seconds, 300);
  auto no_record = decide_mttr(12.0, std::nullopt, done, 60);
  EXPECT_EQ(no_record.source, mttr_source::given);
  EXPECT_EQ(no_record.seconds, 12);
  EXPECT_FALSE(decide_mttr(std::nullopt, std::nullopt, done, 60).seconds);
  // A detector clock slightly ahead never yields a negative recovery time.
  EXPECT_EQ(decide_mttr(std::nullopt, done + 2s, done, 60).seconds, 0);
}

TEST(Config, RequiredNamesAndDefaults) {
  std::map<std::string, std::string> env = {{"HISTORY_TABLE", "h"},
                                            {"LOCKS_TABLE", "l"},
                                            {"ALERT_TOPIC_ARN", "arn:aws:sns:us-east-1:1:a"},
                                            {"EVENT_BUS_NAME", "bus"}};
  auto lookup = [&](const char* k) -> std::optional<std::string> {
    auto it = env.find(k);
    if (it == env.end()) return std::nullopt;
    return it->second;
  };
  auto c = load_config(lookup);
  ASSERT_TRUE(c.ok());
  EXPECT_EQ(c->metrics_namespace, "TerraformPipeline/Drift");
  env["MTTR_TOLERANCE_SECONDS"] = "abc";
  EXPECT_FALSE(load_config(lookup).ok());
  env.erase("MTTR_TOLERANCE_SECONDS");
  env.erase("EVENT_BUS_NAME");
  auto missing = load_config(lookup);
  ASSERT_FALSE(missing.ok());
  EXPECT_NE(missing.error().message.find("EVENT_BUS_NAME"), std::string::npos);
}

}  // namespace
