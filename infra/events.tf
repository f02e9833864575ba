# --- The scheduled scan (default bus) -------------------------------------------

resource "aws_cloudwatch_event_rule" "scan_schedule" {
  name                = local.name["scan-schedule"]
  description         = "Runs the drift scanner over every target."
  schedule_expression = var.scan_schedule_expression
  state               = var.scan_schedule_enabled ? "ENABLED" : "DISABLED"
}

resource "aws_cloudwatch_event_target" "scan_schedule" {
  rule      = aws_cloudwatch_event_rule.scan_schedule.name
  target_id = "drift-scanner"
  arn       = aws_lambda_function.fn["drift-scanner"].arn
  # The standard "Scheduled Event" carries no "target": the scanner scans all.

  retry_policy {
    maximum_retry_attempts       = 2
    maximum_event_age_in_seconds = 3600
  }
  dead_letter_config {
    arn = aws_sqs_queue.eventbridge_dlq.arn
  }
}

# --- The sweeper: stuck remediations become stale (default bus) -----------------

resource "aws_cloudwatch_event_rule" "sweep_schedule" {
  name                = local.name["sweep-schedule"]
  description         = "Runs the orchestrator's sweeper over remediations stuck in received or dispatched."
  schedule_expression = var.sweep_schedule_expression
}

resource "aws_cloudwatch_event_target" "sweep_schedule" {
  rule      = aws_cloudwatch_event_rule.sweep_schedule.name
  target_id = "workflow-orchestrator-sweep"
  arn       = aws_lambda_function.fn["workflow-orchestrator"].arn
  input     = jsonencode({ action = "sweep" })

  retry_policy {
    maximum_retry_attempts       = 1
    maximum_event_age_in_seconds = 600
  }
  dead_letter_config {
    arn = aws_sqs_queue.eventbridge_dlq.arn
  }
}

# --- The DevOps Agent's drift events -> drift topic ----------------------------

resource "aws_cloudwatch_event_rule" "devops_agent" {
  name        = local.name["devops-agent-drift"]
  description = "Drift the AWS DevOps Agent found on resources opted in to auto-revert."
  event_pattern = jsonencode({
    source        = ["aws.devops-agent"]
    "detail-type" = ["AWS DevOps Agent - Drift Detected"]
    detail = {
      tags = {
        ManagedBy  = ["terraform"]
        AutoRevert = ["true"]
      }
    }
  })
}

resource "aws_cloudwatch_event_target" "devops_agent" {
  rule      = aws_cloudwatch_event_rule.devops_agent.name
  target_id = "drift-topic"
  arn       = aws_sns_topic.drift_events.arn

  retry_policy {
    maximum_retry_attempts       = 10
    maximum_event_age_in_seconds = 86400
  }
  dead_letter_config {
    arn = aws_sqs_queue.eventbridge_dlq.arn
  }
}
