// The native side of bench/native/versus_terraform.py: scans one workspace of an applied
// fixture (state fetched from the S3 backend) and prints one JSON object: the whole scan's time
// (best of --rounds) and AWS calls, then per type the resources and the calls of a scan of that
// type alone. Unmanaged discovery is off: Terraform's refresh does not list the region either.
#include <rapidjson/stringbuffer.h>
#include <rapidjson/writer.h>

#include <CLI/CLI.hpp>
#include <algorithm>
#include <chrono>
#include <cstdio>
#include <map>
#include <string>

#include "aws/s3.h"
#include "aws/session.h"
#include "native_engine.h"
#include "terraform/state.h"

namespace {

struct scan_result {
  double seconds = 0;
  int calls = 0, resources = 0, not_checked = 0;
};

scan_result scan_once(const scanner::target& t, const std::string& ws, const std::string& key,
                      const terraform::state& st, std::shared_ptr<aws::session> cloud) {
  scanner::native::engine_options o;
  o.find_unmanaged = false;
  scanner::native::native_engine engine(o);
  scanner::workspace_scan scan{&t,
                               ws,
                               ws,
                               key,
                               &st,
                               std::move(cloud),
                               std::chrono::system_clock::now() + std::chrono::minutes(5)};
  const auto t0 = std::chrono::steady_clock::now();
  auto f = engine.scan(scan);
  scan_result r;
  r.seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
  r.calls = engine.last_calls();
  r.resources = f.resources_scanned;
  r.not_checked = static_cast<int>(f.not_checked.size());
  return r;
}

}  // namespace

int main(int argc, char** argv) {
  CLI::App app{"Native engine calls and time for one workspace of an applied fixture"};
  std::string bucket, key, ws = "prod";
  int rounds = 3;
  app.add_option("--bucket", bucket, "state bucket")->required();
  app.add_option("--key", key, "state key (without the workspace prefix)")->required();
  app.add_option("--workspace", ws, "workspace");
  app.add_option("--rounds", rounds, "timed scans; the best is printed")->check(CLI::Range(1, 50));
  CLI11_PARSE(app, argc, argv);

  auto cloud = aws::session::from_environment();
  const std::string full_key = "env:/" + ws + "/" + key;
  auto obj = aws::s3::get_object(*cloud, bucket, full_key);
  if (!obj) {
    std::fprintf(stderr, "state %s: %s\n", full_key.c_str(), obj.error().describe().c_str());
    return 1;
  }
  auto st = terraform::parse_state(obj->body);
  if (!st) {
    std::fprintf(stderr, "state %s: %s\n", full_key.c_str(), st.error().message.c_str());
    return 1;
  }
  scanner::target t;
  t.name = "bench";
  t.account_id = "123456789012";
  t.region = cloud->region();
  t.state.bucket = bucket;
  t.state.key = key;
  t.state.region = t.region;

  scan_result best;
  for (int i = 0; i < rounds; ++i) {
    auto r = scan_once(t, ws, full_key, *st, cloud);
    if (i == 0 || r.seconds < best.seconds) best = r;
  }
  rapidjson::StringBuffer buf;
  rapidjson::Writer<rapidjson::StringBuffer> w(buf);
  w.StartObject();
  w.Key("seconds");
  w.Double(best.seconds);
  w.Key("calls");
  w.Int(best.calls);
  w.Key("resources");
  w.Int(best.resources);
  w.Key("not_checked");
  w.Int(best.not_checked);
  w.Key("types");
  w.StartObject();
  std::map<std::string, int> types;
  for (const auto& r : st->resources)
    if (r.mode == terraform::resource_mode::managed) ++types[r.type];
  for (const auto& [type, n] : types) {
    terraform::state one = *st;
    std::erase_if(one.resources, [&](const auto& r) { return r.type != type; });
    auto r = scan_once(t, ws, full_key, one, cloud);
    w.Key(type.c_str());
    w.StartObject();
    w.Key("resources");
    w.Int(n);
    w.Key("calls");
    w.Int(r.calls);
    w.EndObject();
  }
  w.EndObject();
  w.EndObject();
  std::printf("%s\n", buf.GetString());
  return 0;
}
