// The sweeper ({"action":"sweep"} on a schedule): items stuck in `received`, `gathered` or
// `dispatched` past their limits become `stale`, their locks are released, one alert goes out
// per item, and RemediationsStuck counts them; items still in time, and final ones, are left alone.
// The real bootstrap under lambda-harness against moto.
#include "aws/cloudwatch.h"
#include "aws/query_protocol.h"
#include "fixture.h"

using namespace orch_test;

namespace {

class Sweep : public suite {
 protected:
  static std::string iso_ago(std::chrono::seconds ago) {
    const std::time_t tt =
        std::chrono::system_clock::to_time_t(std::chrono::system_clock::now() - ago);
    std::tm tm{};
    ::gmtime_r(&tt, &tm);
    char buf[32];
    std::strftime(buf, sizeof buf, "%Y-%m-%dT%H:%M:%S.000Z", &tm);
    return buf;
  }
  static long long epoch(std::chrono::seconds from_now) {
    return std::chrono::duration_cast<std::chrono::seconds>(
               (std::chrono::system_clock::now() + from_now).time_since_epoch())
        .count();
  }
  static void put_item(const std::string& id, const std::string& status, std::chrono::seconds age,
                       std::optional<long long> lease_until = std::nullopt) {
    ddb::item it = {{"drift_event_id", id},
                    {"timestamp", "2025-12-05T10:30:00Z"},
                    {"status", status},
                    {"updated_at", iso_ago(age)},
                    {"dispatched_at", iso_ago(age)},
                    {"resource_arn", "arn:aws:s3:::bucket-" + id},
                    {"severity", "HIGH"},
                    {"environment", "production"},
                    {"lock_id", "dep-" + id}};
    if (lease_until) {
      it["lease_owner"] = "someone";
      it["lease_until"] = *lease_until;
    }
    auto r = ddb::put_item(aws(), {stack()["history_table"], it, "", {}});
    ASSERT_TRUE(r) << r.error().describe();
    auto l = ddb::put_item(
        aws(), {stack()["locks_table"],
                {{"lock_id", "dep-" + id}, {"owner", id}, {"ttl", epoch(std::chrono::hours(1))}},
                "",
                {}});
    ASSERT_TRUE(l) << l.error().describe();
  }
  static std::string status_of(const std::string& id) {
    auto item = history_item(id, "2025-12-05T10:30:00Z");
    return item ? ddb::get_s(*item, "status") : "<none>";
  }
  static int alerts_about(const std::vector<aws::sqs::message>& got, const std::string& id) {
    int n = 0;
    for (const auto& m : got) n += m.body.find(id) != std::string::npos;
    return n;
  }
  static double stuck_metric_sum() {
    const std::string m = "MetricDataQueries.member.1.";
    const std::time_t now = std::time(nullptr);
    auto iso = [](std::time_t t) {
      std::tm tm{};
      ::gmtime_r(&t, &tm);
      char buf[32];
      std::strftime(buf, sizeof buf, "%Y-%m-%dT%H:%M:%SZ", &tm);
      return std::string(buf);
    };
    aws::query_params p = {{m + "Id", "m1"},
                           {m + "MetricStat.Metric.Namespace", stack()["metrics_namespace"]},
                           {m + "MetricStat.Metric.MetricName", "RemediationsStuck"},
                           {m + "MetricStat.Period", "60"},
                           {m + "MetricStat.Stat", "Sum"},
                           {"StartTime", iso(now - 3600)},
                           {"EndTime", iso(now + 3600)}};
    auto r = aws::query_call(aws(), aws::services::cloudwatch, "GetMetricData", p);
    EXPECT_TRUE(r) << r.error().describe();
    double sum = 0;
    if (r)
      for (auto v : r->result.select_nodes(".//Values/member"))
        sum += std::stod(v.node().child_value());
    return sum;
  }
};

}  // namespace

TEST_F(Sweep, StuckItemsAreMarkedStaleUnlockedAlertedOnceAndCounted) {
  const std::string cancelled = unique("evt-cancelled");  // dispatched 2 h ago, no callback
  const std::string orphan = unique("evt-orphan");        // received 1 h ago, lease long gone
  const std::string running = unique("evt-running");      // dispatched 10 min ago
  const std::string leased = unique("evt-leased");        // received long ago, lease still held
  const std::string done = unique("evt-done");            // remediated long ago
  const std::string joined = unique("evt-joined");    // gathered 1 h ago, its dispatch never came
  const std::string joining = unique("evt-joining");  // gathered a minute ago
  put_item(cancelled, "dispatched", std::chrono::hours(2));
  put_item(joined, "gathered", std::chrono::hours(1));
  put_item(joining, "gathered", std::chrono::minutes(1));
  put_item(orphan, "received", std::chrono::hours(1), epoch(-std::chrono::minutes(50)));
  put_item(running, "dispatched", std::chrono::minutes(10));
  put_item(leased, "received", std::chrono::hours(1), epoch(std::chrono::minutes(1)));
  put_item(done, "remediated", std::chrono::hours(3));
  drain(stack()["alerts_queue_url"], 0);

  harness h(function_env());
  auto res = h.invoke(R"({"action":"sweep"})");
  ASSERT_FALSE(res.function_error) << res.body << h.log();
  auto body = res.json();
  ASSERT_TRUE(body.IsObject() && body.HasMember("sweep")) << res.body;
  EXPECT_EQ(body["sweep"]["swept"].GetInt(), 3) << res.body;

  EXPECT_EQ(status_of(cancelled), "stale");
  EXPECT_EQ(status_of(orphan), "stale");
  EXPECT_EQ(status_of(running), "dispatched");
  EXPECT_EQ(status_of(leased), "received");
  EXPECT_EQ(status_of(done), "remediated");
  EXPECT_EQ(status_of(joined), "stale");
  EXPECT_EQ(status_of(joining), "gathered");
  EXPECT_NE(ddb::get_s(*history_item(joined, "2025-12-05T10:30:00Z"), "status_reason")
                .find("joined a remediation"),
            std::string::npos);
  auto item = history_item(cancelled, "2025-12-05T10:30:00Z");
  EXPECT_EQ(ddb::get_s(*item, "previous_status"), "dispatched");
  EXPECT_NE(ddb::get_s(*item, "status_reason").find("no outcome"), std::string::npos);

  EXPECT_FALSE(lock_item("dep-" + cancelled)) << "the stuck item's lock is released";
  EXPECT_FALSE(lock_item("dep-" + orphan));
  EXPECT_TRUE(lock_item("dep-" + running)) << "a run still in time keeps its lock";

  auto alerts = drain(stack()["alerts_queue_url"], 3);
  EXPECT_EQ(alerts_about(alerts, cancelled), 1);
  EXPECT_EQ(alerts_about(alerts, orphan), 1);
  EXPECT_EQ(alerts_about(alerts, joined), 1);
  EXPECT_EQ(alerts_about(alerts, running), 0);

  // The next sweep finds nothing new: no second alert.
  res = h.invoke(R"({"action":"sweep"})");
  ASSERT_FALSE(res.function_error) << res.body;
  EXPECT_EQ(res.json()["sweep"]["swept"].GetInt(), 0) << res.body;
  alerts = drain(stack()["alerts_queue_url"], 1);
  EXPECT_EQ(alerts_about(alerts, cancelled), 0);

  EXPECT_GE(stuck_metric_sum(), 3.0);
}
