# Lambda: a function (its code in handler.zip beside this file; index.py:
# def handler(event, context): return event) with its execution role.
resource "aws_iam_role" "fn" {
  name = "${local.name}-fn"
  assume_role_policy = jsonencode({
    Version = "2012-10-17"
    Statement = [{
      Effect    = "Allow"
      Principal = { Service = "lambda.amazonaws.com" }
      Action    = "sts:AssumeRole"
    }]
  })
  tags = local.tags
}

resource "aws_lambda_function" "handler" {
  function_name = "${local.name}-handler"
  role          = aws_iam_role.fn.arn
  handler       = "index.handler"
  runtime       = "python3.12"
  filename      = "handler.zip"
  memory_size   = 128
  timeout       = 10
  description   = "drift ground truth"
  environment {
    variables = {
      STAGE     = terraform.workspace
      API_TOKEN = "example-token"
    }
  }
  tracing_config {
    mode = "PassThrough"
  }
  tags = local.tags
}

resource "aws_lambda_alias" "live" {
  name             = "live"
  function_name    = aws_lambda_function.handler.function_name
  function_version = "$LATEST"
  description      = "the version callers use"
}

resource "aws_lambda_permission" "events" {
  statement_id  = "AllowEvents"
  action        = "lambda:InvokeFunction"
  function_name = aws_lambda_function.handler.function_name
  principal     = "events.amazonaws.com"
}

# An SQS queue feeding the function through an event source mapping, with a filter and a
# concurrency cap, as a queue consumer is usually configured.
resource "aws_sqs_queue" "orders" {
  name = "${local.name}-orders"
  tags = local.tags
}

resource "aws_lambda_event_source_mapping" "orders" {
  event_source_arn                   = aws_sqs_queue.orders.arn
  function_name                      = aws_lambda_function.handler.function_name
  batch_size                         = 5
  enabled                            = true
  maximum_batching_window_in_seconds = 2
  function_response_types            = ["ReportBatchItemFailures"]
  filter_criteria {
    filter {
      pattern = jsonencode({ body = { kind = ["order"] } })
    }
  }
  scaling_config {
    maximum_concurrency = 5
  }
  tags = local.tags
}

# The function's HTTPS endpoint, IAM-authorised, with a CORS policy for one origin.
resource "aws_lambda_function_url" "handler" {
  function_name      = aws_lambda_function.handler.function_name
  authorization_type = "AWS_IAM"
  invoke_mode        = "BUFFERED"
  cors {
    allow_credentials = true
    allow_origins     = ["https://app.example.com"]
    allow_methods     = ["GET", "POST"]
    allow_headers     = ["content-type"]
    max_age           = 300
  }
}
