# EventBridge: a custom bus with a pattern rule and two queue targets on it, a scheduled rule
# on the default bus with its target, and a second bus the console changes delete.
resource "aws_sqs_queue" "orders" {
  name = "${local.name}-ev-orders"
}

resource "aws_sqs_queue" "dead_letters" {
  name = "${local.name}-ev-dead-letters"
}

resource "aws_cloudwatch_event_bus" "orders" {
  name        = "${local.name}-orders"
  description = "order events"
  dead_letter_config {
    arn = aws_sqs_queue.dead_letters.arn
  }
  tags = local.tags
}

resource "aws_cloudwatch_event_bus" "audit" {
  name = "${local.name}-audit"
  tags = local.tags
}

resource "aws_cloudwatch_event_rule" "order_created" {
  name           = "${local.name}-order-created"
  event_bus_name = aws_cloudwatch_event_bus.orders.name
  description    = "orders over 100"
  event_pattern = jsonencode({
    source        = ["shop.orders"]
    "detail-type" = ["Order Created"]
    detail        = { amount = [{ numeric = [">", 100] }] }
  })
  tags = local.tags
}

resource "aws_cloudwatch_event_rule" "nightly" {
  name                = "${local.name}-nightly"
  description         = "nightly order report"
  schedule_expression = "cron(0 3 * * ? *)"
  state               = "ENABLED"
  tags                = local.tags
}

resource "aws_cloudwatch_event_target" "queue" {
  rule           = aws_cloudwatch_event_rule.order_created.name
  event_bus_name = aws_cloudwatch_event_bus.orders.name
  target_id      = "queue"
  arn            = aws_sqs_queue.orders.arn
  input_transformer {
    input_paths    = { amount = "$.detail.amount" }
    input_template = "{\"amount\": <amount>}"
  }
  retry_policy {
    maximum_event_age_in_seconds = 600
    maximum_retry_attempts       = 3
  }
  dead_letter_config {
    arn = aws_sqs_queue.dead_letters.arn
  }
}

resource "aws_cloudwatch_event_target" "audit_copy" {
  rule           = aws_cloudwatch_event_rule.order_created.name
  event_bus_name = aws_cloudwatch_event_bus.orders.name
  target_id      = "audit"
  arn            = aws_sqs_queue.dead_letters.arn
  input_path     = "$.detail"
}

resource "aws_cloudwatch_event_target" "report" {
  rule      = aws_cloudwatch_event_rule.nightly.name
  target_id = "report"
  arn       = aws_sqs_queue.orders.arn
  input     = jsonencode({ report = "nightly" })
}
