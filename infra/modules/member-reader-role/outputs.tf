output "role_arn" {
  description = "ARN of the reader role: the role_arn of scan targets in this account."
  value       = aws_iam_role.reader.arn
}

output "role_name" {
  description = "Name of the reader role."
  value       = aws_iam_role.reader.name
}
