// How a scheduled scan is cut into invocations (work_plan.h) and how a sliced workspace's parts
// become its one report (slice_parts.h), without AWS: estimates follow the type modules'
// declared costs, slices cover every address once, one unit per target lists the region, and
// the merge of any arrangement of the parts equals the workspace scanned in one piece.
#include "work_plan.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <random>
#include <set>
#include <string>

#include "engine.h"
#include "fan_out.h"
#include "handler.h"
#include "slice_parts.h"
#include "terraform/state.h"

namespace {

using namespace scanner;

// A state of `n` instances of each (type, name) given, counted resources as Terraform writes
// them; every instance has an id.
terraform::state state_of(const std::vector<std::tuple<std::string, std::string, int>>& resources,
                          const std::string& module = "") {
  std::string json = R"({"version":4,"terraform_version":"1.11.4","serial":1,"lineage":"l",)"
                     R"("outputs":{},"resources":[)";
  bool first = true;
  for (const auto& [type, name, n] : resources) {
    json += std::string(first ? "" : ",") + R"({"mode":"managed",)" +
            (module.empty() ? "" : "\"module\":\"" + module + "\",") + R"("type":")" + type +
            R"(","name":")" + name +
            R"(","provider":"provider[\"registry.terraform.io/hashicorp/aws\"]","instances":[)";
    for (int i = 0; i < n; ++i)
      json += std::string(i ? "," : "") + R"({"index_key":)" + std::to_string(i) +
              R"(,"schema_version":0,"attributes":{"id":")" + name + "-" + std::to_string(i) +
              R"("}})";
    json += "]}";
    first = false;
  }
  json += "]}";
  auto st = terraform::parse_state(json);
  EXPECT_TRUE(st) << (st ? "" : st.error().message);
  return st ? std::move(st.value()) : terraform::state{};
}

std::vector<std::string> addresses(const terraform::state& st) {
  std::vector<std::string> out;
  for (const auto& r : st.resources) out.push_back(r.address);
  return out;
}

work_budget budget_of(double seconds) {
  work_budget b;
  b.seconds = seconds;
  b.call_latency_seconds = 0.04;
  b.workers = 8;
  return b;
}

TEST(WorkEstimate, FollowsTheTypesDeclaredCosts) {
  const auto st = state_of({{"aws_instance", "web", 250}, {"aws_s3_bucket", "data", 3}});
  const double calls = estimated_calls(st);
  EXPECT_DOUBLE_EQ(calls,
                   native_calls_for("aws_instance", 250) + native_calls_for("aws_s3_bucket", 3));
  // Batched reads cost less per instance than one-by-one reads.
  EXPECT_LT(native_calls_for("aws_instance", 250) / 250, native_calls_for("aws_s3_bucket", 3) / 3);
  EXPECT_GT(native_calls_for("aws_instance", 250), 0);
  EXPECT_EQ(native_calls_for("aws_not_a_type", 10), 0);
  EXPECT_DOUBLE_EQ(estimated_seconds(st, budget_of(600)), calls * 0.04 / 8);
}

TEST(WorkEstimate, SlicesCoverEveryAddressOnceAndEachFitsTheBudget) {
  const auto st = state_of(
      {{"aws_s3_bucket", "logs", 900}, {"aws_instance", "web", 1200}, {"aws_iam_role", "r", 300}});
  const double total = estimated_seconds(st, budget_of(600));
  const auto b = budget_of(total / 3);
  const auto ranges = slice_ranges(st, b);
  ASSERT_GE(ranges.size(), 2u);
  EXPECT_TRUE(ranges.front().from.empty());
  EXPECT_TRUE(ranges.back().to.empty());
  for (size_t i = 0; i + 1 < ranges.size(); ++i) EXPECT_EQ(ranges[i].to, ranges[i + 1].from);
  size_t covered = 0;
  for (const auto& r : ranges) {
    const auto part = state_in_range(st, r);
    covered += part.resources.size();
    EXPECT_FALSE(part.resources.empty());
    EXPECT_LE(estimated_seconds(part, b), b.seconds) << r.from << " .. " << r.to;
  }
  EXPECT_EQ(covered, st.resources.size());
  for (const auto& a : addresses(st))
    EXPECT_EQ(std::count_if(ranges.begin(), ranges.end(),
                            [&](const address_range& r) { return r.contains(a); }),
              1)
        << a;
}

TEST(WorkPlan, ATargetThatFitsIsOneUnitAsBefore) {
  const auto prod = state_of({{"aws_instance", "web", 20}});
  const auto dev = state_of({{"aws_instance", "web", 5}});
  const auto units =
      plan_target("platform", {{"prod", &prod}, {"dev", &dev}}, budget_of(600), "r1");
  ASSERT_EQ(units.size(), 1u);
  EXPECT_EQ(units[0].target, "platform");
  EXPECT_TRUE(units[0].workspace.empty());
  EXPECT_FALSE(units[0].slice);
  EXPECT_TRUE(units[0].find_unmanaged);
  EXPECT_EQ(unit_event(units[0]), R"({"target":"platform"})");
}

TEST(WorkPlan, ATargetOverBudgetIsCutByWorkspaceAndALargeWorkspaceBySlices) {
  const auto big = state_of({{"aws_s3_bucket", "b", 700}});
  const auto small = state_of({{"aws_instance", "web", 10}});
  // Big needs three invocations; small fits one with room to spare.
  const auto b = budget_of(estimated_seconds(big, budget_of(600)) / 2);
  ASSERT_LT(estimated_seconds(small, b), b.seconds / 2);
  const auto units = plan_target("platform", {{"big", &big}, {"small", &small}}, b, "run-7");
  ASSERT_GE(units.size(), 3u);
  std::set<std::string> workspaces;
  int discovering = 0;
  for (const auto& u : units) {
    workspaces.insert(u.workspace);
    discovering += u.find_unmanaged ? 1 : 0;
    if (u.workspace == "small") {
      EXPECT_FALSE(u.slice);
      EXPECT_FALSE(u.find_unmanaged) << "the region is listed once per target";
    } else {
      ASSERT_TRUE(u.slice);
      EXPECT_EQ(u.slice->run, "run-7");
      EXPECT_EQ(u.slice->count, static_cast<int>(units.size()) - 1);
      EXPECT_EQ(u.find_unmanaged, u.slice->index == 0);
    }
  }
  EXPECT_EQ(workspaces, (std::set<std::string>{"big", "small"}));
  EXPECT_EQ(discovering, 1);
}

TEST(WorkPlan, AUnitsEventReadsBackAsTheSameRequest) {
  work_unit u{"platform", "prod",
              slice_spec{"5f0c-77", 1, 3, {"aws_s3_bucket.b[200]", "aws_s3_bucket.b[450]"}}, false,
              12};
  auto req = parse_event(unit_event(u), nullptr);
  ASSERT_TRUE(req) << req.error().message;
  EXPECT_EQ(req->target, "platform");
  EXPECT_EQ(req->workspace, "prod");
  ASSERT_TRUE(req->slice);
  EXPECT_EQ(req->slice->run, "5f0c-77");
  EXPECT_EQ(req->slice->index, 1);
  EXPECT_EQ(req->slice->count, 3);
  EXPECT_EQ(req->slice->range.from, "aws_s3_bucket.b[200]");
  EXPECT_EQ(req->slice->range.to, "aws_s3_bucket.b[450]");
  ASSERT_TRUE(req->find_unmanaged);
  EXPECT_FALSE(*req->find_unmanaged);
}

TEST(WorkPlan, ABadSliceIsAClearErrorNotAScan) {
  for (
      const char* bad : {
          R"({"target":"t","workspace":"w","slice":{"run":"../x","index":0,"count":2}})",
          R"({"target":"t","workspace":"w","slice":{"run":"r","index":2,"count":2}})",
          R"({"target":"t","workspace":"w","slice":{"run":"r","index":0,"count":0}})",
          R"({"target":"t","slice":{"run":"r","index":0,"count":2}})",
          R"({"target":"t","workspace":"w","slice":{"run":"r","index":0,"count":2,"from":"b","to":"a"}})",
          R"({"target":"t","workspace":"w","slice":"all"})",
          R"({"target":"t","workspace":"w","unmanaged":"yes"})",
      }) {
    auto req = parse_event(bad, nullptr);
    ASSERT_FALSE(req) << bad;
    EXPECT_EQ(req.error().code, "InvalidEvent") << bad;
  }
}

finding drifted(const std::string& address,
                drift::change_kind change = drift::change_kind::update) {
  finding f;
  f.address = address;
  f.type = address.substr(0, address.find('.'));
  f.id = address + "-id";
  f.change = change;
  if (change == drift::change_kind::update)
    f.attributes.push_back({"tags", R"({"a":"1"})", R"({"a":"2"})", false});
  f.tags = {{"Owner", "ops"}};
  return f;
}

// The findings of a workspace scanned whole, as the engine orders them.
findings whole_scan() {
  findings f;
  f.engine = "native";
  f.resources_scanned = 9;
  for (const char* a : {"aws_iam_role.r[0]", "aws_instance.web[3]", "aws_instance.web[7]",
                        "aws_s3_bucket.b[1]", "aws_s3_bucket.b[5]"})
    f.drifts.push_back(drifted(a));
  f.drifts.push_back(drifted("aws_s3_bucket.stray", drift::change_kind::unmanaged));
  f.not_checked = {
      {"aws_instance.web[9]", "aws_instance", "Throttling (RequestLimitExceeded)", false},
      {"aws_s3_bucket.b[2]", "aws_s3_bucket", "AccessDenied", false}};
  f.suppressed = {{"aws_instance.tags_all:provider_default_tags", 2}};
  f.coverage = {{"aws_s3_bucket", 3, 4}};
  f.errors = {{"AccessDenied", "s3 GetBucketTagging denied", "aws_s3_bucket.b[2]"}};
  return f;
}

// The same scan cut at `cuts`: part 0 also listed the region.
std::vector<findings> parts_of(const findings& whole, const std::vector<std::string>& cuts) {
  std::vector<address_range> ranges;
  std::string from;
  for (const auto& c : cuts) {
    ranges.push_back({from, c});
    from = c;
  }
  ranges.push_back({from, ""});
  std::vector<findings> parts(ranges.size());
  for (size_t i = 0; i < ranges.size(); ++i) {
    parts[i].engine = whole.engine;
    for (const auto& d : whole.drifts)
      if (d.change != drift::change_kind::unmanaged && ranges[i].contains(d.address))
        parts[i].drifts.push_back(d);
    for (const auto& n : whole.not_checked)
      if (ranges[i].contains(n.address)) parts[i].not_checked.push_back(n);
    for (const auto& e : whole.errors)
      if (ranges[i].contains(e.address)) parts[i].errors.push_back(e);
  }
  parts[0].resources_scanned = 4;
  parts[1].resources_scanned = 3;
  parts[2].resources_scanned = 2;
  parts[1].suppressed = whole.suppressed;
  for (const auto& d : whole.drifts)
    if (d.change == drift::change_kind::unmanaged) parts[0].drifts.push_back(d);
  parts[0].coverage = whole.coverage;
  return parts;
}

TEST(SliceMerge, AnyArrangementOfThePartsGivesTheWholeScan) {
  const findings whole = whole_scan();
  const std::string expected = findings_to_json(whole, "2026-12-06T05:00:00Z");
  auto parts = parts_of(whole, {"aws_instance.web[5]", "aws_s3_bucket.b[3]"});
  std::mt19937 shuffle(7);
  for (int round = 0; round < 5; ++round) {
    std::shuffle(parts.begin(), parts.end(), shuffle);
    EXPECT_EQ(findings_to_json(merge_slice_parts(parts), "2026-12-06T05:00:00Z"), expected);
  }
  // A part read twice (a retried slice's part) changes nothing.
  auto again = parts;
  again.push_back(parts[1]);
  findings twice = merge_slice_parts(again);
  EXPECT_EQ(twice.drifts.size(), whole.drifts.size());
  EXPECT_EQ(twice.not_checked.size(), whole.not_checked.size());
  EXPECT_EQ(twice.errors.size(), whole.errors.size());
}

TEST(SliceMerge, APartReadsBackAsWritten) {
  const findings whole = whole_scan();
  std::string started;
  auto back = findings_from_json(findings_to_json(whole, "2026-12-06T05:00:00Z"), &started);
  ASSERT_TRUE(back) << back.error().message;
  EXPECT_EQ(started, "2026-12-06T05:00:00Z");
  EXPECT_EQ(findings_to_json(*back, started), findings_to_json(whole, started));
  EXPECT_FALSE(findings_from_json("{\"schema_version\": 99}", nullptr));
  EXPECT_FALSE(findings_from_json("not json", nullptr));
}

TEST(SliceMerge, PartKeysAreOnePerSliceOfOneRun) {
  const slice_spec s{"run-1", 2, 4, {}};
  EXPECT_EQ(slice_part_key("platform", "prod", s), "slices/platform/prod/run-1/2.json");
}

}  // namespace
