# The read-only permissions a drift scan needs in one account: the Terraform
# state it compares against and the live resources of every type the native
# engine knows. Used twice: by the scanner's own role (targets scanned with the
# function's own credentials) and by the reader role in each member account.
# Data sources only: the caller attaches the document where it belongs.
#
# The live-resource actions are exactly the union of what the engine's type
# modules declare (`bootstrap types --json`, "permissions"): see README.md;
# tests/infra/scan_read_policy.py fails on any difference.

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
  # Listing and account-wide reads that have no resource-level permissions in
  # IAM (EC2 Describe*, the List calls of unmanaged discovery, IAM's
  # authorization details): "*" is the only resource AWS accepts for them.
  statement {
    sid    = "ScanReadWithoutResourceLevelPermissions"
    effect = "Allow"
    actions = [
      "acm:ListCertificates",
      "autoscaling:DescribeAutoScalingGroups",
      "dynamodb:ListTables",
      "ec2:DescribeAddresses",
      "ec2:DescribeDhcpOptions",
      "ec2:DescribeInstanceAttribute",
      "ec2:DescribeInstanceCreditSpecifications",
      "ec2:DescribeInstances",
      "ec2:DescribeInternetGateways",
      "ec2:DescribeKeyPairs",
      "ec2:DescribeLaunchTemplateVersions",
      "ec2:DescribeLaunchTemplates",
      "ec2:DescribeNatGateways",
      "ec2:DescribeNetworkAcls",
      "ec2:DescribeNetworkInterfaces",
      "ec2:DescribeRouteTables",
      "ec2:DescribeSecurityGroupRules",
      "ec2:DescribeSecurityGroups",
      "ec2:DescribeSubnets",
      "ec2:DescribeVolumes",
      "ec2:DescribeVpcAttribute",
      "ec2:DescribeVpcEndpoints",
      "ec2:DescribeVpcs",
      # ECR, ElastiCache and EFS list with the same Describe call that reads one resource:
      # one statement serves both.
      "ecr:DescribeRepositories",
      "ecr:GetLifecyclePolicy",
      "ecr:GetRepositoryPolicy",
      "ecr:ListTagsForResource",
      "ecs:DescribeTaskDefinition",
      "ecs:ListClusters",
      "ecs:ListServices",
      "ecs:ListTaskDefinitionFamilies",
      "eks:ListClusters",
      "elasticache:DescribeCacheClusters",
      "elasticache:DescribeCacheSubnetGroups",
      "elasticache:DescribeReplicationGroups",
      "elasticache:ListTagsForResource",
      "elasticfilesystem:DescribeFileSystems",
      "elasticfilesystem:DescribeLifecycleConfiguration",
      "elasticfilesystem:DescribeMountTargetSecurityGroups",
      "elasticfilesystem:DescribeMountTargets",
      "events:ListEventBuses",
      "events:ListRules",
      "iam:GetAccountAuthorizationDetails",
      "iam:ListOpenIDConnectProviders",
      "kms:ListAliases",
      "kms:ListKeys",
      "lambda:ListEventSourceMappings",
      "lambda:ListFunctions",
      "logs:DescribeLogGroups",
      "route53:ListHostedZones",
      "s3:ListAllMyBuckets",
      "secretsmanager:ListSecrets",
      "sns:GetSubscriptionAttributes",
      "sns:ListTopics",
      "sqs:ListQueues",
      "ssm:DescribeParameters",
    ]
    resources = ["*"]
  }

  # Reads by id of services whose listings are separate "*" actions above: each
  # on this account's resources only.
  statement {
    sid       = "ScanReadCertificates"
    effect    = "Allow"
    actions   = ["acm:DescribeCertificate", "acm:ListTagsForCertificate"]
    resources = ["arn:${local.p}:acm:*:${local.a}:certificate/*"]
  }

  statement {
    sid       = "ScanReadContainerServices"
    effect    = "Allow"
    actions   = ["ecs:DescribeClusters", "ecs:DescribeServices"]
    resources = ["arn:${local.p}:ecs:*:${local.a}:cluster/*", "arn:${local.p}:ecs:*:${local.a}:service/*"]
  }

  statement {
    sid       = "ScanReadKubernetesClusters"
    effect    = "Allow"
    actions   = ["eks:DescribeCluster", "eks:DescribeNodegroup", "eks:ListNodegroups"]
    resources = ["arn:${local.p}:eks:*:${local.a}:cluster/*", "arn:${local.p}:eks:*:${local.a}:nodegroup/*"]
  }

  # Hosted zone ARNs carry no account; a caller only ever reaches its own zones.
  statement {
    sid       = "ScanReadHostedZones"
    effect    = "Allow"
    actions   = ["route53:GetHostedZone", "route53:ListResourceRecordSets", "route53:ListTagsForResource", "route53:ListTagsForResources"]
    resources = ["arn:${local.p}:route53:::hostedzone/*"]
  }

  # Bucket ARNs carry no account, so "every bucket" is arn:...:s3:::* narrowed
  # to this account's buckets by s3:ResourceAccount.
  statement {
    sid    = "ScanReadBuckets"
    effect = "Allow"
    actions = [
      "s3:GetAccelerateConfiguration",
      "s3:GetBucketAcl",
      "s3:GetBucketCORS",
      "s3:GetBucketLocation",
      "s3:GetBucketLogging",
      "s3:GetBucketNotification",
      "s3:GetBucketObjectLockConfiguration",
      "s3:GetBucketOwnershipControls",
      "s3:GetBucketPolicy",
      "s3:GetBucketPublicAccessBlock",
      "s3:GetBucketRequestPayment",
      "s3:GetBucketTagging",
      "s3:GetBucketVersioning",
      "s3:GetBucketWebsite",
      "s3:GetEncryptionConfiguration",
      "s3:GetLifecycleConfiguration",
      "s3:GetReplicationConfiguration",
    ]
    resources = ["arn:${local.p}:s3:::*"]
    condition {
      test     = "StringEquals"
      variable = "s3:ResourceAccount"
      values   = [local.a]
    }
  }

  statement {
    sid    = "ScanReadDatabaseInstances"
    effect = "Allow"
    actions = [
      "rds:DescribeDBClusters",
      "rds:DescribeDBInstances",
      "rds:DescribeDBParameterGroups",
      "rds:DescribeDBParameters",
      "rds:DescribeDBSubnetGroups",
      "rds:DescribeGlobalClusters",
      "rds:ListTagsForResource",
    ]
    resources = ["arn:${local.p}:rds:*:${local.a}:db:*", "arn:${local.p}:rds:*:${local.a}:subgrp:*", "arn:${local.p}:rds:*:${local.a}:pg:*", "arn:${local.p}:rds:*:${local.a}:cluster:*", "arn:${local.p}:rds::${local.a}:global-cluster:*"]
  }

  statement {
    sid    = "ScanReadDynamoDBTables"
    effect = "Allow"
    actions = [
      "dynamodb:DescribeContinuousBackups",
      "dynamodb:DescribeTable",
      "dynamodb:DescribeTimeToLive",
      "dynamodb:ListTagsOfResource",
    ]
    resources = ["arn:${local.p}:dynamodb:*:${local.a}:table/*"]
  }

  statement {
    sid    = "ScanReadIAM"
    effect = "Allow"
    actions = [
      "iam:GetInstanceProfile",
      "iam:GetOpenIDConnectProvider",
      "iam:ListInstanceProfiles",
      "iam:ListPolicyTags",
      "iam:ListRoles",
    ]
    resources = [
      "arn:${local.p}:iam::${local.a}:instance-profile/*",
      "arn:${local.p}:iam::${local.a}:oidc-provider/*",
      "arn:${local.p}:iam::${local.a}:policy/*",
      "arn:${local.p}:iam::${local.a}:role/*",
    ]
  }

  statement {
    sid    = "ScanReadLambda"
    effect = "Allow"
    actions = [
      "lambda:GetAlias",
      "lambda:GetEventSourceMapping",
      "lambda:GetFunction",
      "lambda:GetFunctionUrlConfig",
      "lambda:GetPolicy",
      "lambda:ListTags",
    ]
    resources = [
      "arn:${local.p}:lambda:*:${local.a}:function:*",
      "arn:${local.p}:lambda:*:${local.a}:event-source-mapping:*",
    ]
  }

  statement {
    sid    = "ScanReadTopics"
    effect = "Allow"
    actions = [
      "sns:GetTopicAttributes",
      "sns:ListTagsForResource",
    ]
    resources = ["arn:${local.p}:sns:*:${local.a}:*"]
  }

  statement {
    sid    = "ScanReadQueues"
    effect = "Allow"
    actions = [
      "sqs:GetQueueAttributes",
      "sqs:ListQueueTags",
    ]
    resources = ["arn:${local.p}:sqs:*:${local.a}:*"]
  }

  # Key metadata, policy, rotation and tags: no use of a key (kms:Decrypt is
  # granted below on the state keys only).
  statement {
    sid    = "ScanReadKeys"
    effect = "Allow"
    actions = [
      "kms:DescribeKey",
      "kms:GetKeyPolicy",
      "kms:GetKeyRotationStatus",
      "kms:ListResourceTags",
    ]
    resources = ["arn:${local.p}:kms:*:${local.a}:key/*"]
  }

  # A secret's metadata and resource policy, never its value.
  statement {
    sid    = "ScanReadSecrets"
    effect = "Allow"
    actions = [
      "secretsmanager:DescribeSecret",
      "secretsmanager:GetResourcePolicy",
    ]
    resources = ["arn:${local.p}:secretsmanager:*:${local.a}:secret:*"]
  }

  # GetParameters without decryption: a SecureString reads as ciphertext (no
  # kms:Decrypt on its key), and the engine compares only its version.
  statement {
    sid    = "ScanReadParameters"
    effect = "Allow"
    actions = [
      "ssm:GetParameters",
      "ssm:ListTagsForResource",
    ]
    resources = ["arn:${local.p}:ssm:*:${local.a}:parameter/*"]
  }

  statement {
    sid    = "ScanReadLogGroups"
    effect = "Allow"
    actions = [
      "logs:ListTagsForResource",
    ]
    resources = ["arn:${local.p}:logs:*:${local.a}:log-group:*"]
  }

  statement {
    sid    = "ScanReadAlarms"
    effect = "Allow"
    actions = [
      "cloudwatch:DescribeAlarms",
      "cloudwatch:ListTagsForResource",
    ]
    resources = ["arn:${local.p}:cloudwatch:*:${local.a}:alarm:*"]
  }

  statement {
    sid    = "ScanReadEventBridge"
    effect = "Allow"
    actions = [
      "events:DescribeEventBus",
      "events:DescribeRule",
      "events:ListTagsForResource",
      "events:ListTargetsByRule",
    ]
    resources = [
      "arn:${local.p}:events:*:${local.a}:event-bus/*",
      "arn:${local.p}:events:*:${local.a}:rule/*",
    ]
  }
  # Elastic Load Balancing v2's Describe calls have no resource-level permissions:
  # "*" is the only resource IAM accepts for them.
  statement {
    sid    = "ScanReadElasticLoadBalancing"
    effect = "Allow"
    actions = [
      "elasticloadbalancing:DescribeCapacityReservation",
      "elasticloadbalancing:DescribeListenerAttributes",
      "elasticloadbalancing:DescribeListeners",
      "elasticloadbalancing:DescribeLoadBalancerAttributes",
      "elasticloadbalancing:DescribeLoadBalancers",
      "elasticloadbalancing:DescribeRules",
      "elasticloadbalancing:DescribeTags",
      "elasticloadbalancing:DescribeTargetGroupAttributes",
      "elasticloadbalancing:DescribeTargetGroups",
      "elasticloadbalancing:DescribeTargetHealth",
    ]
    resources = ["*"]
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
