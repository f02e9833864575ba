// The native engine at scale: a synthetic estate (BENCH_NATIVE_WORKSPACES workspaces of
// BENCH_NATIVE_PER_WORKSPACE resources; default 30 x 333, about 10,000) created in a local
// moto_server by make_estate.py, then every workspace scanned the way the scanner does (one
// engine scan per workspace; unmanaged discovery on the first). Prints resources per second,
// AWS calls per resource and peak memory of this process.
#include <rapidjson/document.h>
#include <sys/resource.h>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <string>

#include "../aws/local_moto.h"
#include "aws/s3.h"
#include "aws/session.h"
#include "native_engine.h"
#include "terraform/state.h"

namespace {

int env_int(const char* name, int fallback) {
  const char* v = std::getenv(name);
  return v ? std::atoi(v) : fallback;
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

}  // namespace

int main() {
  std::setvbuf(stdout, nullptr, _IOLBF, 0);  // progress shows while it runs
  bench::local_moto moto;
  if (moto.endpoint().empty()) {
    std::fprintf(stderr, "no moto_server\n");
    return 1;
  }
  const int workspaces = env_int("BENCH_NATIVE_WORKSPACES", 30);
  const int per_ws = env_int("BENCH_NATIVE_PER_WORKSPACE", 333);
  const std::string src =
      std::getenv("DRIFT_SOURCE_DIR") ? std::getenv("DRIFT_SOURCE_DIR") : DRIFT_SOURCE_DIR_DEFAULT;
  std::printf("creating %d workspaces x %d resources in %s ...\n", workspaces, per_ws,
              moto.endpoint().c_str());
  auto t_setup = std::chrono::steady_clock::now();
  const std::string estate_json =
      run("python3 '" + src + "/bench/native/make_estate.py' " + moto.endpoint() + " " +
          std::to_string(workspaces) + " " + std::to_string(per_ws));
  rapidjson::Document estate;
  estate.Parse(estate_json.c_str());
  if (!estate.IsObject()) {
    std::fprintf(stderr, "make_estate.py failed\n");
    return 1;
  }
  std::printf("estate ready in %.1f s\n",
              std::chrono::duration<double>(std::chrono::steady_clock::now() - t_setup).count());

  setenv("AWS_ENDPOINT_URL", moto.endpoint().c_str(), 1);
  setenv("AWS_ACCESS_KEY_ID", "test", 1);
  setenv("AWS_SECRET_ACCESS_KEY", "test", 1);
  setenv("AWS_REGION", "us-east-1", 1);
  auto cloud = aws::session::from_environment();

  scanner::target t;
  t.name = "bench";
  t.account_id = "123456789012";
  t.region = "us-east-1";
  t.state.bucket = estate["bucket"].GetString();
  t.state.key = estate["key"].GetString();
  t.state.region = "us-east-1";

  long long resources = 0, calls = 0, drifts = 0, unmanaged = 0, not_checked = 0;
  double scan_seconds = 0, slowest = 0;
  bool first = true;
  for (const auto& w : estate["workspaces"].GetArray()) {
    const std::string ws = w["name"].GetString();
    const std::string key = "env:/" + ws + "/" + t.state.key;
    auto obj = aws::s3::get_object(*cloud, t.state.bucket, key);
    if (!obj) {
      std::fprintf(stderr, "state %s: %s\n", key.c_str(), obj.error().describe().c_str());
      return 1;
    }
    auto st = terraform::parse_state(obj->body);
    if (!st) return 1;
    scanner::native::engine_options o;
    o.find_unmanaged = first;
    scanner::native::native_engine engine(o);
    scanner::workspace_scan scan{
        &t, ws, ws, key, &*st, cloud, std::chrono::system_clock::now() + std::chrono::minutes(5)};
    auto t0 = std::chrono::steady_clock::now();
    auto f = engine.scan(scan);
    const double took =
        std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
    scan_seconds += took;
    slowest = std::max(slowest, took);
    std::printf("  %s: %d resources in %.2f s, %d calls\n", ws.c_str(), f.resources_scanned, took,
                engine.last_calls());
    resources += f.resources_scanned;
    calls += engine.last_calls();
    not_checked += static_cast<long long>(f.not_checked.size());
    for (size_t i = 0; i < f.not_checked.size() && i < 3; ++i)
      std::printf("    not checked: %s %s: %s\n", f.not_checked[i].type.c_str(),
                  f.not_checked[i].address.c_str(), f.not_checked[i].reason.c_str());
    for (const auto& d : f.drifts)
      (d.change == drift::change_kind::unmanaged ? unmanaged : drifts)++;
    first = false;
  }
  struct rusage ru {};
  getrusage(RUSAGE_SELF, &ru);
  std::printf("scanned %lld resources in %d workspaces in %.2f s: %.0f resources/s\n", resources,
              workspaces, scan_seconds, resources / scan_seconds);
  std::printf("slowest workspace scan (one invocation's share): %.2f s\n", slowest);
  std::printf("AWS calls: %lld (%.3f per resource)\n", calls, double(calls) / double(resources));
  std::printf("findings: %lld drifted, %lld unmanaged, %lld not checked\n", drifts, unmanaged,
              not_checked);
  std::printf("peak memory (max RSS of this process): %.1f MiB\n", ru.ru_maxrss / 1024.0);
  return 0;
}
