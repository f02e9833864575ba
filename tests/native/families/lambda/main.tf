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
