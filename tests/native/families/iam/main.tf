# IAM: a role with its own inline and managed policies, a second role whose policies are
# separate resources, a customer managed policy, a user and a group with theirs.
locals {
  read_logs = jsonencode({
    Version = "2012-10-17"
    Statement = [{
      Effect   = "Allow"
      Action   = ["logs:GetLogEvents", "logs:FilterLogEvents"]
      Resource = "arn:aws:logs:*:*:log-group:/drift/*"
    }]
  })
  trust = {
    Version = "2012-10-17"
    Statement = [{
      Effect    = "Allow"
      Principal = { Service = "lambda.amazonaws.com" }
      Action    = "sts:AssumeRole"
    }]
  }
}

resource "aws_iam_policy" "queue_writer" {
  name        = "${local.name}-queue-writer"
  path        = "/drift/"
  description = "send drift events"
  policy = jsonencode({
    Version = "2012-10-17"
    Statement = [{
      Sid      = "Send"
      Effect   = "Allow"
      Action   = "sqs:SendMessage"
      Resource = "arn:aws:sqs:*:*:drift-events"
    }]
  })
  tags = local.tags
}

resource "aws_iam_role" "app" {
  name                 = "${local.name}-app"
  path                 = "/service/"
  description          = "drift scanner"
  max_session_duration = 7200
  assume_role_policy   = jsonencode(local.trust)
  inline_policy {
    name   = "read-logs"
    policy = local.read_logs
  }
  managed_policy_arns = [aws_iam_policy.queue_writer.arn]
  tags                = local.tags
}

# Its policies are separate resources, so the role's own refresh sees them too (Terraform
# reports the role's inline_policy and managed_policy_arns as changed after they are added).
resource "aws_iam_role" "worker" {
  name               = "${local.name}-worker"
  assume_role_policy = jsonencode(local.trust)
}

resource "aws_iam_role_policy" "worker_logs" {
  name   = "read-logs"
  role   = aws_iam_role.worker.name
  policy = local.read_logs
}

resource "aws_iam_role_policy_attachment" "worker_queue" {
  role       = aws_iam_role.worker.name
  policy_arn = aws_iam_policy.queue_writer.arn
}

resource "aws_iam_user" "auditor" {
  name = "${local.name}-auditor"
  path = "/people/"
  tags = local.tags
}

resource "aws_iam_user_policy" "auditor_logs" {
  name   = "read-logs"
  user   = aws_iam_user.auditor.name
  policy = local.read_logs
}

resource "aws_iam_user_policy_attachment" "auditor_queue" {
  user       = aws_iam_user.auditor.name
  policy_arn = aws_iam_policy.queue_writer.arn
}

resource "aws_iam_group" "operators" {
  name = "${local.name}-operators"
  path = "/teams/"
}

resource "aws_iam_group_policy" "operators_logs" {
  name   = "read-logs"
  group  = aws_iam_group.operators.name
  policy = local.read_logs
}

resource "aws_iam_group_policy_attachment" "operators_queue" {
  group      = aws_iam_group.operators.name
  policy_arn = aws_iam_policy.queue_writer.arn
}

resource "aws_iam_instance_profile" "app" {
  name = "${local.name}-app"
  path = "/hosts/"
  role = aws_iam_role.app.name
  tags = local.tags
}

resource "aws_iam_user" "reader" {
  name = "${local.name}-reader"
}

resource "aws_iam_group" "readers" {
  name = "${local.name}-readers"
}

resource "aws_iam_group_membership" "readers" {
  name  = "${local.name}-readers"
  group = aws_iam_group.readers.name
  users = [aws_iam_user.auditor.name, aws_iam_user.reader.name]
}

# The provider's ARN comes from its URL: one host per workspace.
resource "aws_iam_openid_connect_provider" "ci" {
  url             = "https://${local.name}.oidc.example.com"
  client_id_list  = ["sts.amazonaws.com"]
  thumbprint_list = ["6938fd4d98bab03faadb97b34396831e3780aea1"]
  tags            = local.tags
}
