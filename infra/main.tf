# Drift detection and remediation: the whole stack in one root module.
#   storage.tf     report bucket, DynamoDB tables, SSM parameters
#   messaging.tf   SNS topics, SQS queues, our event bus
#   lambda.tf      the three functions, their log groups and event sources
#   iam.tf         one least-privilege role per function
#   events.tf      EventBridge rules (schedule, DevOps Agent)
#   config.tf      AWS Config (optional)
#   github.tf      GitHub OIDC provider and the remediation role
#   monitoring.tf  dashboard and alarms

data "aws_caller_identity" "current" {}
data "aws_partition" "current" {}
data "aws_region" "current" {}

locals {
  suffix    = var.environment_suffix
  account   = data.aws_caller_identity.current.account_id
  partition = data.aws_partition.current.partition
  region    = data.aws_region.current.name
  dist_dir  = coalesce(var.lambda_dist_dir, "${path.module}/../build/dist")

  # Every name follows drift-detection-<component>-<suffix>.
  name = { for c in [
    "metadata", "locks", "history", "policies", "remediations", "drifts", "tflock", "github-token",
    "drift-events", "alerts", "drift-events-local", "orchestrator-retry", "orchestrator-retry-dlq",
    "eventbridge-dlq", "bus", "scan-schedule", "sweep-schedule", "devops-agent-drift", "remediation", "reader",
    "config", "recorder", "delivery", "dashboard", "chatbot",
  ] : c => "drift-detection-${c}-${local.suffix}" }

  # S3 bucket names are global: the account id keeps two accounts' stacks apart.
  report_bucket_name = "drift-detection-reports-${local.account}-${local.suffix}"

  functions     = ["workflow-orchestrator", "agent-callback", "drift-scanner"]
  function_name = { for f in local.functions : f => "drift-detection-${f}-${local.suffix}" }
  # Built from the name (not the resource) so policies can name a function
  # without waiting for it, and a function may name itself.
  function_arn = { for f in local.functions :
  f => "arn:${local.partition}:lambda:${local.region}:${local.account}:function:${local.function_name[f]}" }

  ssm_prefix                = "/drift-detection/${local.suffix}"
  github_token_parameter    = "${local.ssm_prefix}/github-token"
  scan_targets_parameter    = "${local.ssm_prefix}/scan-targets"
  member_reader_role_name   = coalesce(var.member_reader_role_name, local.name["reader"])
  member_external_id        = var.member_external_id != null ? var.member_external_id : "drift-detection-${local.suffix}"
  terraform_lock_table_arns = concat([aws_dynamodb_table.tflock.arn], var.state_lock_table_arns)
}
