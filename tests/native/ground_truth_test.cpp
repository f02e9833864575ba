// Terraform as ground truth: on the `native_workspaces` fixture (every supported type,
// applied with real Terraform into moto; prod drifted by console-like changes, changes that
// are not drift, unmanaged resources beside them), the native engine must report what
// `terraform plan -refresh-only` reports in resource_drift, with the same expected and actual
// values, and nothing else, less the emulator noise listed below.
#include <gtest/gtest.h>
#include <rapidjson/document.h>

#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <set>
#include <sstream>
#include <tuple>
#include <vector>

#include "aws/s3.h"
#include "aws/session.h"
#include "bucket_echoes.h"
#include "grading.h"
#include "native_engine.h"
#include "registry.h"
#include "terraform/plan.h"
#include "terraform/state.h"
#include "terraform_engine.h"

namespace {

// Attributes Terraform reports that are not drift anyone made, each with its reason. The
// native engine suppresses them through its rules (counted in findings.suppressed).
const std::map<std::pair<std::string, std::string>, std::string> kNoise = {
    {{"aws_instance", "public_ip"}, "moto (like AWS) assigns a new public address on stop/start"},
    {{"aws_instance", "public_dns"}, "follows public_ip"},
    {{"aws_db_instance", "latest_restorable_time"}, "moto moves it forward between refreshes"},
    // aws_vpc's main_route_table_id and default_route_table_id follow a replaced
    // aws_main_route_table_association, reported there (a deletion).
    {{"aws_vpc", "main_route_table_id"}, "follows aws_main_route_table_association"},
    {{"aws_vpc", "default_route_table_id"}, "follows aws_main_route_table_association"},
    {{"aws_acm_certificate", "status"}, "aws_acm_certificate: moto issues a request by itself"},
};

struct fixture_info {
  rapidjson::Document doc;
  std::string endpoint, prefix, dir, bucket, key;
};

// One applied configuration: the sample workspaces, or a family of tests/native/families.
struct family_ref {
  std::string name, dir, key;
  const rapidjson::Value* facts;  // its "changes", "not_drift" and "unmanaged"
};

std::vector<family_ref> families_of(const fixture_info& f) {
  std::vector<family_ref> out;
  if (!f.dir.empty()) out.push_back({"sample", f.dir, f.key, &f.doc});
  if (f.doc.HasMember("families"))
    for (const auto& fam : f.doc["families"].GetArray())
      out.push_back({fam["name"].GetString(), fam["terraform_dir"].GetString(),
                     fam["state"]["key"].GetString(), &fam});
  return out;
}

fixture_info load() {
  fixture_info f;
  const char* dir = std::getenv("DRIFT_NATIVE_WORKSPACES_DIR");
  if (!dir) throw std::runtime_error("DRIFT_NATIVE_WORKSPACES_DIR not set: run through ctest");
  std::ifstream in(std::string(dir) + "/native_workspaces.json");
  std::stringstream ss;
  ss << in.rdbuf();
  f.doc.Parse(ss.str().c_str());
  if (!f.doc.IsObject()) throw std::runtime_error("no native_workspaces.json");
  f.endpoint = f.doc["endpoint"].GetString();
  f.prefix = f.doc["name_prefix"].GetString();
  // Without the sample workspaces (setup_fixture.py --families), only families are compared.
  if (f.doc.HasMember("terraform_dir")) {
    f.dir = f.doc["terraform_dir"].GetString();
    f.key = f.doc["state"]["key"].GetString();
  }
  const auto& fams = f.doc["families"].GetArray();
  f.bucket = f.doc.HasMember("state") ? f.doc["state"]["bucket"].GetString()
                                      : fams[0]["state"]["bucket"].GetString();
  setenv("AWS_ENDPOINT_URL", f.endpoint.c_str(), 1);
  setenv("AWS_ACCESS_KEY_ID", "test", 1);
  setenv("AWS_SECRET_ACCESS_KEY", "test", 1);
  setenv("AWS_REGION", "us-east-1", 1);
  return f;
}

// (address, change, attribute, expected, actual)
using fact = std::tuple<std::string, std::string, std::string, std::string, std::string>;

// Values the native engine redacts on both sides (a sensitive_values rule: Lambda environment
// variables): Terraform prints them, so the comparison is on address and attribute.
const std::string kRedacted = "<redacted by the native engine>";

std::set<fact> redact_like(const std::set<fact>& terraform, const std::set<fact>& native) {
  std::set<std::pair<std::string, std::string>> redacted;
  for (const auto& x : native)
    if (std::get<3>(x) == kRedacted) redacted.insert({std::get<0>(x), std::get<2>(x)});
  std::set<fact> out;
  for (auto x : terraform) {
    if (redacted.count({std::get<0>(x), std::get<2>(x)})) {
      std::get<3>(x) = kRedacted;
      std::get<4>(x) = kRedacted;
    }
    out.insert(std::move(x));
  }
  return out;
}

std::string run(const std::string& cmd, int* status = nullptr) {
  std::string out;
  FILE* p = popen(cmd.c_str(), "r");
  if (!p) {
    if (status) *status = -1;
    return out;
  }
  char buf[65536];
  size_t n;
  while ((n = fread(buf, 1, sizeof buf, p)) > 0) out.append(buf, n);
  const int st = pclose(p);
  if (status) *status = st;
  return out;
}

std::string last_lines(const std::string& text, int n) {
  size_t pos = text.size();
  while (n-- > 0 && pos > 0) {
    const size_t nl = text.rfind('\n', pos - 1);
    pos = nl == std::string::npos ? 0 : nl;
  }
  return text.substr(pos);
}

struct terraform_result {
  std::string failure;  // why plan or show failed: their last lines
  std::set<fact> facts;
  // (type, attribute) of every attribute Terraform's refresh changed, noise included.
  std::set<std::pair<std::string, std::string>> refreshed;
  double seconds = 0;
  bool ok = false;
};

terraform_result terraform_truth(const fixture_info& f, const family_ref& fam,
                                 const std::string& ws) {
  const std::string src = std::getenv("DRIFT_SOURCE_DIR") ? std::getenv("DRIFT_SOURCE_DIR") : ".";
  const std::string plan = fam.dir + "/native-gt-" + ws + ".tfplan";
  const std::string env = "cd '" + fam.dir + "' && env AWS_ENDPOINT_URL='" + f.endpoint +
                          "' AWS_ACCESS_KEY_ID=test AWS_SECRET_ACCESS_KEY=test AWS_REGION=us-east-1"
                          " AWS_DEFAULT_REGION=us-east-1 TF_CLI_CONFIG_FILE='" +
                          src +
                          "/tests/workspaces/cli.tfrc' TF_IN_AUTOMATION=1 CHECKPOINT_DISABLE=1"
                          " TF_WORKSPACE=" +
                          ws + " ";
  terraform_result r;
  auto t0 = std::chrono::steady_clock::now();
  // Read-only: -refresh-only, no lock taken, the plan is never applied. A failed plan fails the
  // test with Terraform's own words.
  const std::string plan_cmd = env +
                               "terraform plan -refresh-only -lock=false -input=false -no-color "
                               "-out='" +
                               plan + "' -var name_prefix=" + f.prefix + " 2>&1";
  int status = 0;
  const std::string said = run(plan_cmd, &status);
  if (status != 0) {
    r.failure = "terraform plan: " + last_lines(said, 20);
    return r;
  }
  std::string json = run(env + "terraform show -json '" + plan + "' 2>/dev/null");
  r.seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
  auto p = terraform::parse_plan(json);
  if (!p) {
    r.failure = "terraform show: " + p.error().message + ": " + last_lines(json, 20);
    return r;
  }
  r.ok = true;
  for (const auto& rc : p->resource_drift) {
    if (rc.mode != terraform::resource_mode::managed) continue;
    if (rc.is_delete()) {
      r.facts.insert({rc.address, "delete", "", "", ""});
    } else if (rc.is_update()) {
      for (const auto& c : rc.changed) {
        r.refreshed.insert({rc.type, c.name});
        if (kNoise.count({rc.type, c.name})) continue;
        r.facts.insert({rc.address, "update", c.name, c.before, c.after});
      }
    }
  }
  return r;
}

struct native_result {
  scanner::findings f;
  std::set<fact> facts;
  double seconds = 0;
  int calls = 0;
};

native_result native_scan(const fixture_info& f, const family_ref& fam, const std::string& ws,
                          const terraform::state& st) {
  scanner::target t;
  t.name = "native-gt";
  t.account_id = "123456789012";
  t.region = "us-east-1";
  t.state.bucket = f.bucket;
  t.state.key = fam.key;
  t.state.region = "us-east-1";
  scanner::workspace_scan scan;
  scan.tgt = &t;
  scan.workspace = ws;
  scan.environment = ws;
  scan.state_key = "env:/" + ws + "/" + fam.key;
  scan.state = &st;
  scan.cloud = aws::session::from_environment();
  scanner::native::native_engine engine;
  native_result r;
  auto t0 = std::chrono::steady_clock::now();
  r.f = engine.scan(scan);
  r.seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
  r.calls = engine.last_calls();
  for (const auto& d : r.f.drifts) {
    if (d.change == drift::change_kind::deleted) r.facts.insert({d.address, "delete", "", "", ""});
    if (d.change == drift::change_kind::update)
      for (const auto& a : d.attributes)
        r.facts.insert({d.address, "update", a.name, a.sensitive ? kRedacted : a.expected,
                        a.sensitive ? kRedacted : a.actual});
  }
  return r;
}

std::string show(const fact& x) {
  return std::get<0>(x) + " " + std::get<1>(x) + " " + std::get<2>(x) + ": " + std::get<3>(x) +
         " -> " + std::get<4>(x);
}

terraform::state fetch_state(const fixture_info& f, const family_ref& fam, const std::string& ws) {
  auto s = aws::session::from_environment();
  auto obj = aws::s3::get_object(*s, f.bucket, "env:/" + ws + "/" + fam.key);
  if (!obj) throw std::runtime_error("state: " + obj.error().describe());
  auto st = terraform::parse_state(obj->body);
  if (!st) throw std::runtime_error("state: " + st.error().message);
  return st.value();
}

// A `provider_only` claim says the provider never reads the attribute back from AWS, so no
// console change can make it drift. Terraform's own refresh is the judge: an attribute it
// reported changed must not be claimed provider_only by the type's module.
void expect_provider_only_claims_hold(
    const std::set<std::pair<std::string, std::string>>& refreshed, const char* family,
    const std::string& ws) {
  int claims = 0;
  for (const auto& [type, name] : refreshed) {
    const auto* m = scanner::native::find_module(type);
    if (!m || !m->depth) continue;
    for (const auto& skip : m->depth->skipped) {
      if (skip.kind != scanner::native::skip_kind::provider_only) continue;
      ++claims;
      EXPECT_NE(skip.name, name) << type << "." << name
                                 << " is claimed provider_only, yet Terraform's refresh changed it";
    }
  }
  std::printf(
      "[%s/%s] provider_only claims held against %zu attributes Terraform refreshed (%d claims of "
      "their types)\n",
      family, ws.c_str(), refreshed.size(), claims);
}

void compare_with_terraform(const fixture_info& f, const family_ref& fam, const std::string& ws,
                            bool expect_drift) {
  SCOPED_TRACE(fam.name + "/" + ws);
  auto st = fetch_state(f, fam, ws);
  auto tf = terraform_truth(f, fam, ws);
  ASSERT_TRUE(tf.ok) << "in " << fam.dir << ": " << tf.failure;
  const auto echoes = bucket_echoes::map_to_parts(st, tf.facts);
  auto nat = native_scan(f, fam, ws, st);
  EXPECT_TRUE(nat.f.errors.empty()) << nat.f.errors[0].code << " " << nat.f.errors[0].message;
  EXPECT_FALSE(nat.f.incomplete);
  tf.facts = redact_like(tf.facts, nat.facts);

  int hit = 0;
  for (const auto& x : tf.facts) {
    if (nat.facts.count(x))
      ++hit;
    else
      ADD_FAILURE() << "missed (Terraform reports it): " << show(x);
  }
  for (const auto& x : nat.facts)
    if (!tf.facts.count(x))
      ADD_FAILURE() << "false positive (Terraform does not report it): " << show(x);
  const double recall = tf.facts.empty() ? 1.0 : double(hit) / double(tf.facts.size());
  const double precision = nat.facts.empty() ? 1.0 : double(hit) / double(nat.facts.size());
  const char* name = fam.name.c_str();
  std::printf(
      "[%s/%s] Terraform: %zu drifted attributes/deletions, native: %zu; recall %.1f%%, "
      "precision %.1f%%\n",
      name, ws.c_str(), tf.facts.size(), nat.facts.size(), recall * 100, precision * 100);
  std::printf(
      "[%s/%s] time: native %.2f s (%d AWS calls, %d resources), terraform plan+show %.2f s\n",
      name, ws.c_str(), nat.seconds, nat.calls, nat.f.resources_scanned, tf.seconds);
  for (const auto& [rule, n] : nat.f.suppressed)
    std::printf("[%s/%s] suppressed %s: %d\n", name, ws.c_str(), rule.c_str(), n);
  for (const auto& [block, n] : echoes)
    std::printf("[%s/%s] bucket echoes of a part's change mapped to the part (%s): %d\n", name,
                ws.c_str(), block.c_str(), n);
  // The native engine hid no more than Terraform's echoes, each counted under its
  // managed_by_part rule: one more would be a copy read in another shape than the provider's.
  // Fewer where the bucket leaves a copy unread (a website with routing rules).
  for (const auto& [block, part] : bucket_echoes::echo_blocks()) {
    if (!bucket_echoes::counted_by_native(block)) continue;
    const std::string rule = "aws_s3_bucket." + block + ":managed_by_part";
    const auto hid = nat.f.suppressed.find(rule);
    const auto saw = echoes.find(block);
    EXPECT_LE(hid == nat.f.suppressed.end() ? 0 : hid->second,
              saw == echoes.end() ? 0 : saw->second)
        << rule;
  }
  if (expect_drift) {
    EXPECT_FALSE(tf.facts.empty());
    // Every console-like change the fixture made is among the native findings.
    std::set<std::pair<std::string, std::string>> found;
    for (const auto& x : nat.facts) found.insert({std::get<0>(x), std::get<1>(x)});
    for (const auto& c : (*fam.facts)["changes"].GetArray())
      EXPECT_TRUE(found.count({c["address"].GetString(), c["change"].GetString()}))
          << c["name"].GetString() << ": " << c["address"].GetString() << " not reported as "
          << c["change"].GetString();
  }
  expect_provider_only_claims_hold(tf.refreshed, name, ws);
  // Every supported type is compared, none skipped.
  for (const auto& nc : nat.f.not_checked)
    ADD_FAILURE() << "not checked: " << nc.address << " " << nc.reason;
}

}  // namespace

TEST(NativeGroundTruth, DriftedProdMatchesTerraform) {
  auto f = load();
  for (const auto& fam : families_of(f)) compare_with_terraform(f, fam, "prod", true);
}

TEST(NativeGroundTruth, CleanDevMatchesTerraform) {
  auto f = load();
  for (const auto& fam : families_of(f)) compare_with_terraform(f, fam, "dev", false);
}

TEST(NativeGroundTruth, ChangesThatAreNotDriftAreNotReported) {
  auto f = load();
  for (const auto& fam : families_of(f)) {
    SCOPED_TRACE(fam.name);
    auto st = fetch_state(f, fam, "prod");
    auto nat = native_scan(f, fam, "prod", st);
    for (const auto& nd : (*fam.facts)["not_drift"].GetArray()) {
      const std::string address = nd["address"].GetString();
      for (const auto& d : nat.f.drifts) {
        if (d.address != address) continue;
        EXPECT_NE(d.change, drift::change_kind::deleted) << nd["name"].GetString();
        for (const auto& attr : nd["attributes"].GetArray())
          for (const auto& a : d.attributes)
            EXPECT_NE(a.name, attr.GetString()) << nd["name"].GetString() << " reported as drift";
      }
    }
    // The reordered policy was seen and hidden by its rule: the count shows it.
    if (fam.name == "sample") {
      EXPECT_GE(nat.f.suppressed["aws_s3_bucket_policy.policy:policy_json"], 1);
    }
  }
}

TEST(NativeGroundTruth, UnmanagedResourcesAreFoundWithCoverage) {
  auto f = load();
  if (f.dir.empty()) GTEST_SKIP() << "no sample workspaces in this fixture";
  const auto sample = families_of(f).front();
  auto st = fetch_state(f, sample, "prod");
  auto nat = native_scan(f, sample, "prod", st);
  std::set<std::pair<std::string, std::string>> unmanaged, managed_ids;
  for (const auto& d : nat.f.drifts)
    if (d.change == drift::change_kind::unmanaged) unmanaged.insert({d.type, d.id});
  for (const auto& u : f.doc["unmanaged"].GetArray())
    EXPECT_TRUE(unmanaged.count({u["type"].GetString(), u["id"].GetString()}))
        << u["type"].GetString() << " " << u["id"].GetString();
  // Resources of either workspace's state are managed, never unmanaged.
  for (const char* ws : {"prod", "dev"})
    for (const auto& r : fetch_state(f, sample, ws).resources)
      EXPECT_FALSE(unmanaged.count({r.type, r.id})) << r.address << " in " << ws;
  bool bucket_coverage = false;
  for (const auto& c : nat.f.coverage) {
    EXPECT_LE(c.managed, c.found) << c.type;
    if (c.type == "aws_s3_bucket") {
      bucket_coverage = true;
      EXPECT_GE(c.managed, 5);  // data and logs of prod and dev, dev's artifacts
      EXPECT_GT(c.found, c.managed);
    }
  }
  EXPECT_TRUE(bucket_coverage);
}

// Through the scanner's own Terraform engine and the shared grading, both engines give the
// same report entries: severity, rule, remediation command and cost (less the noise above,
// removed from Terraform's findings before grading, as the native rules suppress it).
TEST(NativeGroundTruth, SameGradedReportAsTheTerraformEngine) {
  auto f = load();
  if (f.dir.empty()) GTEST_SKIP() << "no sample workspaces in this fixture";
  auto st = fetch_state(f, families_of(f).front(), "prod");
  scanner::target t;
  t.name = "native-gt";
  t.account_id = "123456789012";
  t.region = "us-east-1";
  t.state.bucket = f.bucket;
  t.state.key = f.key;
  t.state.region = "us-east-1";
  t.state.dynamodb_table = f.doc["lock_table"].GetString();
  t.terraform_dir = f.dir;
  t.terraform_vars["name_prefix"] = f.prefix;
  const std::string src = std::getenv("DRIFT_SOURCE_DIR") ? std::getenv("DRIFT_SOURCE_DIR") : ".";
  setenv("TF_CLI_CONFIG_FILE", (src + "/tests/workspaces/cli.tfrc").c_str(), 1);
  scanner::workspace_scan scan{
      &t, "prod", "prod", "env:/prod/" + f.key, &st, aws::session::from_environment()};
  scanner::terraform_engine tf_engine;
  auto tf = tf_engine.scan(scan);
  ASSERT_TRUE(tf.errors.empty()) << tf.errors[0].code << ": " << tf.errors[0].message;
  for (auto& d : tf.drifts)
    std::erase_if(d.attributes, [&](const auto& a) { return kNoise.count({d.type, a.name}) > 0; });
  scanner::native::engine_options o;
  o.find_unmanaged = false;  // Terraform cannot see unmanaged resources
  scanner::native::native_engine native(o);
  auto nat = native.scan(scan);

  scanner::report_context ctx{"scan", "2026-01-01T00:00:00Z", "2026-01-01T00:00:01Z", {}};
  const auto& rules = drift::rule_table::builtin();
  const auto ignore = drift::ignore_rules::parse("");
  auto tf_report = scanner::grade(tf, ctx, rules, ignore);
  auto nat_report = scanner::grade(nat, ctx, rules, ignore);
  auto key = [](const drift::report& r) {
    std::map<std::string, std::string> out;
    for (const auto& d : r.drifts) {
      std::string v = std::string(drift::to_string(d.change)) + " " +
                      std::string(drift::to_string(d.level)) + " " + d.rule + " | " +
                      d.fix.command + " | " + d.arn + " |";
      for (const auto& a : d.attributes) v += " " + a.name + "=" + a.expected + "->" + a.actual;
      if (d.monthly_cost_delta) v += " cost=" + std::to_string(*d.monthly_cost_delta);
      out[d.address] = v;
    }
    return out;
  };
  EXPECT_EQ(key(tf_report), key(nat_report));
  EXPECT_EQ(tf_report.exit_code, nat_report.exit_code);
  EXPECT_EQ(tf_report.summary.highest, nat_report.summary.highest);
  EXPECT_EQ(tf_report.summary.resources_scanned, nat_report.summary.resources_scanned);
}

// AWS throttles; moto never does. Through a proxy that answers every DescribeVolumes with EC2's
// RequestLimitExceeded, the scan still completes: the volumes are listed as not checked
// (throttled), not as an error, and everything else is found exactly as without throttling.
TEST(NativeGroundTruth, PersistentThrottlingLeavesOnlyThoseResourcesNotChecked) {
  auto f = load();
  if (f.dir.empty()) GTEST_SKIP() << "no sample workspaces in this fixture";
  const char* proxy_dir = std::getenv("DRIFT_FAULT_PROXY_DIR");
  ASSERT_NE(proxy_dir, nullptr) << "run through ctest (fault proxy fixture)";
  std::ifstream in(std::string(proxy_dir) + "/endpoint");
  std::string proxy;
  ASSERT_TRUE(static_cast<bool>(in >> proxy)) << "no fault proxy endpoint";
  const auto sample = families_of(f).front();
  auto st = fetch_state(f, sample, "prod");
  auto direct = native_scan(f, sample, "prod", st);

  auto throttled_so_far = [&] { return std::stoi(run("curl -s " + proxy + "/__fault/throttled")); };
  const int before = throttled_so_far();
  setenv("AWS_ENDPOINT_URL", proxy.c_str(), 1);
  auto nat = native_scan(f, sample, "prod", st);
  setenv("AWS_ENDPOINT_URL", f.endpoint.c_str(), 1);
  const int throttled = throttled_so_far() - before;

  EXPECT_TRUE(nat.f.errors.empty()) << nat.f.errors[0].code << " " << nat.f.errors[0].message;
  EXPECT_FALSE(nat.f.incomplete);
  std::set<std::string> volumes;
  for (const auto& r : st.resources)
    if (r.type == "aws_ebs_volume") volumes.insert(r.address);
  ASSERT_FALSE(volumes.empty()) << "the fixture has no aws_ebs_volume to throttle";
  // The managed volumes, and the search for unmanaged ones (no address), both throttled.
  std::set<std::string> not_checked;
  bool discovery_throttled = false;
  for (const auto& nc : nat.f.not_checked) {
    EXPECT_NE(nc.reason.find("Throttling (RequestLimitExceeded)"), std::string::npos)
        << nc.address << ": " << nc.reason;
    if (nc.address.empty())
      discovery_throttled = nc.type == "aws_ebs_volume";
    else
      not_checked.insert(nc.address);
  }
  EXPECT_TRUE(discovery_throttled);
  EXPECT_EQ(not_checked, volumes);
  // Everything but the volumes: the same findings as the unthrottled scan.
  auto about_volumes = [&](const fact& x) { return volumes.count(std::get<0>(x)) > 0; };
  std::set<fact> expected, got;
  for (const auto& x : direct.facts)
    if (!about_volumes(x)) expected.insert(x);
  for (const auto& x : nat.facts) {
    EXPECT_FALSE(about_volumes(x)) << "a throttled resource was reported: " << show(x);
    got.insert(x);
  }
  EXPECT_EQ(got, expected);
  // Retried as the SDKs' standard mode does (3 attempts per call), then given up.
  EXPECT_GE(throttled, 3);
  EXPECT_EQ(throttled % 3, 0) << throttled << " throttled requests";
  std::printf("[throttled] %d DescribeVolumes requests throttled, %zu volumes not checked\n",
              throttled, volumes.size());
}
