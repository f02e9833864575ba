# Lambda: a function (its code uploaded to S3 from Terraform itself: the workspace holds only
# .tf files) with its execution role.
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

resource "aws_s3_bucket" "code" {
  bucket        = "${local.name}-lambda-code"
  force_destroy = true
  tags          = local.tags
}

# index.py: def handler(event, context): return event
resource "aws_s3_object" "code" {
  bucket         = aws_s3_bucket.code.id
  key            = "handler.zip"
  content_base64 = "UEsDBBQAAAAAAAAAIVC0CHBpLgAAAC4AAAAIAAAAaW5kZXgucHlkZWYgaGFuZGxlcihldmVudCwgY29udGV4dCk6CiAgICByZXR1cm4gZXZlbnQKUEsBAhQDFAAAAAAAAAAhULQIcGkuAAAALgAAAAgAAAAAAAAAAAAAAIABAAAAAGluZGV4LnB5UEsFBgAAAAABAAEANgAAAFQAAAAAAA=="
}

resource "aws_lambda_function" "handler" {
  function_name = "${local.name}-handler"
  role          = aws_iam_role.fn.arn
  handler       = "index.handler"
  runtime       = "python3.12"
  s3_bucket     = aws_s3_object.code.bucket
  s3_key        = aws_s3_object.code.key
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
