// --from-aws: a function's environment, timeout, memory, handler and logging configuration
// as the Lambda API (moto, for a stack Terraform applied there) reports them.
#pragma once

#include <string>

#include "config.h"
#include "core/result.h"

namespace harness {

// The remote environment is merged under the function's own `env` entries; timeout, memory,
// handler, ARN and log settings are replaced.
core::result<core::unit> apply_aws_function_config(function_config& fn, const std::string& name);

}  // namespace harness
