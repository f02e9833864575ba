// Reader of `terraform show -json PLANFILE` output, focused on what drift detection needs:
// resource_drift (what a refresh found changed outside Terraform) and resource_changes.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/result.h"
#include "terraform/state.h"
#include "terraform/types.h"

namespace terraform {

// A top-level attribute whose value differs between before and after. Values are redacted:
// a sensitive sub-value reads "(sensitive)".
struct changed_attribute {
  std::string name;
  json_text before = "null";
  json_text after = "null";
  bool sensitive = false;  // some part of it is marked sensitive
};

struct resource_change {
  std::string address;
  std::string module_address;
  resource_mode mode = resource_mode::managed;
  std::string type;
  std::string name;
  index_key key;
  std::string provider;  // provider_name
  std::string deposed;
  std::vector<std::string> actions;  // "no-op", "create", "read", "update", "delete"
  std::string action_reason;
  json_text before = "null";  // redacted
  json_text after = "null";   // redacted
  std::vector<attr_path> before_sensitive;
  std::vector<attr_path> after_sensitive;
  std::vector<changed_attribute> changed;  // sorted by name

  bool is_delete() const;  // gone: actions == ["delete"]
  bool is_update() const;
};

struct plan {
  std::string format_version;
  std::string terraform_version;
  std::vector<resource_change> resource_drift;
  std::vector<resource_change> resource_changes;
  std::optional<state> prior_state;
  bool applyable = false;
  bool complete = true;
  bool errored = false;
  std::string timestamp;
};

// Errors: code "NotJson", "UnsupportedVersion" (format_version major other than 0/1) or
// "InvalidPlan" naming the field.
core::result<plan> parse_plan(std::string_view bytes);

}  // namespace terraform
