// One deployment-metadata item: what a remediation needs to re-apply the last known-good
// commit, and where Terraform's own lock for that workspace lives (common/store).
#pragma once

#include "store/deployments.h"

namespace orchestrator {

using deployment = store::deployment;

}  // namespace orchestrator
