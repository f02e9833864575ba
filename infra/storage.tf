# --- Report bucket (drift reports; AWS Config snapshots under config/) --------

resource "aws_s3_bucket" "reports" {
  bucket        = local.report_bucket_name
  force_destroy = true
}

resource "aws_s3_bucket_ownership_controls" "reports" {
  bucket = aws_s3_bucket.reports.id
  rule {
    object_ownership = "BucketOwnerEnforced"
  }
}

resource "aws_s3_bucket_versioning" "reports" {
  bucket = aws_s3_bucket.reports.id
  versioning_configuration {
    status = "Enabled"
  }
}

resource "aws_s3_bucket_server_side_encryption_configuration" "reports" {
  bucket = aws_s3_bucket.reports.id
  rule {
    apply_server_side_encryption_by_default {
      sse_algorithm = "AES256"
    }
  }
}

resource "aws_s3_bucket_public_access_block" "reports" {
  bucket                  = aws_s3_bucket.reports.id
  block_public_acls       = true
  block_public_policy     = true
  ignore_public_acls      = true
  restrict_public_buckets = true
}

resource "aws_s3_bucket_lifecycle_configuration" "reports" {
  bucket = aws_s3_bucket.reports.id

  rule {
    id     = "reports-retention"
    status = "Enabled"
    filter {}

    transition {
      days          = var.report_transition_days
      storage_class = var.report_transition_storage_class
    }

    dynamic "expiration" {
      for_each = var.report_expiration_days > 0 ? [var.report_expiration_days] : []
      content {
        days = expiration.value
      }
    }

    noncurrent_version_expiration {
      noncurrent_days = var.report_noncurrent_expiration_days
    }

    abort_incomplete_multipart_upload {
      days_after_initiation = 7
    }
  }

  # A sliced workspace scan's parts are read within its run; kept two days for a look.
  rule {
    id     = "slice-parts"
    status = "Enabled"
    filter {
      prefix = "slices/"
    }

    expiration {
      days = 2
    }
  }

  depends_on = [aws_s3_bucket_versioning.reports]
}

data "aws_iam_policy_document" "reports_bucket" {
  dynamic "statement" {
    for_each = var.require_tls ? [1] : []
    content {
      sid     = "DenyInsecureTransport"
      effect  = "Deny"
      actions = ["s3:*"]
      resources = [
        aws_s3_bucket.reports.arn,
        "${aws_s3_bucket.reports.arn}/*",
      ]
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

  dynamic "statement" {
    for_each = var.create_config_recorder ? [1] : []
    content {
      sid       = "ConfigBucketCheck"
      effect    = "Allow"
      actions   = ["s3:GetBucketAcl", "s3:ListBucket"]
      resources = [aws_s3_bucket.reports.arn]
      principals {
        type        = "Service"
        identifiers = ["config.amazonaws.com"]
      }
      condition {
        test     = "StringEquals"
        variable = "aws:SourceAccount"
        values   = [local.account]
      }
    }
  }

  dynamic "statement" {
    for_each = var.create_config_recorder ? [1] : []
    content {
      sid       = "ConfigDelivery"
      effect    = "Allow"
      actions   = ["s3:PutObject"]
      resources = ["${aws_s3_bucket.reports.arn}/config/AWSLogs/${local.account}/Config/*"]
      principals {
        type        = "Service"
        identifiers = ["config.amazonaws.com"]
      }
      condition {
        test     = "StringEquals"
        variable = "aws:SourceAccount"
        values   = [local.account]
      }
    }
  }
}

resource "aws_s3_bucket_policy" "reports" {
  # Without TLS enforcement or Config there is no statement to put in a policy.
  count = var.require_tls || var.create_config_recorder ? 1 : 0

  bucket = aws_s3_bucket.reports.id
  policy = data.aws_iam_policy_document.reports_bucket.json

  depends_on = [aws_s3_bucket_public_access_block.reports]
}

# --- DynamoDB tables (keys as infra/README.md lists them) ----------------------

resource "aws_dynamodb_table" "metadata" {
  name         = local.name["metadata"]
  billing_mode = "PAY_PER_REQUEST"
  hash_key     = "deployment_id"
  range_key    = "resource_arn"

  attribute {
    name = "deployment_id"
    type = "S"
  }
  attribute {
    name = "resource_arn"
    type = "S"
  }
  attribute {
    name = "deployed_at"
    type = "S"
  }

  # Newest deployment of a resource first (ScanIndexForward=false).
  global_secondary_index {
    name            = "resource-arn-index"
    hash_key        = "resource_arn"
    range_key       = "deployed_at"
    projection_type = "ALL"
  }

  point_in_time_recovery {
    enabled = var.enable_point_in_time_recovery
  }
  server_side_encryption {
    enabled = true
  }
  deletion_protection_enabled = false
}

resource "aws_dynamodb_table" "locks" {
  name         = local.name["locks"]
  billing_mode = "PAY_PER_REQUEST"
  hash_key     = "lock_id"

  attribute {
    name = "lock_id"
    type = "S"
  }

  ttl {
    attribute_name = "ttl"
    enabled        = true
  }
  server_side_encryption {
    enabled = true
  }
  deletion_protection_enabled = false
}

resource "aws_dynamodb_table" "history" {
  name         = local.name["history"]
  billing_mode = "PAY_PER_REQUEST"
  hash_key     = "drift_event_id"
  range_key    = "timestamp"

  attribute {
    name = "drift_event_id"
    type = "S"
  }
  attribute {
    name = "timestamp"
    type = "S"
  }
  attribute {
    name = "severity"
    type = "S"
  }
  attribute {
    name = "resource_arn"
    type = "S"
  }

  global_secondary_index {
    name            = "severity-timestamp-index"
    hash_key        = "severity"
    range_key       = "timestamp"
    projection_type = "ALL"
  }

  # The orchestrator's cool-down: the resource's latest outcome.
  global_secondary_index {
    name            = "resource-arn-index"
    hash_key        = "resource_arn"
    range_key       = "timestamp"
    projection_type = "ALL"
  }

  ttl {
    attribute_name = "ttl"
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

resource "aws_dynamodb_table" "policies" {
  name         = local.name["policies"]
  billing_mode = "PAY_PER_REQUEST"
  hash_key     = "policy_id"
  range_key    = "version"

  attribute {
    name = "policy_id"
    type = "S"
  }
  attribute {
    name = "version"
    type = "S"
  }

  point_in_time_recovery {
    enabled = var.enable_point_in_time_recovery
  }
  server_side_encryption {
    enabled = true
  }
  deletion_protection_enabled = false
}

# What the orchestrator decided for each remediation; the workflow claims an
# item through agent-callback and re-applies only these recorded facts
# (docs/remediation-claim.md). The remediation role has no access to it.
resource "aws_dynamodb_table" "remediations" {
  name         = local.name["remediations"]
  billing_mode = "PAY_PER_REQUEST"
  hash_key     = "remediation_id"

  attribute {
    name = "remediation_id"
    type = "S"
  }

  ttl {
    attribute_name = "ttl"
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

# One item per drift of a workspace across scans (common/store/README.md): the
# scanner observes each drift it finds, so that only new, changed or returned
# drift is announced, and resolves what a complete scan no longer sees.
resource "aws_dynamodb_table" "drifts" {
  name         = local.name["drifts"]
  billing_mode = "PAY_PER_REQUEST"
  hash_key     = "scope"
  range_key    = "drift_id"

  attribute {
    name = "scope"
    type = "S"
  }
  attribute {
    name = "drift_id"
    type = "S"
  }

  point_in_time_recovery {
    enabled = var.enable_point_in_time_recovery
  }
  server_side_encryption {
    enabled = true
  }
  deletion_protection_enabled = false
}

# A Terraform state-lock table for teams' S3 backends (dynamodb_table = ...).
resource "aws_dynamodb_table" "tflock" {
  name         = local.name["tflock"]
  billing_mode = "PAY_PER_REQUEST"
  hash_key     = "LockID"

  attribute {
    name = "LockID"
    type = "S"
  }

  point_in_time_recovery {
    enabled = true
  }
  server_side_encryption {
    enabled = true
  }
  deletion_protection_enabled = false
}

# --- SSM parameters --------------------------------------------------------------

# The GitHub token never enters Terraform's state or plans: value_wo is a
# write-only argument, sent to SSM on create and whenever
# github_token_version changes, and never read back. Without github_token a
# placeholder is written and the operator puts the token with
# `aws ssm put-parameter --overwrite` (README), which Terraform leaves alone.
resource "aws_kms_key" "github_token" {
  count                   = var.github_token_kms_key_arn == null ? 1 : 0
  description             = "Encrypts the GitHub token parameter of ${local.name["github-token"]}."
  enable_key_rotation     = true
  deletion_window_in_days = 7
}

resource "aws_kms_alias" "github_token" {
  count         = var.github_token_kms_key_arn == null ? 1 : 0
  name          = "alias/${local.name["github-token"]}"
  target_key_id = aws_kms_key.github_token[0].key_id
}

locals {
  github_token_kms_key_arn = (var.github_token_kms_key_arn != null
    ? var.github_token_kms_key_arn
  : aws_kms_key.github_token[0].arn)
}

resource "aws_ssm_parameter" "github_token" {
  name             = local.github_token_parameter
  description      = "GitHub token for repository_dispatch (github_token, or aws ssm put-parameter --overwrite)."
  type             = "SecureString"
  key_id           = local.github_token_kms_key_arn
  value_wo         = var.github_token != null ? var.github_token : "set-outside-terraform"
  value_wo_version = var.github_token_version
}

resource "aws_ssm_parameter" "scan_targets" {
  name        = local.scan_targets_parameter
  description = "Drift scanner targets (JSON list)."
  type        = "String"
  tier        = length(jsonencode(var.scan_targets)) > 4096 ? "Advanced" : "Standard"
  value       = jsonencode(var.scan_targets)
}
