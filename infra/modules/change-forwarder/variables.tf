variable "central_event_bus_arn" {
  description = "The central stack's default event bus (root output central_event_bus_arn), e.g. arn:aws:events:us-east-1:123456789012:event-bus/default."
  type        = string

  validation {
    condition     = can(regex("^arn:[a-z-]+:events:[a-z0-9-]+:[0-9]{12}:event-bus/default$", var.central_event_bus_arn))
    error_message = "central_event_bus_arn must be the ARN of a default event bus."
  }
}

variable "name" {
  description = "Name of the rule here (and, with the region appended, of its role), e.g. drift-detection-change-forward-<suffix>."
  type        = string
}

variable "dead_letter_queue_arn" {
  description = "SQS queue in this account and region for events EventBridge could not forward (its policy must let events.amazonaws.com send from the rule); null for none."
  type        = string
  default     = null
}

variable "tags" {
  description = "Tags for the rule and the role."
  type        = map(string)
  default     = {}
}
