// One remediation per deployment: the drift of one deployment found in one scan arrives as
// several events; the first gathers the others for GATHER_SECONDS and one repository_dispatch
// names them all; the run's outcome, reported once through agent-callback, ends every event's
// history item with its own MTTR. Observed only through moto, the GitHub stand-in's request log
// and the real bootstraps of both functions under lambda-harness.
#include "fixture.h"
#include "store/drifts.h"

using namespace orch_test;

namespace {

class Gather : public suite {
 protected:
  static std::string status_of(const std::string& id, const std::string& time) {
    auto item = history_item(id, time);
    return item ? ddb::get_s(*item, "status") : "";
  }
  static std::string wait_for_status(const std::string& id, const std::string& time,
                                     const std::string& want, int seconds) {
    std::string st = status_of(id, time);
    for (int i = 0; i < seconds * 5 && st != want; ++i) {
      std::this_thread::sleep_for(std::chrono::milliseconds(200));
      st = status_of(id, time);
    }
    return st;
  }
  // The orchestrator with the retry queue pumped back into it, as its event-source mapping does.
  static std::unique_ptr<harness> pumped(const std::string& gather_seconds) {
    return std::make_unique<harness>(function_env({{"GATHER_SECONDS", gather_seconds},
                                                   {"DRIFTS_TABLE", stack()["drifts_table"]}}),
                                     2,
                                     std::vector<std::string>{"--sqs", stack()["retry_queue_url"]});
  }
  static std::unique_ptr<harness> callback() {
    return std::make_unique<harness>(
        std::map<std::string, std::string>{
            {"AWS_REGION", "us-east-1"},
            {"AWS_ACCESS_KEY_ID", "test"},
            {"AWS_SECRET_ACCESS_KEY", "test"},
            {"AWS_ENDPOINT_URL", drift_test::moto_endpoint()},
            {"HISTORY_TABLE", stack()["history_table"]},
            {"LOCKS_TABLE", stack()["locks_table"]},
            {"REMEDIATIONS_TABLE", stack()["remediations_table"]},
            {"ALERT_TOPIC_ARN", stack()["alert_topic_arn"]},
            {"EVENT_BUS_NAME", stack()["event_bus_name"]},
            {"METRICS_NAMESPACE", stack()["metrics_namespace"]},
            {"DRIFTS_TABLE", stack()["drifts_table"]},
        },
        1, std::vector<std::string>{}, "agent-callback");
  }
  static std::vector<std::string> ids_named(const rapidjson::Value& dispatch) {
    std::vector<std::string> out;
    for (const auto& id : dispatch["parsed_body"]["client_payload"]["drift_event_ids"].GetArray())
      out.emplace_back(id.GetString());
    std::sort(out.begin(), out.end());
    return out;
  }
  static std::string outcome(const invoke_result& r, unsigned i) {
    auto d = r.json();
    if (!d.IsObject() || !d.HasMember("records") || d["records"].Size() <= i)
      return "<no records: " + r.body + ">";
    return d["records"][i]["outcome"].GetString();
  }
  static double seconds_since(const std::string& iso) {
    std::tm tm{};
    strptime(iso.c_str(), "%Y-%m-%dT%H:%M:%SZ", &tm);
    const auto t = std::chrono::system_clock::from_time_t(timegm(&tm));
    return std::chrono::duration<double>(std::chrono::system_clock::now() - t).count();
  }

  // The drifts table's item of a drift of platform/prod ("" when there is none).
  static std::string drift_status(const std::string& drift_id, const char* field = "status") {
    auto r = ddb::get_item(aws(), stack()["drifts_table"],
                           {{"scope", "platform/prod"}, {"drift_id", drift_id}}, true);
    if (!r || !*r) return "";
    return ddb::get_s(**r, field);
  }
  // Each event's drift, open in the drifts table as a scan leaves it.
  static void seed_drifts(std::vector<event_spec>& events) {
    std::vector<store::seed_item> items;
    for (auto& e : events) {
      e.drift_id = unique("drift");
      store::drift_observation o;
      o.address = "aws_s3_bucket." + e.drift_id;
      o.type = "aws_s3_bucket";
      o.change = "update";
      o.severity = e.severity;
      items.push_back({e.drift_id, o});
    }
    auto seeded = store::drifts(aws(), stack()["drifts_table"])
                      .seed("platform/prod", items, std::chrono::system_clock::now());
    if (!seeded || *seeded != static_cast<int>(items.size()))
      throw std::runtime_error("drifts not seeded");
  }

  // Three drifted parts of one bucket, detected 300, 200 and 100 s ago.
  struct bucket_drift {
    std::string arn = "arn:aws:s3:::" + unique("bucket");
    std::string dep;
    std::vector<event_spec> events;
    bucket_drift() {
      dep = "dep-" + unique("gather");
      int ago = 300;
      for (const char* prop :
           {"VersioningConfiguration", "PublicAccessBlockConfiguration", "BucketPolicy"}) {
        event_spec e{unique("evt"), arn};
        e.properties = {prop};
        e.time = iso_now(std::chrono::seconds(-ago));
        ago -= 100;
        events.push_back(std::move(e));
      }
    }
    std::vector<std::string> sorted_ids() const {
      std::vector<std::string> ids;
      for (const auto& e : events) ids.push_back(e.id);
      std::sort(ids.begin(), ids.end());
      return ids;
    }
  };
};

TEST_F(Gather, ThreeEventsOfOneDeploymentInOneBatchGiveOneDispatchAndEachItsOwnOutcome) {
  bucket_drift b;
  seed_drifts(b.events);
  put_deployment({b.dep, b.arn});
  auto orch = pumped("2");
  std::vector<std::pair<std::string, std::string>> batch;
  for (const auto& e : b.events) batch.emplace_back("m-" + e.id, agent_event(e));
  const auto res = orch->invoke(sqs_event(batch));
  ASSERT_FALSE(res.function_error) << res.body;
  EXPECT_EQ(outcome(res, 0), "gathering") << res.body;
  EXPECT_EQ(outcome(res, 1), "gathered") << res.body;
  EXPECT_EQ(outcome(res, 2), "gathered") << res.body;
  EXPECT_TRUE(dispatches_for(b.events[0].id).empty()) << "dispatched before the gathering ended";

  ASSERT_EQ(wait_for_status(b.events[0].id, b.events[0].time, "dispatched", 40), "dispatched")
      << orch->log();
  const auto sent = dispatches_for(b.events[0].id);
  ASSERT_EQ(sent.size(), 1u);
  EXPECT_EQ(ids_named(sent[0]), b.sorted_ids());
  auto rem = remediation_item(sent[0]);
  ASSERT_TRUE(rem);
  EXPECT_EQ(ddb::get_s(*rem, "status"), "recorded");
  EXPECT_EQ(rem->at("drift_event_ids").as_l()->size(), 3u);
  const std::string rem_id = ddb::get_s(*rem, "remediation_id");
  for (const auto& e : b.events) {
    EXPECT_EQ(dispatches_for(e.id).size(), 1u) << e.id;
    auto item = history_item(e.id, e.time);
    ASSERT_TRUE(item) << e.id;
    EXPECT_EQ(ddb::get_s(*item, "status"), "dispatched") << e.id;
    EXPECT_EQ(ddb::get_s(*item, "remediation_id"), rem_id) << e.id;
    EXPECT_EQ(ddb::get_s(*item, "lock_id"), b.dep) << e.id;
    // The drifts table follows the one dispatch.
    EXPECT_EQ(drift_status(e.drift_id), "remediating") << e.id;
    EXPECT_EQ(drift_status(e.drift_id, "remediation_id"), rem_id) << e.id;
  }

  // A redelivered event of the gathering dispatches nothing again.
  const auto again = orch->invoke(sqs_event({batch[1]}));
  EXPECT_EQ(outcome(again, 0), "duplicate") << again.body;
  std::this_thread::sleep_for(std::chrono::seconds(3));
  EXPECT_EQ(dispatches_for(b.events[0].id).size(), 1u);

  // The one run claims the remediation and reports once.
  auto cb = callback();
  const auto claimed =
      cb->invoke(R"({"action":"claim","remediation_id":)" + quote(rem_id) + R"(,"run_id":"77"})");
  ASSERT_FALSE(claimed.function_error) << claimed.body;
  const auto reported = cb->invoke(R"({"drift_event_id":)" + quote(b.events[0].id) +
                                   R"(,"remediation_status":"success","remediation_id":)" +
                                   quote(rem_id) + R"(,"run_id":"77"})");
  ASSERT_FALSE(reported.function_error) << reported.body << cb->log();
  std::vector<double> mttrs;
  for (const auto& e : b.events) {
    auto item = history_item(e.id, e.time);
    ASSERT_TRUE(item) << e.id;
    EXPECT_EQ(ddb::get_s(*item, "status"), "remediated") << e.id;
    EXPECT_EQ(drift_status(e.drift_id), "remediated") << e.id;
    const auto mttr = ddb::get_double(*item, "mttr_seconds");
    ASSERT_TRUE(mttr) << e.id;
    EXPECT_NEAR(*mttr, seconds_since(e.time), 30.0) << e.id;
    mttrs.push_back(*mttr);
  }
  // Each from its own detection time: 100 s apart.
  EXPECT_NEAR(mttrs[0] - mttrs[1], 100.0, 5.0);
  EXPECT_NEAR(mttrs[1] - mttrs[2], 100.0, 5.0);
  EXPECT_FALSE(lock_item(b.dep)) << "the run's end releases the deployment's lock";
  // The workflow reports per event id as well: the others are repeats that change nothing.
  const auto repeat = cb->invoke(R"({"drift_event_id":)" + quote(b.events[2].id) +
                                 R"(,"remediation_status":"success","remediation_id":)" +
                                 quote(rem_id) + R"(,"run_id":"77"})");
  ASSERT_FALSE(repeat.function_error) << repeat.body;
  EXPECT_NE(repeat.body.find(R"("changed":false)"), std::string::npos) << repeat.body;
}

TEST_F(Gather, EventsTwoSecondsApartJoinTheSameDispatch) {
  bucket_drift b;
  put_deployment({b.dep, b.arn});
  auto orch = pumped("6");
  for (std::size_t i = 0; i < b.events.size(); ++i) {
    if (i > 0) std::this_thread::sleep_for(std::chrono::seconds(2));
    const auto res = orch->invoke(sns_event({agent_event(b.events[i])}));
    ASSERT_FALSE(res.function_error) << res.body;
    EXPECT_EQ(outcome(res, 0), i == 0 ? "gathering" : "gathered") << res.body;
  }
  ASSERT_EQ(wait_for_status(b.events[0].id, b.events[0].time, "dispatched", 40), "dispatched")
      << orch->log();
  const auto sent = dispatches_for(b.events[2].id);
  ASSERT_EQ(sent.size(), 1u);
  EXPECT_EQ(ids_named(sent[0]), b.sorted_ids());
  EXPECT_EQ(status_of(b.events[2].id, b.events[2].time), "dispatched");
}

TEST_F(Gather, TwoDeploymentsGiveTwoDispatches) {
  bucket_drift one, two;
  put_deployment({one.dep, one.arn});
  put_deployment({two.dep, two.arn});
  auto orch = pumped("2");
  const auto res = orch->invoke(sqs_event({{"m-" + one.events[0].id, agent_event(one.events[0])},
                                           {"m-" + two.events[0].id, agent_event(two.events[0])},
                                           {"m-" + one.events[1].id, agent_event(one.events[1])}}));
  ASSERT_FALSE(res.function_error) << res.body;
  EXPECT_EQ(outcome(res, 0), "gathering");
  EXPECT_EQ(outcome(res, 1), "gathering");
  EXPECT_EQ(outcome(res, 2), "gathered");
  ASSERT_EQ(wait_for_status(one.events[0].id, one.events[0].time, "dispatched", 40), "dispatched");
  ASSERT_EQ(wait_for_status(two.events[0].id, two.events[0].time, "dispatched", 40), "dispatched");
  const auto first = dispatches_for(one.events[0].id);
  const auto second = dispatches_for(two.events[0].id);
  ASSERT_EQ(first.size(), 1u);
  ASSERT_EQ(second.size(), 1u);
  std::vector<std::string> want = {one.events[0].id, one.events[1].id};
  std::sort(want.begin(), want.end());
  EXPECT_EQ(ids_named(first[0]), want);
  EXPECT_EQ(ids_named(second[0]), std::vector<std::string>{two.events[0].id});
}

TEST_F(Gather, AnEventAfterTheDispatchWaitsForTheLock) {
  bucket_drift b;
  put_deployment({b.dep, b.arn});
  auto orch = pumped("1");
  ASSERT_EQ(outcome(orch->invoke(sns_event({agent_event(b.events[0])})), 0), "gathering");
  ASSERT_EQ(wait_for_status(b.events[0].id, b.events[0].time, "dispatched", 40), "dispatched");
  const auto late = orch->invoke(sns_event({agent_event(b.events[1])}));
  EXPECT_EQ(outcome(late, 0), "retry_scheduled") << late.body;
  EXPECT_EQ(dispatches_for(b.events[0].id).size(), 1u);
  EXPECT_TRUE(dispatches_for(b.events[1].id).empty());
}

// A run that failed: the drifts it covered are open again and carry the failure, from which a
// scan announces them once the cool-down is over.
TEST_F(Gather, AFailedRunLeavesItsDriftsOpenWithTheFailure) {
  bucket_drift b;
  b.events.erase(b.events.begin() + 1, b.events.end());
  seed_drifts(b.events);
  put_deployment({b.dep, b.arn});
  auto orch = pumped("0");
  const auto& e = b.events[0];
  const auto res = orch->invoke(sqs_event({{"m-" + e.id, agent_event(e)}}));
  ASSERT_FALSE(res.function_error) << res.body;
  ASSERT_EQ(wait_for_status(e.id, e.time, "dispatched", 40), "dispatched") << orch->log();
  EXPECT_EQ(drift_status(e.drift_id), "remediating");
  const auto sent = dispatches_for(e.id);
  ASSERT_EQ(sent.size(), 1u);
  const std::string rem_id = ddb::get_s(*remediation_item(sent[0]), "remediation_id");

  auto cb = callback();
  ASSERT_FALSE(
      cb->invoke(R"({"action":"claim","remediation_id":)" + quote(rem_id) + R"(,"run_id":"78"})")
          .function_error);
  const auto reported = cb->invoke(R"({"drift_event_id":)" + quote(e.id) +
                                   R"(,"remediation_status":"failure","remediation_id":)" +
                                   quote(rem_id) + R"(,"run_id":"78"})");
  ASSERT_FALSE(reported.function_error) << reported.body << cb->log();
  EXPECT_EQ(ddb::get_s(*history_item(e.id, e.time), "status"), "remediation_failed");
  EXPECT_EQ(drift_status(e.drift_id), "open");
  EXPECT_FALSE(drift_status(e.drift_id, "remediation_failed_at").empty());
}

}  // namespace
