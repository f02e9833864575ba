# AWS Config: a region holds at most one recorder, so this is created only when
# create_config_recorder says the account has none yet (README: how to check).

locals {
  config_count = var.create_config_recorder ? 1 : 0

  # Managed rules for the three resource families the customer tracks.
  config_rules = {
    "s3-versioning"      = { id = "S3_BUCKET_VERSIONING_ENABLED", scope = ["AWS::S3::Bucket"] }
    "s3-encryption"      = { id = "S3_BUCKET_SERVER_SIDE_ENCRYPTION_ENABLED", scope = ["AWS::S3::Bucket"] }
    "s3-public-read"     = { id = "S3_BUCKET_PUBLIC_READ_PROHIBITED", scope = ["AWS::S3::Bucket"] }
    "rds-encrypted"      = { id = "RDS_STORAGE_ENCRYPTED", scope = ["AWS::RDS::DBInstance"] }
    "rds-public-access"  = { id = "RDS_INSTANCE_PUBLIC_ACCESS_CHECK", scope = ["AWS::RDS::DBInstance"] }
    "ec2-restricted-ssh" = { id = "INCOMING_SSH_DISABLED", scope = ["AWS::EC2::SecurityGroup"] }
    "ec2-ebs-encrypted"  = { id = "ENCRYPTED_VOLUMES", scope = ["AWS::EC2::Volume"] }
  }
}

data "aws_iam_policy_document" "config_trust" {
  count = local.config_count
  statement {
    effect  = "Allow"
    actions = ["sts:AssumeRole"]
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

resource "aws_iam_role" "config" {
  count              = local.config_count
  name               = local.name["config"]
  description        = "AWS Config recorder for EC2, RDS and S3."
  assume_role_policy = data.aws_iam_policy_document.config_trust[0].json
}

resource "aws_iam_role_policy_attachment" "config" {
  count      = local.config_count
  role       = aws_iam_role.config[0].name
  policy_arn = "arn:${local.partition}:iam::aws:policy/service-role/AWS_ConfigRole"
}

data "aws_iam_policy_document" "config_delivery" {
  count = local.config_count
  statement {
    sid       = "CheckBucket"
    effect    = "Allow"
    actions   = ["s3:GetBucketAcl"]
    resources = [aws_s3_bucket.reports.arn]
  }
  statement {
    sid       = "DeliverSnapshots"
    effect    = "Allow"
    actions   = ["s3:PutObject"]
    resources = ["${aws_s3_bucket.reports.arn}/config/AWSLogs/${local.account}/Config/*"]
  }
}

resource "aws_iam_role_policy" "config_delivery" {
  count  = local.config_count
  name   = "${local.name["config"]}-delivery"
  role   = aws_iam_role.config[0].id
  policy = data.aws_iam_policy_document.config_delivery[0].json
}

resource "aws_config_configuration_recorder" "this" {
  count    = local.config_count
  name     = local.name["recorder"]
  role_arn = aws_iam_role.config[0].arn

  recording_group {
    all_supported = false
    resource_types = [
      "AWS::EC2::Instance",
      "AWS::EC2::SecurityGroup",
      "AWS::EC2::Volume",
      "AWS::EC2::VPC",
      "AWS::EC2::Subnet",
      "AWS::RDS::DBInstance",
      "AWS::S3::Bucket",
    ]
  }
}

resource "aws_config_delivery_channel" "this" {
  count          = local.config_count
  name           = local.name["delivery"]
  s3_bucket_name = aws_s3_bucket.reports.bucket
  s3_key_prefix  = "config"

  snapshot_delivery_properties {
    delivery_frequency = var.config_snapshot_frequency
  }

  depends_on = [
    aws_config_configuration_recorder.this,
    aws_s3_bucket_policy.reports,
    aws_iam_role_policy.config_delivery,
  ]
}

resource "aws_config_configuration_recorder_status" "this" {
  count      = local.config_count
  name       = aws_config_configuration_recorder.this[0].name
  is_enabled = true

  depends_on = [aws_config_delivery_channel.this, aws_iam_role_policy_attachment.config]
}

resource "aws_config_config_rule" "this" {
  for_each = var.create_config_recorder ? local.config_rules : {}
  name     = "drift-detection-${each.key}-${local.suffix}"

  source {
    owner             = "AWS"
    source_identifier = each.value.id
  }

  scope {
    compliance_resource_types = each.value.scope
  }

  depends_on = [aws_config_configuration_recorder_status.this]
}
