output "rule_arn" {
  description = "The forwarding rule."
  value       = aws_cloudwatch_event_rule.forward.arn
}

output "role_arn" {
  description = "The role EventBridge assumes to put events on the central bus."
  value       = aws_iam_role.forward.arn
}

output "event_pattern" {
  description = "The rule's event pattern (the central capture rule's)."
  value       = module.pattern.event_pattern
}
