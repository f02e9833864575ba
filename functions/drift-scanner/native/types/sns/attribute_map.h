// SNS and SQS answer with a flat map of attribute strings, and the provider turns it into
// Terraform attributes through one table per type (its attribute map): this is that table's
// shape and its conversion, shared by the sns/ and sqs/ modules.
#pragma once

#include <map>
#include <string>
#include <vector>

#include "module_util.h"

namespace scanner::native::messaging {

enum class attr_kind {
  string,
  integer,
  boolean,
  // An IAM policy: stored as the provider normalises it (Go's encoding/json), and compared
  // through the policy_json rule.
  policy,
  // A JSON document the provider keeps as stored while it is JSON-equal to the state (its
  // DiffSuppressOnRefresh), else as AWS returns it.
  json_kept_if_equal,
};

struct attr_spec {
  const char* name;  // Terraform's
  const char* api;   // the service's attribute name
  attr_kind kind;
};

// Sets every attribute of `specs` on `live` from `api`. An attribute AWS does not return is
// the provider's zero value ("", 0, false): it sets it to nil, which the state keeps as such.
void set_attributes(rapidjson::Document& live, const terraform::resource_instance& inst,
                    const std::map<std::string, std::string>& api,
                    const std::vector<attr_spec>& specs);

// A policy document as the provider stores it: Go's encoding/json of the parsed document
// (sorted keys, <>& escaped); text that is not JSON as it came.
std::string normalised_policy(const std::string& text);

// The state's string attribute `name` when it is JSON-equal to `live_text`, else `live_text`.
std::string kept_if_json_equal(const terraform::resource_instance& inst, const char* name,
                               const std::string& live_text);

// name_prefix as the provider derives it from a name: the part before a Terraform-generated
// unique suffix (18 digits and 8 hex digits), or "" when the name has none.
std::string name_prefix_of(const std::string& name, const std::string& suffix = "");

}  // namespace scanner::native::messaging
