// Scan targets (the format functions/drift-scanner/README.md gives): parsing SCAN_TARGETS JSON,
// choosing the targets an event asks for, full state keys and workspace discovery in the S3
// backend.
#pragma once

#include <map>
#include <optional>
#include <string>
#include <vector>

#include "core/result.h"

namespace scanner {

struct state_location {
  std::string bucket;
  std::string key;
  std::string region;
  std::string workspace_key_prefix = "env:";
  std::vector<std::string> workspaces;  // empty: every workspace found ("*")
  std::string dynamodb_table;
};

struct target {
  std::string name;
  std::string account_id;
  std::string region;
  std::string role_arn;
  std::string external_id;
  state_location state;
  std::map<std::string, std::string> environments;  // workspace -> environment
  std::string terraform_dir;
  std::map<std::string, std::string> terraform_vars;  // passed to terraform as -var k=v
  std::string rules_file;                             // local path or s3:// URI
  std::string ignore_file;                            // local path or s3:// URI
  std::string problem;  // non-empty: this entry is unusable (reported, not scanned)

  std::string environment_of(const std::string& workspace) const;
  // <key> for "default", else <workspace_key_prefix>/<workspace>/<key>.
  std::string state_key_of(const std::string& workspace) const;
  // "<account_id>/<region>": what unmanaged discovery lists, once per run for every target
  // there. Empty when the account is not configured (such a target lists its region itself).
  std::string discovery_scope() const;
};

// The whole list. An entry that is not an object or lacks name/state.bucket/state.key is
// kept with `problem` set (so its report says why); only a document that is not a JSON list
// is an error.
core::result<std::vector<target>> parse_targets(const std::string& json);

// Workspaces present in a listing of the state bucket under the target's key: every
// `<prefix>/<ws>/<key>`, plus "default" when `<key>` itself is present; sorted.
std::vector<std::string> workspaces_in_listing(const target& t,
                                               const std::vector<std::string>& keys);

// The workspaces to scan: the target's list when it names some (not "*"), else discovered.
std::vector<std::string> select_workspaces(const target& t, const std::vector<std::string>& found);

}  // namespace scanner
