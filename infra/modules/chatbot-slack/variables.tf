variable "name" {
  description = "Name of the channel configuration and of its role."
  type        = string
}

variable "workspace_id" {
  description = "Slack workspace (team) id, e.g. T0123ABCD, as the Chatbot console shows it after authorising the workspace."
  type        = string

  validation {
    condition     = can(regex("^[A-Z0-9]{2,}$", var.workspace_id))
    error_message = "workspace_id must be a Slack workspace id (upper-case letters and digits, e.g. T0123ABCD)."
  }
}

variable "channel_id" {
  description = "Slack channel id, e.g. C0123ABCD (the channel's details in Slack show it); a private channel needs /invite @Amazon Q first."
  type        = string

  validation {
    condition     = can(regex("^[A-Z0-9]{2,}$", var.channel_id))
    error_message = "channel_id must be a Slack channel id (upper-case letters and digits, e.g. C0123ABCD)."
  }
}

variable "sns_topic_arns" {
  description = "SNS topics the channel is subscribed to."
  type        = list(string)
}

variable "partition" {
  description = "AWS partition of the guardrail policy's ARN."
  type        = string
  default     = "aws"
}

variable "logging_level" {
  description = "Chatbot's own logging to CloudWatch Logs: ERROR, INFO or NONE."
  type        = string
  default     = "ERROR"

  validation {
    condition     = contains(["ERROR", "INFO", "NONE"], var.logging_level)
    error_message = "logging_level must be ERROR, INFO or NONE."
  }
}
