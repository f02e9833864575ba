# AWS Chatbot (Amazon Q Developer in chat applications) for Slack: one Slack
# channel subscribed to SNS topics (the stack's alert topic), and the role
# Chatbot assumes for it. The Slack workspace must have been authorised once
# in the Chatbot console (that step has no API). The role and the guardrail
# allow reading CloudWatch alarms and metrics only: the channel shows
# notifications, nobody runs commands in the account through it.

terraform {
  required_version = ">= 1.5.0"
  required_providers {
    aws = {
      source  = "hashicorp/aws"
      version = ">= 5.60.0, < 6.0.0"
    }
  }
}

data "aws_iam_policy_document" "trust" {
  statement {
    effect  = "Allow"
    actions = ["sts:AssumeRole"]
    principals {
      type        = "Service"
      identifiers = ["chatbot.amazonaws.com"]
    }
  }
}

resource "aws_iam_role" "chatbot" {
  name               = var.name
  description        = "Assumed by AWS Chatbot for the Slack channel ${var.channel_id}."
  assume_role_policy = data.aws_iam_policy_document.trust.json
}

# What a notification shows (an alarm's state and graph). None of these has
# resource-level permissions.
data "aws_iam_policy_document" "notifications" {
  statement {
    sid       = "ReadAlarmsAndMetrics"
    effect    = "Allow"
    actions   = ["cloudwatch:DescribeAlarms", "cloudwatch:GetMetricData", "cloudwatch:GetMetricStatistics", "cloudwatch:ListMetrics"]
    resources = ["*"]
  }
}

resource "aws_iam_role_policy" "notifications" {
  name   = var.name
  role   = aws_iam_role.chatbot.id
  policy = data.aws_iam_policy_document.notifications.json
}

resource "aws_chatbot_slack_channel_configuration" "this" {
  configuration_name    = var.name
  iam_role_arn          = aws_iam_role.chatbot.arn
  slack_team_id         = var.workspace_id
  slack_channel_id      = var.channel_id
  sns_topic_arns        = var.sns_topic_arns
  guardrail_policy_arns = ["arn:${var.partition}:iam::aws:policy/CloudWatchReadOnlyAccess"]
  logging_level         = var.logging_level
}
