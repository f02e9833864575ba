# Keys and secrets: a KMS key with its alias, a second key an alias can be moved to, a secret
# encrypted with the key, and two SSM parameters (a SecureString and a plain String).
locals {
  # The emulator's account; a real account's root would come from aws_caller_identity.
  account_root = "arn:aws:iam::123456789012:root"
}

resource "aws_kms_key" "secrets" {
  description             = "${local.name} secrets"
  deletion_window_in_days = 7
  policy = jsonencode({
    Version = "2012-10-17"
    Id      = "key-default-1"
    Statement = [{
      Sid       = "Enable IAM User Permissions"
      Effect    = "Allow"
      Principal = { AWS = local.account_root }
      Action    = "kms:*"
      Resource  = "*"
    }]
  })
  tags = local.tags
}

resource "aws_kms_key" "spare" {
  description             = "${local.name} spare"
  deletion_window_in_days = 7
  tags                    = local.tags
}

resource "aws_kms_alias" "secrets" {
  name          = "alias/${local.name}-secrets"
  target_key_id = aws_kms_key.secrets.key_id
}

resource "aws_secretsmanager_secret" "db" {
  name                    = "${local.name}/db"
  description             = "database password"
  kms_key_id              = aws_kms_key.secrets.key_id
  recovery_window_in_days = 0
  tags                    = local.tags
}

resource "aws_ssm_parameter" "password" {
  name        = "/${local.name}/db/password"
  description = "database password"
  type        = "SecureString"
  value       = "initial-secret"
  tags        = local.tags
}

resource "aws_ssm_parameter" "endpoint" {
  name  = "/${local.name}/db/endpoint"
  type  = "String"
  value = "db.internal:5432"
  tags  = local.tags
}
