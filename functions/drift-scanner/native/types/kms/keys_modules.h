// The accessors of the keys/secrets (kms/, secretsmanager/, ssm/) and events (logs/,
// cloudwatch/, events/) modules, for the registry and their offline tests.
#pragma once

#include "type_module.h"

namespace scanner::native {

const type_module& aws_kms_key_module();
const type_module& aws_kms_alias_module();
const type_module& aws_secretsmanager_secret_module();
const type_module& aws_ssm_parameter_module();
const type_module& aws_cloudwatch_log_group_module();
const type_module& aws_cloudwatch_metric_alarm_module();
const type_module& aws_cloudwatch_event_rule_module();
const type_module& aws_cloudwatch_event_target_module();
const type_module& aws_cloudwatch_event_bus_module();

}  // namespace scanner::native
