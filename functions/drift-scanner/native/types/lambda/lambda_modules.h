// The Lambda family's module accessors (also declared in registry.h, which lists them).
#pragma once

#include "type_module.h"

namespace scanner::native {

const type_module& aws_lambda_function_module();
const type_module& aws_lambda_permission_module();
const type_module& aws_lambda_alias_module();
const type_module& aws_lambda_event_source_mapping_module();
const type_module& aws_lambda_function_url_module();

}  // namespace scanner::native
