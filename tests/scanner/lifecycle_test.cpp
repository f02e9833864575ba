// A drift's life across scans, observed from outside: the real bootstrap under lambda-harness
// grades plans handed in by CI ({"plan": ...}) with a drifts table in moto; what it published
// is read back from queues subscribed to the drift and alert topics, the table and reports
// through moto's own APIs. Standing drift is announced once, a fixed drift resolves without
// us, the upgrade from a previous latest.json announces nothing again, and the alert rule's
// default minimum is HIGH.
#include <gtest/gtest.h>

#include <chrono>
#include <thread>

#include "aws/dynamodb.h"
#include "aws/session.h"
#include "drift/report.h"
#include "stack.h"
#include "store/drifts.h"
#include "support.h"

namespace {

using scanner_test::parse;
namespace ddb = aws::dynamodb;

// One drifted resource of a refresh-only plan: `before` as the state has it, `after` as AWS.
std::string drifted(const std::string& type, const std::string& name, const std::string& before,
                    const std::string& after) {
  return R"({"address":")" + type + "." + name + R"(","mode":"managed","type":")" + type +
         R"(","name":")" + name +
         R"(","provider_name":"registry.terraform.io/hashicorp/aws","change":{"actions":["update"],"before":)" +
         before + R"(,"after":)" + after + "}}";
}

// A security group whose ingress moved from `from` to `to` on 443 (HIGH in production), tagged
// for auto-remediation.
std::string security_group(const std::string& from, const std::string& to) {
  auto sg = [](const std::string& cidr) {
    return R"({"id":"sg-0a1b2c3d","arn":"arn:aws:ec2:us-east-1:123456789012:security-group/sg-0a1b2c3d","name":"web",)"
           R"("ingress":[{"cidr_blocks":[")" +
           cidr +
           R"("],"description":"","from_port":443,"ipv6_cidr_blocks":[],"prefix_list_ids":[],"protocol":"tcp","security_groups":[],"self":false,"to_port":443}],)"
           R"("tags":{"AutoRevert":"true","ManagedBy":"terraform"},"tags_all":{"AutoRevert":"true","ManagedBy":"terraform"}})";
  };
  return drifted("aws_security_group", "web", sg(from), sg(to));
}

// A database whose backup retention went from 7 to 1 day (MEDIUM in production).
std::string database() {
  auto db = [](int days) {
    return R"({"id":"db-1","arn":"arn:aws:rds:us-east-1:123456789012:db:db-1","backup_retention_period":)" +
           std::to_string(days) + "}";
  };
  return drifted("aws_db_instance", "db", db(7), db(1));
}

std::string plan(const std::vector<std::string>& drift) {
  std::string out = R"({"format_version":"1.2","terraform_version":"1.11.4","resource_drift":[)";
  for (std::size_t i = 0; i < drift.size(); ++i) out += (i ? "," : "") + drift[i];
  return out + "]}";
}

class Lifecycle : public ::testing::Test {
 protected:
  void SetUp() override { stack_ = drift_test::make_stack("lifecycle"); }

  std::map<std::string, std::string> extra_env_;  // added to every invocation's environment

  std::map<std::string, std::string> env(const std::string& target, bool with_table = true) {
    std::map<std::string, std::string> e{
        {"REPORT_BUCKET", stack_.at("report_bucket")},
        {"ALERT_TOPIC_ARN", stack_.at("alert_topic_arn")},
        {"DRIFT_TOPIC_ARN", stack_.at("drift_topic_arn")},
        {"METRICS_NAMESPACE", stack_.at("metrics_namespace")},
        {"SCAN_TARGETS",
         R"([{"name":")" + target +
             R"(","account_id":"123456789012","region":"us-east-1","state":{"bucket":")" +
             stack_.at("state_bucket") + R"(","key":")" + target +
             R"(/terraform.tfstate","workspaces":["prod"]},"environments":{"prod":"production"}}])"}};
    if (with_table) e["DRIFTS_TABLE"] = stack_.at("drifts_table");
    e["HISTORY_TABLE"] = stack_.at("history_table");
    for (const auto& [k, v] : extra_env_) e[k] = v;
    return e;
  }

  // One scan of <target>/prod grading `plan_json`; the scan's entry of the answer.
  rapidjson::Document scan(const std::string& target, const std::string& plan_json,
                           bool with_table = true) {
    auto r = scanner_test::invoke(
        env(target, with_table),
        R"({"target":")" + target + R"(","workspace":"prod","plan":)" + plan_json + "}", 120);
    if (r.status != 0) throw std::runtime_error("invocation failed: " + r.out);
    auto answer = parse(r.out);
    if (!answer["scans"].IsArray() || answer["scans"].Size() != 1)
      throw std::runtime_error("one scan expected: " + r.out);
    rapidjson::Document one;
    one.CopyFrom(answer["scans"][0], one.GetAllocator());
    return one;
  }

  // The check after a remediation ({"action":"confirm_revert"}) of `drift_id`, grading
  // `plan_json` as what it reads; its answer's revert_check.
  rapidjson::Document confirm_revert(const std::string& target, const std::string& address,
                                     const std::string& drift_id, const std::string& event_id,
                                     const std::string& plan_json) {
    auto r = scanner_test::invoke(
        env(target),
        R"({"action":"confirm_revert","target":")" + target +
            R"(","workspace":"prod","addresses":[")" + address + R"("],"drift_ids":[")" + drift_id +
            R"("],"drift_event_ids":[")" + event_id + R"("],"plan":)" + plan_json + "}",
        120);
    if (r.status != 0) throw std::runtime_error("invocation failed: " + r.out);
    auto answer = parse(r.out);
    if (!answer.HasMember("revert_check")) throw std::runtime_error("no revert_check: " + r.out);
    rapidjson::Document one;
    one.CopyFrom(answer["revert_check"], one.GetAllocator());
    return one;
  }

  rapidjson::Document drain(const char* queue) {
    return parse(scanner_test::observe("drain " + stack_.at(queue)).out);
  }

  drift::report latest(const std::string& target) {
    auto r = drift::parse_report(scanner_test::observe("s3-get " + stack_.at("report_bucket") +
                                                       " reports/" + target + "/prod/latest.json")
                                     .out);
    if (!r.ok()) throw std::runtime_error("latest.json unreadable: " + r.error().message);
    return std::move(r.value());
  }

  static aws::session& session() {
    static std::shared_ptr<aws::session> s = [] {
      ::setenv("AWS_ENDPOINT_URL", drift_test::moto_endpoint().c_str(), 1);
      ::setenv("AWS_REGION", "us-east-1", 1);
      ::setenv("AWS_ACCESS_KEY_ID", "test", 1);
      ::setenv("AWS_SECRET_ACCESS_KEY", "test", 1);
      return aws::session::from_environment();
    }();
    return *s;
  }

  ddb::item item(const std::string& target, const std::string& drift_id) {
    auto r = ddb::get_item(session(), stack_.at("drifts_table"),
                           {{"scope", target + "/prod"}, {"drift_id", drift_id}}, true);
    if (!r) throw std::runtime_error(r.error().describe());
    return r->value_or(ddb::item{});
  }

  // A drift event's history item as the callback leaves it after a `remediated` outcome.
  void put_remediated_event(const std::string& event_id, const std::string& target,
                            const std::string& drift_id, const std::string& environment) {
    ddb::put_request p;
    p.table = stack_.at("history_table");
    p.attributes = {{"drift_event_id", event_id}, {"timestamp", "2026-01-01T00:00:00Z"},
                    {"status", "remediated"},     {"severity", "HIGH"},
                    {"environment", environment}, {"drift_id", drift_id},
                    {"scan_target", target},      {"workspace", "prod"}};
    auto r = ddb::put_item(session(), p);
    if (!r) throw std::runtime_error(r.error().describe());
  }

  ddb::item history_item(const std::string& event_id) {
    auto r =
        ddb::get_item(session(), stack_.at("history_table"),
                      {{"drift_event_id", event_id}, {"timestamp", "2026-01-01T00:00:00Z"}}, true);
    if (!r) throw std::runtime_error(r.error().describe());
    return r->value_or(ddb::item{});
  }

  // RemediationSuccess as CloudWatch (moto) holds it for `environment`: {sum, count}.
  std::pair<double, double> remediation_success(const std::string& environment) {
    auto all = parse(scanner_test::observe("metrics " + stack_.at("metrics_namespace")).out);
    double sum = 0, count = 0;
    for (const auto& m : all.GetArray())
      if (std::string(m["name"].GetString()) == "RemediationSuccess" &&
          m["dimensions"].HasMember("Environment") &&
          m["dimensions"]["Environment"].GetString() == environment) {
        sum += m["sum"].GetDouble();
        count += m["count"].GetDouble();
      }
    return {sum, count};
  }

  drift_test::stack stack_;
};

// The targeted check after a remediation never ran: the next scheduled scan confirms the
// remediated drift it no longer sees, records it on the drift event, and counts the success.
TEST_F(Lifecycle, ScheduledScanConfirmsARemediatedDriftItNoLongerSees) {
  const std::string p = plan({security_group("10.0.0.0/8", "10.1.0.0/16")});
  scan("confirm", p);
  const std::string id = latest("confirm").drifts.at(0).drift_id;
  const std::string env = "confirm-" + stack_.at("suffix");
  put_remediated_event("evt-confirm", "confirm", id, env);
  auto marked =
      store::drifts(session(), stack_.at("drifts_table"))
          .mark_remediated("confirm/prod", id, {"evt-confirm"}, std::chrono::system_clock::now());
  ASSERT_TRUE(marked.ok() && marked->has_value());
  EXPECT_EQ(ddb::get_s(item("confirm", id), "status"), "remediated");
  drain("drift_events_queue_url");
  drain("alerts_queue_url");

  auto fixed = scan("confirm", plan({}));
  EXPECT_EQ(fixed["drifted"].GetInt(), 0);
  const auto stored = item("confirm", id);
  EXPECT_EQ(ddb::get_s(stored, "status"), "confirmed");
  EXPECT_FALSE(ddb::get_s(stored, "confirmed_at").empty());
  const auto event = history_item("evt-confirm");
  EXPECT_EQ(ddb::get_s(event, "status"), "remediated") << "the history lifecycle is unchanged";
  EXPECT_EQ(ddb::get_s(event, "revert_status"), "confirmed");
  EXPECT_FALSE(ddb::get_s(event, "revert_checked_at").empty());
  EXPECT_EQ(remediation_success(env), std::make_pair(1.0, 1.0));

  // Said once: another scan neither moves nor counts anything again.
  scan("confirm", plan({}));
  EXPECT_EQ(ddb::get_s(item("confirm", id), "status"), "confirmed");
  EXPECT_EQ(remediation_success(env), std::make_pair(1.0, 1.0));
  EXPECT_EQ(drain("drift_events_queue_url").Size(), 0u);
}

// A revert that did not hold: the scan still sees the remediated drift; it becomes
// drift_remains, is news once (a drift event), and counts a failed remediation.
TEST_F(Lifecycle, ScheduledScanFindsARemediatedDriftRemains) {
  const std::string p = plan({security_group("10.0.0.0/8", "10.1.0.0/16")});
  scan("remains", p);
  const std::string id = latest("remains").drifts.at(0).drift_id;
  const std::string env = "remains-" + stack_.at("suffix");
  put_remediated_event("evt-remains", "remains", id, env);
  ASSERT_TRUE(
      store::drifts(session(), stack_.at("drifts_table"))
          .mark_remediated("remains/prod", id, {"evt-remains"}, std::chrono::system_clock::now())
          .ok());
  drain("drift_events_queue_url");

  auto again = scan("remains", p);
  EXPECT_EQ(again["events_published"].GetInt(), 1) << "a revert that did not hold is news";
  EXPECT_EQ(ddb::get_s(item("remains", id), "status"), "drift_remains");
  EXPECT_EQ(ddb::get_s(history_item("evt-remains"), "revert_status"), "drift_remains");
  EXPECT_EQ(remediation_success(env), std::make_pair(0.0, 1.0));

  auto third = scan("remains", p);
  EXPECT_EQ(third["events_published"].GetInt(), 0) << "announced once";
  EXPECT_EQ(remediation_success(env), std::make_pair(0.0, 1.0));
}

TEST_F(Lifecycle, StandingDriftIsAnnouncedOnceAndResolvesWithoutUsOnceFixed) {
  const std::string p = plan({security_group("10.0.0.0/8", "10.1.0.0/16")});
  auto first = scan("standing", p);
  EXPECT_EQ(first["events_published"].GetInt(), 1);
  EXPECT_TRUE(first["alerted"].GetBool());
  const auto report = latest("standing");
  ASSERT_EQ(report.drifts.size(), 1u);
  const auto& d = report.drifts[0];
  EXPECT_EQ(d.level, drift::severity::high);
  EXPECT_EQ(d.drift_id.size(), 32u);
  EXPECT_EQ(d.scans_seen, 1);
  EXPECT_FALSE(d.first_seen.empty());

  auto second = scan("standing", p);
  EXPECT_EQ(second["events_published"].GetInt(), 0);
  EXPECT_FALSE(second["alerted"].GetBool());
  const auto again = latest("standing");
  ASSERT_EQ(again.drifts.size(), 1u);
  EXPECT_EQ(again.drifts[0].drift_id, d.drift_id);
  EXPECT_EQ(again.drifts[0].scans_seen, 2);
  EXPECT_EQ(again.drifts[0].first_seen, d.first_seen);

  // Two scans: one drift event and one alert, both naming the drift.
  auto events = drain("drift_events_queue_url");
  ASSERT_EQ(events.Size(), 1u);
  auto ev = parse(events[0]["message"].GetString());
  EXPECT_EQ(std::string(ev["detail"]["driftId"].GetString()), d.drift_id);
  EXPECT_STREQ(ev["detail"]["terraform"]["address"].GetString(), "aws_security_group.web");
  auto alerts = drain("alerts_queue_url");
  ASSERT_EQ(alerts.Size(), 1u);
  EXPECT_NE(std::string(alerts[0]["message"].GetString()).find(d.drift_id), std::string::npos);
  const auto stored = item("standing", d.drift_id);
  EXPECT_EQ(ddb::get_s(stored, "status"), "open");
  EXPECT_EQ(ddb::get_int(stored, "scans_seen"), 2);
  EXPECT_FALSE(ddb::get_s(stored, "announced_at").empty());

  // Fixed: the next complete scan no longer sees it.
  auto fixed = scan("standing", plan({}));
  EXPECT_EQ(fixed["drifted"].GetInt(), 0);
  const auto gone = item("standing", d.drift_id);
  EXPECT_EQ(ddb::get_s(gone, "status"), "resolved_without_us");
  EXPECT_FALSE(ddb::get_s(gone, "resolved_at").empty());
  EXPECT_EQ(drain("drift_events_queue_url").Size(), 0u);
}

TEST_F(Lifecycle, UpgradingWithAPreviousReportAnnouncesNothingAgainAndKeepsFirstSeen) {
  const std::string p = plan({security_group("10.0.0.0/8", "10.1.0.0/16")});
  auto before = scan("upgrade", p, false);  // the scanner as it was: no drifts table
  EXPECT_EQ(before["events_published"].GetInt(), 1);
  EXPECT_TRUE(before["alerted"].GetBool());
  const auto previous = latest("upgrade");
  EXPECT_EQ(drain("drift_events_queue_url").Size(), 1u);
  EXPECT_EQ(drain("alerts_queue_url").Size(), 1u);

  auto upgraded = scan("upgrade", p);
  EXPECT_EQ(upgraded["events_published"].GetInt(), 0);
  EXPECT_FALSE(upgraded["alerted"].GetBool());
  EXPECT_EQ(drain("drift_events_queue_url").Size(), 0u);
  EXPECT_EQ(drain("alerts_queue_url").Size(), 0u);
  const auto now = latest("upgrade");
  ASSERT_EQ(now.drifts.size(), 1u);
  EXPECT_EQ(now.drifts[0].first_seen, previous.started_at);
  EXPECT_EQ(now.drifts[0].scans_seen, 2);
  EXPECT_EQ(ddb::get_s(item("upgrade", now.drifts[0].drift_id), "first_seen"), previous.started_at);
}

TEST_F(Lifecycle, NewHighDriftAlertsWithTheDefaultMinimumAndMediumDoesNot) {
  auto medium = scan("medium", plan({database()}));
  EXPECT_STREQ(medium["highest"].GetString(), "MEDIUM");
  EXPECT_FALSE(medium["alerted"].GetBool());
  EXPECT_EQ(drain("alerts_queue_url").Size(), 0u);

  auto high = scan("high", plan({security_group("10.0.0.0/8", "10.1.0.0/16")}));
  EXPECT_STREQ(high["highest"].GetString(), "HIGH");
  EXPECT_TRUE(high["alerted"].GetBool());
  auto alerts = drain("alerts_queue_url");
  ASSERT_EQ(alerts.Size(), 1u);
  const std::string subject = alerts[0]["subject"].GetString();
  EXPECT_NE(subject.find("HIGH drift: high/prod"), std::string::npos) << subject;
}

// A failed remediation leaves the drift standing: quiet during the cool-down (the orchestrator
// would not try again yet), announced once when it is over, then quiet again.
TEST_F(Lifecycle, AScanAfterAFailedRemediationsCoolDownAnnouncesTheStandingDriftOnce) {
  const std::string p = plan({security_group("10.0.0.0/8", "10.1.0.0/16")});
  EXPECT_EQ(scan("cooldown", p)["events_published"].GetInt(), 1);
  const std::string id = latest("cooldown").drifts.at(0).drift_id;
  store::drifts table(session(), stack_.at("drifts_table"));
  // Times are kept to the second: the failure must fall in a later second than the announcement,
  // as it does in life, or "announced before the cool-down ended" cannot be told.
  std::this_thread::sleep_for(std::chrono::milliseconds(1100));
  const auto now = std::chrono::system_clock::now();
  // As the orchestrator's dispatch and the callback's failure outcome leave it.
  ASSERT_TRUE(table.mark_remediating("cooldown/prod", id, "rem-cooldown", now).ok());
  EXPECT_EQ(ddb::get_s(item("cooldown", id), "status"), "remediating");
  auto failed = table.mark_remediation_failed("cooldown/prod", id, now);
  ASSERT_TRUE(failed.ok() && failed->has_value());
  EXPECT_EQ(ddb::get_s(item("cooldown", id), "status"), "open");
  EXPECT_FALSE(ddb::get_s(item("cooldown", id), "remediation_failed_at").empty());
  drain("drift_events_queue_url");

  extra_env_["COOLDOWN_SECONDS"] = "3600";
  EXPECT_EQ(scan("cooldown", p)["events_published"].GetInt(), 0) << "within the cool-down";
  extra_env_["COOLDOWN_SECONDS"] = "0";
  EXPECT_EQ(scan("cooldown", p)["events_published"].GetInt(), 1) << "the cool-down is over";
  auto events = drain("drift_events_queue_url");
  ASSERT_EQ(events.Size(), 1u);
  EXPECT_EQ(std::string(parse(events[0]["message"].GetString())["detail"]["driftId"].GetString()),
            id);
  EXPECT_EQ(scan("cooldown", p)["events_published"].GetInt(), 0) << "once per failure";
}

// Recurrence is by address: other attributes of a resource whose drift was resolved lately are
// a drift that returned, shown in the report.
TEST_F(Lifecycle, AnotherDriftOfARecentlyResolvedAddressIsARecurrence) {
  scan("recur", plan({security_group("10.0.0.0/8", "10.1.0.0/16")}));
  const std::string first = latest("recur").drifts.at(0).drift_id;
  scan("recur", plan({}));
  EXPECT_EQ(ddb::get_s(item("recur", first), "status"), "resolved_without_us");
  drain("drift_events_queue_url");

  auto sg = [](const std::string& description) {
    return R"({"id":"sg-0a1b2c3d","arn":"arn:aws:ec2:us-east-1:123456789012:security-group/sg-0a1b2c3d","name":"web","description":")" +
           description +
           R"(","tags":{"AutoRevert":"true","ManagedBy":"terraform"},"tags_all":{"AutoRevert":"true","ManagedBy":"terraform"}})";
  };
  auto again = scan("recur", plan({drifted("aws_security_group", "web", sg("web"), sg("edited"))}));
  EXPECT_EQ(again["events_published"].GetInt(), 1) << "a drift that returned is news";
  const auto report = latest("recur");
  ASSERT_EQ(report.drifts.size(), 1u);
  EXPECT_NE(report.drifts[0].drift_id, first) << "other attributes: another drift";
  EXPECT_EQ(report.drifts[0].recurrence, 1);
  const auto stored = item("recur", report.drifts[0].drift_id);
  EXPECT_EQ(ddb::get_s(stored, "status"), "returned");
  EXPECT_EQ(ddb::get_int(stored, "recurrences"), 1);
}

// The check right after a remediation still sees the drift: drift_remains, said at once in one
// alert (not left to the next scheduled scan), and not again by that scan.
TEST_F(Lifecycle, ATargetedCheckThatStillSeesTheDriftAlertsOnce) {
  const std::string p = plan({security_group("10.0.0.0/8", "10.1.0.0/16")});
  scan("targeted", p);
  const std::string id = latest("targeted").drifts.at(0).drift_id;
  put_remediated_event("evt-targeted", "targeted", id, "targeted-" + stack_.at("suffix"));
  ASSERT_TRUE(
      store::drifts(session(), stack_.at("drifts_table"))
          .mark_remediated("targeted/prod", id, {"evt-targeted"}, std::chrono::system_clock::now())
          .ok());
  drain("alerts_queue_url");
  drain("drift_events_queue_url");

  auto checked = confirm_revert("targeted", "aws_security_group.web", id, "evt-targeted", p);
  ASSERT_EQ(checked["drift_remains"].Size(), 1u);
  EXPECT_EQ(std::string(checked["drift_remains"][0].GetString()), id);
  EXPECT_TRUE(checked["alerted"].GetBool());
  EXPECT_EQ(ddb::get_s(item("targeted", id), "status"), "drift_remains");
  EXPECT_EQ(ddb::get_s(history_item("evt-targeted"), "revert_status"), "drift_remains");
  auto alerts = drain("alerts_queue_url");
  ASSERT_EQ(alerts.Size(), 1u);
  const std::string body = alerts[0]["message"].GetString();
  EXPECT_NE(body.find("REVERT DID NOT HOLD"), std::string::npos) << body;
  EXPECT_NE(body.find(id), std::string::npos) << body;
  EXPECT_NE(std::string(alerts[0]["subject"].GetString()).find("1 not reverted"),
            std::string::npos);

  auto next = scan("targeted", p);
  EXPECT_FALSE(next["alerted"].GetBool()) << "already said";
  EXPECT_EQ(next["events_published"].GetInt(), 0);
}

// The drift id names the attributes that drifted: after a remediation, the same resource
// drifting on other attributes has a new id, and the old one is not "gone": not confirmed.
TEST_F(Lifecycle, ATargetedCheckDoesNotConfirmAResourceStillDriftingOnOtherAttributes) {
  scan("narrowed", plan({security_group("10.0.0.0/8", "10.1.0.0/16")}));
  const std::string id = latest("narrowed").drifts.at(0).drift_id;
  put_remediated_event("evt-narrowed", "narrowed", id, "narrowed-" + stack_.at("suffix"));
  ASSERT_TRUE(
      store::drifts(session(), stack_.at("drifts_table"))
          .mark_remediated("narrowed/prod", id, {"evt-narrowed"}, std::chrono::system_clock::now())
          .ok());
  auto sg = [](const std::string& description) {
    return R"({"id":"sg-0a1b2c3d","arn":"arn:aws:ec2:us-east-1:123456789012:security-group/sg-0a1b2c3d","name":"web","description":")" +
           description + R"(","tags":{"AutoRevert":"true"},"tags_all":{"AutoRevert":"true"}})";
  };
  auto checked =
      confirm_revert("narrowed", "aws_security_group.web", id, "evt-narrowed",
                     plan({drifted("aws_security_group", "web", sg("web"), sg("edited"))}));
  EXPECT_EQ(checked["confirmed"].Size(), 0u);
  ASSERT_EQ(checked["drift_remains"].Size(), 1u);
  EXPECT_EQ(std::string(checked["drift_remains"][0].GetString()), id);
  EXPECT_EQ(ddb::get_s(item("narrowed", id), "status"), "drift_remains");
  EXPECT_EQ(ddb::get_s(history_item("evt-narrowed"), "revert_status"), "drift_remains");
}

}  // namespace
