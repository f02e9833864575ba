// common/store against moto: every table's operations and their conditional writes, with the
// items read back raw so that the field names and shapes the other readers rely on (infra/,
// the workflow, the story) are checked too.
#include <gtest/gtest.h>

#include <chrono>
#include <memory>

#include "aws/dynamodb.h"
#include "moto.h"
#include "stack.h"
#include "store/deployments.h"
#include "store/history.h"
#include "store/locks.h"
#include "store/policies.h"
#include "store/remediations.h"

namespace {
namespace ddb = aws::dynamodb;
namespace status = drift::status;
using namespace std::chrono_literals;
using core::time::time_point;

time_point at(const char* iso) { return *core::time::parse_iso8601(iso); }

ddb::item key_item(const store::history_key& k) {
  return {{"drift_event_id", k.drift_event_id}, {"timestamp", k.timestamp}};
}

class Store : public ::testing::Test {
 protected:
  static void SetUpTestSuite() { stack_ = new drift_test::stack(drift_test::make_stack("store")); }
  static void TearDownTestSuite() { delete stack_; }

  static aws::session& s() {
    static std::shared_ptr<aws::session> session = [] {
      ::setenv("AWS_ENDPOINT_URL", drift_test::moto_endpoint().c_str(), 1);
      ::setenv("AWS_REGION", "us-east-1", 1);
      ::setenv("AWS_ACCESS_KEY_ID", "test", 1);
      ::setenv("AWS_SECRET_ACCESS_KEY", "test", 1);
      return aws::session::from_environment();
    }();
    return *session;
  }
  static const std::string& table(const char* name) { return (*stack_)[name]; }

  static ddb::item raw(const char* table_key, const ddb::item& key) {
    auto r = ddb::get_item(s(), table(table_key), key, true);
    if (!r) throw std::runtime_error(r.error().describe());
    return r->value_or(ddb::item{});
  }

  static std::string unique(const std::string& prefix) {
    static int n = 0;
    return prefix + "-" + std::to_string(::getpid()) + "-" + std::to_string(++n);
  }

  static drift::drift_event event(const std::string& id, const std::string& arn) {
    drift::drift_event ev;
    ev.id = id;
    ev.time = "2025-12-05T10:30:00Z";
    ev.source = "aws.devops-agent";
    ev.detail_type = "AWS DevOps Agent - Drift Detected";
    ev.detail.resource_arn = arn;
    ev.detail.resource_type = "AWS::S3::Bucket";
    ev.detail.drift_type = "configuration_change";
    ev.detail.changed_properties = {"VersioningConfiguration"};
    ev.detail.severity = "HIGH";
    ev.detail.terraform =
        drift::terraform_ref{"aws_s3_bucket.data", "prod", "production", "", "", ""};
    return ev;
  }

  static drift_test::stack* stack_;
};
drift_test::stack* Store::stack_ = nullptr;

// ---------------------------------------------------------------------------------------------
// Deployment metadata.

store::deployment deployment(const std::string& id, const std::string& arn, const char* when,
                             const char* status_text = "success") {
  store::deployment d;
  d.deployment_id = id;
  d.resource_arn = arn;
  d.deployed_at = when;
  d.deployment_status = status_text;
  d.git_commit_sha = "c0ffee" + id;
  d.git_branch = "main";
  d.tfvars_path = "Accounts/prod/app.tfvars";
  d.account_id = "123456789012";
  d.region = "us-east-1";
  d.policy_version = "v2.0.0";
  d.terraform_version = "1.11.4";
  d.deployed_by = "ci";
  d.workspace = "prod";
  d.environment = "production";
  d.resource_type = "aws_s3_bucket";
  d.terraform_address = "aws_s3_bucket.data";
  d.terraform_addresses = {"aws_s3_bucket.data", "aws_s3_bucket_versioning.data"};
  d.state_bucket = "tfstate";
  d.state_key = "app/terraform.tfstate";
  d.workspace_key_prefix = "env:";
  d.state_region = "us-east-1";
  d.lock_table = "tflock";
  d.use_lockfile = true;
  d.tags = {{"AutoRevert", "true"}, {"ManagedBy", "terraform"}};
  return d;
}

TEST_F(Store, TheNewestSuccessfulDeploymentOfAnArn) {
  store::deployments deps(s(), table("metadata_table"));
  const std::string arn = "arn:aws:s3:::" + unique("bucket");
  ASSERT_TRUE(deps.record(deployment("dep-old", arn, "2025-11-01T08:00:00Z")));
  ASSERT_TRUE(deps.record(deployment("dep-good", arn, "2025-12-01T08:00:00Z")));
  // Newer, but not a success: passed over.
  ASSERT_TRUE(deps.record(deployment("dep-failed", arn, "2025-12-02T08:00:00Z", "failed")));
  ASSERT_TRUE(deps.record(deployment("dep-rolled", arn, "2025-12-03T08:00:00Z", "rolled_back")));

  auto found = deps.newest_successful(arn);
  ASSERT_TRUE(found) << found.error().describe();
  ASSERT_TRUE(found->has_value());
  const store::deployment& d = **found;
  EXPECT_EQ(d.deployment_id, "dep-good");
  EXPECT_EQ(d.git_commit_sha, "c0ffeedep-good");
  EXPECT_EQ(d.terraform_addresses,
            (std::vector<std::string>{"aws_s3_bucket.data", "aws_s3_bucket_versioning.data"}));
  EXPECT_TRUE(d.use_lockfile);
  EXPECT_EQ(d.tags.at("AutoRevert"), "true");
  EXPECT_EQ(d.full_state_key(), "env:/prod/app/terraform.tfstate");
  EXPECT_EQ(d.terraform_lock_id(), "tfstate/env:/prod/app/terraform.tfstate");

  auto none = deps.newest_successful("arn:aws:s3:::" + unique("nothing"));
  ASSERT_TRUE(none);
  EXPECT_FALSE(none->has_value());

  // The shapes other readers (the workflow, the story) see.
  const ddb::item it =
      raw("metadata_table", {{"deployment_id", "dep-good"}, {"resource_arn", arn}});
  EXPECT_EQ(ddb::get_s(it, "deployed_at"), "2025-12-01T08:00:00Z");
  EXPECT_EQ(ddb::get_s(it, "resource_type"), "aws_s3_bucket");
  ASSERT_NE(it.at("terraform_addresses").as_l(), nullptr);
  EXPECT_EQ(ddb::get_bool(it, "use_lockfile"), true);
  ASSERT_NE(ddb::get_m(it, "tags"), nullptr);
  EXPECT_EQ(ddb::get_s(*ddb::get_m(it, "tags"), "ManagedBy"), "terraform");
}

TEST_F(Store, OlderDeploymentItemsAreReadLeniently) {
  const std::string arn = "arn:aws:s3:::" + unique("older");
  ddb::item it = {{"deployment_id", "dep-ss"},
                  {"resource_arn", arn},
                  {"deployed_at", "2025-12-01T08:00:00Z"},
                  {"deployment_status", "success"},
                  {"terraform_addresses", ddb::value::string_set({"a.b", "c.d"})},
                  {"use_lockfile", "true"}};
  ASSERT_TRUE(ddb::put_item(s(), {table("metadata_table"), it, "", {}}));
  auto found = store::deployments(s(), table("metadata_table")).newest_successful(arn);
  ASSERT_TRUE(found && found->has_value());
  EXPECT_EQ((*found)->terraform_addresses.size(), 2u);
  EXPECT_TRUE((*found)->use_lockfile);
  EXPECT_EQ((*found)->full_state_key(), "");  // no state recorded: nothing to lock
}

// ---------------------------------------------------------------------------------------------
// Remediation locks, and Terraform's lock (read only).

TEST_F(Store, ALockIsTakenOnceStolenOnlyWhenExpiredAndReleasedOnlyByItsOwner) {
  store::locks locks(s(), table("locks_table"));
  const std::string id = unique("dep");
  const time_point now = core::time::clock::now();
  auto took = locks.take({id, "evt-1", "arn:aws:s3:::b", now, 60s});
  ASSERT_TRUE(took) << took.error().describe();
  EXPECT_TRUE(*took);
  EXPECT_TRUE(*locks.take({id, "evt-1", "arn:aws:s3:::b", now, 60s}));  // already ours
  EXPECT_FALSE(*locks.take({id, "evt-2", "arn:aws:s3:::b", now, 60s}));
  ddb::item it = raw("locks_table", {{"lock_id", id}});
  EXPECT_EQ(ddb::get_s(it, "owner"), "evt-1");
  EXPECT_EQ(ddb::get_s(it, "locked_by"), "workflow-orchestrator");
  EXPECT_EQ(ddb::get_s(it, "resource_arn"), "arn:aws:s3:::b");
  EXPECT_EQ(ddb::get_int(it, "ttl"), core::time::epoch_seconds(now) + 60);

  // Expired (DynamoDB deletes lazily): free for another event.
  EXPECT_TRUE(*locks.take({id, "evt-2", "arn:aws:s3:::b", now + 61s, 60s}));
  EXPECT_EQ(*locks.release(id, "evt-1"), store::release_result::not_owner);
  EXPECT_EQ(ddb::get_s(raw("locks_table", {{"lock_id", id}}), "owner"), "evt-2");

  // Extended only by the owner, and only when below the mark.
  const long long t = core::time::epoch_seconds(now);
  EXPECT_FALSE(*locks.extend(id, "evt-1", t + 1000, t + 500));
  EXPECT_TRUE(*locks.extend(id, "evt-2", t + 1000, t + 500));
  EXPECT_FALSE(*locks.extend(id, "evt-2", t + 1000, t + 500));  // already above: unchanged
  EXPECT_EQ(ddb::get_int(raw("locks_table", {{"lock_id", id}}), "ttl"), t + 1000);

  EXPECT_EQ(*locks.release(id, "evt-2"), store::release_result::released);
  EXPECT_TRUE(raw("locks_table", {{"lock_id", id}}).empty());
  EXPECT_EQ(*locks.release(id, "evt-2"), store::release_result::not_owner);
}

TEST_F(Store, TerraformsLockIsOnlyRead) {
  const std::string lock_id = "tfstate/" + unique("env:/prod/app") + "/terraform.tfstate";
  auto free = store::terraform_lock_info(s(), table("tf_lock_table"), lock_id);
  ASSERT_TRUE(free) << free.error().describe();
  EXPECT_FALSE(free->has_value());
  ASSERT_TRUE(ddb::put_item(
      s(),
      {table("tf_lock_table"), {{"LockID", lock_id}, {"Info", "{\"Who\":\"alice\"}"}}, "", {}}));
  auto held = store::terraform_lock_info(s(), table("tf_lock_table"), lock_id);
  ASSERT_TRUE(held && held->has_value());
  EXPECT_EQ(**held, "{\"Who\":\"alice\"}");
}

// ---------------------------------------------------------------------------------------------
// Drift history: the orchestrator's writes.

TEST_F(Store, AnEventIsOpenedOnceAndResumedOnlyAfterItsLeaseEnds) {
  store::history h(s(), table("history_table"), 3600s);
  const auto ev = event(unique("evt"), "arn:aws:s3:::b1");
  const time_point now = core::time::clock::now();
  auto first = h.open(ev, "msg-1", "req-1/msg-1", now + 30s, now);
  ASSERT_TRUE(first) << first.error().describe();
  EXPECT_EQ(*first, store::claim::claimed);
  // A redelivery while the lease lives: someone else's.
  EXPECT_EQ(*h.open(ev, "msg-1", "req-2/msg-1", now + 30s, now), store::claim::taken);
  // After the lease: resumed.
  EXPECT_EQ(*h.open(ev, "msg-1", "req-3/msg-1", now + 90s, now + 31s), store::claim::claimed);

  const ddb::item it =
      raw("history_table", {{"drift_event_id", ev.id}, {"timestamp", "2025-12-05T10:30:00Z"}});
  EXPECT_EQ(ddb::get_s(it, "status"), "received");
  EXPECT_EQ(ddb::get_s(it, "lease_owner"), "req-3/msg-1");
  EXPECT_EQ(ddb::get_int(it, "lease_until"), core::time::epoch_seconds(now + 90s));
  EXPECT_EQ(ddb::get_s(it, "terraform_address"), "aws_s3_bucket.data");
  EXPECT_EQ(ddb::get_s(it, "event_severity"), "HIGH");
  EXPECT_EQ(ddb::get_int(it, "attempts"), 0);
  EXPECT_EQ(ddb::get_bool(it, "remediation_triggered"), false);
  EXPECT_EQ(ddb::get_int(it, "ttl"), core::time::epoch_seconds(now) + 3600);
  ASSERT_NE(it.at("changed_properties").as_l(), nullptr);
  EXPECT_EQ(ddb::get_s(it, "received_at").size(), 24u);  // milliseconds
  // No checked change time given: none recorded (the event's own changeTime is not trusted).
  EXPECT_EQ(it.count("change_time"), 0u);

  // Only the lease owner updates; the update drops the lease.
  store::history_fields f;
  f.status_reason = "no deployment";
  f.severity = "HIGH";
  auto wrong = h.update({ev.id, ev.time}, "req-1/msg-1", status::unmatched, f, now + 32s);
  ASSERT_FALSE(wrong);
  EXPECT_TRUE(ddb::is_condition_failed(wrong.error()));
  ASSERT_TRUE(h.update({ev.id, ev.time}, "req-3/msg-1", status::unmatched, f, now + 32s));
  const ddb::item done =
      raw("history_table", {{"drift_event_id", ev.id}, {"timestamp", "2025-12-05T10:30:00Z"}});
  EXPECT_EQ(ddb::get_s(done, "status"), "unmatched");
  EXPECT_EQ(ddb::get_s(done, "status_reason"), "no deployment");
  EXPECT_EQ(done.count("lease_owner"), 0u);
  EXPECT_EQ(done.count("lease_until"), 0u);
  // A final item is never claimed again.
  EXPECT_EQ(*h.open(ev, "msg-1", "req-4/msg-1", now + 200s, now + 100s), store::claim::taken);
}

TEST_F(Store, TheDispatchFieldsKeepTheirShapes) {
  store::history h(s(), table("history_table"));
  const auto ev = event(unique("evt"), "arn:aws:s3:::b2");
  const time_point now = core::time::clock::now();
  ASSERT_TRUE(h.open(ev, "m", "owner", now + 30s, now));
  store::history_fields f;
  f.deployment_id = "dep-1";
  f.workflow_trigger_response = store::dispatch_response{204, "success", 1, ""};
  f.remediation_triggered = true;
  f.dispatched_at = "2025-12-05T10:31:00.000Z";
  f.auto_approve = false;
  f.manual_review_required = true;
  f.review_reasons = std::vector<std::string>{"critical resource"};
  f.lock_id = "dep-1";
  f.remediation_id = "rem-1";
  f.priority = "P1";
  ASSERT_TRUE(h.update({ev.id, ev.time}, "owner", status::awaiting_review, f, now));
  const ddb::item it =
      raw("history_table", {{"drift_event_id", ev.id}, {"timestamp", "2025-12-05T10:30:00Z"}});
  EXPECT_EQ(ddb::get_s(it, "status"), "awaiting_review");
  const ddb::item* resp = ddb::get_m(it, "workflow_trigger_response");
  ASSERT_NE(resp, nullptr);
  EXPECT_EQ(ddb::get_int(*resp, "status_code"), 204);
  EXPECT_EQ(ddb::get_s(*resp, "outcome"), "success");
  EXPECT_EQ(ddb::get_int(*resp, "requests"), 1);
  EXPECT_EQ(resp->count("message"), 0u);
  EXPECT_EQ(ddb::get_bool(it, "remediation_triggered"), true);
  EXPECT_EQ(ddb::get_bool(it, "manual_review_required"), true);
  ASSERT_NE(it.at("review_reasons").as_l(), nullptr);
  EXPECT_EQ(ddb::get_s(it, "priority"), "P1");
  EXPECT_EQ(it.count("error_message"), 0u);  // unset fields are not written

  // The callback and the sweeper read the lock through lock_id.
  auto found = h.find(ev.id);
  ASSERT_TRUE(found && found->has_value());
  EXPECT_EQ((*found)->lock_id, "dep-1");
  EXPECT_EQ((*found)->status, "awaiting_review");
  EXPECT_TRUE((*found)->lease_owner.empty());
}

TEST_F(Store, RetriesResumeTheirAttemptOnce) {
  store::history h(s(), table("history_table"));
  const auto ev = event(unique("evt"), "arn:aws:s3:::b3");
  const store::history_key key{ev.id, ev.time};
  const time_point now = core::time::clock::now();
  ASSERT_TRUE(h.open(ev, "m", "o1", now + 30s, now));
  store::history_fields retry;
  retry.attempts = 1;
  retry.retry_reason = "remediation lock held";
  retry.next_attempt_at = "2025-12-05T10:31:00Z";
  ASSERT_TRUE(h.update(key, "o1", status::retry_scheduled, retry, now));
  EXPECT_EQ(*h.resume(key, 2, "o2", now + 30s, now), store::claim::taken);  // not that attempt
  EXPECT_EQ(*h.resume(key, 1, "o2", now + 30s, now), store::claim::claimed);
  EXPECT_EQ(*h.resume(key, 1, "o3", now + 30s, now), store::claim::taken);  // leased
  // The next retry message could not be sent: back to what a redelivery resumes.
  retry.attempts = 2;
  ASSERT_TRUE(h.update(key, "o2", status::retry_scheduled, retry, now));
  ASSERT_TRUE(h.unschedule_retry(key, 1, 2, status::retry_scheduled));
  EXPECT_EQ(ddb::get_int(raw("history_table", key_item(key)), "attempts"), 1);
  // The kill switch ends the waiting retry as skipped; a second time changes nothing.
  ASSERT_TRUE(h.skip_retry(key, 1, "kill switch", now));
  ASSERT_TRUE(h.skip_retry(key, 1, "kill switch", now));
  const ddb::item it = raw("history_table", key_item(key));
  EXPECT_EQ(ddb::get_s(it, "status"), "skipped");
  EXPECT_EQ(ddb::get_s(it, "status_reason"), "kill switch");
}

TEST_F(Store, RejectedAndSkippedItemsAreWrittenOnce) {
  store::history h(s(), table("history_table"));
  const time_point now = core::time::clock::now();
  const std::string msg = unique("msg");
  const std::string huge(10000, 'x');
  ASSERT_TRUE(h.reject(msg, "2025-12-05T10:30:00.000Z", "not JSON", huge + "\xff", now));
  ASSERT_TRUE(h.reject(msg, "2025-12-05T10:30:00.000Z", "other", "other", now));
  const ddb::item it =
      raw("history_table", {{"drift_event_id", msg}, {"timestamp", "2025-12-05T10:30:00.000Z"}});
  EXPECT_EQ(ddb::get_s(it, "status"), "rejected");
  EXPECT_EQ(ddb::get_s(it, "error_message"), "not JSON");
  EXPECT_LE(ddb::get_s(it, "raw_record").size(), 4096u);

  const auto ev = event(unique("evt"), "arn:aws:s3:::b4");
  ASSERT_TRUE(h.skip_unprocessed(ev, "m", "kill switch", now));
  EXPECT_EQ(*h.open(ev, "m", "o", now + 30s, now), store::claim::taken);
  EXPECT_EQ(ddb::get_s(raw("history_table", key_item({ev.id, ev.time})), "status"), "skipped");
}

TEST_F(Store, ACoolDownSeesTheNewestFailedRemediationOfTheResource) {
  store::history h(s(), table("history_table"));
  const std::string arn = "arn:aws:s3:::" + unique("cool");
  const time_point now = core::time::clock::now();
  auto ev = event(unique("evt"), arn);
  ev.time = core::time::iso8601(now - 600s);
  ASSERT_TRUE(h.open(ev, "m", "o", now + 30s, now));
  ASSERT_TRUE(ddb::update_item(s(), {table("history_table"),
                                     key_item({ev.id, ev.time}),
                                     "SET #s = :f",
                                     "",
                                     {{{"#s", "status"}}, {{":f", "remediation_failed"}}}}));
  auto recent = h.recent_failure(arn, now - 3600s);
  ASSERT_TRUE(recent) << recent.error().describe();
  ASSERT_TRUE(recent->has_value());
  EXPECT_EQ(**recent, ev.id);
  auto older = h.recent_failure(arn, now - 60s);
  ASSERT_TRUE(older);
  EXPECT_FALSE(older->has_value());

  // An event detected long ago whose remediation failed a minute ago: the cool-down counts
  // from the failure the callback recorded (completed_at), not from detection.
  const std::string arn2 = "arn:aws:s3:::" + unique("cool-late");
  auto late = event(unique("evt"), arn2);
  late.time = core::time::iso8601(now - 7200s);
  ASSERT_TRUE(h.open(late, "m", "o", now + 30s, now));
  ASSERT_TRUE(ddb::update_item(
      s(), {table("history_table"),
            key_item({late.id, late.time}),
            "SET #s = :f, completed_at = :at",
            "",
            {{{"#s", "status"}},
             {{":f", "remediation_failed"}, {":at", core::time::iso8601(now - 60s)}}}}));
  auto failed_lately = h.recent_failure(arn2, now - 3600s);
  ASSERT_TRUE(failed_lately) << failed_lately.error().describe();
  ASSERT_TRUE(failed_lately->has_value());
  EXPECT_EQ(**failed_lately, late.id);
}

// ---------------------------------------------------------------------------------------------
// Drift history: the sweeper and the callback.

TEST_F(Store, TheSweeperMarksOnlyWhatItSaw) {
  store::history h(s(), table("history_table"));
  const time_point then = core::time::clock::now() - 2h;
  const auto ev = event(unique("evt"), "arn:aws:s3:::b5");
  ASSERT_TRUE(h.open(ev, "m", "o", then + 30s, then));
  const time_point now = core::time::clock::now();
  std::vector<store::history_item> stuck;
  ASSERT_TRUE(h.each_stuck(now - 15min, now - 90min, now, [&](const store::history_item& it) {
    if (it.drift_event_id == ev.id) stuck.push_back(it);
  }));
  ASSERT_EQ(stuck.size(), 1u);
  EXPECT_EQ(stuck[0].status, "received");
  // A move in between wins over the sweeper.
  store::history_item moved = stuck[0];
  moved.updated_at = "2000-01-01T00:00:00.000Z";
  EXPECT_FALSE(*h.mark_stale(moved, "never dispatched", now));
  EXPECT_TRUE(*h.mark_stale(stuck[0], "never dispatched", now));
  const ddb::item it = raw("history_table", key_item(stuck[0].key()));
  EXPECT_EQ(ddb::get_s(it, "status"), "stale");
  EXPECT_EQ(ddb::get_s(it, "previous_status"), "received");
  EXPECT_EQ(ddb::get_s(it, "status_reason"), "never dispatched");
  EXPECT_FALSE(ddb::get_s(it, "stale_at").empty());
}

TEST_F(Store, TheCallbackMovesAnItemOnlyFromTheStatusItRead) {
  store::history h(s(), table("history_table"));
  const auto ev = event(unique("evt"), "arn:aws:s3:::b6");
  const time_point now = core::time::clock::now();
  ASSERT_TRUE(h.open(ev, "m", "o", now + 30s, now, at("2025-12-05T10:29:41Z")));
  store::history_fields f;
  f.lock_id = "dep-9";
  ASSERT_TRUE(h.update({ev.id, ev.time}, "o", status::dispatched, f, now));

  auto seen = h.find(ev.id);
  ASSERT_TRUE(seen && seen->has_value());
  store::outcome_update u;
  u.status = status::outcome::remediated;
  u.reported_status = "success";
  u.at = at("2025-12-05T10:40:00Z");
  u.mttr_seconds = 600;
  u.mttr_from_change_seconds = 619;
  u.workflow_run_url = "https://github.com/o/r/actions/runs/1";
  EXPECT_TRUE(*h.record_outcome(**seen, u));
  // The same read again: the item moved meanwhile.
  u.status = status::outcome::remediation_failed;
  EXPECT_FALSE(*h.record_outcome(**seen, u));

  auto now_item = h.find(ev.id);
  ASSERT_TRUE(now_item && now_item->has_value());
  const store::history_item& r = **now_item;
  EXPECT_EQ(r.status, "remediated");
  EXPECT_EQ(r.completed_at, "2025-12-05T10:40:00Z");
  EXPECT_EQ(r.mttr_seconds, 600);
  EXPECT_EQ(r.change_time, "2025-12-05T10:29:41Z");
  EXPECT_EQ(r.mttr_from_change_seconds, 619);
  EXPECT_FALSE(r.outcome_published);
  EXPECT_EQ(r.lock_id, "dep-9");
  EXPECT_EQ(ddb::get_s(raw("history_table", key_item(r.key())), "callback_status"), "success");
  ASSERT_TRUE(h.mark_published(r.key(), "remediated"));
  EXPECT_TRUE((*h.find(ev.id))->outcome_published);
  EXPECT_FALSE(h.mark_published(r.key(), "cancelled"));  // not in that status
  auto unknown = h.find(unique("none"));
  ASSERT_TRUE(unknown);
  EXPECT_FALSE(unknown->has_value());
}

// ---------------------------------------------------------------------------------------------
// Remediations (claims) and policy versions.

TEST_F(Store, ARemediationIsRecordedOnceAndClaimedByOneRun) {
  store::remediations rems(s(), table("remediations_table"));
  store::remediation_record r;
  r.remediation_id = unique("rem");
  r.deployment_id = "dep-1";
  r.drift_event_ids = {"evt-1"};
  r.history_timestamp = "2025-12-05T10:30:00Z";
  r.git_commit_sha = "abc";
  r.workspace = "prod";
  r.state = {"tfstate", "app/terraform.tfstate", "env:", "us-east-1", "tflock", true};
  r.addresses = {"aws_s3_bucket.data"};
  r.auto_approve = true;
  r.manual_review_required = false;
  r.severity = "HIGH";
  const time_point now = core::time::clock::now();
  ASSERT_TRUE(rems.record(r, now));
  store::remediation_record other = r;
  other.git_commit_sha = "rewritten";
  ASSERT_TRUE(rems.record(other, now));  // the first decision stands
  const ddb::item it = raw("remediations_table", {{"remediation_id", r.remediation_id}});
  EXPECT_EQ(ddb::get_s(it, "git_commit_sha"), "abc");
  EXPECT_EQ(ddb::get_s(it, "status"), "recorded");
  ASSERT_NE(ddb::get_m(it, "state"), nullptr);
  EXPECT_EQ(ddb::get_bool(*ddb::get_m(it, "state"), "use_lockfile"), true);
  EXPECT_EQ(ddb::get_int(it, "ttl"), core::time::epoch_seconds(now) + 30 * 86400);

  auto c1 = rems.claim(r.remediation_id, "run-1", "https://run/1", now);
  ASSERT_TRUE(c1) << c1.error().describe();
  EXPECT_EQ(c1->verdict, store::claim_verdict::claimed);
  EXPECT_EQ(c1->record.claimed_by_run_id, "run-1");
  EXPECT_EQ(c1->record.state.key, "app/terraform.tfstate");
  EXPECT_TRUE(c1->record.answers("evt-1"));
  auto again = rems.claim(r.remediation_id, "run-1", "", now);
  EXPECT_EQ(again->verdict, store::claim_verdict::claimed);
  auto c2 = rems.claim(r.remediation_id, "run-2", "", now);
  EXPECT_EQ(c2->verdict, store::claim_verdict::already_claimed);
  EXPECT_EQ(c2->claimed_by, "run-1");
  EXPECT_EQ(ddb::get_s(raw("remediations_table", {{"remediation_id", r.remediation_id}}),
                       "claimed_run_url"),
            "https://run/1");
  EXPECT_EQ(rems.claim(unique("rem"), "run-1", "", now)->verdict, store::claim_verdict::unknown);
  auto found = rems.find(r.remediation_id);
  ASSERT_TRUE(found && found->has_value());
  EXPECT_EQ((*found)->status, "claimed");
}

TEST_F(Store, TheCurrentPolicyIsTheHighestVersion) {
  store::policies pol(s(), table("policy_table"));
  const std::string id = unique("policy");
  auto none = pol.current(id);
  ASSERT_TRUE(none) << none.error().describe();
  EXPECT_FALSE(none->has_value());
  for (const char* v : {"v1.9.0", "v1.10.0", "v1.2.3"})
    ASSERT_TRUE(
        ddb::put_item(s(), {table("policy_table"), {{"policy_id", id}, {"version", v}}, "", {}}));
  EXPECT_EQ(pol.current(id)->value_or(""), "v1.10.0");
  const std::string bad = unique("policy");
  ASSERT_TRUE(ddb::put_item(
      s(), {table("policy_table"), {{"policy_id", bad}, {"version", "latest"}}, "", {}}));
  EXPECT_EQ(pol.current(bad)->value_or(""), "latest");  // handed on, so a human looks
}

}  // namespace
