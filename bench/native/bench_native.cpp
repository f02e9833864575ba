// The native engine at scale, on an estate that mixes every type moto can apply: the
// ground-truth families (tests/native/families, applied with Terraform by
// tests/native/setup_fixture.py; each family's drifted `prod` workspace) topped up with bulk
// workspaces of cheap types created by make_estate.py, about 10,000 resources in about 30
// workspaces. Each workspace is scanned the way the scanner does (state from the S3 backend,
// one engine scan per workspace, unmanaged discovery on the first only), then:
//   - on moto: resources/s, AWS calls per resource by type, peak memory;
//   - a projection for real AWS from the per-call latency measured through a delaying proxy
//     (tests/fixtures/fault_proxy.py --delay-ms), checked against a real scan through it;
//   - Terraform's refresh of one family workspace through the same proxy, extrapolated;
//   - a scan through the proxy throttling a random share of calls: every resource is either
//     compared or listed as not checked.
// See README.md here for the command and what each figure means.
#include <rapidjson/document.h>
#include <stdlib.h>
#include <sys/resource.h>
#include <unistd.h>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <map>
#include <optional>
#include <set>
#include <sstream>
#include <string>
#include <vector>

#include "../aws/local_moto.h"
#include "aws/s3.h"
#include "aws/session.h"
#include "engine.h"
#include "native_engine.h"
#include "registry.h"
#include "terraform/state.h"

namespace {

namespace fs = std::filesystem;
using clock_type = std::chrono::steady_clock;

int env_int(const char* name, int fallback) {
  const char* v = std::getenv(name);
  return v && *v ? std::atoi(v) : fallback;
}
double env_double(const char* name, double fallback) {
  const char* v = std::getenv(name);
  return v && *v ? std::atof(v) : fallback;
}
std::string env_str(const char* name, const std::string& fallback) {
  const char* v = std::getenv(name);
  return v && *v ? v : fallback;
}
double since(clock_type::time_point t0) {
  return std::chrono::duration<double>(clock_type::now() - t0).count();
}

std::string run(const std::string& cmd) {
  std::string out;
  FILE* p = popen(cmd.c_str(), "r");
  if (!p) return out;
  char buf[4096];
  size_t n;
  while ((n = fread(buf, 1, sizeof buf, p)) > 0) out.append(buf, n);
  pclose(p);
  return out;
}

std::string read_file(const fs::path& p) {
  std::ifstream f(p);
  std::stringstream ss;
  ss << f.rdbuf();
  return ss.str();
}

double peak_rss_mib() {
  struct rusage ru {};
  getrusage(RUSAGE_SELF, &ru);
  return ru.ru_maxrss / 1024.0;
}

// One workspace of the estate: where its state is, and the state itself.
struct workspace {
  std::string name;
  std::string bucket;
  std::string key;
  std::string family;  // empty for a bulk workspace
  terraform::state state;
  std::map<std::string, int> by_type;  // current managed instances per type
  int resources = 0;
};

// Through AWS_ENDPOINT_URL, as the product's environment sets it: the engine's workers make
// their own sessions from the environment. Called between scans only (no thread reads it).
std::shared_ptr<aws::session> session_at(const std::string& endpoint) {
  setenv("AWS_ENDPOINT_URL", endpoint.c_str(), 1);
  return aws::session::from_environment();
}

// One workspace's scan, as one scanner invocation makes it.
struct scan_result {
  int scanned = 0;
  int calls = 0;
  long long retries = 0;
  std::map<std::string, int> calls_by_type;
  int not_checked = 0;
  int not_checked_throttled = 0;
  std::vector<std::string> reasons;  // the first few not checked, to show why
  int drifted = 0;
  int unmanaged = 0;
  double seconds = 0;  // the engine's scan
  double state_seconds = 0;
};

// The estate's backends as the scanner's configured targets (SCAN_TARGETS) would name them:
// one target per state location (bucket and key, workspaces under env:/<ws>/), all in the
// account and region. Discovery reads their states, so no workspace's resource is unmanaged
// (and needs no lookup) for another's.
std::vector<scanner::target> estate_targets(const std::vector<workspace>& estate) {
  std::vector<scanner::target> out;
  std::set<std::pair<std::string, std::string>> seen;
  for (const auto& w : estate) {
    std::string key = w.key;
    if (key.rfind("env:/", 0) == 0) {
      const auto slash = key.find('/', 5);
      if (slash != std::string::npos) key = key.substr(slash + 1);
    }
    if (!seen.insert({w.bucket, key}).second) continue;
    scanner::target t;
    t.name = "estate-" + std::to_string(out.size());
    t.account_id = "123456789012";
    t.region = "us-east-1";
    t.state.bucket = w.bucket;
    t.state.key = key;
    t.state.region = "us-east-1";
    out.push_back(std::move(t));
  }
  return out;
}

scan_result scan_one(const workspace& w, const std::string& endpoint, bool first, bool fetch_state,
                     const std::vector<scanner::target>* known) {
  scan_result r;
  auto cloud = session_at(endpoint);  // a fresh session, as a new invocation has
  const terraform::state* st = &w.state;
  std::optional<terraform::state> fetched;
  if (fetch_state) {  // the invocation's own state read, timed
    auto t0 = clock_type::now();
    auto obj = aws::s3::get_object(*cloud, w.bucket, w.key);
    r.state_seconds = since(t0);
    if (obj) {
      auto parsed = terraform::parse_state(obj->body);
      if (parsed) fetched = std::move(*parsed);
    }
    if (!fetched)
      std::fprintf(stderr, "state %s could not be read; scanning the local copy\n", w.key.c_str());
    if (fetched) st = &*fetched;
  }
  scanner::target t;
  t.name = "bench";
  t.account_id = "123456789012";
  t.region = "us-east-1";
  t.state.bucket = w.bucket;
  t.state.key = w.key;
  t.state.region = "us-east-1";
  scanner::native::engine_options o = scanner::native::options_from_environment();
  o.find_unmanaged = first;
  scanner::native::native_engine engine(o);
  scanner::workspace_scan scan{&t,
                               w.name,
                               w.name,
                               w.key,
                               st,
                               cloud,
                               std::chrono::system_clock::now() + std::chrono::minutes(14)};
  scan.known_targets = known;
  auto t0 = clock_type::now();
  auto f = engine.scan(scan);
  r.seconds = since(t0);
  r.scanned = f.resources_scanned;
  r.calls = engine.last_calls();
  r.calls_by_type = engine.last_calls_by_type();
  r.retries = engine.last_retries();
  r.not_checked = static_cast<int>(f.not_checked.size());
  for (const auto& n : f.not_checked) {
    if (n.reason.rfind("Throttling", 0) == 0) ++r.not_checked_throttled;
    if (r.reasons.size() < 3) r.reasons.push_back(n.type + " " + n.address + ": " + n.reason);
  }
  for (const auto& d : f.drifts)
    (d.change == drift::change_kind::unmanaged ? r.unmanaged : r.drifted)++;
  return r;
}

std::vector<scan_result> scan_estate(const std::vector<workspace>& estate,
                                     const std::string& endpoint, bool fetch_state,
                                     const char* label) {
  const std::vector<scanner::target> known = estate_targets(estate);
  std::vector<scan_result> out;
  for (size_t i = 0; i < estate.size(); ++i) {
    out.push_back(scan_one(estate[i], endpoint, i == 0, fetch_state, &known));
    const auto& r = out.back();
    std::printf(
        "  [%s] %-28s %5d resources in %6.2f s, %5d calls, %lld retries%s\n", label,
        estate[i].name.c_str(), r.scanned, r.seconds + r.state_seconds, r.calls, r.retries,
        r.not_checked ? (", " + std::to_string(r.not_checked) + " not checked").c_str() : "");
    for (const auto& why : r.reasons) std::printf("      not checked: %s\n", why.c_str());
  }
  return out;
}

// A fault_proxy.py in front of moto; stopped when this goes away.
class proxy {
 public:
  proxy(const std::string& src, const std::string& moto_endpoint, const std::string& flags) {
    char tmpl[] = "/tmp/bench-native-proxy-XXXXXX";
    dir_ = mkdtemp(tmpl);
    fs::create_directories(dir_ + "/upstream");
    std::ofstream(dir_ + "/upstream/endpoint") << moto_endpoint;
    script_ = src + "/tests/fixtures/fault_proxy.py";
    run("python3 '" + script_ + "' start '" + dir_ + "' --upstream '" + dir_ + "/upstream' " +
        flags + " >/dev/null");
    endpoint_ = read_file(dir_ + "/endpoint");
  }
  ~proxy() { run("python3 '" + script_ + "' stop '" + dir_ + "' >/dev/null 2>&1"); }
  const std::string& endpoint() const { return endpoint_; }
  long throttled() const {
    return std::atol(run("curl -s '" + endpoint_ + "/__fault/throttled'").c_str());
  }

 private:
  std::string dir_, script_, endpoint_;
};

rapidjson::Document parse_json(const std::string& text) {
  rapidjson::Document d;
  d.Parse(text.c_str());
  return d;
}

bool load_state(workspace& w, aws::session& cloud) {
  auto obj = aws::s3::get_object(cloud, w.bucket, w.key);
  if (!obj) {
    std::fprintf(stderr, "state %s/%s: %s\n", w.bucket.c_str(), w.key.c_str(),
                 obj.error().describe().c_str());
    return false;
  }
  auto st = terraform::parse_state(obj->body);
  if (!st) return false;
  w.state = std::move(*st);
  for (const auto& r : w.state.resources) {
    if (r.mode != terraform::resource_mode::managed || !r.deposed.empty()) continue;
    ++w.by_type[r.type];
    ++w.resources;
  }
  return true;
}

// The families to apply: BENCH_NATIVE_FAMILIES ("all", "none" or a comma list).
std::string families_to_apply(const std::string& src) {
  std::string wanted = env_str("BENCH_NATIVE_FAMILIES", "all");
  if (wanted == "none") return "";
  if (wanted != "all") return wanted;
  std::set<std::string> names;
  for (const auto& e : fs::directory_iterator(src + "/tests/native/families"))
    if (fs::exists(e.path() / "main.tf")) names.insert(e.path().filename());
  std::string out;
  for (const auto& n : names) out += (out.empty() ? "" : ",") + n;
  return out;
}

struct totals {
  long long scanned = 0, calls = 0, retries = 0, not_checked = 0, throttled = 0, drifted = 0,
            unmanaged = 0;
  double seconds = 0, slowest = 0;
};
totals sum(const std::vector<scan_result>& rs) {
  totals t;
  for (const auto& r : rs) {
    t.scanned += r.scanned;
    t.calls += r.calls;
    t.retries += r.retries;
    t.not_checked += r.not_checked;
    t.throttled += r.not_checked_throttled;
    t.drifted += r.drifted;
    t.unmanaged += r.unmanaged;
    t.seconds += r.seconds + r.state_seconds;
    t.slowest = std::max(t.slowest, r.seconds + r.state_seconds);
  }
  return t;
}

// What the types' declared read costs (type_module calls_per_batch / calls_per_instance, held
// to the recordings by the offline tests) say a mix costs, per resource: the measured mix's
// composition, and an even mix of every supported type (resources/types of each), the reading
// of "a mix of every type" that no estate here can be built for (moto cannot apply every type).
// A bucket's parts share its reads (native_calls_for_mix) when their buckets are in the mix: the
// estate's buckets are, and in the even mix each bucket is taken to have one of each part.
double declared_calls_per_resource(const std::map<std::string, int>& mix) {
  std::map<std::string, size_t> sized;
  long long resources = 0;
  for (const auto& [type, n] : mix) {
    sized[type] = static_cast<size_t>(n);
    resources += n;
  }
  return resources ? scanner::native_calls_for_mix(sized) / static_cast<double>(resources) : 0;
}

void print_even_mix(int resources, bool every_type) {
  const auto& modules = scanner::native::all_modules();
  const int each = std::max(1, resources / static_cast<int>(modules.size()));
  std::map<std::string, int> even;
  for (const auto* m : modules) even[std::string(m->type)] = each;
  std::vector<std::pair<double, std::string>> dearest;
  double unshared = 0;
  for (const auto* m : modules) {
    const double alone = scanner::native_calls_for(m->type, each);
    unshared += alone;
    double in_mix = alone;
    if (!m->shares_reads_with.empty())  // its parent's reads serve it
      in_mix = scanner::native_calls_for_mix(
                   {{std::string(m->type), each}, {std::string(m->shares_reads_with), each}}) -
               scanner::native_calls_for(m->shares_reads_with, each);
    dearest.emplace_back(in_mix / each, std::string(m->type));
  }
  std::sort(dearest.rbegin(), dearest.rend());
  int at_least_one = 0;
  for (const auto& [c, t] : dearest) at_least_one += c >= 1.0;
  std::printf(
      "declared cost, an even mix of all %zu supported types (%d each): %.3f calls/resource "
      "(%.3f if no type shared its parent's reads); %d types cost >= 1 per resource; the "
      "dearest:",
      modules.size(), each, declared_calls_per_resource(even),
      unshared / (static_cast<double>(each) * static_cast<double>(modules.size())), at_least_one);
  for (size_t i = 0; i < std::min<size_t>(6, dearest.size()); ++i)
    std::printf(" %s %.2f", dearest[i].second.c_str(), dearest[i].first);
  std::printf("\n");
  if (!every_type) return;
  std::printf("%-52s %s\n", "type", "declared calls/resource (even mix)");
  for (const auto& [c, t] : dearest) {
    const auto* m = scanner::native::find_module(t);
    std::printf("%-52s %.3f%s%s%s\n", t.c_str(), c, m->shares_reads_with.empty() ? "" : " (shares ",
                std::string(m->shares_reads_with).c_str(),
                m->shares_reads_with.empty() ? "" : "'s reads)");
  }
}

}  // namespace

int main() {
  std::setvbuf(stdout, nullptr, _IOLBF, 0);     // progress shows while it runs
  if (env_int("BENCH_NATIVE_COSTS_ONLY", 0)) {  // the declared costs alone: no moto, no estate
    print_even_mix(env_int("BENCH_NATIVE_RESOURCES", 10000), /*every_type=*/true);
    return 0;
  }
  const std::string src = env_str("DRIFT_SOURCE_DIR", DRIFT_SOURCE_DIR_DEFAULT);
  const std::string fixture_dir_given = env_str("BENCH_NATIVE_FIXTURE_DIR", "");
  rapidjson::Document fixture;
  if (!fixture_dir_given.empty()) {  // a fixture already applied: use its moto
    fixture = parse_json(read_file(fixture_dir_given + "/native_workspaces.json"));
    if (!fixture.IsObject()) {
      std::fprintf(stderr, "no native_workspaces.json in %s\n", fixture_dir_given.c_str());
      return 1;
    }
    setenv("DRIFT_MOTO_ENDPOINT", fixture["endpoint"].GetString(), 1);
  }
  bench::local_moto moto;
  if (moto.endpoint().empty()) {
    std::fprintf(stderr, "no moto_server\n");
    return 1;
  }
  setenv("AWS_ACCESS_KEY_ID", "test", 1);
  setenv("AWS_SECRET_ACCESS_KEY", "test", 1);
  setenv("AWS_REGION", "us-east-1", 1);
  const int workers = scanner::native::options_from_environment().workers;
  const int total_workspaces = env_int("BENCH_NATIVE_WORKSPACES", 30);
  const int target_resources = env_int("BENCH_NATIVE_RESOURCES", 10000);
  const double delay_ms = env_double("BENCH_NATIVE_DELAY_MS", 40);
  const double throttle_share = env_double("BENCH_NATIVE_THROTTLE_SHARE", 0.05);

  // 1. The estate: the families (Terraform), then bulk workspaces (boto3).
  std::string fixture_dir = fixture_dir_given;
  if (fixture_dir.empty()) {
    const std::string families = families_to_apply(src);
    if (!families.empty()) {
      char tmpl[] = "/tmp/bench-native-families-XXXXXX";
      fixture_dir = mkdtemp(tmpl);
      std::printf("applying families %s with Terraform into %s ...\n", families.c_str(),
                  moto.endpoint().c_str());
      auto t0 = clock_type::now();
      run("python3 '" + src + "/tests/native/setup_fixture.py' --families " + families +
          " --endpoint " + moto.endpoint() + " '" + fixture_dir + "' >&2");
      fixture = parse_json(read_file(fixture_dir + "/native_workspaces.json"));
      if (!fixture.IsObject()) {
        std::fprintf(stderr, "setup_fixture.py failed\n");
        return 1;
      }
      std::printf("families applied in %.0f s\n", since(t0));
    }
  }
  auto direct = session_at(moto.endpoint());
  std::vector<workspace> estate;
  if (fixture.IsObject() && fixture.HasMember("families")) {
    for (const auto& fam : fixture["families"].GetArray()) {
      const auto& st = fam["state"];
      workspace w;
      w.family = fam["name"].GetString();
      w.name = "family-" + w.family;
      w.bucket = st["bucket"].GetString();
      w.key =
          std::string(st["workspace_key_prefix"].GetString()) + "/prod/" + st["key"].GetString();
      if (!load_state(w, *direct)) return 1;
      estate.push_back(std::move(w));
    }
  }
  int family_resources = 0;
  for (const auto& w : estate) family_resources += w.resources;
  const int bulk_workspaces = std::max(0, total_workspaces - static_cast<int>(estate.size()));
  const int per_ws = env_int(
      "BENCH_NATIVE_PER_WORKSPACE",
      bulk_workspaces ? std::max(1, (target_resources - family_resources) / bulk_workspaces) : 0);
  if (bulk_workspaces && per_ws > 0) {
    std::printf("creating %d bulk workspaces x %d resources ...\n", bulk_workspaces, per_ws);
    auto t0 = clock_type::now();
    auto made =
        parse_json(run("python3 '" + src + "/bench/native/make_estate.py' " + moto.endpoint() +
                       " " + std::to_string(bulk_workspaces) + " " + std::to_string(per_ws) +
                       " --mix '" + env_str("BENCH_NATIVE_MIX", "even") + "'"));
    if (!made.IsObject()) {
      std::fprintf(stderr, "make_estate.py failed\n");
      return 1;
    }
    for (const auto& m : made["workspaces"].GetArray()) {
      workspace w;
      w.name = std::string("bulk-") + m["name"].GetString();
      w.bucket = made["bucket"].GetString();
      w.key = "env:/" + std::string(m["name"].GetString()) + "/" + made["key"].GetString();
      if (!load_state(w, *direct)) return 1;
      estate.push_back(std::move(w));
    }
    std::printf("bulk workspaces ready in %.0f s\n", since(t0));
  }
  if (estate.empty()) {
    std::fprintf(stderr, "empty estate\n");
    return 1;
  }
  // The largest bulk workspace first would make discovery's cost depend on the mix: the
  // first workspace (which lists the region) is the first family, or the first bulk one.
  std::map<std::string, int> resources_by_type;
  int all_resources = 0;
  for (const auto& w : estate) {
    all_resources += w.resources;
    for (const auto& [k, n] : w.by_type) resources_by_type[k] += n;
  }
  std::printf(
      "estate: %d resources of %zu types in %zu workspaces (%d in %d family workspaces)\n",
      all_resources, resources_by_type.size(), estate.size(), family_resources,
      static_cast<int>(estate.size()) - (bulk_workspaces && per_ws > 0 ? bulk_workspaces : 0));

  // 2. On moto, no latency.
  std::printf("\n== scan on moto (%d workers) ==\n", workers);
  auto on_moto = scan_estate(estate, moto.endpoint(), false, "moto");
  const totals m = sum(on_moto);
  const double rss_after_moto = peak_rss_mib();
  std::map<std::string, int> calls_by_type;
  for (const auto& r : on_moto)
    for (const auto& [k, n] : r.calls_by_type) calls_by_type[k] += n;
  const std::string discovery = scanner::native::native_engine::kDiscoveryCalls;
  const long long discovery_calls = calls_by_type.count(discovery) ? calls_by_type[discovery] : 0;
  const long long read_calls = m.calls - discovery_calls;

  std::printf("\nper type (scan on moto)\n%-52s%10s%8s%12s\n", "type", "resources", "calls",
              "calls/res");
  for (const auto& [type, n] : resources_by_type) {
    const int c = calls_by_type.count(type) ? calls_by_type[type] : 0;
    std::printf("%-52s%10d%8d%12.3f\n", type.c_str(), n, c, double(c) / n);
  }
  std::printf("%-52s%10d%8lld%12.3f\n", "(mix, reads)", all_resources, read_calls,
              double(read_calls) / all_resources);
  std::printf("%-52s%10s%8lld   (once per account/region, on the first workspace)\n",
              discovery.c_str(), "", discovery_calls);
  std::printf("declared cost of this mix: %.3f calls/resource (measured %.3f)\n",
              declared_calls_per_resource(resources_by_type), double(read_calls) / all_resources);
  print_even_mix(all_resources, /*every_type=*/false);
  std::set<std::string> missing;
  for (const auto* mod : scanner::native::all_modules())
    if (!resources_by_type.count(std::string(mod->type))) missing.insert(std::string(mod->type));
  std::printf("supported types: %zu; not in this estate (%zu):",
              scanner::native::all_modules().size(), missing.size());
  for (const auto& t : missing) std::printf(" %s", t.c_str());
  std::printf("\n");

  std::printf("\nscanned %lld resources in %zu workspaces in %.2f s: %.0f resources/s\n", m.scanned,
              estate.size(), m.seconds, m.scanned / m.seconds);
  std::printf("slowest workspace scan: %.2f s\n", m.slowest);
  std::printf("AWS calls: %lld (%.3f per resource; reads %.3f per resource, discovery %lld)\n",
              m.calls, double(m.calls) / all_resources, double(read_calls) / all_resources,
              discovery_calls);
  std::printf("findings: %lld drifted, %lld unmanaged, %lld not checked\n", m.drifted, m.unmanaged,
              m.not_checked);
  std::printf("peak memory (max RSS of this process): %.1f MiB\n", rss_after_moto);

  // 3. Latency: per-call latency measured through the delaying proxy, the projection, and
  // the same estate scanned through it for real.
  std::printf("\n== real AWS projection (proxy delay %.0f ms, %d workers) ==\n", delay_ms, workers);
  std::vector<double> projected_ws(estate.size());
  double latency = 0;
  std::vector<scan_result> delayed;
  {
    char flags[64];
    std::snprintf(flags, sizeof flags, "--delay-ms %g", delay_ms);
    proxy slow(src, moto.endpoint(), flags);
    // Sequential small calls (every workspace's state HEAD, twice) time one call's round trip.
    auto cloud = session_at(slow.endpoint());
    int samples = 0;
    auto t0 = clock_type::now();
    for (int round = 0; round < 2; ++round)
      for (const auto& w : estate) {
        if (aws::s3::head_object(*cloud, w.bucket, w.key)) ++samples;
      }
    latency = samples ? since(t0) / samples : delay_ms / 1000.0;
    std::printf("measured mean per-call latency through the proxy: %.1f ms (%d calls)\n",
                latency * 1000, samples);
    double slowest = 0, all = 0, slowest_plain = 0;
    size_t slowest_i = 0;
    for (size_t i = 0; i < estate.size(); ++i) {
      const auto& r = on_moto[i];
      const int disc = r.calls_by_type.count(discovery) ? r.calls_by_type.at(discovery) : 0;
      // A task (one type's batch) makes its calls one after another on one worker: the
      // workers cannot finish before the longest task does.
      double longest_task = 0;
      for (const auto& [type, n] : r.calls_by_type) {
        const auto* mod = scanner::native::find_module(type);
        if (!mod || !estate[i].by_type.count(type)) continue;
        const size_t batch = std::max<size_t>(1, mod->batch_size);
        const size_t tasks = (estate[i].by_type.at(type) + batch - 1) / batch;
        longest_task = std::max(longest_task, double(n) / double(std::max<size_t>(1, tasks)));
      }
      const double shared = double(r.calls - disc) / workers;
      // The state read, the reads shared by the workers, then discovery on one session.
      projected_ws[i] = latency * (1 + std::max(shared, longest_task) + disc);
      slowest_plain = std::max(slowest_plain, latency * (1 + shared + disc));
      all += projected_ws[i];
      if (projected_ws[i] > slowest) slowest = projected_ws[i], slowest_i = i;
    }
    const double planning = latency * estate.size();
    std::printf(
        "projected slowest invocation (%s): %.1f s (calls x latency / workers alone: "
        "%.1f s)\n",
        estate[slowest_i].name.c_str(), slowest, slowest_plain);
    std::printf(
        "projected fan-out (planning's %zu state reads %.1f s + slowest invocation): %.1f s\n",
        estate.size(), planning, planning + slowest);
    std::printf("projected sum of all invocations (one after another): %.1f s\n", all);
    if (env_int("BENCH_NATIVE_DELAYED_SCAN", 1)) {
      std::printf("scanning the estate through the delaying proxy ...\n");
      delayed = scan_estate(estate, slow.endpoint(), true, "delay");
      const totals d = sum(delayed);
      double measured_slowest = 0;
      for (size_t i = 0; i < delayed.size(); ++i)
        measured_slowest =
            std::max(measured_slowest, delayed[i].seconds + delayed[i].state_seconds);
      std::printf(
          "measured through the proxy: all invocations one after another %.1f s "
          "(projected/measured %.2f); slowest invocation %.1f s (projected/measured "
          "%.2f); %.0f resources/s\n",
          d.seconds, all / d.seconds, measured_slowest, slowest / measured_slowest,
          d.scanned / d.seconds);
      // moto's own work (large listings, thousands of instances) is in the measured time but
      // not in the projection: real AWS's latency already holds its servers' time. The scan
      // on moto (no added latency) gives moto's share.
      double moto_slowest = 0;
      for (size_t i = 0; i < delayed.size(); ++i)
        if (delayed[i].seconds + delayed[i].state_seconds == measured_slowest)
          moto_slowest = on_moto[i].seconds;
      std::printf(
          "measured minus moto's own time (the scan on moto): all %.1f s (projected/that "
          "%.2f); slowest invocation %.1f s (projected/that %.2f)\n",
          d.seconds - m.seconds, all / (d.seconds - m.seconds), measured_slowest - moto_slowest,
          slowest / (measured_slowest - moto_slowest));
      std::printf("measured fan-out (planning %.1f s + slowest invocation): %.1f s\n", planning,
                  planning + measured_slowest);
    }

    // 4. Terraform's refresh of one family workspace through the same proxy, extrapolated.
    const std::string tf_family = env_str("BENCH_NATIVE_TF_FAMILY", "");
    const workspace* sample = nullptr;
    for (const auto& w : estate)
      if (!w.family.empty() && (tf_family.empty() ? (!sample || w.resources > sample->resources)
                                                  : w.family == tf_family))
        sample = &w;
    if (sample && env_int("BENCH_NATIVE_TERRAFORM", 1)) {
      std::printf(
          "\n== Terraform refresh (plan -refresh-only + show -json), family %s, "
          "%d resources, through the same proxy ==\n",
          sample->family.c_str(), sample->resources);
      auto out = parse_json(run("python3 '" + src +
                                "/bench/native/versus_terraform.py' "
                                "--time-refresh " +
                                sample->family + " --workspaces-dir '" + fixture_dir +
                                "' --endpoint " + slow.endpoint() + " --rounds 1"));
      if (out.IsObject() && out.HasMember("seconds")) {
        const double tf_s = out["seconds"].GetDouble();
        const double per_res = tf_s / sample->resources;
        int largest = 0;
        for (const auto& w : estate) largest = std::max(largest, w.resources);
        const double seq = per_res * all_resources;
        const double par = std::max(seq / workers, per_res * largest);
        std::printf("terraform: %.1f s for %d resources = %.3f s per resource\n", tf_s,
                    sample->resources, per_res);
        std::printf(
            "terraform estate, sequential: %.0f s; %zu workspaces in parallel on %d "
            "workers: %.0f s\n",
            seq, estate.size(), workers, par);
        std::printf(
            "native projection: %.1f s one after another (terraform/native %.1fx); "
            "fan-out %.1f s (terraform on %d workers / native fan-out %.1fx)\n",
            all, seq / all, planning + slowest, workers, par / (planning + slowest));
      } else {
        std::printf("terraform timing failed\n");
      }
    }
  }

  // 5. Throttling at scale.
  std::printf("\n== scan through a proxy throttling %.0f %% of calls ==\n", throttle_share * 100);
  char flags[96];
  std::snprintf(flags, sizeof flags, "--throttle-share %g --seed 1 --delay-ms %d", throttle_share,
                env_int("BENCH_NATIVE_THROTTLE_DELAY_MS", 0));
  proxy throttling(src, moto.endpoint(), flags);
  auto thr = scan_estate(estate, throttling.endpoint(), false, "throttle");
  const totals th = sum(thr);
  const long answered_throttled = throttling.throttled();
  std::printf("throttled answers: %ld; retries spent: %lld\n", answered_throttled, th.retries);
  std::printf(
      "resources compared: %lld; not checked: %lld (%lld of them throttled); "
      "all resources: %d\n",
      th.scanned, th.not_checked, th.throttled, all_resources);
  std::printf("peak memory (max RSS of this process, whole run): %.1f MiB\n", peak_rss_mib());
  if (th.scanned + th.not_checked != all_resources) {
    std::printf("FAIL: compared + not checked = %lld, not the estate's %d resources\n",
                th.scanned + th.not_checked, all_resources);
    return 1;
  }
  std::printf("OK: compared + not checked = all %d resources\n", all_resources);
  return 0;
}
