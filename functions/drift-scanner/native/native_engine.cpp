#include "native_engine.h"

#include <algorithm>
#include <cstdlib>
#include <mutex>
#include <thread>

#include "aws/retry.h"
#include "aws/session.h"
#include "compare.h"
#include "drift/tags.h"
#include "registry.h"
#include "unmanaged.h"

namespace scanner {

std::unique_ptr<engine> make_native_engine() {
  return std::make_unique<native::native_engine>(native::options_from_environment());
}

}  // namespace scanner

namespace scanner::native {

engine_options options_from_environment() {
  engine_options o;
  if (const char* w = std::getenv("NATIVE_WORKERS")) o.workers = std::max(1, std::atoi(w));
  if (const char* u = std::getenv("NATIVE_UNMANAGED")) o.find_unmanaged = std::string(u) != "0";
  if (const char* r = std::getenv("NATIVE_SHARE_READS")) o.share_reads = std::string(r) != "0";
  return o;
}

namespace {

struct task {
  const type_module* module;
  instance_list batch;
};

// describe_failure() starts a throttled call's reason with "Throttling".
bool is_throttled_reason(const std::string& reason) { return reason.rfind("Throttling", 0) == 0; }

// One worker's sessions: a session serialises its own requests, so each worker gets one
// that shares the target's credentials (and so the assumed role's cache).
std::shared_ptr<aws::session> sibling(const std::shared_ptr<aws::session>& base) {
  aws::session::options o;
  o.region = base->region();
  o.credentials = base->credentials();
  return std::make_shared<aws::session>(std::move(o));
}

}  // namespace

findings native_engine::scan(const workspace_scan& ws) {
  findings f;
  f.engine = "native";
  if (!ws.state || !ws.cloud) {
    f.errors.push_back({"NoSession", "the native engine needs the state and a cloud session", ""});
    return f;
  }
  const terraform::state& st = *ws.state;
  const terraform::state& whole = ws.whole_state ? *ws.whole_state : st;
  const std::string account = ws.tgt ? ws.tgt->account_id : "";
  const std::string region = ws.cloud->region();

  // Group managed current objects by type; unknown types are listed, never passed.
  std::map<const type_module*, instance_list> by_type;
  for (const auto& r : st.resources) {
    if (r.mode != terraform::resource_mode::managed || !r.deposed.empty()) continue;
    const type_module* m = find_module(r.type);
    if (!m) {
      f.not_checked.push_back(
          {r.address, r.type, "the native engine has no module for " + r.type, true});
      continue;
    }
    by_type[m].push_back(&r);
  }
  std::vector<task> tasks;
  for (auto& [m, list] : by_type)
    for (size_t i = 0; i < list.size(); i += m->batch_size)
      tasks.push_back({m, instance_list(list.begin() + static_cast<long>(i),
                                        list.begin() + static_cast<long>(std::min(
                                                           list.size(), i + m->batch_size)))});

  std::atomic<int> calls{0};
  std::map<std::string, int> calls_by_type;  // guarded by mu
  const long long retries_before = ws.cloud->retries();
  std::atomic<size_t> next{0};
  std::mutex mu;   // guards f
  read_memo memo;  // this scan's shared answers: a bucket's configuration read by its parts
  int workers = std::max(1, std::min<int>(opts_.workers, static_cast<int>(tasks.size())));
  auto work = [&](std::shared_ptr<aws::session> session) {
    // Calls counted per worker, so that a task's own calls give its type's share.
    std::atomic<int> worker_calls{0};
    std::map<std::string, int> worker_by_type;
    read_context ctx{*session, st, account, region, &worker_calls, ws.deadline};
    if (opts_.share_reads) ctx.memo = &memo;
    for (size_t t; (t = next.fetch_add(1)) < tasks.size();) {
      const task& tk = tasks[t];
      const int calls_before = worker_calls.load();
      if (ctx.past_deadline()) {
        // Out of time: what is left is not checked and the report is partial.
        std::lock_guard<std::mutex> lock(mu);
        f.incomplete = true;
        for (const auto* inst : tk.batch)
          f.not_checked.push_back({inst->address, inst->type, "scan deadline reached"});
        continue;
      }
      std::vector<live_resource> live = tk.module->read(ctx, tk.batch);
      worker_by_type[std::string(tk.module->type)] += worker_calls.load() - calls_before;
      std::vector<finding> found;
      std::vector<drift::not_checked_item> unchecked;
      std::vector<drift::report_error> errs;
      std::map<std::string, int> suppressed;
      int scanned = 0;
      static const std::vector<rule> no_rules;
      for (size_t i = 0; i < tk.batch.size(); ++i) {
        const auto& inst = *tk.batch[i];
        live_resource lr =
            i < live.size() ? std::move(live[i]) : live_resource::unchecked("no answer");
        if (lr.st == live_resource::status::not_checked) {
          unchecked.push_back({inst.address, inst.type, lr.reason});
          if (!is_throttled_reason(lr.reason))
            errs.push_back({"NotChecked", lr.reason, inst.address});
          continue;
        }
        ++scanned;
        finding d;
        if (lr.st == live_resource::status::gone) {
          d.change = drift::change_kind::deleted;
        } else {
          d.attributes = compare(inst, *lr.attrs, tk.module->rules ? *tk.module->rules : no_rules,
                                 suppressed, &whole);
          if (d.attributes.empty()) continue;
        }
        d.address = inst.address;
        d.type = inst.type;
        d.id = inst.id;
        auto identity = drift::identity_of(inst, whole);
        d.arn = identity.arn;
        d.tags = std::move(identity.tags);
        found.push_back(std::move(d));
      }
      std::lock_guard<std::mutex> lock(mu);
      f.resources_scanned += scanned;
      for (auto& d : found) f.drifts.push_back(std::move(d));
      for (auto& u : unchecked) f.not_checked.push_back(std::move(u));
      for (auto& e : errs) f.errors.push_back(std::move(e));
      for (auto& [k, n] : suppressed) f.suppressed[k] += n;
    }
    std::lock_guard<std::mutex> lock(mu);
    calls += worker_calls.load();
    for (auto& [k, n] : worker_by_type) calls_by_type[k] += n;
  };
  std::vector<std::thread> threads;
  std::vector<std::shared_ptr<aws::session>> siblings;
  for (int i = 1; i < workers; ++i) siblings.push_back(sibling(ws.cloud));
  for (const auto& s : siblings) threads.emplace_back(work, s);
  work(ws.cloud);
  for (auto& t : threads) t.join();

  // Stable output whatever the workers' interleaving.
  std::sort(f.drifts.begin(), f.drifts.end(),
            [](const finding& a, const finding& b) { return a.address < b.address; });
  std::sort(f.not_checked.begin(), f.not_checked.end(),
            [](const auto& a, const auto& b) { return a.address < b.address; });

  if (opts_.find_unmanaged && ws.find_unmanaged && !f.incomplete) {
    std::atomic<int> discovery_calls{0};
    read_context ctx{*ws.cloud, st, account, region, &discovery_calls, ws.deadline};
    find_unmanaged(ctx, ws, f);
    calls += discovery_calls.load();
    calls_by_type[kDiscoveryCalls] += discovery_calls.load();
  }
  last_calls_ = calls.load();
  last_calls_by_type_ = std::move(calls_by_type);
  last_retries_ = ws.cloud->retries() - retries_before;
  for (const auto& s : siblings) last_retries_ += s->retries();
  return f;
}

}  // namespace scanner::native
