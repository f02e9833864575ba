# The GitHub Actions side: an OIDC identity provider and the role the
# remediation workflow assumes (no long-lived keys in GitHub).
#
# AWS evaluates only the aud and sub claims of a GitHub token, not custom
# claims, so the subject itself carries what must match: by default the
# repository, the job's environment and the workflow file at the branch
# (the repository's subject template must include them, see README).

locals {
  github_oidc_host = "token.actions.githubusercontent.com"
  # Built from the account rather than read from the resource, so the trust
  # policy is known at plan time and review sees the exact subject.
  github_oidc_provider_arn = (var.create_github_oidc_provider
    ? "arn:${local.partition}:iam::${local.account}:oidc-provider/${local.github_oidc_host}"
  : var.github_oidc_provider_arn)

  # GitHub writes a ':' inside a claim value as %3A in the subject.
  github_oidc_subject = {
    job_workflow_ref = join(":", [
      "repo", var.github_repository,
      "environment", replace(var.github_environment, ":", "%3A"),
      "job_workflow_ref", "${var.github_repository}/${var.github_workflow_path}@refs/heads/${var.github_branch}",
    ])
    ref = "repo:${var.github_repository}:ref:refs/heads/${var.github_branch}"
  }[var.github_oidc_subject]

  github_subjects = concat([local.github_oidc_subject], var.github_oidc_extra_subjects)
}

resource "aws_iam_openid_connect_provider" "github" {
  count           = var.create_github_oidc_provider ? 1 : 0
  url             = "https://${local.github_oidc_host}"
  client_id_list  = ["sts.amazonaws.com"]
  thumbprint_list = var.github_oidc_thumbprints
}

data "aws_iam_policy_document" "remediation_trust" {
  statement {
    sid     = "GitHubRemediationJob"
    effect  = "Allow"
    actions = ["sts:AssumeRoleWithWebIdentity"]
    principals {
      type        = "Federated"
      identifiers = [local.github_oidc_provider_arn]
    }
    condition {
      test     = "StringEquals"
      variable = "${local.github_oidc_host}:aud"
      values   = ["sts.amazonaws.com"]
    }
    condition {
      test     = "StringEquals"
      variable = "${local.github_oidc_host}:sub"
      values   = local.github_subjects
    }
  }
}

resource "aws_iam_role" "remediation" {
  name                 = local.name["remediation"]
  description          = "Assumed by the remediation workflow of ${var.github_repository} (${var.github_oidc_subject} subject, ${var.github_branch})."
  assume_role_policy   = data.aws_iam_policy_document.remediation_trust.json
  max_session_duration = 3600

  # The trust policy names the provider by its ARN string (see locals).
  depends_on = [aws_iam_openid_connect_provider.github]

  lifecycle {
    precondition {
      condition     = var.create_github_oidc_provider || var.github_oidc_provider_arn != null
      error_message = "Set github_oidc_provider_arn when create_github_oidc_provider is false."
    }
  }
}

data "aws_iam_policy_document" "remediation" {
  # The workflow learns what to apply only from the remediations table, through
  # agent-callback's claim: it must never read or write that table, nor drift
  # history, directly. The explicit deny also wins over any allow an operator
  # adds (remediation_policy_statements, policies attached elsewhere).
  statement {
    sid     = "NeverTouchRemediationRecords"
    effect  = "Deny"
    actions = ["dynamodb:*"]
    resources = [
      local.table_arn.history,
      "${local.table_arn.history}/index/*",
      local.table_arn.remediations,
      "${local.table_arn.remediations}/index/*",
    ]
  }

  statement {
    sid       = "ReportOutcome"
    effect    = "Allow"
    actions   = ["lambda:InvokeFunction"]
    resources = [local.function_arn["agent-callback"]]
  }

  # The recording tool writes deployment metadata after a normal deployment.
  statement {
    sid       = "RecordDeployments"
    effect    = "Allow"
    actions   = ["dynamodb:PutItem", "dynamodb:BatchWriteItem"]
    resources = [aws_dynamodb_table.metadata.arn]
  }

  # Terraform's S3 backend lock (DynamoDB flavour).
  statement {
    sid       = "TerraformLockTables"
    effect    = "Allow"
    actions   = ["dynamodb:GetItem", "dynamodb:PutItem", "dynamodb:DeleteItem"]
    resources = local.terraform_lock_table_arns
  }

  dynamic "statement" {
    for_each = length(local.state_bucket_arns) > 0 ? [1] : []
    content {
      sid       = "ListStateBuckets"
      effect    = "Allow"
      actions   = ["s3:ListBucket"]
      resources = local.state_bucket_arns
    }
  }

  dynamic "statement" {
    for_each = length(local.state_bucket_arns) > 0 ? [1] : []
    content {
      sid       = "ReadWriteState"
      effect    = "Allow"
      actions   = ["s3:GetObject", "s3:PutObject"]
      resources = [for b in local.state_bucket_arns : "${b}/*"]
    }
  }

  # Terraform 1.10+ lock files (use_lockfile = true) are created and deleted.
  dynamic "statement" {
    for_each = length(local.state_bucket_arns) > 0 ? [1] : []
    content {
      sid       = "StateLockFiles"
      effect    = "Allow"
      actions   = ["s3:DeleteObject"]
      resources = [for b in local.state_bucket_arns : "${b}/*.tflock"]
    }
  }

  dynamic "statement" {
    for_each = length(var.state_kms_key_arns) > 0 ? [1] : []
    content {
      sid       = "StateEncryption"
      effect    = "Allow"
      actions   = ["kms:Decrypt", "kms:Encrypt", "kms:GenerateDataKey"]
      resources = var.state_kms_key_arns
    }
  }

  # What the reverted resources themselves need: listed by the operator.
  dynamic "statement" {
    for_each = var.remediation_policy_statements
    content {
      sid       = statement.value.sid
      effect    = "Allow"
      actions   = statement.value.actions
      resources = statement.value.resources
    }
  }
}

resource "aws_iam_role_policy" "remediation" {
  name   = local.name["remediation"]
  role   = aws_iam_role.remediation.id
  policy = data.aws_iam_policy_document.remediation.json
}
