// The engine interface: how a drift engine is asked to scan one workspace of one target, and
// the one "findings" model every engine produces. Grading, the report, alerts, metrics and
// drift events consume findings only, so the Terraform engine, the plan ingestion and the
// native engine (native/, "drift-scanner 2 of 2") produce the same report.
#pragma once

#include <chrono>
#include <map>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "drift/report.h"
#include "drift/severity.h"
#include "targets.h"
#include "terraform/state.h"

namespace aws {
class session;
}

namespace scanner {

// One drifted resource, before grading. Values are compact JSON and already redacted
// (sensitive values read "(sensitive)"); engines must never put a raw sensitive value here.
struct finding {
  std::string address;  // Terraform address, e.g. module.x.aws_s3_bucket.b["k"]
  std::string type;     // aws_s3_bucket
  std::string id;       // cloud id
  std::string arn;      // the resource's ARN, or its split parent's (drift/tags.h)
  drift::change_kind change = drift::change_kind::update;
  // update: the changed top-level attributes, expected = state, actual = cloud.
  std::vector<drift::report_attribute> attributes;
  std::map<std::string, std::string> tags;  // tags_all (or the split parent's), redacted
};

struct findings {
  std::string engine;         // "terraform", "native", "plan"
  int resources_scanned = 0;  // managed resource instances compared
  std::vector<finding> drifts;
  std::vector<drift::not_checked_item> not_checked;
  std::map<std::string, int> suppressed;  // normalisation rule -> differences it hid
  std::vector<drift::coverage_item> coverage;
  std::vector<drift::report_error> errors;  // any error makes the scan's exit code 1
  bool incomplete = false;                  // stopped early (deadline): a partial result
};

// Everything an engine needs to scan one workspace. The state is the one fetched from the
// backend (scanner/state_fetch.h); engines that compare with live AWS use `cloud`.
struct workspace_scan {
  const target* tgt = nullptr;
  std::string workspace;    // "default" or a workspace name
  std::string environment;  // environments[workspace], else the workspace
  std::string state_key;    // full key of the state object in tgt->state.bucket
  const terraform::state* state = nullptr;
  std::shared_ptr<aws::session> cloud;  // the target's account and region (role assumed)
  std::chrono::system_clock::time_point deadline = std::chrono::system_clock::time_point::max();
  // Every target of the configuration, not only those scanned now: their states in the same
  // account and region hold resources that are managed, not unmanaged. Null: only `tgt`.
  const std::vector<target>* known_targets = nullptr;
  // False for a revert check: its state holds only the remediated addresses, so everything
  // else of the workspace would look unmanaged.
  bool find_unmanaged = true;
  // The workspace's whole state when `state` holds only some addresses (a revert check, the
  // live path): a part's parent (a bucket's public access block's bucket) is looked up there,
  // so the part keeps its parent's ARN and tags (AutoRevert, Criticality). Null: `state`.
  const terraform::state* whole_state = nullptr;
};

class engine {
 public:
  virtual ~engine() = default;
  virtual std::string_view name() const = 0;
  // Never throws; every failure is an entry of findings.errors.
  virtual findings scan(const workspace_scan& ws) = 0;
};

// The native engine (native/); nullptr in a build without it.
std::unique_ptr<engine> make_native_engine();

// The AWS calls the native engine expects to spend reading `instances` instances of `type`
// (its module's declared cost); 0 for a type it has no module for, or without the engine.
// The scheduled scan's work estimate (work_plan.h) sums it over a state.
double native_calls_for(std::string_view type, size_t instances);
// The same summed over a workspace's mix (instances per type), where a type that shares its
// parent's reads (a bucket's parts) pays only for the instances beyond its parent's count: the
// parts of buckets the workspace also manages cost nothing.
double native_calls_for_mix(const std::map<std::string, size_t>& mix);

}  // namespace scanner
