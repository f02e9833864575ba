// workflow-orchestrator end to end: a drift event in, one repository_dispatch out, history and
// locks as functions/workflow-orchestrator/README.md says. The real bootstrap runs under
// lambda-harness against moto and the GitHub stand-in.
#include <set>

#include "aws/cloudwatch.h"
#include "fixture.h"

using namespace orch_test;

namespace {

class Dispatch : public suite {
 protected:
  // The Source dimensions of DriftEventsDetected in a namespace of the test's own.
  static std::set<std::string> detected_sources(const std::string& ns) {
    std::set<std::string> out;
    auto metrics = aws::cloudwatch::list_metrics(aws(), ns);
    if (!metrics) return {"error: " + metrics.error().describe()};
    for (const auto& m : *metrics)
      if (m.name == "DriftEventsDetected")
        for (const auto& [k, v] : m.dimensions)
          if (k == "Source") out.insert(v);
    return out;
  }
};

std::string str(const rapidjson::Value& v, const char* name) {
  return v.HasMember(name) && v[name].IsString() ? v[name].GetString() : std::string("<missing>");
}

}  // namespace

TEST_F(Dispatch, HappyPathDispatchesTheNewestSuccessfulDeploymentFieldByField) {
  const std::string arn = "arn:aws:s3:::" + unique("bucket");
  const std::string event_id = unique("evt");
  deployment_spec older{"dep-old-" + event_id, arn};
  older.deployed_at = "2025-11-01T08:00:00Z";
  older.commit = "0ld0ld0ld0ld";
  deployment_spec newer{"dep-new-" + event_id, arn};
  newer.deployed_at = "2025-12-01T08:00:00Z";
  newer.commit = "c0ffee123456";
  newer.lock_table = stack()["tf_lock_table"];
  deployment_spec failed{"dep-failed-" + event_id, arn};
  failed.deployed_at = "2025-12-03T08:00:00Z";
  failed.status = "failed";
  failed.commit = "badbadbadbad";
  put_deployment(older);
  put_deployment(newer);
  put_deployment(failed);

  const std::string metrics_ns = unique("ns");
  harness h(function_env({{"METRICS_NAMESPACE", metrics_ns}}));
  const auto res = h.invoke(sns_event({agent_event({event_id, arn})}));
  ASSERT_EQ(res.status, 200);
  EXPECT_EQ(detected_sources(metrics_ns), (std::set<std::string>{"devops-agent"}));
  ASSERT_FALSE(res.function_error) << res.body << h.log();
  auto body = res.json();
  ASSERT_TRUE(body.IsObject()) << res.body;
  ASSERT_EQ(body["records"].Size(), 1u);
  EXPECT_EQ(str(body["records"][0], "outcome"), "dispatched") << res.body;
  EXPECT_EQ(body["batchItemFailures"].Size(), 0u);

  auto sent = dispatches_for(event_id);
  ASSERT_EQ(sent.size(), 1u);
  const auto& req = sent[0];
  EXPECT_EQ(str(req, "method"), "POST");
  EXPECT_EQ(str(req, "path"), "/repos/" + gh().repository + "/dispatches");
  EXPECT_TRUE(req["token_accepted"].GetBool());
  std::map<std::string, std::string> headers;
  for (const auto& m : req["headers"].GetObject()) {
    std::string k = m.name.GetString();
    for (auto& c : k) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    headers[k] = m.value.GetString();
  }
  EXPECT_EQ(headers["accept"], "application/vnd.github+json");
  EXPECT_EQ(headers["x-github-api-version"], "2022-11-28");
  EXPECT_EQ(headers["authorization"].rfind("Bearer ", 0), 0u);
  EXPECT_FALSE(headers["user-agent"].empty());

  const auto& b = req["parsed_body"];
  EXPECT_EQ(str(b, "event_type"), "drift-detected");
  // The payload names the remediation; every fact is in our table.
  const auto& p = b["client_payload"];
  EXPECT_EQ(p.MemberCount(), 3u);
  EXPECT_EQ(p["schema_version"].GetInt(), 2);
  ASSERT_EQ(p["drift_event_ids"].Size(), 1u);
  EXPECT_EQ(std::string(p["drift_event_ids"][0].GetString()), event_id);
  auto rem = remediation_item(req);
  ASSERT_TRUE(rem) << "no remediation recorded for " << str(p, "remediation_id");
  const auto& r = *rem;
  EXPECT_EQ(ddb::get_s(r, "status"), "recorded");
  EXPECT_EQ(ddb::get_s(r, "deployment_id"), newer.deployment_id);
  EXPECT_EQ(ddb::get_s(r, "severity"), "CRITICAL");  // encryption removed in production
  EXPECT_EQ(ddb::get_bool(r, "auto_approve"), true);
  EXPECT_EQ(ddb::get_bool(r, "manual_review_required"), false);
  EXPECT_EQ(ddb::get_s(r, "git_commit_sha"), newer.commit);
  EXPECT_EQ(ddb::get_s(r, "git_branch"), "main");
  EXPECT_EQ(ddb::get_s(r, "tfvars_path"), "Accounts/prod/" + newer.deployment_id + ".tfvars");
  EXPECT_EQ(ddb::get_s(r, "workspace"), "prod");
  EXPECT_EQ(ddb::get_s(r, "environment"), "production");
  EXPECT_EQ(ddb::get_s(r, "region"), "us-east-1");
  EXPECT_EQ(ddb::get_s(r, "history_timestamp"), "2025-12-05T10:30:00Z");
  const auto* st = ddb::get_m(r, "state");
  ASSERT_NE(st, nullptr);
  EXPECT_EQ(ddb::get_s(*st, "bucket"), stack()["state_bucket"]);
  EXPECT_EQ(ddb::get_s(*st, "key"), "platform/terraform.tfstate");
  EXPECT_EQ(ddb::get_s(*st, "workspace_key_prefix"), "env:");
  EXPECT_EQ(ddb::get_s(*st, "lock_table"), stack()["tf_lock_table"]);
  const auto* addrs = r.at("addresses").as_l();
  ASSERT_NE(addrs, nullptr);
  ASSERT_EQ(addrs->size(), 2u);
  EXPECT_EQ(*(*addrs)[0].as_s(), "aws_s3_bucket.data");
  EXPECT_EQ(*r.at("drift_event_ids").as_l()->at(0).as_s(), event_id);
  ASSERT_TRUE(ddb::get_int(r, "ttl"));

  auto item = history_item(event_id, "2025-12-05T10:30:00Z");
  ASSERT_TRUE(item);
  EXPECT_EQ(ddb::get_s(*item, "status"), "dispatched");
  EXPECT_EQ(ddb::get_s(*item, "remediation_id"), str(p, "remediation_id"));
  EXPECT_EQ(ddb::get_s(*item, "deployment_id"), newer.deployment_id);
  EXPECT_EQ(ddb::get_s(*item, "git_commit_sha"), newer.commit);
  EXPECT_EQ(ddb::get_s(*item, "severity"), "CRITICAL");
  EXPECT_EQ(ddb::get_s(*item, "priority"), "P0");
  EXPECT_EQ(ddb::get_s(*item, "resource_arn"), arn);
  EXPECT_EQ(ddb::get_s(*item, "change_author"), "user@example.com");
  EXPECT_EQ(ddb::get_bool(*item, "remediation_triggered"), true);
  auto ttl = ddb::get_int(*item, "ttl");
  ASSERT_TRUE(ttl);
  const long long now = std::chrono::duration_cast<std::chrono::seconds>(
                            std::chrono::system_clock::now().time_since_epoch())
                            .count();
  EXPECT_NEAR(static_cast<double>(*ttl - now), 90.0 * 86400, 600);

  // The remediation lock stays held for the workflow, owned by the event.
  auto lock = lock_item(newer.deployment_id);
  ASSERT_TRUE(lock);
  EXPECT_EQ(ddb::get_s(*lock, "owner"), event_id);
}

TEST_F(Dispatch, PolicyMajorVersionAheadAsksForReview) {
  const std::string arn = "arn:aws:s3:::" + unique("bucket");
  const std::string event_id = unique("evt");
  deployment_spec dep{"dep-" + event_id, arn};
  dep.policy_version = "v1.2.0";
  put_deployment(dep);
  // A second policy table for this test only: the suite's may hold other versions.
  auto policy = drift_test::make_stack("pol");
  for (const char* v : {"v1.2.0", "v2.0.0", "v10.1.0"}) {
    auto r = ddb::put_item(
        aws(), {policy["policy_table"], {{"policy_id", "current"}, {"version", v}}, "", {}});
    ASSERT_TRUE(r) << r.error().describe();
  }
  harness h(function_env({{"POLICY_TABLE", policy["policy_table"]}}));
  const auto res = h.invoke(sns_event({agent_event({event_id, arn})}));
  ASSERT_FALSE(res.function_error) << res.body;
  EXPECT_EQ(str(res.json()["records"][0], "outcome"), "awaiting_review") << res.body;
  auto sent = dispatches_for(event_id);
  ASSERT_EQ(sent.size(), 1u);
  auto rem = remediation_item(sent[0]);
  ASSERT_TRUE(rem);
  EXPECT_EQ(ddb::get_bool(*rem, "auto_approve"), false);
  EXPECT_EQ(ddb::get_bool(*rem, "manual_review_required"), true);
  const auto* reasons = rem->at("review_reasons").as_l();
  ASSERT_TRUE(reasons && !reasons->empty());
  EXPECT_NE(reasons->at(0).as_s()->find("v10.1.0"), std::string::npos);
  auto item = history_item(event_id, "2025-12-05T10:30:00Z");
  ASSERT_TRUE(item);
  EXPECT_EQ(ddb::get_s(*item, "status"), "awaiting_review");
}

TEST_F(Dispatch, CriticalTaggedResourceIsNeverAutoApproved) {
  const std::string arn = "arn:aws:s3:::" + unique("bucket");
  const std::string event_id = unique("evt");
  deployment_spec dep{"dep-" + event_id, arn};
  dep.tags["CriticalityLevel"] = "critical";
  put_deployment(dep);
  harness h(function_env());
  const auto res = h.invoke(sns_event({agent_event({event_id, arn})}));
  ASSERT_FALSE(res.function_error) << res.body;
  auto sent = dispatches_for(event_id);
  ASSERT_EQ(sent.size(), 1u);
  auto rem = remediation_item(sent[0]);
  ASSERT_TRUE(rem);
  EXPECT_EQ(ddb::get_bool(*rem, "auto_approve"), false);
  EXPECT_EQ(ddb::get_bool(*rem, "manual_review_required"), true);
}

TEST_F(Dispatch, AnEventsClaimedTagsDoNotOverrideTheRecordedOnes) {
  // Recorded without AutoRevert; the event claims AutoRevert=true and Criticality=low.
  const std::string arn = "arn:aws:s3:::" + unique("bucket");
  const std::string event_id = unique("evt");
  deployment_spec dep{"dep-" + event_id, arn};
  dep.tags.erase("AutoRevert");
  dep.tags["Criticality"] = "critical";
  put_deployment(dep);
  event_spec e{event_id, arn};
  e.tags["AutoRevert"] = "true";
  e.tags["Criticality"] = "low";
  harness h(function_env());
  const auto res = h.invoke(sns_event({agent_event(e)}));
  ASSERT_FALSE(res.function_error) << res.body;
  EXPECT_EQ(str(res.json()["records"][0], "outcome"), "awaiting_review") << res.body;
  auto sent = dispatches_for(event_id);
  ASSERT_EQ(sent.size(), 1u);
  auto rem = remediation_item(sent[0]);
  ASSERT_TRUE(rem);
  EXPECT_EQ(ddb::get_bool(*rem, "auto_approve"), false);
  std::string reasons;
  for (const auto& v : *rem->at("review_reasons").as_l()) reasons += *v.as_s() + ";";
  EXPECT_NE(reasons.find("AutoRevert"), std::string::npos) << reasons;
  EXPECT_NE(reasons.find("Criticality=critical"), std::string::npos) << reasons;
}

TEST_F(Dispatch, NoDeploymentIsUnmatchedAndAlertedWhenHigh) {
  const std::string arn = "arn:aws:s3:::" + unique("nobody");
  const std::string event_id = unique("evt");
  drain(stack()["alerts_queue_url"], 0);
  harness h(function_env());
  const auto res = h.invoke(sns_event({agent_event({event_id, arn})}));
  ASSERT_FALSE(res.function_error) << res.body;
  EXPECT_EQ(str(res.json()["records"][0], "outcome"), "unmatched");
  auto item = history_item(event_id, "2025-12-05T10:30:00Z");
  ASSERT_TRUE(item);
  EXPECT_EQ(ddb::get_s(*item, "status"), "unmatched");
  EXPECT_TRUE(dispatches_for(event_id).empty());
  bool alerted = false;
  for (const auto& m : drain(stack()["alerts_queue_url"]))
    alerted = alerted || m.body.find(event_id) != std::string::npos;
  EXPECT_TRUE(alerted);
}

TEST_F(Dispatch, KillSwitchAcknowledgesWithoutActing) {
  const std::string arn = "arn:aws:s3:::" + unique("bucket");
  const std::string event_id = unique("evt");
  put_deployment({"dep-" + event_id, arn});
  harness h(function_env({{"DISABLE_PROCESSING", "true"}}));
  const auto res = h.invoke(sns_event({agent_event({event_id, arn})}));
  ASSERT_FALSE(res.function_error) << res.body;
  EXPECT_EQ(str(res.json()["records"][0], "outcome"), "skipped");
  EXPECT_TRUE(dispatches_for(event_id).empty());
  EXPECT_FALSE(lock_item("dep-" + event_id));
  auto item = history_item(event_id, "2025-12-05T10:30:00Z");
  ASSERT_TRUE(item);
  EXPECT_EQ(ddb::get_s(*item, "status"), "skipped");
  EXPECT_NE(ddb::get_s(*item, "status_reason").find("kill switch"), std::string::npos);
  EXPECT_NE(h.log().find("DISABLE_PROCESSING"), std::string::npos);
}

TEST_F(Dispatch, MalformedRecordsInABatchAreRejectedAndTheOthersGoOn) {
  const std::string arn = "arn:aws:s3:::" + unique("bucket");
  const std::string event_id = unique("evt");
  put_deployment({"dep-" + event_id, arn});
  const std::string bad_json = unique("q-bad-json");
  const std::string bad_arn = unique("q-no-arn");
  const std::string good = unique("q-good");
  std::string no_arn = agent_event({unique("evt"), arn});
  no_arn.replace(no_arn.find("\"resourceArn\""), 13, "\"resourceXrn\"");
  harness h(function_env());
  const auto res = h.invoke(sqs_event(
      {{bad_json, "{not json"}, {good, agent_event({event_id, arn})}, {bad_arn, no_arn}}));
  ASSERT_EQ(res.status, 200);
  ASSERT_FALSE(res.function_error) << res.body;
  auto body = res.json();
  ASSERT_EQ(body["records"].Size(), 3u) << res.body;
  EXPECT_EQ(str(body["records"][0], "outcome"), "rejected");
  EXPECT_EQ(str(body["records"][1], "outcome"), "dispatched");
  EXPECT_EQ(str(body["records"][2], "outcome"), "rejected");
  EXPECT_NE(str(body["records"][2], "detail").find("resourceArn"), std::string::npos);
  EXPECT_EQ(body["batchItemFailures"].Size(), 0u);
  EXPECT_EQ(dispatches_for(event_id).size(), 1u);
  // Rejected records are in history under their message id and arrival time.
  for (const auto& id : {bad_json, bad_arn}) {
    auto item = history_item(id, "2025-12-05T10:30:00.000Z");
    ASSERT_TRUE(item) << id;
    EXPECT_EQ(ddb::get_s(*item, "status"), "rejected");
    EXPECT_FALSE(ddb::get_s(*item, "error_message").empty());
  }
}

TEST_F(Dispatch, ScannerEventIsGradedInTerraformTermsAndTargetsItsAddress) {
  const std::string bucket = unique("bucket");
  const std::string arn = "arn:aws:s3:::" + bucket;
  const std::string event_id = unique("scan");
  put_deployment({"dep-" + event_id, arn});
  // The scanner's envelope: a split resource under its parent bucket's ARN and tags.
  const std::string ev =
      R"({"version":"0","id":")" + event_id +
      R"(","detail-type":"Drift Detected","source":"drift-detection.scanner","time":"2025-12-05T10:30:00Z","region":"us-east-1","resources":[")" +
      arn +
      R"("],"detail":{"driftType":"resource_deleted","resourceType":"aws_s3_bucket_server_side_encryption_configuration","resourceArn":")" +
      arn +
      R"(","changedProperties":["rule"],"detectedBy":"drift-scanner","changeAuthor":"arn:aws:iam::123456789012:user/alice","changeTime":"2025-12-05T10:29:41Z","severity":"LOW","tags":{"ManagedBy":"terraform","AutoRevert":"true"},"terraform":{"address":"aws_s3_bucket_server_side_encryption_configuration.data","workspace":"prod","environment":"production","target":"platform","stateLocation":"s3://state/env:/prod/platform/terraform.tfstate","reportUri":"s3://reports/reports/platform/prod/x.json"}}})";
  const std::string metrics_ns = unique("ns");
  harness h(function_env({{"METRICS_NAMESPACE", metrics_ns}}));
  const auto res = h.invoke(sns_event({ev}));
  ASSERT_FALSE(res.function_error) << res.body;
  EXPECT_EQ(detected_sources(metrics_ns), (std::set<std::string>{"scanner"}));
  auto sent = dispatches_for(event_id);
  ASSERT_EQ(sent.size(), 1u) << res.body;
  auto rem = remediation_item(sent[0]);
  ASSERT_TRUE(rem);
  EXPECT_EQ(ddb::get_s(*rem, "severity"), "CRITICAL");  // encryption configuration deleted
  const auto* addrs = rem->at("addresses").as_l();
  ASSERT_GE(addrs->size(), 3u);
  EXPECT_EQ(*addrs->at(0).as_s(), "aws_s3_bucket_server_side_encryption_configuration.data");
  // The change seen through CloudTrail: when and by whom, for the MTTR from the change.
  auto item = history_item(event_id, "2025-12-05T10:30:00Z");
  ASSERT_TRUE(item);
  EXPECT_EQ(ddb::get_s(*item, "change_time"), "2025-12-05T10:29:41Z");
  EXPECT_EQ(ddb::get_s(*item, "change_author"), "arn:aws:iam::123456789012:user/alice");
}

TEST_F(Dispatch, AChangeTimeThatCannotBeTheChangesIsIgnoredAndTheEventGoesOn) {
  // Not ISO-8601; after the detection (10:30); in the future.
  const std::vector<std::string> bad = {"yesterday", "2025-12-05T10:31:00Z",
                                        "2999-01-01T00:00:00Z"};
  std::vector<std::string> ids, events;
  for (const auto& t : bad) {
    const std::string arn = "arn:aws:s3:::" + unique("bucket");
    ids.push_back(unique("evt"));
    put_deployment({"dep-" + ids.back(), arn});
    std::string ev = agent_event({ids.back(), arn});
    const std::string seed = "2025-12-05T10:25:00Z";
    ev.replace(ev.find(seed), seed.size(), t);
    events.push_back(ev);
  }
  harness h(function_env());
  const auto res = h.invoke(sns_event(events));
  ASSERT_FALSE(res.function_error) << res.body;
  auto body = res.json();
  ASSERT_EQ(body["records"].Size(), bad.size()) << res.body;
  for (std::size_t i = 0; i < bad.size(); ++i) {
    EXPECT_EQ(str(body["records"][i], "outcome"), "dispatched") << bad[i];
    auto item = history_item(ids[i], "2025-12-05T10:30:00Z");
    ASSERT_TRUE(item) << bad[i];
    EXPECT_FALSE(item->count("change_time")) << bad[i] << " was recorded";
    EXPECT_NE(h.log().find(bad[i]), std::string::npos) << "no log line names " << bad[i];
  }
  EXPECT_NE(h.log().find("changeTime ignored"), std::string::npos);
}
