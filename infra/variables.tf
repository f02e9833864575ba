# Only environment_suffix has no default: every other variable is safe to leave.

variable "environment_suffix" {
  description = "Appended to every name (drift-detection-<component>-<suffix>) so stacks can live side by side."
  type        = string

  validation {
    condition     = can(regex("^[a-z0-9][a-z0-9-]{0,18}[a-z0-9]$", var.environment_suffix))
    error_message = "environment_suffix: 2-20 characters, lower-case letters, digits and '-' (it ends up in S3 bucket names)."
  }
}

variable "region" {
  description = "Region of the stack."
  type        = string
  default     = "us-east-1"
}

variable "tags" {
  description = "Extra tags for every resource (the provider adds Project and EnvironmentSuffix)."
  type        = map(string)
  default     = {}
}

# --- Lambda ---------------------------------------------------------------------

variable "lambda_dist_dir" {
  description = "Folder holding workflow-orchestrator.zip, agent-callback.zip and drift-scanner.zip; null means <repo>/build/dist, where the build writes them."
  type        = string
  default     = null
}

variable "lambda_architecture" {
  description = "Instruction set of the bootstraps (x86_64 or arm64); must match the build."
  type        = string
  default     = "x86_64"

  validation {
    condition     = contains(["x86_64", "arm64"], var.lambda_architecture)
    error_message = "lambda_architecture must be x86_64 or arm64."
  }
}

variable "log_retention_days" {
  description = "Retention of the functions' CloudWatch log groups (at least 7 days)."
  type        = number
  default     = 14

  validation {
    condition     = contains([7, 14, 30, 60, 90, 120, 150, 180, 365, 400, 545, 731, 1096, 1827, 2192, 2557, 2922, 3288, 3653], var.log_retention_days)
    error_message = "log_retention_days must be a CloudWatch retention value of 7 days or more."
  }
}

variable "log_level" {
  description = "Application log level of the functions (AWS_LAMBDA_LOG_LEVEL): TRACE, DEBUG, INFO, WARN, ERROR or FATAL."
  type        = string
  default     = "INFO"

  validation {
    condition     = contains(["TRACE", "DEBUG", "INFO", "WARN", "ERROR", "FATAL"], var.log_level)
    error_message = "log_level must be one of TRACE, DEBUG, INFO, WARN, ERROR, FATAL."
  }
}

variable "metrics_namespace" {
  description = "CloudWatch namespace of the custom metrics (METRICS_NAMESPACE); the dashboard, alarms and the PutMetricData condition use it."
  type        = string
  default     = "TerraformPipeline/Drift"
}

variable "disable_processing" {
  description = "Kill switch (DISABLE_PROCESSING): the functions acknowledge events without acting."
  type        = bool
  default     = false
}

variable "enable_event_source_mappings" {
  description = "Wire the retry queue and the drift topic to the orchestrator. false for local runs: an SQS queue subscribed to the drift topic is created instead and the harness pumps both queues."
  type        = bool
  default     = true
}

variable "orchestrator_timeout_seconds" {
  description = "Timeout of workflow-orchestrator (at most 50: its processing lease ends 5 s after the deadline, before Lambda's first retry)."
  type        = number
  default     = 45

  validation {
    condition     = var.orchestrator_timeout_seconds >= 15 && var.orchestrator_timeout_seconds <= 50
    error_message = "orchestrator_timeout_seconds must be 15 to 50."
  }
}

variable "orchestrator_memory_mb" {
  description = "Memory of workflow-orchestrator."
  type        = number
  default     = 256
}

variable "orchestrator_reserved_concurrency" {
  description = "Reserved concurrency of workflow-orchestrator: caps parallel GitHub dispatches during an event flood. -1 leaves it unreserved."
  type        = number
  default     = 5
}

variable "callback_timeout_seconds" {
  description = "Timeout of agent-callback."
  type        = number
  default     = 30
}

variable "callback_memory_mb" {
  description = "Memory of agent-callback."
  type        = number
  default     = 256
}

variable "scanner_timeout_seconds" {
  description = "Timeout of drift-scanner (the scan writes a partial report before it runs out)."
  type        = number
  default     = 300
}

variable "scanner_memory_mb" {
  description = "Memory of drift-scanner."
  type        = number
  default     = 1024
}

variable "scanner_reserved_concurrency" {
  description = "Reserved concurrency of drift-scanner (bounds the per-target fan-out). -1 leaves it unreserved."
  type        = number
  default     = -1
}

# --- Orchestrator tunables ------------------------------------------------------

variable "max_retry_attempts" {
  description = "Retries through the retry queue (lock held, GitHub rate-limited) before the orchestrator alerts and stops (MAX_RETRY_ATTEMPTS)."
  type        = number
  default     = 5
}

variable "retry_delay_seconds" {
  description = "Delay of a retry message (RETRY_DELAY_SECONDS); SQS allows at most 900."
  type        = number
  default     = 300

  validation {
    condition     = var.retry_delay_seconds >= 0 && var.retry_delay_seconds <= 900
    error_message = "retry_delay_seconds must be between 0 and 900 (the SQS maximum)."
  }
}

variable "gather_seconds" {
  description = "How long the first drift event of a deployment waits for the others of the same scan before its one dispatch names them all (GATHER_SECONDS); 0 dispatches each event on its own. SQS allows at most 900."
  type        = number
  default     = 10

  validation {
    condition     = var.gather_seconds >= 0 && var.gather_seconds <= 900
    error_message = "gather_seconds must be between 0 and 900 (the SQS maximum)."
  }
}

variable "cooldown_seconds" {
  description = "After a failed remediation, the same resource is not dispatched again for this long, and its standing drift is announced again once it is over (COOLDOWN_SECONDS of the orchestrator and the scanner)."
  type        = number
  default     = 3600
}

variable "lock_ttl_seconds" {
  description = "Lifetime of a remediation lock when the workflow never calls back (LOCK_TTL_SECONDS); longer than the workflow's own 60-minute timeout."
  type        = number
  default     = 4500
}

variable "stuck_received_seconds" {
  description = "The sweeper marks an item stale that stayed received (never dispatched, lease expired) this long (STUCK_RECEIVED_SECONDS)."
  type        = number
  default     = 900
}

variable "stuck_dispatched_seconds" {
  description = "The sweeper marks an item stale that stayed dispatched with no outcome this long (STUCK_DISPATCHED_SECONDS); longer than lock_ttl_seconds."
  type        = number
  default     = 5400
}

variable "sweep_schedule_expression" {
  description = "How often the sweeper runs."
  type        = string
  default     = "rate(15 minutes)"
}

variable "retry_queue_max_receive_count" {
  description = "Receives of one retry message before SQS moves it to the retry dead-letter queue."
  type        = number
  default     = 5
}

# --- Scanner --------------------------------------------------------------------

variable "scan_schedule_expression" {
  description = "Schedule of the scheduled scan."
  type        = string
  default     = "rate(6 hours)"
}

variable "scan_schedule_enabled" {
  description = "Enable the scheduled scan (false pauses it without destroying anything)."
  type        = bool
  default     = true
}

variable "scan_targets" {
  description = "Scan targets in the format of functions/drift-scanner/README.md; stored as JSON in the SSM parameter named by SCAN_TARGETS_PARAMETER."
  type        = any
  default     = []
}

variable "report_base_url" {
  description = "REPORT_BASE_URL: where operators read the report bucket (a portal or CloudFront in front of it); report links on the fleet page and in alerts become <base>/<key>. Empty: presigned S3 GET URLs, which stop working when the scanner's role session that signed them ends (hours)."
  type        = string
  default     = ""

  validation {
    condition     = var.report_base_url == "" || can(regex("^https?://", var.report_base_url))
    error_message = "report_base_url must be empty or start with https:// (or http://)."
  }
}

variable "scan_engine" {
  description = "SCAN_ENGINE: native, terraform or auto (Terraform when a binary and the target's terraform_dir exist, else native)."
  type        = string
  default     = "auto"

  validation {
    condition     = contains(["native", "terraform", "auto"], var.scan_engine)
    error_message = "scan_engine must be native, terraform or auto."
  }
}

variable "alert_min_severity" {
  description = "ALERT_MIN_SEVERITY: the scanner alerts on new, changed or returned drift of this severity or worse."
  type        = string
  default     = "HIGH"

  validation {
    condition     = contains(["LOW", "MEDIUM", "HIGH", "CRITICAL"], var.alert_min_severity)
    error_message = "alert_min_severity must be LOW, MEDIUM, HIGH or CRITICAL."
  }
}

variable "reannounce_hours" {
  description = "REANNOUNCE_HOURS: a standing drift's drift event is published again once its last announcement is this many hours old; 0 never."
  type        = number
  default     = 0

  validation {
    condition     = var.reannounce_hours >= 0 && var.reannounce_hours <= 8784 && floor(var.reannounce_hours) == var.reannounce_hours
    error_message = "reannounce_hours must be a whole number from 0 to 8784."
  }
}

variable "scan_own_account" {
  description = "Give the scanner's own role read access to this account's resources, for targets without role_arn."
  type        = bool
  default     = true
}

variable "state_bucket_names" {
  description = "S3 buckets in this account holding teams' Terraform state: the scanner reads them, the orchestrator checks their .tflock objects, the remediation role reads and writes them."
  type        = list(string)
  default     = []
}

variable "state_lock_table_arns" {
  description = "Teams' Terraform lock tables (ARNs) besides the one this stack creates: the orchestrator reads them, the remediation role locks them."
  type        = list(string)
  default     = []
}

variable "state_kms_key_arns" {
  description = "KMS keys encrypting Terraform state objects (decrypt for the scanner, encrypt/decrypt for the remediation role)."
  type        = list(string)
  default     = []
}

variable "member_account_ids" {
  description = "Accounts the scanner may assume the reader role in (modules/member-reader-role applied there)."
  type        = list(string)
  default     = []

  validation {
    condition     = alltrue([for a in var.member_account_ids : can(regex("^[0-9]{12}$", a))])
    error_message = "member_account_ids must be 12-digit account ids."
  }
}

variable "member_reader_role_name" {
  description = "Name of the reader role in member accounts; null means drift-detection-reader-<suffix>."
  type        = string
  default     = null
}

variable "member_external_id" {
  description = "External id the scanner presents to reader roles; null means drift-detection-<suffix>. Put it in each target's external_id."
  type        = string
  default     = null
  sensitive   = true
}

variable "scanner_assume_role_arns" {
  description = "Further role ARNs the scanner may assume (targets whose role_arn is not the standard reader role)."
  type        = list(string)
  default     = []
}

variable "create_reader_role_in_this_account" {
  description = "Also create the member reader role in this account (targets here can then use role_arn like any member)."
  type        = bool
  default     = false
}

# --- Report bucket --------------------------------------------------------------

variable "report_transition_days" {
  description = "Age at which report objects move to a cheaper storage class."
  type        = number
  default     = 30
}

variable "report_transition_storage_class" {
  description = "The cheaper storage class."
  type        = string
  default     = "STANDARD_IA"
}

variable "report_expiration_days" {
  description = "Age at which report objects expire; 0 keeps them forever."
  type        = number
  default     = 365
}

variable "report_noncurrent_expiration_days" {
  description = "Days a superseded version of an object (latest.json is rewritten every scan) is kept."
  type        = number
  default     = 30
}

# --- Data -----------------------------------------------------------------------

variable "enable_point_in_time_recovery" {
  description = "Point-in-time recovery on the metadata, history, policy, remediations and drifts tables (always on for the Terraform lock table)."
  type        = bool
  default     = true
}

# --- AWS Config -----------------------------------------------------------------

variable "require_tls" {
  description = "Deny every request to the report bucket that does not use TLS. Only a local emulator served over plain HTTP (examples/local.tfvars) turns this off."
  type        = bool
  default     = true
}

variable "create_config_recorder" {
  description = "Create an AWS Config recorder, delivery channel and the EC2/RDS/S3 rules. Only when the account has no recorder in this region yet (a region holds at most one); see README."
  type        = bool
  default     = false
}

variable "config_snapshot_frequency" {
  description = "Delivery frequency of Config snapshots."
  type        = string
  default     = "TwentyFour_Hours"
}

# --- GitHub ---------------------------------------------------------------------

variable "github_api_url" {
  description = "GitHub API base (GITHUB_API_URL); GitHub Enterprise Server uses https://<host>/api/v3."
  type        = string
  default     = "https://api.github.com"
}

variable "github_allow_plain_http" {
  description = "Let the orchestrator send the GitHub token over plain http:// (GITHUB_ALLOW_PLAIN_HTTP); only for a local GitHub stand-in."
  type        = bool
  default     = false
}

variable "github_repository" {
  description = "owner/repo holding the Terraform code and the remediation workflow (GITHUB_REPOSITORY)."
  type        = string
  default     = "example-org/infrastructure"

  validation {
    condition     = can(regex("^[A-Za-z0-9_.-]+/[A-Za-z0-9_.-]+$", var.github_repository))
    error_message = "github_repository must be owner/repo."
  }
}

variable "github_branch" {
  description = "Branch whose workflow runs may assume the remediation role (repository_dispatch runs on the default branch)."
  type        = string
  default     = "main"
}

variable "github_environment" {
  description = "GitHub environment the workflow's remediate job runs in (its environment: key); part of the OIDC subject the remediation role trusts."
  type        = string
  default     = "production"

  validation {
    condition     = length(var.github_environment) > 0
    error_message = "github_environment must not be empty."
  }
}

variable "github_workflow_path" {
  description = "Path of the remediation workflow in the repository; with github_oidc_subject = job_workflow_ref only this file's job may assume the remediation role."
  type        = string
  default     = ".github/workflows/drift-remediation.yml"

  validation {
    condition     = can(regex("^\\.github/workflows/[^/]+\\.ya?ml$", var.github_workflow_path))
    error_message = "github_workflow_path must name a file in .github/workflows/ ending in .yml or .yaml."
  }
}

variable "github_oidc_subject" {
  description = "Subject the remediation role trusts: job_workflow_ref (repo, environment and workflow file on github_branch; needs the repository's OIDC subject customisation, see README) or ref (GitHub's default subject for a job without an environment: any workflow on github_branch)."
  type        = string
  default     = "job_workflow_ref"

  validation {
    condition     = contains(["job_workflow_ref", "ref"], var.github_oidc_subject)
    error_message = "github_oidc_subject must be job_workflow_ref or ref."
  }
}

variable "github_oidc_extra_subjects" {
  description = "Further OIDC subjects allowed to assume the remediation role (exact strings). Each one widens who may apply Terraform; leave empty unless a second job must assume the role."
  type        = list(string)
  default     = []
}

variable "create_github_oidc_provider" {
  description = "Create the token.actions.githubusercontent.com identity provider (an account holds one per URL; false to use github_oidc_provider_arn)."
  type        = bool
  default     = true
}

variable "github_oidc_provider_arn" {
  description = "ARN of an existing GitHub OIDC provider, when create_github_oidc_provider is false."
  type        = string
  default     = null
}

variable "github_oidc_thumbprints" {
  description = "Thumbprints of the GitHub OIDC provider (AWS no longer checks them for GitHub, but the API wants one)."
  type        = list(string)
  default     = ["6938fd4d98bab03faadb97b34396831e3780aea1", "1c58a3a8518e8759bf075b76b750d4f2df264fcd"]
}

variable "github_token" {
  description = "GitHub token for repository_dispatch, written to the SecureString without ever entering Terraform's state or plan (write-only). null writes a placeholder; put the token with aws ssm put-parameter (README)."
  type        = string
  default     = null
  sensitive   = true
  ephemeral   = true
}

variable "github_token_version" {
  description = "Version of github_token: Terraform writes the token on create and whenever this number changes. Bump it (with github_token set) to rotate."
  type        = number
  default     = 1
}

variable "github_token_kms_key_arn" {
  description = "Customer managed KMS key for the GitHub token parameter; null creates a key for it (rotation on, alias drift-detection-github-token-<suffix>)."
  type        = string
  default     = null
}

variable "remediation_policy_statements" {
  description = "The resource actions the remediation workflow may take, as IAM statements (exact actions and resource ARNs)."
  type = list(object({
    sid       = string
    actions   = list(string)
    resources = list(string)
  }))
  default = []

  validation {
    condition = alltrue([for st in var.remediation_policy_statements :
      can(regex("^[A-Za-z0-9]+$", st.sid)) && alltrue([for a in st.actions : a != "*" && !endswith(a, ":*")])
    ])
    error_message = "remediation_policy_statements: sid alphanumeric, no action wildcards (\"*\" or \"service:*\")."
  }

  # "*" only for read-only calls (Describe/List/Get), which often have no
  # resource-level permission; every write names its resources.
  validation {
    condition = alltrue([for st in var.remediation_policy_statements :
      !contains(st.resources, "*") || alltrue([for a in st.actions : can(regex("^[a-z0-9-]+:(Describe|List|Get)", a))])
    ])
    error_message = "remediation_policy_statements: Resource \"*\" is allowed only for Describe/List/Get actions; name the resources of every other action."
  }
}

# --- Messages for people (Slack, Teams, PagerDuty, GitHub issues) ----------------

variable "slack_webhook_parameter" {
  description = "Name of the SSM SecureString holding the Slack incoming webhook URL (SLACK_WEBHOOK_PARAMETER); empty: no Slack messages."
  type        = string
  default     = ""

  validation {
    condition     = can(regex("^(/?[A-Za-z0-9_.-]+)*$", var.slack_webhook_parameter))
    error_message = "slack_webhook_parameter must be an SSM parameter name (letters, digits, _ . - and / between levels) or empty."
  }
}

variable "teams_webhook_parameter" {
  description = "Name of the SSM SecureString holding the Teams Workflows webhook URL (TEAMS_WEBHOOK_PARAMETER); empty: no Teams messages."
  type        = string
  default     = ""

  validation {
    condition     = can(regex("^(/?[A-Za-z0-9_.-]+)*$", var.teams_webhook_parameter))
    error_message = "teams_webhook_parameter must be an SSM parameter name (letters, digits, _ . - and / between levels) or empty."
  }
}

variable "pagerduty_routing_key_parameter" {
  description = "Name of the SSM SecureString holding the PagerDuty Events API v2 routing key (PAGERDUTY_ROUTING_KEY_PARAMETER); empty: no paging."
  type        = string
  default     = ""

  validation {
    condition     = can(regex("^(/?[A-Za-z0-9_.-]+)*$", var.pagerduty_routing_key_parameter))
    error_message = "pagerduty_routing_key_parameter must be an SSM parameter name (letters, digits, _ . - and / between levels) or empty."
  }
}

variable "pagerduty_events_url" {
  description = "PagerDuty Events API v2 endpoint (PAGERDUTY_EVENTS_URL); the EU service region uses https://events.eu.pagerduty.com/v2/enqueue."
  type        = string
  default     = "https://events.pagerduty.com/v2/enqueue"

  validation {
    condition     = startswith(var.pagerduty_events_url, "https://")
    error_message = "pagerduty_events_url must be an https:// URL."
  }
}

variable "github_issues" {
  description = "Open (or update) one GitHub issue per drift in github_repository for manual review: the scanner for drift it does not remediate, the callback for awaiting_review and failed remediations (GITHUB_ISSUES). The GitHub token then also needs Issues: write."
  type        = bool
  default     = false
}

variable "chatbot_slack" {
  description = "AWS Chatbot (Amazon Q Developer in chat applications) for Slack: the Slack workspace id (T...) and channel id (C...) that receive the alert topic; the workspace must be authorised in the Chatbot console first. null: none."
  type = object({
    workspace_id = string
    channel_id   = string
  })
  default = null
}

# --- Alerts and monitoring ------------------------------------------------------

variable "alert_emails" {
  description = "E-mail addresses subscribed to the alert topic (each must confirm)."
  type        = list(string)
  default     = []
}

variable "mttr_target_seconds" {
  description = "MTTR from detection (the series with dimensions Environment and Severity only) above which the MTTR alarm fires."
  type        = number
  default     = 300
}

variable "no_scan_alarm_hours" {
  description = "Hours without a successful scan (ScanDuration sample) before the alarm fires; missing data counts as breaching."
  type        = number
  default     = 12

  validation {
    condition     = var.no_scan_alarm_hours >= 1 && var.no_scan_alarm_hours <= 24
    error_message = "no_scan_alarm_hours must be between 1 and 24 (CloudWatch evaluates at most a day)."
  }
}

# --- Change capture (capture.tf) -------------------------------------------------

variable "change_settle_seconds" {
  description = "Delay of each change event on the change-events queue, and the scanner's wait after a change's eventTime before it reads the resource (CHANGE_SETTLE_SECONDS). SQS allows at most 900."
  type        = number
  default     = 10

  validation {
    condition     = var.change_settle_seconds >= 0 && var.change_settle_seconds <= 900
    error_message = "change_settle_seconds must be between 0 and 900 (the SQS delay limit)."
  }
}

variable "change_events_max_receive" {
  description = "Receives of one change-events message before SQS moves it to the change-events dead-letter queue."
  type        = number
  default     = 5
}

variable "pipeline_role_arns" {
  description = "Roles of the Terraform pipeline: changes they make are deployments, not drift (CHANGE_IGNORE_ROLE_ARNS, beside the remediation role)."
  type        = list(string)
  default     = []
}

variable "create_cloudtrail" {
  description = "Create a multi-region trail (management events, write calls only) with its bucket. Only when no account or organization trail already records them; see README."
  type        = bool
  default     = false
}
