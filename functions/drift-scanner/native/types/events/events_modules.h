// The EventBridge family's module accessors (also declared in registry.h, which lists them).
#pragma once

#include "type_module.h"

namespace scanner::native {

const type_module& aws_cloudwatch_event_bus_module();
const type_module& aws_cloudwatch_event_rule_module();
const type_module& aws_cloudwatch_event_target_module();

}  // namespace scanner::native
