// Policy versions (the policy table): hash key `policy_id`, range key `version`, one item per
// released version. The current version of a policy id is the highest semantic version among
// its items (drift/policy_version.h); when none parses, the newest by sort order, so that the
// compatibility check asks for a human.
#pragma once

#include <optional>
#include <string>

#include "aws/error.h"
#include "aws/session.h"
#include "core/result.h"

namespace store {

class policies {
 public:
  policies(aws::session& s, std::string table) : s_(s), table_(std::move(table)) {}

  // nullopt when no version is published under `policy_id`.
  core::result<std::optional<std::string>, aws::error> current(const std::string& policy_id);

 private:
  aws::session& s_;
  std::string table_;
};

}  // namespace store
