// What the native engine's moto tests share: a Terraform state written by hand, and one scan of
// it (no unmanaged discovery), observed as a user sees it (drift, deletions, not checked) with
// the engine's own count of AWS calls.
#pragma once

#include <gtest/gtest.h>

#include <map>
#include <set>
#include <string>
#include <tuple>
#include <vector>

#include "moto_session.h"
#include "native_engine.h"
#include "terraform/state.h"

namespace native_test {

// One managed resource of a v4 state; `attrs` is its attributes' JSON object.
inline std::string resource_json(const std::string& type, const std::string& name,
                                 const std::string& attrs) {
  return R"({"mode":"managed","type":")" + type + R"(","name":")" + name +
         R"(","provider":"provider[\"registry.terraform.io/hashicorp/aws\"]","instances":[{"schema_version":0,"attributes":)" +
         attrs + "}]}";
}

inline std::string state_json(const std::vector<std::string>& resources) {
  std::string joined;
  for (const auto& r : resources) joined += (joined.empty() ? "" : ",") + r;
  return R"({"version":4,"terraform_version":"1.11.0","serial":1,"lineage":"engine-on-moto","outputs":{},"resources":[)" +
         joined + "]}";
}

// (address, attribute, expected, actual) of each changed attribute.
using fact = std::tuple<std::string, std::string, std::string, std::string>;

struct scanned {
  std::set<fact> facts;
  std::set<std::string> deleted;      // addresses
  std::set<std::string> not_checked;  // "address: reason"
  int resources = 0;
  int calls = 0;
  std::map<std::string, int> calls_by_type;

  // Whether `address` has a changed attribute named `attribute` or under it (`tags.team`,
  // `rule[0]`), not one that only starts alike (`tags_all`).
  bool changed(const std::string& address, const std::string& attribute) const {
    for (const auto& [a, name, expected, actual] : facts)
      if (a == address && (name == attribute || name.rfind(attribute + ".", 0) == 0 ||
                           name.rfind(attribute + "[", 0) == 0))
        return true;
    return false;
  }
  int calls_of(const std::string& type) const {
    auto it = calls_by_type.find(type);
    return it == calls_by_type.end() ? 0 : it->second;
  }
};

inline scanned scan(const terraform::state& st, bool share_reads = true) {
  scanner::target t;
  t.name = "engine-on-moto";
  t.region = "us-east-1";
  scanner::workspace_scan ws;
  ws.tgt = &t;
  ws.workspace = "default";
  ws.state = &st;
  ws.cloud = aws_test::moto_session();
  scanner::native::engine_options o;
  o.find_unmanaged = false;
  o.share_reads = share_reads;
  scanner::native::native_engine engine(o);
  const auto f = engine.scan(ws);
  scanned out;
  for (const auto& d : f.drifts) {
    if (d.change == drift::change_kind::deleted) out.deleted.insert(d.address);
    for (const auto& a : d.attributes) out.facts.insert({d.address, a.name, a.expected, a.actual});
  }
  for (const auto& n : f.not_checked) out.not_checked.insert(n.address + ": " + n.reason);
  out.resources = f.resources_scanned;
  out.calls = engine.last_calls();
  out.calls_by_type = engine.last_calls_by_type();
  return out;
}

inline scanned scan(const std::string& state, bool share_reads = true) {
  auto st = terraform::parse_state(state);
  EXPECT_TRUE(st.ok()) << st.error().message;
  if (!st) return {};
  return scan(*st, share_reads);
}

}  // namespace native_test
