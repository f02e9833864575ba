# Messaging: SNS topics (one with its own policy, delivery policy and KMS key, one whose policy
# is a resource of its own, with a queue subscribed, one to delete) and SQS queues (one with its policy,
# redrive and encryption inline, one with its policy and redrive policy as resources of their
# own), dead-lettering to one queue.
resource "aws_sns_topic" "alerts" {
  name              = "${local.name}-alerts"
  display_name      = "Alerts"
  kms_master_key_id = "alias/aws/sns"
  delivery_policy = jsonencode({
    http = {
      defaultHealthyRetryPolicy = {
        minDelayTarget     = 20
        maxDelayTarget     = 20
        numRetries         = 3
        numMaxDelayRetries = 0
        numNoDelayRetries  = 0
        numMinDelayRetries = 0
        backoffFunction    = "linear"
      }
      disableSubscriptionOverrides = false
    }
  })
  policy = jsonencode({
    Version = "2012-10-17"
    Statement = [{
      Sid       = "OwnerPublish"
      Effect    = "Allow"
      Principal = { AWS = "arn:aws:iam::123456789012:root" }
      Action    = ["SNS:Publish", "SNS:Subscribe"]
      Resource  = "arn:aws:sns:us-east-1:123456789012:${local.name}-alerts"
    }]
  })
  tags = local.tags
}

resource "aws_sns_topic" "events" {
  name = "${local.name}-events"
  tags = local.tags
}

# Deleted from the console in prod.
resource "aws_sns_topic" "audit" {
  name = "${local.name}-audit"
  tags = local.tags
}

resource "aws_sns_topic_policy" "events" {
  arn = aws_sns_topic.events.arn
  policy = jsonencode({
    Version = "2012-10-17"
    Statement = [{
      Sid       = "OwnerPublish"
      Effect    = "Allow"
      Principal = { AWS = "arn:aws:iam::123456789012:root" }
      Action    = "SNS:Publish"
      Resource  = aws_sns_topic.events.arn
    }]
  })
}

resource "aws_sqs_queue" "dlq" {
  name                      = "${local.name}-dlq"
  message_retention_seconds = 1209600
  tags                      = local.tags
}

resource "aws_sqs_queue" "jobs" {
  name                              = "${local.name}-jobs"
  visibility_timeout_seconds        = 60
  message_retention_seconds         = 86400
  receive_wait_time_seconds         = 10
  kms_master_key_id                 = "alias/aws/sqs"
  kms_data_key_reuse_period_seconds = 600
  redrive_policy = jsonencode({
    deadLetterTargetArn = aws_sqs_queue.dlq.arn
    maxReceiveCount     = 5
  })
  policy = jsonencode({
    Version = "2012-10-17"
    Statement = [{
      Sid       = "OwnerSend"
      Effect    = "Allow"
      Principal = { AWS = "arn:aws:iam::123456789012:root" }
      Action    = "sqs:SendMessage"
      Resource  = "arn:aws:sqs:us-east-1:123456789012:${local.name}-jobs"
    }]
  })
  tags = local.tags
}

resource "aws_sqs_queue" "work" {
  name          = "${local.name}-work"
  delay_seconds = 5
  tags          = local.tags
}

resource "aws_sqs_queue_policy" "work" {
  queue_url = aws_sqs_queue.work.id
  policy = jsonencode({
    Version = "2012-10-17"
    Statement = [{
      Sid       = "TopicSend"
      Effect    = "Allow"
      Principal = { Service = "sns.amazonaws.com" }
      Action    = "sqs:SendMessage"
      Resource  = aws_sqs_queue.work.arn
      Condition = { ArnEquals = { "aws:SourceArn" = aws_sns_topic.events.arn } }
    }]
  })
}

# On a queue of its own: moto's SetQueueAttributes without a Policy erases the queue's policy.
resource "aws_sqs_queue" "retry" {
  name = "${local.name}-retry"
  tags = local.tags
}

resource "aws_sqs_queue_redrive_policy" "retry" {
  queue_url = aws_sqs_queue.retry.id
  redrive_policy = jsonencode({
    deadLetterTargetArn = aws_sqs_queue.dlq.arn
    maxReceiveCount     = 3
  })
}

resource "aws_sns_topic_subscription" "work" {
  topic_arn            = aws_sns_topic.events.arn
  protocol             = "sqs"
  endpoint             = aws_sqs_queue.work.arn
  raw_message_delivery = true
  filter_policy        = jsonencode({ kind = ["job"] })
}
