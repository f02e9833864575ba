// Terraform's own lock for the workspace (a LockID item in the backend's DynamoDB table, or the
// S3 object <full key>.tflock) is only ever read: a remediation must not start while Terraform
// holds it. Our own remediation lock is store::locks (common/store).
#pragma once

#include <optional>
#include <string>

#include "aws/session.h"
#include "deployment.h"

namespace orchestrator {

// Who holds Terraform's lock ("dynamodb:<table>/<LockID>" or "s3://<bucket>/<key>.tflock"
// plus Terraform's own lock info when readable), or nullopt when it is free.
core::result<std::optional<std::string>, aws::error> terraform_lock_holder(aws::session& s,
                                                                           const deployment& d);

}  // namespace orchestrator
