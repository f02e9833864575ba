// Locks, retries and the cool-down: a held remediation lock or Terraform lock (either kind)
// means no dispatch and a retry through the queue; the retry resumes the same history item
// once; after the configured attempts the event fails with an alert.
#include "aws/s3.h"
#include "fixture.h"

using namespace orch_test;

namespace {

class Locks : public suite {
 protected:
  static long long now_s() {
    return std::chrono::duration_cast<std::chrono::seconds>(
               std::chrono::system_clock::now().time_since_epoch())
        .count();
  }
  static void put_lock(const std::string& lock_id, const std::string& owner, long long ttl) {
    auto r = ddb::put_item(
        aws(),
        {stack()["locks_table"], {{"lock_id", lock_id}, {"owner", owner}, {"ttl", ttl}}, "", {}});
    ASSERT_TRUE(r) << r.error().describe();
  }
  // The retry messages for this event now on the retry queue.
  static std::vector<aws::sqs::message> retries_for(const std::string& event_id) {
    std::vector<aws::sqs::message> out;
    for (int i = 0; i < 6 && out.empty(); ++i)
      for (auto& m : drain(stack()["retry_queue_url"], 2))
        if (m.body.find(event_id) != std::string::npos) out.push_back(std::move(m));
    return out;
  }
  static bool alerted_about(const std::string& event_id) {
    for (int i = 0; i < 3; ++i)
      for (const auto& m : drain(stack()["alerts_queue_url"], 1))
        if (m.body.find(event_id) != std::string::npos) return true;
    return false;
  }
  static std::string outcome(const invoke_result& r, int i = 0) {
    auto d = r.json();
    if (!d.IsObject() || !d.HasMember("records") || d["records"].Size() <= static_cast<unsigned>(i))
      return "<no records: " + r.body + ">";
    return d["records"][i]["outcome"].GetString();
  }
};

}  // namespace

TEST_F(Locks, HeldRemediationLockSchedulesARetryThatResumesOnceReleased) {
  const std::string arn = "arn:aws:s3:::" + unique("bucket");
  const std::string event_id = unique("evt");
  const std::string dep = "dep-" + event_id;
  put_deployment({dep, arn});
  put_lock(dep, "someone-else", now_s() + 600);

  harness h(function_env());
  auto res = h.invoke(sns_event({agent_event({event_id, arn})}));
  ASSERT_FALSE(res.function_error) << res.body;
  EXPECT_EQ(outcome(res), "retry_scheduled");
  EXPECT_TRUE(dispatches_for(event_id).empty());
  auto lock = lock_item(dep);
  ASSERT_TRUE(lock);
  EXPECT_EQ(ddb::get_s(*lock, "owner"), "someone-else");  // not ours to touch
  auto item = history_item(event_id, "2025-12-05T10:30:00Z");
  ASSERT_TRUE(item);
  EXPECT_EQ(ddb::get_s(*item, "status"), "retry_scheduled");
  EXPECT_EQ(ddb::get_int(*item, "attempts"), 1);

  auto retries = retries_for(event_id);
  ASSERT_EQ(retries.size(), 1u);
  rapidjson::Document msg;
  msg.Parse(retries[0].body.c_str());
  ASSERT_TRUE(msg.IsObject());
  EXPECT_EQ(msg["attempt"].GetInt(), 1);
  EXPECT_NE(std::string(msg["reason"].GetString()).find("remediation lock"), std::string::npos);

  // The other remediation finishes; the retry comes round and resumes the same item.
  ASSERT_TRUE(ddb::delete_item(aws(), {stack()["locks_table"], {{"lock_id", dep}}, "", {}}));
  const auto sqs = sqs_event({{retries[0].message_id, retries[0].body}});
  res = h.invoke(sqs);
  ASSERT_FALSE(res.function_error) << res.body;
  EXPECT_EQ(outcome(res), "dispatched") << res.body;
  auto sent = dispatches_for(event_id);
  ASSERT_EQ(sent.size(), 1u);
  auto rem = remediation_item(sent[0]);
  ASSERT_TRUE(rem);
  EXPECT_EQ(ddb::get_s(*rem, "deployment_id"), dep);
  item = history_item(event_id, "2025-12-05T10:30:00Z");
  EXPECT_EQ(ddb::get_s(*item, "status"), "dispatched");

  // The same retry message delivered again resumes nothing.
  res = h.invoke(sqs);
  EXPECT_EQ(outcome(res), "duplicate");
  EXPECT_EQ(dispatches_for(event_id).size(), 1u);
}

TEST_F(Locks, ExpiredRemediationLockIsStolen) {
  const std::string arn = "arn:aws:s3:::" + unique("bucket");
  const std::string event_id = unique("evt");
  const std::string dep = "dep-" + event_id;
  put_deployment({dep, arn});
  put_lock(dep, "crashed-run", now_s() - 30);
  harness h(function_env());
  auto res = h.invoke(sns_event({agent_event({event_id, arn})}));
  EXPECT_EQ(outcome(res), "dispatched") << res.body;
  EXPECT_EQ(dispatches_for(event_id).size(), 1u);
  EXPECT_EQ(ddb::get_s(*lock_item(dep), "owner"), event_id);
}

TEST_F(Locks, TerraformDynamoDbLockHeldMeansNoDispatchAndIsLeftAlone) {
  const std::string arn = "arn:aws:s3:::" + unique("bucket");
  const std::string event_id = unique("evt");
  deployment_spec d{"dep-" + event_id, arn};
  d.workspace = unique("ws");
  d.lock_table = stack()["tf_lock_table"];
  put_deployment(d);
  const std::string lock_id =
      stack()["state_bucket"] + "/env:/" + d.workspace + "/platform/terraform.tfstate";
  const std::string info = R"({"ID":"1","Operation":"OperationTypeApply","Who":"alice@laptop"})";
  ASSERT_TRUE(ddb::put_item(
      aws(), {stack()["tf_lock_table"], {{"LockID", lock_id}, {"Info", info}}, "", {}}));
  // The digest item beside it is no lock.
  ASSERT_TRUE(ddb::put_item(
      aws(),
      {stack()["tf_lock_table"], {{"LockID", lock_id + "-md5"}, {"Digest", "abc"}}, "", {}}));

  harness h(function_env());
  auto res = h.invoke(sns_event({agent_event({event_id, arn})}));
  EXPECT_EQ(outcome(res), "retry_scheduled") << res.body;
  EXPECT_TRUE(dispatches_for(event_id).empty());
  EXPECT_FALSE(lock_item(d.deployment_id));  // our lock was never taken
  auto tf = ddb::get_item(aws(), stack()["tf_lock_table"], {{"LockID", lock_id}}, true);
  ASSERT_TRUE(tf && tf.value());
  EXPECT_EQ(ddb::get_s(*tf.value(), "Info"), info);
  auto item = history_item(event_id, "2025-12-05T10:30:00Z");
  EXPECT_NE(ddb::get_s(*item, "retry_reason").find("terraform lock"), std::string::npos);

  // Terraform finishes: the retry dispatches.
  ASSERT_TRUE(ddb::delete_item(aws(), {stack()["tf_lock_table"], {{"LockID", lock_id}}, "", {}}));
  auto retries = retries_for(event_id);
  ASSERT_EQ(retries.size(), 1u);
  res = h.invoke(sqs_event({{retries[0].message_id, retries[0].body}}));
  EXPECT_EQ(outcome(res), "dispatched") << res.body;
  EXPECT_EQ(dispatches_for(event_id).size(), 1u);
}

TEST_F(Locks, TerraformS3LockfileHeldMeansNoDispatchAndIsLeftAlone) {
  const std::string arn = "arn:aws:s3:::" + unique("bucket");
  const std::string event_id = unique("evt");
  deployment_spec d{"dep-" + event_id, arn};
  d.workspace = unique("ws");
  d.use_lockfile = true;
  put_deployment(d);
  const std::string key = "env:/" + d.workspace + "/platform/terraform.tfstate.tflock";
  const std::string info = R"({"ID":"2","Operation":"OperationTypePlan","Who":"bob@ci"})";
  ASSERT_TRUE(aws::s3::put_object(aws(), stack()["state_bucket"], key, info));

  harness h(function_env());
  auto res = h.invoke(sns_event({agent_event({event_id, arn})}));
  EXPECT_EQ(outcome(res), "retry_scheduled") << res.body;
  EXPECT_TRUE(dispatches_for(event_id).empty());
  auto obj = aws::s3::get_object(aws(), stack()["state_bucket"], key);
  ASSERT_TRUE(obj);
  EXPECT_EQ(obj->body, info);
  auto item = history_item(event_id, "2025-12-05T10:30:00Z");
  EXPECT_NE(ddb::get_s(*item, "retry_reason").find(".tflock"), std::string::npos);
}

TEST_F(Locks, AfterMaxAttemptsTheEventFailsWithAnAlert) {
  const std::string arn = "arn:aws:s3:::" + unique("bucket");
  const std::string event_id = unique("evt");
  const std::string dep = "dep-" + event_id;
  put_deployment({dep, arn});
  put_lock(dep, "long-runner", now_s() + 600);
  drain(stack()["alerts_queue_url"], 0);
  harness h(function_env({{"MAX_RETRY_ATTEMPTS", "1"}}));
  auto res = h.invoke(sns_event({agent_event({event_id, arn})}));
  EXPECT_EQ(outcome(res), "retry_scheduled") << res.body;
  auto retries = retries_for(event_id);
  ASSERT_EQ(retries.size(), 1u);
  res = h.invoke(sqs_event({{retries[0].message_id, retries[0].body}}));
  EXPECT_EQ(outcome(res), "failed") << res.body;
  auto item = history_item(event_id, "2025-12-05T10:30:00Z");
  EXPECT_EQ(ddb::get_s(*item, "status"), "failed");
  EXPECT_NE(ddb::get_s(*item, "error_message").find("gave up after 1"), std::string::npos);
  EXPECT_TRUE(alerted_about(event_id));
  EXPECT_TRUE(retries_for(event_id).empty());
  EXPECT_TRUE(dispatches_for(event_id).empty());
  EXPECT_EQ(ddb::get_s(*lock_item(dep), "owner"), "long-runner");
}

TEST_F(Locks, ResourceInCoolDownAfterAFailedRemediationIsSkippedAndAlerted) {
  const std::string arn = "arn:aws:s3:::" + unique("bucket");
  const std::string event_id = unique("evt");
  const std::string earlier = unique("evt-earlier");
  put_deployment({"dep-" + event_id, arn});
  ASSERT_TRUE(ddb::put_item(aws(), {stack()["history_table"],
                                    {{"drift_event_id", earlier},
                                     {"timestamp", "2025-12-05T09:00:00Z"},
                                     {"resource_arn", arn},
                                     {"status", "remediation_failed"},
                                     {"completed_at", iso_now(std::chrono::seconds(-120))}},
                                    "",
                                    {}}));
  drain(stack()["alerts_queue_url"], 0);
  harness h(function_env());
  auto res = h.invoke(sns_event({agent_event({event_id, arn})}));
  EXPECT_EQ(outcome(res), "skipped") << res.body;
  EXPECT_TRUE(dispatches_for(event_id).empty());
  auto item = history_item(event_id, "2025-12-05T10:30:00Z");
  EXPECT_EQ(ddb::get_s(*item, "status"), "skipped");
  EXPECT_NE(ddb::get_s(*item, "status_reason").find(earlier), std::string::npos);
  EXPECT_TRUE(alerted_about(event_id));
  EXPECT_FALSE(lock_item("dep-" + event_id));

  // Outside the cool-down the same history does not stop a dispatch.
  const std::string later = unique("evt");
  harness h2(function_env({{"COOLDOWN_SECONDS", "60"}}));
  res = h2.invoke(sns_event({agent_event({later, arn})}));
  EXPECT_EQ(outcome(res), "dispatched") << res.body;
}

TEST_F(Locks, KillSwitchEndsAWaitingRetryAsSkipped) {
  const std::string arn = "arn:aws:s3:::" + unique("bucket");
  const std::string event_id = unique("evt");
  const std::string dep = "dep-" + event_id;
  put_deployment({dep, arn});
  put_lock(dep, "someone-else", now_s() + 600);
  {
    harness h(function_env());
    EXPECT_EQ(outcome(h.invoke(sns_event({agent_event({event_id, arn})}))), "retry_scheduled");
  }
  auto retries = retries_for(event_id);
  ASSERT_EQ(retries.size(), 1u);
  ASSERT_TRUE(ddb::delete_item(aws(), {stack()["locks_table"], {{"lock_id", dep}}, "", {}}));
  harness off(function_env({{"DISABLE_PROCESSING", "true"}}));
  auto res = off.invoke(sqs_event({{retries[0].message_id, retries[0].body}}));
  EXPECT_EQ(outcome(res), "skipped") << res.body;
  auto item = history_item(event_id, "2025-12-05T10:30:00Z");
  EXPECT_EQ(ddb::get_s(*item, "status"), "skipped");
  EXPECT_TRUE(dispatches_for(event_id).empty());
  EXPECT_FALSE(lock_item(dep));
}
