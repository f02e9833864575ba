// Unmanaged discovery: resources of a supported type in the target's account and region that
// are in no state the scan targets name for that account and region, with IaC coverage per
// type (managed / all found).
#pragma once

#include "engine.h"
#include "type_module.h"

namespace scanner::native {

// Adds `unmanaged` findings and coverage to `f`. The states that count as managing a
// resource: every workspace of this target and of every configured target
// (`ws.known_targets`: SCAN_TARGETS or the SSM parameter) with the same account and region (so a
// resource another target manages is never flagged, also when that target is scanned in another
// invocation). The scanner asks it of one workspace per target (workspace_scan::find_unmanaged):
// the region is listed once, and that workspace's report carries its unmanaged resources.
// UNMANAGED_SCOPE_TAGS ("Key=Value,..."): report only resources carrying all those tags.
void find_unmanaged(const read_context& ctx, const workspace_scan& ws, findings& f);

// Whether a resource with these tags is in UNMANAGED_SCOPE_TAGS's scope (every tag named there,
// with its value; no scope: every resource). The live path asks it of an unmanaged change.
bool in_unmanaged_scope(const std::map<std::string, std::string>& tags);

}  // namespace scanner::native
