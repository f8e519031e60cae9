output "configuration_arn" {
  description = "ARN of the Chatbot Slack channel configuration."
  value       = aws_chatbot_slack_channel_configuration.this.chat_configuration_arn
}

output "role_arn" {
  description = "ARN of the channel's IAM role."
  value       = aws_iam_role.channel.arn
}
