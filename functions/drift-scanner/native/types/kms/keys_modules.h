// The accessors of the keys/secrets modules (kms/, secretsmanager/, ssm/), for the registry
// and their offline tests.
#pragma once

#include "type_module.h"

namespace scanner::native {

const type_module& aws_kms_key_module();
const type_module& aws_kms_alias_module();
const type_module& aws_secretsmanager_secret_module();
const type_module& aws_ssm_parameter_module();

}  // namespace scanner::native
