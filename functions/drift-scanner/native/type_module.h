// What one resource type module gives the native engine: how to read live resources in
// Terraform's attribute shape (batched), which normalisation rules apply to its attributes,
// and how to list every resource of the type in the region (unmanaged discovery).
#pragma once

#include <rapidjson/document.h>

#include <atomic>
#include <chrono>
#include <functional>
#include <map>
#include <memory>
#include <set>
#include <string>
#include <string_view>
#include <vector>

#include "aws/error.h"
#include "core/result.h"
#include "read_memo.h"
#include "rules.h"
#include "terraform/state.h"

namespace aws {
class session;
}

namespace scanner::native {

// What a read found for one managed instance.
struct live_resource {
  enum class status { found, gone, not_checked };
  status st = status::not_checked;
  // found: the top-level attributes the module reads, in the shape Terraform stores them.
  // Only these attributes are compared; an attribute the module does not read is never
  // reported (the coverage a type claims is exactly its reader's).
  std::shared_ptr<rapidjson::Document> attrs;
  std::string reason;  // not_checked: why (throttled, access denied, ...)

  static live_resource found(std::shared_ptr<rapidjson::Document> d) {
    return {status::found, std::move(d), {}};
  }
  static live_resource gone() { return {status::gone, nullptr, {}}; }
  static live_resource unchecked(std::string why) {
    return {status::not_checked, nullptr, std::move(why)};
  }
};

// Per-call context: the target's account and region, the session to use (one per worker:
// a session serialises its own requests), a call counter and the scan's deadline.
struct read_context {
  aws::session& cloud;
  const terraform::state& state;  // for attributes a read needs from other resources
  std::string account_id;
  std::string region;
  std::atomic<int>* calls = nullptr;
  std::chrono::system_clock::time_point deadline = std::chrono::system_clock::time_point::max();
  // Listing only: ids some state manages, so a listing may skip per-resource lookups (a
  // bucket's region) for them.
  const std::set<std::string>* managed_ids = nullptr;
  // Answers shared between types for this scan (read_memo.h); null: every read asks AWS.
  read_memo* memo = nullptr;

  void count(int n = 1) const {
    if (calls) calls->fetch_add(n);
  }
  bool past_deadline() const { return std::chrono::system_clock::now() >= deadline; }
};

using instance_list = std::vector<const terraform::resource_instance*>;

// One resource found in the region by a listing, for unmanaged discovery.
struct discovered {
  std::string id;         // matches the state's `id` of a managed instance of this type
  std::string import_id;  // what `terraform import` takes (usually the id)
  std::map<std::string, std::string> tags;
};

// Why a configurable top-level name of the provider schema is not compared.
enum class skip_kind {
  provider_only,  // the provider never reads it from AWS (a drift cannot show)
  write_only,     // the schema's write-only arguments
  create_only,    // only read at creation; a change forces replacement, never drift
  not_read,       // AWS returns it, but this module does not compare it yet
};

struct not_compared {
  std::string_view name;
  skip_kind kind;
  std::string_view why;
};

// What a module claims to compare, in the provider schema's top-level names: `types --json`
// prints it, tests/native/schema checks it against `terraform providers schema -json`, and the
// module's offline test checks that the reader produces exactly the compared names.
struct depth_claim {
  std::vector<std::string_view> compared;
  std::vector<not_compared> skipped;
  // moto cannot create, read or change the type: proved by offline tests only.
  bool offline_only = false;
  // Compared names of a ground-truth type whose change moto cannot make or show: their
  // drift is proved by the offline test alone.
  std::vector<std::string_view> offline_only_attributes = {};
};

// The IAM actions a module's AWS calls need, as the scan-read policy must grant them (its
// test compares the policy with the union of every module's; the offline tests check every
// recorded call against `read`). Only reads: never an action that decrypts or returns a
// secret's value.
struct iam_actions {
  std::vector<std::string_view> read;
  // What the listing (unmanaged discovery) calls beyond `read`.
  std::vector<std::string_view> list = {};
};

// One CloudTrail call as a locator reads it: the event's name and its request and response
// (null when the record has none). Kept apart from the parsed event so that modules need
// nothing but rapidjson.
struct change_call {
  std::string_view event_name;
  const rapidjson::Value& request;   // requestParameters
  const rapidjson::Value& response;  // responseElements
};

// Where a call's change is in a state. Usually the instance whose `id` is `id`; a type whose id
// the call cannot give (a generated id: policy attachments, group memberships) is located by
// attribute values instead (`id` empty): every instance of the type whose state holds them.
struct change_target {
  std::string id;
  std::map<std::string, std::string> attributes = {};

  bool operator==(const change_target&) const = default;
};

// The CloudTrail calls that change a type (the live path re-checks the resources they touch)
// and where, in the call, the resource is. Only calls that change what the module compares
// are declared: re-reading a resource whose compared attributes cannot have moved finds
// nothing.
struct change_locator {
  std::string_view source;               // CloudTrail eventSource, "ec2.amazonaws.com"
  std::vector<std::string_view> events;  // the write eventNames
  // The resources the call touched (several: CreateTags on many ids); empty when the call
  // does not say (never a guess).
  std::function<std::vector<change_target>(const change_call&)> locate;
  // A global service (IAM): its events carry awsRegion us-east-1 whatever region a target
  // scans, so they match every target of the account.
  bool global = false;
};

struct type_module {
  std::string_view type;
  // Reads `batch` (every instance of this type in one workspace, or a slice of them); the
  // answer is aligned with `batch`. Never throws; per-instance failures are not_checked.
  std::function<std::vector<live_resource>(const read_context&, const instance_list&)> read;
  // The normalisation rules of this type: see rules.h.
  const std::vector<rule>* rules = nullptr;
  // How many instances one read call should get (the engine slices larger batches).
  size_t batch_size = 100;
  // Every resource of the type in the region; empty function: not discoverable (split
  // resources, rules: they are part of a parent).
  std::function<core::result<std::vector<discovered>, aws::error>(const read_context&)> list;
  // What the module compares and why not the rest (null: not declared yet).
  const depth_claim* depth = nullptr;
  // The IAM actions its read and its listing call (null: not declared; the policy test fails).
  const iam_actions* permissions = nullptr;
  // The CloudTrail calls that change it (null: none declared; the live path cannot re-check
  // the type on a change).
  const change_locator* changes = nullptr;
  // The AWS calls a read makes, for the scheduled scan's work estimate (work_plan.h sizes the
  // fan-out with it): `calls_per_batch` for each read of up to `batch_size` instances, plus
  // `calls_per_instance` for each instance. A read of one instance makes the sum (its offline
  // test holds it to the recording).
  int calls_per_batch = 1;
  int calls_per_instance = 0;
  // The type whose read asks the same calls (a bucket's part: "aws_s3_bucket"). An instance
  // whose parent is read in the same scan takes the parent's answers and costs no call.
  std::string_view shares_reads_with = {};
};

std::string_view to_string(skip_kind k);

// Error text for a failed AWS call, for not_checked reasons.
std::string describe_failure(const aws::error& e);

}  // namespace scanner::native
