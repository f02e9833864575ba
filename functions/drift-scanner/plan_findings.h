// Plan ingestion: a `terraform show -json` refresh-only plan (from the Terraform engine, or
// handed to the scanner in the event inline or as an S3 URI) turned into findings.
#pragma once

#include <string>
#include <string_view>

#include "core/result.h"
#include "engine.h"
#include "terraform/plan.h"
#include "terraform/state.h"

namespace scanner {

// resource_drift: "delete" actions are resources gone from the cloud, "update" ones changed
// top-level attributes (before = state, after = cloud). `state` (the backend's, may be null)
// gives ids, ARNs and tags, including a split resource's parent's; else the plan's own values.
findings findings_from_plan(const terraform::plan& p, const terraform::state* state,
                            std::string engine_name);

// Parses then converts; a plan that cannot be parsed is an error value.
core::result<findings> findings_from_plan_json(std::string_view bytes,
                                               const terraform::state* state,
                                               std::string engine_name);

}  // namespace scanner
