// The supported resource types and what each compares, from the registry: a table for people
// (`bootstrap types`) and JSON for tools (`bootstrap types --json`, the README's type table,
// the provider-schema yardstick in tests/native/schema).
#pragma once

#include <string>

namespace scanner::native {

// {"types":[{"type","compared":[...],"not_compared":[{"name","kind","why"}],"listable",
//   "verified":"ground-truth"|"offline-only","offline_only":[compared names proved offline],
//   "permissions":{"read":[IAM actions],"list":[IAM actions]},
//   "changes":{"source":CloudTrail eventSource,"events":[eventNames],"global"}|null}]},
//   in registry order.
std::string types_json();
// One line per type: name, compared count, skipped count, listable, verified.
std::string types_table();

}  // namespace scanner::native
