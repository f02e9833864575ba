// Exactly once: the same event delivered again, or many times at the same moment to separate
// bootstrap processes, dispatches once; many events across resources dispatch once per
// resource while the remediation lock is held.
#include <future>
#include <set>

#include "fixture.h"

using namespace orch_test;

namespace {

class ExactlyOnce : public suite {
 protected:
  static std::string outcome(const invoke_result& r) {
    auto d = r.json();
    if (!d.IsObject() || !d.HasMember("records") || d["records"].Empty()) return "<" + r.body + ">";
    return d["records"][0]["outcome"].GetString();
  }
};

}  // namespace

TEST_F(ExactlyOnce, SequentialRedeliveryDispatchesOnce) {
  const std::string arn = "arn:aws:s3:::" + unique("bucket");
  const std::string event_id = unique("evt");
  put_deployment({"dep-" + event_id, arn});
  harness h(function_env());
  const std::string ev = agent_event({event_id, arn});
  EXPECT_EQ(outcome(h.invoke(sns_event({ev}))), "dispatched");
  EXPECT_EQ(outcome(h.invoke(sns_event({ev}))), "duplicate");
  EXPECT_EQ(outcome(h.invoke(sns_event({ev}))), "duplicate");
  EXPECT_EQ(dispatches_for(event_id).size(), 1u);
  EXPECT_EQ(ddb::get_s(*history_item(event_id, "2025-12-05T10:30:00Z"), "status"), "dispatched");
}

TEST_F(ExactlyOnce, ConcurrentDeliveriesToSeparateProcessesDispatchOnce) {
  const std::string arn = "arn:aws:s3:::" + unique("bucket");
  const std::string event_id = unique("evt");
  put_deployment({"dep-" + event_id, arn});
  harness h(function_env(), 4);
  const std::string ev = agent_event({event_id, arn});
  std::vector<std::future<invoke_result>> calls;
  for (int i = 0; i < 8; ++i)
    calls.push_back(std::async(std::launch::async, [&] { return h.invoke(sns_event({ev})); }));
  std::map<std::string, int> outcomes;
  for (auto& c : calls) outcomes[outcome(c.get())]++;
  EXPECT_EQ(outcomes["dispatched"], 1);
  EXPECT_EQ(outcomes["duplicate"], 7);
  EXPECT_EQ(dispatches_for(event_id).size(), 1u);
}

TEST_F(ExactlyOnce, ConcurrentEventInvocationsDispatchOnce) {
  const std::string arn = "arn:aws:s3:::" + unique("bucket");
  const std::string event_id = unique("evt");
  put_deployment({"dep-" + event_id, arn});
  harness h(function_env(), 3);
  const std::string ev = agent_event({event_id, arn});
  for (int i = 0; i < 6; ++i) EXPECT_EQ(h.invoke(sns_event({ev}), true).status, 202);
  // Event invocations run in the background: wait until the history says it went out.
  std::string status;
  for (int i = 0; i < 100 && status != "dispatched"; ++i) {
    std::this_thread::sleep_for(std::chrono::milliseconds(200));
    auto item = history_item(event_id, "2025-12-05T10:30:00Z");
    status = item ? ddb::get_s(*item, "status") : "";
  }
  EXPECT_EQ(status, "dispatched");
  // A sequential invoke after them queues behind any Event still in flight.
  EXPECT_EQ(outcome(h.invoke(sns_event({ev}))), "duplicate");
  EXPECT_EQ(dispatches_for(event_id).size(), 1u);
}

TEST_F(ExactlyOnce, TwentyEventsOnTenResourcesDispatchOncePerResource) {
  std::vector<std::string> arns;
  for (int i = 0; i < 10; ++i) {
    arns.push_back("arn:aws:s3:::" + unique("bucket"));
    put_deployment({"dep-" + unique("many"), arns.back()});
  }
  std::vector<std::pair<std::string, std::string>> events;  // id, arn
  for (int round = 0; round < 2; ++round)
    for (const auto& arn : arns) events.emplace_back(unique("evt"), arn);
  harness h(function_env(), 4);
  std::vector<std::future<invoke_result>> calls;
  for (const auto& [id, arn] : events) {
    const std::string payload = sns_event({agent_event({id, arn})});
    calls.push_back(std::async(std::launch::async, [&h, payload] { return h.invoke(payload); }));
  }
  std::map<std::string, int> outcomes;
  for (auto& c : calls) outcomes[outcome(c.get())]++;
  EXPECT_EQ(outcomes["dispatched"], 10);
  EXPECT_EQ(outcomes["retry_scheduled"], 10);  // the resource's lock was held by its twin
  std::map<std::string, int> per_resource;
  for (const auto& [id, arn] : events) {
    const auto sent = dispatches_for(id);
    EXPECT_LE(sent.size(), 1u) << id;
    if (!sent.empty()) per_resource[arn]++;
  }
  for (const auto& arn : arns) EXPECT_EQ(per_resource[arn], 1) << arn;
}
