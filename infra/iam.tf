# One role per function, least privilege: exact actions on exact ARNs. "*"
# appears only where IAM has no resource-level permission for the action, and
# then with a condition where one exists (iam-wildcard-allowlist.json lists
# every such case; tests/infra checks the applied stack against it).

data "aws_iam_policy_document" "lambda_trust" {
  statement {
    effect  = "Allow"
    actions = ["sts:AssumeRole"]
    principals {
      type        = "Service"
      identifiers = ["lambda.amazonaws.com"]
    }
    condition {
      test     = "StringEquals"
      variable = "aws:SourceAccount"
      values   = [local.account]
    }
  }
}

resource "aws_iam_role" "fn" {
  for_each           = toset(local.functions)
  name               = local.function_name[each.key]
  description        = "Execution role of ${local.function_name[each.key]}."
  assume_role_policy = data.aws_iam_policy_document.lambda_trust.json
}

locals {
  table_arn = {
    metadata     = aws_dynamodb_table.metadata.arn
    locks        = aws_dynamodb_table.locks.arn
    history      = aws_dynamodb_table.history.arn
    policies     = aws_dynamodb_table.policies.arn
    remediations = aws_dynamodb_table.remediations.arn
    drifts       = aws_dynamodb_table.drifts.arn
  }
  state_bucket_arns = [for b in var.state_bucket_names : "arn:${local.partition}:s3:::${b}"]
  # The SecureStrings holding the chat webhooks and the PagerDuty routing key (lambda.tf's
  # message_environment), and for the functions that open GitHub issues the token's.
  message_parameter_arns = [for p in compact([var.slack_webhook_parameter, var.teams_webhook_parameter, var.pagerduty_routing_key_parameter]) :
  "arn:${local.partition}:ssm:${local.region}:${local.account}:parameter/${trimprefix(p, "/")}"]
  function_message_parameter_arns = {
    "workflow-orchestrator" = local.message_parameter_arns
    "agent-callback"        = concat(local.message_parameter_arns, var.github_issues ? [aws_ssm_parameter.github_token.arn] : [])
    "drift-scanner"         = concat(local.message_parameter_arns, var.github_issues ? [aws_ssm_parameter.github_token.arn] : [])
  }
  reader_role_arns = concat(
    [for a in var.member_account_ids : "arn:${local.partition}:iam::${a}:role/${local.member_reader_role_name}"],
    var.scanner_assume_role_arns,
    var.create_reader_role_in_this_account ? ["arn:${local.partition}:iam::${local.account}:role/${local.member_reader_role_name}"] : [],
  )
}

# What every function needs: its own log group, DLQ, metrics and the alert topic.
data "aws_iam_policy_document" "fn_base" {
  for_each = toset(local.functions)

  statement {
    sid       = "WriteOwnLogs"
    effect    = "Allow"
    actions   = ["logs:CreateLogStream", "logs:PutLogEvents"]
    resources = ["${aws_cloudwatch_log_group.fn[each.key].arn}:*"]
  }

  statement {
    sid       = "DeadLetterQueue"
    effect    = "Allow"
    actions   = ["sqs:SendMessage"]
    resources = [aws_sqs_queue.function_dlq[each.key].arn]
  }

  # Allow-listed: PutMetricData has no resource-level permission; the
  # namespace condition keeps the function inside ours.
  statement {
    sid       = "PutOwnMetrics"
    effect    = "Allow"
    actions   = ["cloudwatch:PutMetricData"]
    resources = ["*"]
    condition {
      test     = "StringEquals"
      variable = "cloudwatch:namespace"
      values   = [var.metrics_namespace]
    }
  }

  statement {
    sid       = "Alert"
    effect    = "Allow"
    actions   = ["sns:Publish"]
    resources = [aws_sns_topic.alerts.arn]
  }

  # Messages for people: exactly the parameters named by the messaging variables.
  dynamic "statement" {
    for_each = length(local.function_message_parameter_arns[each.key]) > 0 ? [1] : []
    content {
      sid       = "MessageSecrets"
      effect    = "Allow"
      actions   = ["ssm:GetParameter"]
      resources = local.function_message_parameter_arns[each.key]
    }
  }

  # Put those SecureStrings with the GitHub token's key (output
  # github_token_kms_key_arn), or with the account's aws/ssm key; only
  # through SSM, as for the token.
  dynamic "statement" {
    for_each = length(local.function_message_parameter_arns[each.key]) > 0 ? [1] : []
    content {
      sid       = "DecryptMessageSecrets"
      effect    = "Allow"
      actions   = ["kms:Decrypt"]
      resources = [local.github_token_kms_key_arn]
      condition {
        test     = "StringEquals"
        variable = "kms:ViaService"
        values   = ["ssm.${local.region}.amazonaws.com"]
      }
    }
  }
}

# --- workflow-orchestrator ---------------------------------------------------------

data "aws_iam_policy_document" "orchestrator" {
  source_policy_documents = [data.aws_iam_policy_document.fn_base["workflow-orchestrator"].json]

  statement {
    sid       = "FindDeployment"
    effect    = "Allow"
    actions   = ["dynamodb:Query", "dynamodb:GetItem"]
    resources = [local.table_arn.metadata, "${local.table_arn.metadata}/index/resource-arn-index"]
  }

  statement {
    sid       = "RemediationLocks"
    effect    = "Allow"
    actions   = ["dynamodb:GetItem", "dynamodb:PutItem", "dynamodb:UpdateItem", "dynamodb:DeleteItem"]
    resources = [local.table_arn.locks]
  }

  statement {
    sid    = "DriftHistory"
    effect = "Allow"
    # Scan: the sweeper looks for items stuck in received, gathered or dispatched.
    actions   = ["dynamodb:GetItem", "dynamodb:PutItem", "dynamodb:UpdateItem", "dynamodb:Query", "dynamodb:Scan"]
    resources = [local.table_arn.history, "${local.table_arn.history}/index/resource-arn-index"]
  }

  # The drifts a dispatch covers become remediating; those of a remediation
  # that never went out record the failure (read, then a conditional update).
  statement {
    sid       = "DriftsFollowDispatch"
    effect    = "Allow"
    actions   = ["dynamodb:GetItem", "dynamodb:UpdateItem"]
    resources = [local.table_arn.drifts]
  }

  # Records each decision once (conditional put) and reads it back.
  statement {
    sid       = "RecordRemediations"
    effect    = "Allow"
    actions   = ["dynamodb:PutItem", "dynamodb:GetItem"]
    resources = [local.table_arn.remediations]
  }

  statement {
    sid       = "PolicyVersions"
    effect    = "Allow"
    actions   = ["dynamodb:GetItem", "dynamodb:Query"]
    resources = [local.table_arn.policies]
  }

  # Terraform's own lock counts as held; it is read, never written.
  statement {
    sid       = "ReadTerraformLockTables"
    effect    = "Allow"
    actions   = ["dynamodb:GetItem"]
    resources = local.terraform_lock_table_arns
  }

  dynamic "statement" {
    for_each = length(local.state_bucket_arns) > 0 ? [1] : []
    content {
      sid       = "ReadTerraformLockObjects"
      effect    = "Allow"
      actions   = ["s3:GetObject"]
      resources = [for b in local.state_bucket_arns : "${b}/*.tflock"]
    }
  }

  # Without ListBucket a missing .tflock answers 403 instead of 404.
  dynamic "statement" {
    for_each = length(local.state_bucket_arns) > 0 ? [1] : []
    content {
      sid       = "TellMissingLockObjects"
      effect    = "Allow"
      actions   = ["s3:ListBucket"]
      resources = local.state_bucket_arns
    }
  }

  statement {
    sid    = "RetryQueue"
    effect = "Allow"
    actions = [
      "sqs:SendMessage",
      "sqs:ReceiveMessage",
      "sqs:DeleteMessage",
      "sqs:ChangeMessageVisibility",
      "sqs:GetQueueAttributes",
    ]
    resources = [aws_sqs_queue.retry.arn]
  }

  statement {
    sid       = "GitHubToken"
    effect    = "Allow"
    actions   = ["ssm:GetParameter"]
    resources = [aws_ssm_parameter.github_token.arn]
  }

  # The token parameter's key, and only for calls made through SSM.
  statement {
    sid       = "DecryptGitHubToken"
    effect    = "Allow"
    actions   = ["kms:Decrypt"]
    resources = [local.github_token_kms_key_arn]
    condition {
      test     = "StringEquals"
      variable = "kms:ViaService"
      values   = ["ssm.${local.region}.amazonaws.com"]
    }
  }
}

# --- agent-callback ----------------------------------------------------------------

data "aws_iam_policy_document" "callback" {
  source_policy_documents = [data.aws_iam_policy_document.fn_base["agent-callback"].json]

  statement {
    sid       = "DriftHistory"
    effect    = "Allow"
    actions   = ["dynamodb:GetItem", "dynamodb:UpdateItem", "dynamodb:Query"]
    resources = [local.table_arn.history]
  }

  # The workflow's claim (conditional update recorded -> claimed) and the
  # claimant check when the outcome is reported.
  statement {
    sid       = "ClaimRemediations"
    effect    = "Allow"
    actions   = ["dynamodb:GetItem", "dynamodb:UpdateItem"]
    resources = [local.table_arn.remediations]
  }

  # Released on a final status (conditional delete); kept and extended for
  # awaiting_review.
  statement {
    sid       = "ReleaseRemediationLock"
    effect    = "Allow"
    actions   = ["dynamodb:GetItem", "dynamodb:DeleteItem", "dynamodb:UpdateItem"]
    resources = [local.table_arn.locks]
  }

  statement {
    sid       = "CompletionEvents"
    effect    = "Allow"
    actions   = ["events:PutEvents"]
    resources = [aws_cloudwatch_event_bus.drift.arn]
  }

  # After remediated: the remediated drifts are marked so (read, then a
  # conditional update), and the scanner is asked to check the revert; after a
  # failure they record it, for the scan's announcement after the cool-down.
  statement {
    sid       = "MarkDriftsRemediated"
    effect    = "Allow"
    actions   = ["dynamodb:GetItem", "dynamodb:UpdateItem"]
    resources = [local.table_arn.drifts]
  }

  statement {
    sid       = "RequestRevertCheck"
    effect    = "Allow"
    actions   = ["lambda:InvokeFunction"]
    resources = [local.function_arn["drift-scanner"]]
  }
}

# --- drift-scanner -----------------------------------------------------------------

module "own_account_read" {
  count              = var.scan_own_account ? 1 : 0
  source             = "./modules/scan-read-policy"
  account_id         = local.account
  partition          = local.partition
  state_bucket_names = var.state_bucket_names
  state_kms_key_arns = var.state_kms_key_arns
}

data "aws_iam_policy_document" "scanner" {
  source_policy_documents = concat(
    [data.aws_iam_policy_document.fn_base["drift-scanner"].json],
    [for m in module.own_account_read : m.json],
  )

  statement {
    sid       = "ListReports"
    effect    = "Allow"
    actions   = ["s3:ListBucket"]
    resources = [aws_s3_bucket.reports.arn]
  }

  # Reports, and the previous latest.json to tell new drift from standing drift;
  # the parts of a sliced workspace scan until they merge (slices/, expired).
  statement {
    sid     = "ReadWriteReports"
    effect  = "Allow"
    actions = ["s3:GetObject", "s3:PutObject"]
    resources = [
      "${aws_s3_bucket.reports.arn}/reports/*",
      "${aws_s3_bucket.reports.arn}/slices/*",
    ]
  }

  # Rules and ignore files a target may name as s3://<report bucket>/scanner-config/...
  statement {
    sid       = "ReadScannerConfiguration"
    effect    = "Allow"
    actions   = ["s3:GetObject"]
    resources = ["${aws_s3_bucket.reports.arn}/scanner-config/*"]
  }

  statement {
    sid       = "PublishDriftEvents"
    effect    = "Allow"
    actions   = ["sns:Publish"]
    resources = [aws_sns_topic.drift_events.arn]
  }

  # The drifts table: a scope's items (Query), each sighting and resolution
  # (UpdateItem), the upgrade's seed from the previous report (PutItem), the
  # status read before a revert check's move (GetItem).
  statement {
    sid       = "TrackDrifts"
    effect    = "Allow"
    actions   = ["dynamodb:Query", "dynamodb:UpdateItem", "dynamodb:PutItem", "dynamodb:GetItem"]
    resources = [local.table_arn.drifts]
  }

  # A revert check records its verdict on the drift events it answers: the
  # event's item (Query by drift_event_id), revert_status (UpdateItem).
  statement {
    sid       = "RecordRevertChecks"
    effect    = "Allow"
    actions   = ["dynamodb:Query", "dynamodb:UpdateItem"]
    resources = [local.table_arn.history]
  }

  # The fleet page (reports/index.html), rebuilt after each scan: every drift
  # (Scan of the drifts table) and the remediation outcomes of the last 30 days
  # (Scan of the history table), the numbers `bootstrap history` prints.
  statement {
    sid     = "ReadFleetTrend"
    effect  = "Allow"
    actions = ["dynamodb:GetItem", "dynamodb:Query", "dynamodb:Scan"]
    resources = [
      local.table_arn.drifts,
      "${local.table_arn.drifts}/index/*",
      local.table_arn.history,
      "${local.table_arn.history}/index/*",
    ]
  }

  statement {
    sid       = "ScanTargets"
    effect    = "Allow"
    actions   = ["ssm:GetParameter"]
    resources = [aws_ssm_parameter.scan_targets.arn]
  }

  # Fan-out: one asynchronous invocation of itself per target.
  statement {
    sid       = "FanOut"
    effect    = "Allow"
    actions   = ["lambda:InvokeFunction"]
    resources = [local.function_arn["drift-scanner"]]
  }

  dynamic "statement" {
    for_each = length(local.reader_role_arns) > 0 ? [1] : []
    content {
      sid       = "AssumeMemberReaders"
      effect    = "Allow"
      actions   = ["sts:AssumeRole"]
      resources = local.reader_role_arns
    }
  }
}

locals {
  function_policy = {
    "workflow-orchestrator" = data.aws_iam_policy_document.orchestrator.json
    "agent-callback"        = data.aws_iam_policy_document.callback.json
    "drift-scanner"         = data.aws_iam_policy_document.scanner.json
  }
}

resource "aws_iam_role_policy" "fn" {
  for_each = toset(local.functions)
  name     = local.function_name[each.key]
  role     = aws_iam_role.fn[each.key].id
  policy   = local.function_policy[each.key]
}

# --- Reader role in this account (optional, same module as for members) --------

module "reader_role_here" {
  count              = var.create_reader_role_in_this_account ? 1 : 0
  source             = "./modules/member-reader-role"
  role_name          = local.member_reader_role_name
  scanner_role_arn   = aws_iam_role.fn["drift-scanner"].arn
  external_id        = local.member_external_id
  state_bucket_names = var.state_bucket_names
  state_kms_key_arns = var.state_kms_key_arns
}
