# Change capture: CloudTrail's write calls on the services of the supported
# types reach the scanner within seconds (infra/README.md, "Change capture").
#
#   default bus --rule change-capture--> SQS change-events (delay = settle time)
#        ^                                   |  redrive -> change-events-dlq
#        | forwarders (other regions,        v
#        | member accounts)            drift-scanner (event-source mapping)
#
# The scanner writes each change it attributes to a managed resource into the
# change-journal table. create_cloudtrail makes the trail these events need.

module "change_pattern" {
  source = "./modules/change-pattern"
}

locals {
  capture_name = { for c in ["change-events", "change-events-dlq", "change-journal", "change-capture", "trail"] :
  c => "drift-detection-${c}-${local.suffix}" }
  # Calls made by these roles are our own remediations or the Terraform
  # pipeline's applies: the scanner leaves them out (CHANGE_IGNORE_ROLE_ARNS).
  # The scanner's CHANGE_* environment is in lambda.tf.
  change_ignore_role_arns = concat([aws_iam_role.remediation.arn], var.pipeline_role_arns)
}

# --- The queue the scanner consumes ---------------------------------------------

resource "aws_sqs_queue" "change_events_dlq" {
  name                      = local.capture_name["change-events-dlq"]
  message_retention_seconds = 1209600
  sqs_managed_sse_enabled   = true
}

resource "aws_sqs_queue" "change_events" {
  name = local.capture_name["change-events"]
  # Each event waits until the change has settled before the scanner reads
  # the resource (CHANGE_SETTLE_SECONDS checks again against eventTime).
  delay_seconds             = var.change_settle_seconds
  message_retention_seconds = 345600
  # Lambda wants at least six times the function's timeout for a queue it consumes.
  visibility_timeout_seconds = 6 * var.scanner_timeout_seconds
  sqs_managed_sse_enabled    = true
  redrive_policy = jsonencode({
    deadLetterTargetArn = aws_sqs_queue.change_events_dlq.arn
    maxReceiveCount     = var.change_events_max_receive
  })
}

data "aws_iam_policy_document" "change_events" {
  statement {
    sid       = "ChangeCaptureRule"
    effect    = "Allow"
    actions   = ["sqs:SendMessage"]
    resources = [aws_sqs_queue.change_events.arn]
    principals {
      type        = "Service"
      identifiers = ["events.amazonaws.com"]
    }
    condition {
      test     = "ArnEquals"
      variable = "aws:SourceArn"
      values   = [aws_cloudwatch_event_rule.change_capture.arn]
    }
  }
}

resource "aws_sqs_queue_policy" "change_events" {
  queue_url = aws_sqs_queue.change_events.id
  policy    = data.aws_iam_policy_document.change_events.json
}

# Events EventBridge could not deliver to the queue land here too, beside the
# messages the scanner failed on maxReceiveCount times.
data "aws_iam_policy_document" "change_events_dlq" {
  statement {
    sid       = "ChangeCaptureRuleDeadLetters"
    effect    = "Allow"
    actions   = ["sqs:SendMessage"]
    resources = [aws_sqs_queue.change_events_dlq.arn]
    principals {
      type        = "Service"
      identifiers = ["events.amazonaws.com"]
    }
    condition {
      test     = "ArnEquals"
      variable = "aws:SourceArn"
      values   = [aws_cloudwatch_event_rule.change_capture.arn]
    }
  }
}

resource "aws_sqs_queue_policy" "change_events_dlq" {
  queue_url = aws_sqs_queue.change_events_dlq.id
  policy    = data.aws_iam_policy_document.change_events_dlq.json
}

# Off for local runs like the other mappings: moto would consume the queue
# itself; the harness pumps it (output local_event_sources).
resource "aws_lambda_event_source_mapping" "change_events" {
  count                              = var.enable_event_source_mappings ? 1 : 0
  event_source_arn                   = aws_sqs_queue.change_events.arn
  function_name                      = aws_lambda_function.fn["drift-scanner"].arn
  batch_size                         = 10
  maximum_batching_window_in_seconds = 5
  function_response_types            = ["ReportBatchItemFailures"]

  # With reserved concurrency, never more concurrent batches than the scanner may run
  # (its per-target fan-out shares them).
  dynamic "scaling_config" {
    for_each = var.scanner_reserved_concurrency >= 2 ? [var.scanner_reserved_concurrency] : []
    content {
      maximum_concurrency = scaling_config.value
    }
  }

  # Lambda checks the role can read the queue when the mapping is created.
  depends_on = [aws_iam_role_policy.scanner_change_capture]
}

# --- The change journal -----------------------------------------------------------

# One item per change event that touched a managed resource: who changed it,
# when. The scheduled scan attaches the latest to its findings (changed_by).
resource "aws_dynamodb_table" "change_journal" {
  name         = local.capture_name["change-journal"]
  billing_mode = "PAY_PER_REQUEST"
  hash_key     = "resource"
  range_key    = "event_time"

  attribute {
    name = "resource"
    type = "S"
  }
  attribute {
    name = "event_time"
    type = "S"
  }

  # 90 days, written by the scanner as epoch seconds.
  ttl {
    attribute_name = "expires_at"
    enabled        = true
  }
  point_in_time_recovery {
    enabled = var.enable_point_in_time_recovery
  }
  server_side_encryption {
    enabled = true
  }
  deletion_protection_enabled = false
}

# --- The scanner's rights on both ---------------------------------------------------

data "aws_iam_policy_document" "scanner_change_capture" {
  statement {
    sid    = "ConsumeChangeEvents"
    effect = "Allow"
    actions = [
      "sqs:ReceiveMessage",
      "sqs:DeleteMessage",
      "sqs:GetQueueAttributes",
      "sqs:ChangeMessageVisibility",
    ]
    resources = [aws_sqs_queue.change_events.arn]
  }

  statement {
    sid       = "ChangeJournal"
    effect    = "Allow"
    actions   = ["dynamodb:PutItem", "dynamodb:Query"]
    resources = [aws_dynamodb_table.change_journal.arn]
  }
}

resource "aws_iam_role_policy" "scanner_change_capture" {
  name   = "${local.function_name["drift-scanner"]}-change-capture"
  role   = aws_iam_role.fn["drift-scanner"].id
  policy = data.aws_iam_policy_document.scanner_change_capture.json
}

# --- The rule (default bus: CloudTrail delivers there) -------------------------------

resource "aws_cloudwatch_event_rule" "change_capture" {
  name          = local.capture_name["change-capture"]
  description   = "Write calls (CloudTrail) on the services of the supported types, for the drift scanner."
  event_pattern = module.change_pattern.event_pattern
}

resource "aws_cloudwatch_event_target" "change_capture" {
  rule      = aws_cloudwatch_event_rule.change_capture.name
  target_id = "change-events"
  arn       = aws_sqs_queue.change_events.arn

  retry_policy {
    maximum_retry_attempts       = 10
    maximum_event_age_in_seconds = 3600
  }
  dead_letter_config {
    arn = aws_sqs_queue.change_events_dlq.arn
  }

  depends_on = [aws_sqs_queue_policy.change_events]
}

# Forwarders in member accounts (modules/change-forwarder) put their events on
# this default bus: one statement per account, added beside any the bus
# already has (never replacing the bus's policy).
resource "aws_cloudwatch_event_permission" "change_forwarder" {
  for_each       = toset(var.member_account_ids)
  principal      = each.value
  statement_id   = "DriftChangeForwarder${each.value}-${local.suffix}"
  action         = "events:PutEvents"
  event_bus_name = "default"
}

# --- The trail (optional: an account or organization trail may exist) ----------------

locals {
  trail_bucket_name = "drift-detection-trail-${local.account}-${local.suffix}"
  trail_arn         = "arn:${local.partition}:cloudtrail:${local.region}:${local.account}:trail/${local.capture_name["trail"]}"
}

resource "aws_s3_bucket" "trail" {
  count         = var.create_cloudtrail ? 1 : 0
  bucket        = local.trail_bucket_name
  force_destroy = true
}

resource "aws_s3_bucket_ownership_controls" "trail" {
  count  = var.create_cloudtrail ? 1 : 0
  bucket = aws_s3_bucket.trail[0].id
  rule {
    object_ownership = "BucketOwnerEnforced"
  }
}

resource "aws_s3_bucket_server_side_encryption_configuration" "trail" {
  count  = var.create_cloudtrail ? 1 : 0
  bucket = aws_s3_bucket.trail[0].id
  rule {
    apply_server_side_encryption_by_default {
      sse_algorithm = "AES256"
    }
  }
}

resource "aws_s3_bucket_public_access_block" "trail" {
  count                   = var.create_cloudtrail ? 1 : 0
  bucket                  = aws_s3_bucket.trail[0].id
  block_public_acls       = true
  block_public_policy     = true
  ignore_public_acls      = true
  restrict_public_buckets = true
}

data "aws_iam_policy_document" "trail_bucket" {
  count = var.create_cloudtrail ? 1 : 0

  statement {
    sid       = "CloudTrailAclCheck"
    effect    = "Allow"
    actions   = ["s3:GetBucketAcl"]
    resources = [aws_s3_bucket.trail[0].arn]
    principals {
      type        = "Service"
      identifiers = ["cloudtrail.amazonaws.com"]
    }
    condition {
      test     = "StringEquals"
      variable = "aws:SourceArn"
      values   = [local.trail_arn]
    }
  }

  statement {
    sid       = "CloudTrailWrite"
    effect    = "Allow"
    actions   = ["s3:PutObject"]
    resources = ["${aws_s3_bucket.trail[0].arn}/AWSLogs/${local.account}/*"]
    principals {
      type        = "Service"
      identifiers = ["cloudtrail.amazonaws.com"]
    }
    condition {
      test     = "StringEquals"
      variable = "aws:SourceArn"
      values   = [local.trail_arn]
    }
  }

  dynamic "statement" {
    for_each = var.require_tls ? [1] : []
    content {
      sid       = "DenyInsecureTransport"
      effect    = "Deny"
      actions   = ["s3:*"]
      resources = [aws_s3_bucket.trail[0].arn, "${aws_s3_bucket.trail[0].arn}/*"]
      principals {
        type        = "*"
        identifiers = ["*"]
      }
      condition {
        test     = "Bool"
        variable = "aws:SecureTransport"
        values   = ["false"]
      }
    }
  }
}

resource "aws_s3_bucket_policy" "trail" {
  count  = var.create_cloudtrail ? 1 : 0
  bucket = aws_s3_bucket.trail[0].id
  policy = data.aws_iam_policy_document.trail_bucket[0].json

  depends_on = [aws_s3_bucket_public_access_block.trail]
}

# Management events, write calls only, every region; IAM's (global) are
# recorded in us-east-1 (include_global_service_events).
resource "aws_cloudtrail" "change_capture" {
  count                         = var.create_cloudtrail ? 1 : 0
  name                          = local.capture_name["trail"]
  s3_bucket_name                = aws_s3_bucket.trail[0].id
  is_multi_region_trail         = true
  include_global_service_events = true
  enable_log_file_validation    = true

  event_selector {
    read_write_type           = "WriteOnly"
    include_management_events = true
  }

  depends_on = [aws_s3_bucket_policy.trail]
}
