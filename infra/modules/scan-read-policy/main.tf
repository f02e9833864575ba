# The read-only permissions a drift scan needs in one account: the Terraform
# state it compares against and the live resources of every type the native
# engine knows. Used twice: by the scanner's own role (targets scanned with the
# function's own credentials) and by the reader role in each member account.
# Data sources only: the caller attaches the document where it belongs.

terraform {
  required_version = ">= 1.5.0"
  required_providers {
    aws = {
      source  = "hashicorp/aws"
      version = ">= 5.60.0, < 6.0.0"
    }
  }
}

variable "account_id" {
  description = "Account whose resources the policy may read (12 digits)."
  type        = string
}

variable "partition" {
  description = "AWS partition (aws, aws-cn, aws-us-gov)."
  type        = string
  default     = "aws"
}

variable "state_bucket_names" {
  description = "S3 buckets in this account holding Terraform state the scanner reads."
  type        = list(string)
  default     = []
}

variable "state_kms_key_arns" {
  description = "KMS keys that encrypt those state objects (kms:Decrypt is granted on exactly these)."
  type        = list(string)
  default     = []
}

locals {
  p = var.partition
  a = var.account_id
}

data "aws_iam_policy_document" "this" {
  # Allow-listed: EC2 Describe* and these List calls have no resource-level
  # permissions in IAM, so "*" is the only resource AWS accepts for them.
  statement {
    sid    = "DescribeWithoutResourceLevelPermissions"
    effect = "Allow"
    actions = [
      "ec2:DescribeInstances",
      "ec2:DescribeInstanceAttribute",
      "ec2:DescribeInstanceCreditSpecifications",
      "ec2:DescribeSecurityGroups",
      "ec2:DescribeSecurityGroupRules",
      "ec2:DescribeVpcs",
      "ec2:DescribeVpcAttribute",
      "ec2:DescribeSubnets",
      "ec2:DescribeVolumes",
      "ec2:DescribeTags",
      "ec2:DescribeNetworkInterfaces",
      "s3:ListAllMyBuckets",
      "dynamodb:ListTables",
      "tag:GetResources",
    ]
    resources = ["*"]
  }

  statement {
    sid    = "ReadDatabaseInstances"
    effect = "Allow"
    actions = [
      "rds:DescribeDBInstances",
      "rds:ListTagsForResource",
    ]
    resources = ["arn:${local.p}:rds:*:${local.a}:db:*"]
  }

  statement {
    sid    = "ReadDynamoDBTables"
    effect = "Allow"
    actions = [
      "dynamodb:DescribeTable",
      "dynamodb:DescribeContinuousBackups",
      "dynamodb:DescribeTimeToLive",
      "dynamodb:ListTagsOfResource",
    ]
    resources = ["arn:${local.p}:dynamodb:*:${local.a}:table/*"]
  }

  # Bucket ARNs carry no account, so "every bucket" is arn:...:s3:::* narrowed
  # to this account's buckets by s3:ResourceAccount.
  statement {
    sid    = "ReadBucketConfiguration"
    effect = "Allow"
    actions = [
      "s3:GetBucketAcl",
      "s3:GetBucketLocation",
      "s3:GetBucketLogging",
      "s3:GetBucketOwnershipControls",
      "s3:GetBucketPolicy",
      "s3:GetBucketPolicyStatus",
      "s3:GetBucketPublicAccessBlock",
      "s3:GetBucketTagging",
      "s3:GetBucketVersioning",
      "s3:GetEncryptionConfiguration",
      "s3:GetLifecycleConfiguration",
    ]
    resources = ["arn:${local.p}:s3:::*"]
    condition {
      test     = "StringEquals"
      variable = "s3:ResourceAccount"
      values   = [local.a]
    }
  }

  dynamic "statement" {
    for_each = length(var.state_bucket_names) > 0 ? [1] : []
    content {
      sid       = "ListStateBuckets"
      effect    = "Allow"
      actions   = ["s3:ListBucket"]
      resources = [for b in var.state_bucket_names : "arn:${local.p}:s3:::${b}"]
    }
  }

  dynamic "statement" {
    for_each = length(var.state_bucket_names) > 0 ? [1] : []
    content {
      sid       = "ReadStateObjects"
      effect    = "Allow"
      actions   = ["s3:GetObject", "s3:GetObjectVersion"]
      resources = [for b in var.state_bucket_names : "arn:${local.p}:s3:::${b}/*"]
    }
  }

  dynamic "statement" {
    for_each = length(var.state_kms_key_arns) > 0 ? [1] : []
    content {
      sid       = "DecryptState"
      effect    = "Allow"
      actions   = ["kms:Decrypt"]
      resources = var.state_kms_key_arns
    }
  }
}

output "json" {
  description = "The policy document (JSON)."
  value       = data.aws_iam_policy_document.this.json
}
