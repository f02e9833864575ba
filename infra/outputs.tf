# Everything a deployer, the member accounts and the local harness need.

output "function_names" {
  description = "Function names by function (workflow-orchestrator, agent-callback, drift-scanner)."
  value       = { for f in local.functions : f => aws_lambda_function.fn[f].function_name }
}

output "function_arns" {
  description = "Function ARNs by function."
  value       = { for f in local.functions : f => aws_lambda_function.fn[f].arn }
}

output "function_environments" {
  description = "The environment each function runs with (what the local harness passes to each bootstrap)."
  value       = local.function_environment
}

output "function_settings" {
  description = "Timeout (s) and memory (MB) by function."
  value       = { for f in local.functions : f => { timeout = local.function_settings[f].timeout, memory = local.function_settings[f].memory } }
}

output "function_role_arns" {
  description = "Execution role ARNs by function."
  value       = { for f in local.functions : f => aws_iam_role.fn[f].arn }
}

output "scanner_role_arn" {
  description = "The scanner's role: the principal member reader roles trust."
  value       = aws_iam_role.fn["drift-scanner"].arn
}

output "log_group_names" {
  description = "CloudWatch log groups by function."
  value       = { for f in local.functions : f => aws_cloudwatch_log_group.fn[f].name }
}

output "report_bucket" {
  description = "Bucket of the drift reports (REPORT_BUCKET)."
  value       = aws_s3_bucket.reports.bucket
}

output "table_names" {
  description = "DynamoDB tables: metadata, locks (remediation), history, policies, remediations, drifts, terraform_lock (for teams' S3 backends)."
  value = {
    metadata       = aws_dynamodb_table.metadata.name
    locks          = aws_dynamodb_table.locks.name
    history        = aws_dynamodb_table.history.name
    policies       = aws_dynamodb_table.policies.name
    remediations   = aws_dynamodb_table.remediations.name
    drifts         = aws_dynamodb_table.drifts.name
    terraform_lock = aws_dynamodb_table.tflock.name
  }
}

output "remediations_table" {
  description = "The remediations table: what the orchestrator decided, claimed by the workflow through agent-callback (REMEDIATIONS_TABLE)."
  value       = aws_dynamodb_table.remediations.name
}

output "terraform_lock_table" {
  description = "The Terraform state-lock table (dynamodb_table of an S3 backend)."
  value       = aws_dynamodb_table.tflock.name
}

output "drift_topic_arn" {
  description = "Topic of drift events (DRIFT_TOPIC_ARN)."
  value       = aws_sns_topic.drift_events.arn
}

output "alert_topic_arn" {
  description = "Topic of alerts (ALERT_TOPIC_ARN)."
  value       = aws_sns_topic.alerts.arn
}

output "retry_queue_url" {
  description = "The orchestrator's retry queue (RETRY_QUEUE_URL)."
  value       = aws_sqs_queue.retry.url
}

output "retry_dlq_url" {
  description = "Dead-letter queue of the retry queue."
  value       = aws_sqs_queue.retry_dlq.url
}

output "function_dlq_urls" {
  description = "Dead-letter queues of failed asynchronous invocations, by function."
  value       = { for f in local.functions : f => aws_sqs_queue.function_dlq[f].url }
}

output "eventbridge_dlq_url" {
  description = "Dead-letter queue of undeliverable EventBridge events."
  value       = aws_sqs_queue.eventbridge_dlq.url
}

output "drift_events_queue_url" {
  description = "Local runs only (enable_event_source_mappings = false): queue subscribed to the drift topic, SNS envelope kept; null otherwise."
  value       = var.enable_event_source_mappings ? null : aws_sqs_queue.drift_events_local[0].url
}

output "local_event_sources" {
  description = "What the local harness must pump when event-source mappings are off: queue URL, function, and whether messages arrive as SNS or SQS records."
  value = var.enable_event_source_mappings ? [] : [
    {
      queue_url     = aws_sqs_queue.drift_events_local[0].url
      function_name = aws_lambda_function.fn["workflow-orchestrator"].function_name
      record_kind   = "sns"
    },
    {
      queue_url     = aws_sqs_queue.retry.url
      function_name = aws_lambda_function.fn["workflow-orchestrator"].function_name
      record_kind   = "sqs"
    },
    { queue_url = aws_sqs_queue.change_events.url, function_name = aws_lambda_function.fn["drift-scanner"].function_name, record_kind = "sqs" },
  ]
}

output "event_bus_name" {
  description = "Our event bus for completion events (EVENT_BUS_NAME)."
  value       = aws_cloudwatch_event_bus.drift.name
}

output "event_bus_arn" {
  description = "ARN of our event bus."
  value       = aws_cloudwatch_event_bus.drift.arn
}

output "scan_schedule_rule" {
  description = "The scheduled-scan rule on the default bus."
  value       = aws_cloudwatch_event_rule.scan_schedule.name
}

output "devops_agent_rule" {
  description = "The rule sending the DevOps Agent's drift events to the drift topic."
  value       = aws_cloudwatch_event_rule.devops_agent.name
}

output "github_token_parameter" {
  description = "SSM SecureString to put the GitHub token in (GITHUB_TOKEN_PARAMETER)."
  value       = aws_ssm_parameter.github_token.name
}

output "github_token_kms_key_arn" {
  description = "KMS key encrypting the GitHub token parameter (pass it as --key-id when putting the token)."
  value       = local.github_token_kms_key_arn
}

output "scan_targets_parameter" {
  description = "SSM parameter holding the scan targets (SCAN_TARGETS_PARAMETER)."
  value       = aws_ssm_parameter.scan_targets.name
}

output "remediation_role_arn" {
  description = "Role the GitHub workflow assumes (aws-actions/configure-aws-credentials role-to-assume)."
  value       = aws_iam_role.remediation.arn
}

output "remediation_role_oidc_subject" {
  description = "The OIDC subject (sub claim) the remediation role trusts, besides github_oidc_extra_subjects."
  value       = local.github_oidc_subject
}

output "github_oidc_provider_arn" {
  description = "The GitHub OIDC identity provider the remediation role trusts."
  value       = local.github_oidc_provider_arn
}

output "member_reader_role_name" {
  description = "Role name to create in member accounts with modules/member-reader-role."
  value       = local.member_reader_role_name
}

output "member_external_id" {
  description = "External id member reader roles require (external_id of scan targets)."
  value       = local.member_external_id
  sensitive   = true
}

output "reader_role_arn_here" {
  description = "The reader role in this account, when create_reader_role_in_this_account; null otherwise."
  value       = var.create_reader_role_in_this_account ? module.reader_role_here[0].role_arn : null
}

output "dashboard_name" {
  description = "CloudWatch dashboard."
  value       = aws_cloudwatch_dashboard.drift.dashboard_name
}

output "alarm_names" {
  description = "CloudWatch alarms."
  value = concat(
    [
      aws_cloudwatch_metric_alarm.scanner_errors.alarm_name,
      aws_cloudwatch_metric_alarm.scan_errors.alarm_name,
      aws_cloudwatch_metric_alarm.mttr.alarm_name,
      aws_cloudwatch_metric_alarm.dispatch_failures.alarm_name,
      aws_cloudwatch_metric_alarm.remediation_failures.alarm_name,
      aws_cloudwatch_metric_alarm.no_successful_scan.alarm_name,
      aws_cloudwatch_metric_alarm.remediations_stuck.alarm_name,
    ],
    [for a in aws_cloudwatch_metric_alarm.dlq_depth : a.alarm_name],
  )
}

output "config_recorder_name" {
  description = "The AWS Config recorder, when create_config_recorder; null otherwise."
  value       = var.create_config_recorder ? aws_config_configuration_recorder.this[0].name : null
}

output "metrics_namespace" {
  description = "Namespace of the custom metrics."
  value       = var.metrics_namespace
}

output "region" {
  description = "Region of the stack."
  value       = local.region
}

output "environment_suffix" {
  description = "The suffix every name carries."
  value       = local.suffix
}

output "sweep_schedule_rule" {
  description = "EventBridge rule that runs the orchestrator's sweeper."
  value       = aws_cloudwatch_event_rule.sweep_schedule.name
}

# --- Change capture (capture.tf) -------------------------------------------------

output "change_events_queue_url" {
  description = "The change-events queue the capture rule fills and the scanner consumes."
  value       = aws_sqs_queue.change_events.url
}

output "change_events_dlq_url" {
  description = "Dead-letter queue of the change-events queue (and of the capture rule's deliveries)."
  value       = aws_sqs_queue.change_events_dlq.url
}

output "change_journal_table" {
  description = "The change-journal table (CHANGE_JOURNAL_TABLE)."
  value       = aws_dynamodb_table.change_journal.name
}

output "change_capture_rule" {
  description = "The capture rule on the default bus."
  value       = aws_cloudwatch_event_rule.change_capture.name
}

output "change_capture_event_pattern" {
  description = "The capture rule's event pattern (JSON); modules/change-forwarder uses the same."
  value       = module.change_pattern.event_pattern
}

output "central_event_bus_arn" {
  description = "This region's default bus, which change forwarders target (modules/change-forwarder central_event_bus_arn)."
  value       = "arn:${local.partition}:events:${local.region}:${local.account}:event-bus/default"
}

output "cloudtrail_name" {
  description = "The trail, when create_cloudtrail; null otherwise."
  value       = var.create_cloudtrail ? aws_cloudtrail.change_capture[0].name : null
}

output "chatbot_slack_configuration_arn" {
  description = "The AWS Chatbot Slack channel configuration subscribed to the alert topic, when chatbot_slack is set; null otherwise."
  value       = var.chatbot_slack == null ? null : module.chatbot_slack[0].configuration_arn
}
