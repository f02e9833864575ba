output "configuration_arn" {
  description = "ARN of the Slack channel configuration."
  value       = aws_chatbot_slack_channel_configuration.this.chat_configuration_arn
}

output "role_arn" {
  description = "ARN of the role Chatbot assumes for the channel."
  value       = aws_iam_role.chatbot.arn
}
