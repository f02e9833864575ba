// Fetching what a target names: its Terraform state from the S3 backend, the workspaces
// present there, and its rules/ignore files (a local path or an s3:// URI).
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "aws/session.h"
#include "core/result.h"
#include "targets.h"
#include "terraform/state.h"

namespace scanner {

// States above this are refused before they are downloaded (MAX_STATE_MB).
inline constexpr long long default_max_state_bytes = 256LL * 1024 * 1024;

// Errors: "StateNotFound", "StateAccessDenied"/AWS codes, "StateTooLarge" (over
// `max_bytes`, checked with a HEAD first), "InvalidState" (unreadable).
core::result<terraform::state> fetch_state(aws::session& s, const target& t,
                                           const std::string& workspace,
                                           long long max_bytes = default_max_state_bytes);

// Every workspace stored for the target (listing `<prefix>/` and `<key>`).
core::result<std::vector<std::string>> discover_workspaces(aws::session& s, const target& t);

// The workspaces a scan of the whole target covers: its list, else those discovered;
// "StateNotFound" when none is stored, "NoSession" when they must be listed without a session.
core::result<std::vector<std::string>> target_workspaces(aws::session* s, const target& t);

// The text of a local file or an s3:// object; error "NotFound" when absent.
core::result<std::string> read_source(aws::session* s, const std::string& where);

}  // namespace scanner
