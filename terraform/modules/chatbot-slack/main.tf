# A Slack channel that receives SNS topics' messages through AWS Chatbot (Amazon Q Developer in chat
# applications), notifications only: the channel role lets Chatbot read what it needs to render
# CloudWatch alarm messages, and the guardrail keeps anyone in the channel from doing more.
#
# Chatbot's API answers in us-east-2, us-west-2, eu-west-1 and ap-southeast-1 only. The topics may be
# in any region: the ops-automation module calls this module itself when it is deployed in one of
# those regions; elsewhere call it from your root with a provider in one of them (terraform/README.md).
# The Slack workspace must be authorized in the Chatbot console once, by a person, before applying.

data "aws_region" "current" {}
data "aws_partition" "current" {}

locals {
  chatbot_regions = ["us-east-2", "us-west-2", "eu-west-1", "ap-southeast-1"]
}

data "aws_iam_policy_document" "chatbot_assume" {
  statement {
    actions = ["sts:AssumeRole"]
    principals {
      type        = "Service"
      identifiers = ["chatbot.amazonaws.com"]
    }
  }
}

resource "aws_iam_role" "channel" {
  name               = "${var.name}-chatbot"
  description        = "AWS Chatbot's role for the ${var.name} Slack channel: notifications only."
  assume_role_policy = data.aws_iam_policy_document.chatbot_assume.json
  tags               = var.tags
}

# What Chatbot's "Notification permissions" template grants: reading CloudWatch to render alarms.
data "aws_iam_policy_document" "channel" {
  statement {
    sid       = "RenderAlarmNotifications"
    actions   = ["cloudwatch:Describe*", "cloudwatch:Get*", "cloudwatch:List*"]
    resources = ["*"]
  }
}

resource "aws_iam_role_policy" "channel" {
  name   = "notifications-only"
  role   = aws_iam_role.channel.id
  policy = data.aws_iam_policy_document.channel.json
}

resource "aws_chatbot_slack_channel_configuration" "this" {
  configuration_name = var.name
  iam_role_arn       = aws_iam_role.channel.arn
  slack_team_id      = var.slack_team_id
  slack_channel_id   = var.slack_channel_id
  sns_topic_arns     = var.sns_topic_arns
  # Without a guardrail Chatbot applies AdministratorAccess to whatever the channel's users may run.
  guardrail_policy_arns = ["arn:${data.aws_partition.current.partition}:iam::aws:policy/CloudWatchReadOnlyAccess"]
  logging_level         = "ERROR"
  tags                  = var.tags

  lifecycle {
    precondition {
      condition     = contains(local.chatbot_regions, data.aws_region.current.name)
      error_message = "AWS Chatbot's API answers only in ${join(", ", local.chatbot_regions)}; this provider is in ${data.aws_region.current.name}. Call modules/chatbot-slack from your root with a provider in one of those regions (the SNS topic may stay where it is), see terraform/README.md."
    }
  }
}
