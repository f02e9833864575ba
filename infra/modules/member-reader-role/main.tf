# The read-only role the drift scanner assumes in a member account. Apply it in
# each account to be scanned (with a provider for that account); only the
# scanner's role may assume it, and only with the agreed external id.

terraform {
  required_version = ">= 1.5.0"
  required_providers {
    aws = {
      source  = "hashicorp/aws"
      version = ">= 5.60.0, < 6.0.0"
    }
  }
}

data "aws_caller_identity" "current" {}
data "aws_partition" "current" {}

module "read_policy" {
  source             = "../scan-read-policy"
  account_id         = data.aws_caller_identity.current.account_id
  partition          = data.aws_partition.current.partition
  state_bucket_names = var.state_bucket_names
  state_kms_key_arns = var.state_kms_key_arns
}

data "aws_iam_policy_document" "trust" {
  statement {
    sid     = "ScannerWithExternalId"
    effect  = "Allow"
    actions = ["sts:AssumeRole"]
    principals {
      type        = "AWS"
      identifiers = [var.scanner_role_arn]
    }
    condition {
      test     = "StringEquals"
      variable = "sts:ExternalId"
      values   = [var.external_id]
    }
  }
}

resource "aws_iam_role" "reader" {
  name                 = var.role_name
  description          = "Read-only access for the drift scanner (Terraform state and live resources)."
  assume_role_policy   = data.aws_iam_policy_document.trust.json
  max_session_duration = 3600
  tags                 = var.tags
}

resource "aws_iam_role_policy" "read" {
  name   = "${var.role_name}-read"
  role   = aws_iam_role.reader.id
  policy = module.read_policy.json
}
