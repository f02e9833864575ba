# The three C++ bootstraps on the provided.al2 custom runtime.

locals {
  # Every function sees every name: the environment is the contract of
  # the functions' READMEs, IAM (iam.tf) decides what each may actually touch.
  common_environment = {
    METADATA_TABLE         = aws_dynamodb_table.metadata.name
    LOCKS_TABLE            = aws_dynamodb_table.locks.name
    HISTORY_TABLE          = aws_dynamodb_table.history.name
    POLICY_TABLE           = aws_dynamodb_table.policies.name
    REPORT_BUCKET          = aws_s3_bucket.reports.bucket
    ALERT_TOPIC_ARN        = aws_sns_topic.alerts.arn
    DRIFT_TOPIC_ARN        = aws_sns_topic.drift_events.arn
    RETRY_QUEUE_URL        = aws_sqs_queue.retry.url
    EVENT_BUS_NAME         = aws_cloudwatch_event_bus.drift.name
    METRICS_NAMESPACE      = var.metrics_namespace
    DISABLE_PROCESSING     = tostring(var.disable_processing)
    AWS_LAMBDA_LOG_FORMAT  = "JSON"
    AWS_LAMBDA_LOG_LEVEL   = var.log_level
    CALLBACK_FUNCTION_NAME = local.function_name["agent-callback"]
    SCANNER_FUNCTION_NAME  = local.function_name["drift-scanner"]
  }

  function_settings = {
    "workflow-orchestrator" = {
      description = "Turns drift events into GitHub remediation dispatches."
      timeout     = var.orchestrator_timeout_seconds
      memory      = var.orchestrator_memory_mb
      reserved    = var.orchestrator_reserved_concurrency
      environment = {
        GITHUB_API_URL           = var.github_api_url
        GITHUB_ALLOW_PLAIN_HTTP  = tostring(var.github_allow_plain_http)
        GITHUB_REPOSITORY        = var.github_repository
        GITHUB_TOKEN_PARAMETER   = aws_ssm_parameter.github_token.name
        REMEDIATIONS_TABLE       = aws_dynamodb_table.remediations.name
        MAX_RETRY_ATTEMPTS       = tostring(var.max_retry_attempts)
        RETRY_DELAY_SECONDS      = tostring(var.retry_delay_seconds)
        GATHER_SECONDS           = tostring(var.gather_seconds)
        COOLDOWN_SECONDS         = tostring(var.cooldown_seconds)
        LOCK_TTL_SECONDS         = tostring(var.lock_ttl_seconds)
        STUCK_RECEIVED_SECONDS   = tostring(var.stuck_received_seconds)
        STUCK_DISPATCHED_SECONDS = tostring(var.stuck_dispatched_seconds)
        # The drifts a dispatch covers become remediating.
        DRIFTS_TABLE = aws_dynamodb_table.drifts.name
      }
    }
    "agent-callback" = {
      description = "Records a remediation's outcome and MTTR, releases its lock."
      timeout     = var.callback_timeout_seconds
      memory      = var.callback_memory_mb
      reserved    = -1
      environment = {
        REMEDIATIONS_TABLE = aws_dynamodb_table.remediations.name
        # After remediated: the drifts are marked so, and the scanner checks the revert.
        DRIFTS_TABLE = aws_dynamodb_table.drifts.name
      }
    }
    "drift-scanner" = {
      description = "Compares Terraform state with live AWS every few hours and reports drift."
      timeout     = var.scanner_timeout_seconds
      memory      = var.scanner_memory_mb
      reserved    = var.scanner_reserved_concurrency
      environment = {
        SCAN_TARGETS_PARAMETER = aws_ssm_parameter.scan_targets.name
        SCAN_ENGINE            = var.scan_engine
        DRIFTS_TABLE           = aws_dynamodb_table.drifts.name
        ALERT_MIN_SEVERITY     = var.alert_min_severity
        # Links to report pages (fleet page, alerts): <base>/<key>; empty: presigned S3 URLs.
        REPORT_BASE_URL  = var.report_base_url
        REANNOUNCE_HOURS = tostring(var.reannounce_hours)
        # Standing drift is announced again once a failed remediation's cool-down is over.
        COOLDOWN_SECONDS = tostring(var.cooldown_seconds)
        # Change capture (capture.tf): the change journal, the settle time, the roles whose calls are ours.
        CHANGE_JOURNAL_TABLE    = aws_dynamodb_table.change_journal.name
        CHANGE_SETTLE_SECONDS   = tostring(var.change_settle_seconds)
        CHANGE_IGNORE_ROLE_ARNS = join(",", local.change_ignore_role_arns)
      }
    }
  }

  # Messages for people (notify): every function reads the channels it is given; a variable
  # left empty is not set at all. The scanner and the callback open GitHub issues with the
  # orchestrator's token when github_issues is on.
  message_environment = { for k, v in {
    SLACK_WEBHOOK_PARAMETER         = var.slack_webhook_parameter
    TEAMS_WEBHOOK_PARAMETER         = var.teams_webhook_parameter
    PAGERDUTY_ROUTING_KEY_PARAMETER = var.pagerduty_routing_key_parameter
    PAGERDUTY_EVENTS_URL            = var.pagerduty_routing_key_parameter != "" ? var.pagerduty_events_url : ""
    GITHUB_ISSUES                   = var.github_issues ? "true" : ""
  } : k => v if v != "" }
  issue_environment = var.github_issues ? {
    GITHUB_TOKEN_PARAMETER = aws_ssm_parameter.github_token.name
    GITHUB_API_URL         = var.github_api_url
    GITHUB_REPOSITORY      = var.github_repository
  } : {}
  function_message_environment = {
    "workflow-orchestrator" = local.message_environment
    "agent-callback"        = merge(local.message_environment, local.issue_environment)
    "drift-scanner"         = merge(local.message_environment, local.issue_environment)
  }

  function_environment = { for f in local.functions :
  f => merge(local.common_environment, local.function_message_environment[f], local.function_settings[f].environment) }
}

resource "aws_cloudwatch_log_group" "fn" {
  for_each          = toset(local.functions)
  name              = "/aws/lambda/${local.function_name[each.key]}"
  retention_in_days = var.log_retention_days
}

resource "aws_lambda_function" "fn" {
  for_each = toset(local.functions)

  function_name = local.function_name[each.key]
  description   = local.function_settings[each.key].description
  role          = aws_iam_role.fn[each.key].arn
  runtime       = "provided.al2"
  handler       = "bootstrap"
  architectures = [var.lambda_architecture]

  filename         = "${local.dist_dir}/${each.key}.zip"
  source_code_hash = filebase64sha256("${local.dist_dir}/${each.key}.zip")

  timeout                        = local.function_settings[each.key].timeout
  memory_size                    = local.function_settings[each.key].memory
  reserved_concurrent_executions = local.function_settings[each.key].reserved

  environment {
    variables = local.function_environment[each.key]
  }

  dead_letter_config {
    target_arn = aws_sqs_queue.function_dlq[each.key].arn
  }

  logging_config {
    log_format            = "JSON"
    log_group             = aws_cloudwatch_log_group.fn[each.key].name
    application_log_level = var.log_level
    system_log_level      = "INFO"
  }

  # The role must be able to write to its DLQ and log group when Lambda
  # validates the function.
  depends_on = [aws_iam_role_policy.fn, aws_cloudwatch_log_group.fn]
}

resource "aws_lambda_function_event_invoke_config" "fn" {
  for_each                     = toset(local.functions)
  function_name                = aws_lambda_function.fn[each.key].function_name
  maximum_retry_attempts       = 2
  maximum_event_age_in_seconds = 3600
}

# --- Event sources (off for local runs: the harness pumps the queues) ----------

resource "aws_lambda_event_source_mapping" "retry" {
  count                   = var.enable_event_source_mappings ? 1 : 0
  event_source_arn        = aws_sqs_queue.retry.arn
  function_name           = aws_lambda_function.fn["workflow-orchestrator"].arn
  batch_size              = 10
  function_response_types = ["ReportBatchItemFailures"]

  # Never more concurrent batches than the function may run at once.
  dynamic "scaling_config" {
    for_each = var.orchestrator_reserved_concurrency >= 2 ? [var.orchestrator_reserved_concurrency] : []
    content {
      maximum_concurrency = scaling_config.value
    }
  }
}

resource "aws_lambda_permission" "drift_topic" {
  count         = var.enable_event_source_mappings ? 1 : 0
  statement_id  = "AllowDriftTopic"
  action        = "lambda:InvokeFunction"
  function_name = aws_lambda_function.fn["workflow-orchestrator"].function_name
  principal     = "sns.amazonaws.com"
  source_arn    = aws_sns_topic.drift_events.arn
}

resource "aws_sns_topic_subscription" "orchestrator" {
  count     = var.enable_event_source_mappings ? 1 : 0
  topic_arn = aws_sns_topic.drift_events.arn
  protocol  = "lambda"
  endpoint  = aws_lambda_function.fn["workflow-orchestrator"].arn

  depends_on = [aws_lambda_permission.drift_topic]
}

resource "aws_lambda_permission" "sweep_schedule" {
  statement_id  = "AllowSweepSchedule"
  action        = "lambda:InvokeFunction"
  function_name = aws_lambda_function.fn["workflow-orchestrator"].function_name
  principal     = "events.amazonaws.com"
  source_arn    = aws_cloudwatch_event_rule.sweep_schedule.arn
}

resource "aws_lambda_permission" "scan_schedule" {
  statement_id  = "AllowScanSchedule"
  action        = "lambda:InvokeFunction"
  function_name = aws_lambda_function.fn["drift-scanner"].function_name
  principal     = "events.amazonaws.com"
  source_arn    = aws_cloudwatch_event_rule.scan_schedule.arn
}
