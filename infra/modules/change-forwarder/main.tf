# Change forwarder: in a region or member account other than the central one,
# the same capture rule as infra/capture.tf (modules/change-pattern), whose
# target is the central account's default event bus. There the central rule
# puts the events on the change-events queue.
#
# Apply it in every region whose resources are scanned, and in us-east-1 of
# every scanned account: IAM is global and CloudTrail delivers its events to
# EventBridge in us-east-1 only. A member account also needs its id in the
# central stack's member_account_ids (the central bus's policy).

module "pattern" {
  source = "../change-pattern"
}

data "aws_caller_identity" "current" {}
data "aws_partition" "current" {}
data "aws_region" "current" {}

locals {
  region = data.aws_region.current.name
  # IAM names are global to the account: one role per region.
  role_name = substr("${var.name}-${local.region}", 0, 64)
}

resource "aws_cloudwatch_event_rule" "forward" {
  name          = var.name
  description   = "Forwards write calls (CloudTrail) on the services of the supported types to the drift scanner's account."
  event_pattern = module.pattern.event_pattern
  tags          = var.tags
}

data "aws_iam_policy_document" "trust" {
  statement {
    effect  = "Allow"
    actions = ["sts:AssumeRole"]
    principals {
      type        = "Service"
      identifiers = ["events.amazonaws.com"]
    }
    condition {
      test     = "StringEquals"
      variable = "aws:SourceAccount"
      values   = [data.aws_caller_identity.current.account_id]
    }
  }
}

# EventBridge needs a role to put events on a bus of another account or region.
resource "aws_iam_role" "forward" {
  name               = local.role_name
  description        = "EventBridge puts change events from ${local.region} on ${var.central_event_bus_arn}."
  assume_role_policy = data.aws_iam_policy_document.trust.json
  tags               = var.tags
}

data "aws_iam_policy_document" "put_events" {
  statement {
    sid       = "PutOnCentralBus"
    effect    = "Allow"
    actions   = ["events:PutEvents"]
    resources = [var.central_event_bus_arn]
  }
}

resource "aws_iam_role_policy" "forward" {
  name   = local.role_name
  role   = aws_iam_role.forward.id
  policy = data.aws_iam_policy_document.put_events.json
}

resource "aws_cloudwatch_event_target" "central_bus" {
  rule      = aws_cloudwatch_event_rule.forward.name
  target_id = "central-bus"
  arn       = var.central_event_bus_arn
  role_arn  = aws_iam_role.forward.arn

  retry_policy {
    maximum_retry_attempts       = 10
    maximum_event_age_in_seconds = 3600
  }
  dynamic "dead_letter_config" {
    for_each = var.dead_letter_queue_arn == null ? [] : [var.dead_letter_queue_arn]
    content {
      arn = dead_letter_config.value
    }
  }

  depends_on = [aws_iam_role_policy.forward]
}
