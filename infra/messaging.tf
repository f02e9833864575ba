# --- SNS topics -------------------------------------------------------------------

# Drift events from the DevOps Agent (through EventBridge) and from the scanner.
resource "aws_sns_topic" "drift_events" {
  name = local.name["drift-events"]
}

data "aws_iam_policy_document" "drift_events_topic" {
  statement {
    sid       = "EventBridgeDevOpsAgentRule"
    effect    = "Allow"
    actions   = ["sns:Publish"]
    resources = [aws_sns_topic.drift_events.arn]
    principals {
      type        = "Service"
      identifiers = ["events.amazonaws.com"]
    }
    condition {
      test     = "ArnEquals"
      variable = "aws:SourceArn"
      values   = [aws_cloudwatch_event_rule.devops_agent.arn]
    }
  }

  statement {
    sid       = "DriftScanner"
    effect    = "Allow"
    actions   = ["sns:Publish"]
    resources = [aws_sns_topic.drift_events.arn]
    principals {
      type        = "AWS"
      identifiers = [aws_iam_role.fn["drift-scanner"].arn]
    }
  }
}

resource "aws_sns_topic_policy" "drift_events" {
  arn    = aws_sns_topic.drift_events.arn
  policy = data.aws_iam_policy_document.drift_events_topic.json
}

# Human-facing alerts: critical drift, failed remediations, alarms.
resource "aws_sns_topic" "alerts" {
  name = local.name["alerts"]
}

data "aws_iam_policy_document" "alerts_topic" {
  statement {
    sid       = "CloudWatchAlarms"
    effect    = "Allow"
    actions   = ["sns:Publish"]
    resources = [aws_sns_topic.alerts.arn]
    principals {
      type        = "Service"
      identifiers = ["cloudwatch.amazonaws.com"]
    }
    condition {
      test     = "ArnLike"
      variable = "aws:SourceArn"
      values   = ["arn:${local.partition}:cloudwatch:${local.region}:${local.account}:alarm:drift-detection-*-${local.suffix}"]
    }
  }

  statement {
    sid       = "Functions"
    effect    = "Allow"
    actions   = ["sns:Publish"]
    resources = [aws_sns_topic.alerts.arn]
    principals {
      type        = "AWS"
      identifiers = [for f in local.functions : aws_iam_role.fn[f].arn]
    }
  }
}

resource "aws_sns_topic_policy" "alerts" {
  arn    = aws_sns_topic.alerts.arn
  policy = data.aws_iam_policy_document.alerts_topic.json
}

resource "aws_sns_topic_subscription" "alert_email" {
  for_each  = toset(var.alert_emails)
  topic_arn = aws_sns_topic.alerts.arn
  protocol  = "email"
  endpoint  = each.value
}

# --- Dead-letter queues --------------------------------------------------------

# Failed asynchronous invocations of each function (SNS, schedule, fan-out).
resource "aws_sqs_queue" "function_dlq" {
  for_each                  = toset(local.functions)
  name                      = "drift-detection-${each.key}-dlq-${local.suffix}"
  message_retention_seconds = 1209600
  sqs_managed_sse_enabled   = true
}

# Events EventBridge could not deliver to a target.
resource "aws_sqs_queue" "eventbridge_dlq" {
  name                      = local.name["eventbridge-dlq"]
  message_retention_seconds = 1209600
  sqs_managed_sse_enabled   = true
}

data "aws_iam_policy_document" "eventbridge_dlq" {
  statement {
    sid       = "EventBridgeRules"
    effect    = "Allow"
    actions   = ["sqs:SendMessage"]
    resources = [aws_sqs_queue.eventbridge_dlq.arn]
    principals {
      type        = "Service"
      identifiers = ["events.amazonaws.com"]
    }
    condition {
      test     = "ArnEquals"
      variable = "aws:SourceArn"
      values   = [aws_cloudwatch_event_rule.scan_schedule.arn, aws_cloudwatch_event_rule.devops_agent.arn]
    }
  }
}

resource "aws_sqs_queue_policy" "eventbridge_dlq" {
  queue_url = aws_sqs_queue.eventbridge_dlq.id
  policy    = data.aws_iam_policy_document.eventbridge_dlq.json
}

# --- The orchestrator's retry queue -------------------------------------------

resource "aws_sqs_queue" "retry_dlq" {
  name                      = local.name["orchestrator-retry-dlq"]
  message_retention_seconds = 1209600
  sqs_managed_sse_enabled   = true
}

resource "aws_sqs_queue" "retry" {
  name                      = local.name["orchestrator-retry"]
  message_retention_seconds = 345600
  # Lambda wants the visibility timeout to be at least six times the
  # function's timeout for a queue it consumes.
  visibility_timeout_seconds = 6 * var.orchestrator_timeout_seconds
  sqs_managed_sse_enabled    = true
  redrive_policy = jsonencode({
    deadLetterTargetArn = aws_sqs_queue.retry_dlq.arn
    maxReceiveCount     = var.retry_queue_max_receive_count
  })
}

# --- Local stand-in for the SNS -> orchestrator subscription --------------------

# Without event-source mappings (moto, the local harness), the drift topic
# delivers into this queue instead; raw delivery stays off, so each message
# keeps the SNS envelope the orchestrator would have received.
resource "aws_sqs_queue" "drift_events_local" {
  count                      = var.enable_event_source_mappings ? 0 : 1
  name                       = local.name["drift-events-local"]
  visibility_timeout_seconds = 6 * var.orchestrator_timeout_seconds
  sqs_managed_sse_enabled    = true
}

data "aws_iam_policy_document" "drift_events_local" {
  count = var.enable_event_source_mappings ? 0 : 1
  statement {
    sid       = "DriftTopic"
    effect    = "Allow"
    actions   = ["sqs:SendMessage"]
    resources = [aws_sqs_queue.drift_events_local[0].arn]
    principals {
      type        = "Service"
      identifiers = ["sns.amazonaws.com"]
    }
    condition {
      test     = "ArnEquals"
      variable = "aws:SourceArn"
      values   = [aws_sns_topic.drift_events.arn]
    }
  }
}

resource "aws_sqs_queue_policy" "drift_events_local" {
  count     = var.enable_event_source_mappings ? 0 : 1
  queue_url = aws_sqs_queue.drift_events_local[0].id
  policy    = data.aws_iam_policy_document.drift_events_local[0].json
}

resource "aws_sns_topic_subscription" "drift_events_local" {
  count                = var.enable_event_source_mappings ? 0 : 1
  topic_arn            = aws_sns_topic.drift_events.arn
  protocol             = "sqs"
  endpoint             = aws_sqs_queue.drift_events_local[0].arn
  raw_message_delivery = false

  depends_on = [aws_sqs_queue_policy.drift_events_local]
}

# --- Our own event bus (completion events) -------------------------------------

# Not the default bus: consumers attach their own rules here, and the default
# bus already carries the scanner's schedule.
resource "aws_cloudwatch_event_bus" "drift" {
  name = local.name["bus"]
}

# --- AWS Chatbot (Amazon Q Developer in chat applications) for Slack ------------

# The alert topic in a Slack channel, without a webhook: the workspace is
# authorised once in the Chatbot console, then this configuration subscribes
# the channel to the topic.
module "chatbot_slack" {
  count          = var.chatbot_slack == null ? 0 : 1
  source         = "./modules/chatbot-slack"
  name           = local.name["chatbot"]
  workspace_id   = var.chatbot_slack.workspace_id
  channel_id     = var.chatbot_slack.channel_id
  sns_topic_arns = [aws_sns_topic.alerts.arn]
  partition      = local.partition
}
