# Telling people: one SNS topic for everything that needs a human or that they asked to hear about —
# "report ready" from the cost report, power-schedule runs that need a look, one message per
# execution that failed, timed out or was aborted (the status change rule below), and the module's
# alarms (undelivered schedule starts, backup jobs). Its subscribers come from
# notification_subscriptions (e-mail, HTTPS) and, optionally, a Slack channel through AWS Chatbot.
#
# The topic is encrypted with a customer managed KMS key, not the AWS managed alias/aws/sns: the
# managed key's policy cannot be changed, and it does not let CloudWatch alarms use the key, so an
# alarm could never publish to the topic (AWS Knowledge Center: "configure a CloudWatch alarm with an
# encrypted SNS topic"). This key's policy grants CloudWatch exactly that; the notify function gets
# it through IAM (iam.tf). An existing key works too (notification_kms_key_arn), if its policy does the same.

locals {
  notification_topic_name    = "${var.name_prefix}-notifications"
  notification_topic_arn     = "arn:${local.partition}:sns:${local.region}:${local.account_id}:${local.notification_topic_name}"
  notification_kms_key_arn   = var.notification_kms_key_arn != "" ? var.notification_kms_key_arn : one(aws_kms_key.notifications[*].arn)
  notification_subscriptions = { for s in var.notification_subscriptions : "${s.protocol}:${s.endpoint}" => s }
  notification_kms_alias     = "alias/${var.name_prefix}-notifications"

  # What the notify function reads (functions/shared/config.ts readNotifyConfig), beside the cost
  # report's bucket settings: it reads the published summaries and signs the workbook link.
  notify_environment = merge(local.cost_report_environment, {
    NOTIFY_TOPIC_ARN  = local.notification_topic_arn
    REPORT_LINK_HOURS = tostring(var.report_link_hours)
    NOTIFY_ON_SUCCESS = tostring(var.notify_on_success)
  })
}

data "aws_iam_policy_document" "notifications_key" {
  count = var.notification_kms_key_arn == "" ? 1 : 0

  # The key policy every KMS key starts with: the account administers the key, and IAM policies
  # (such as the notify function's) may grant its use.
  statement {
    sid       = "AccountAdministersKeyAndDelegatesToIam"
    actions   = ["kms:*"]
    resources = ["*"]
    principals {
      type        = "AWS"
      identifiers = ["arn:${local.partition}:iam::${local.account_id}:root"]
    }
  }

  statement {
    sid       = "CloudWatchAlarmsPublishToTheEncryptedTopic"
    actions   = ["kms:Decrypt", "kms:GenerateDataKey*"]
    resources = ["*"]
    principals {
      type        = "Service"
      identifiers = ["cloudwatch.amazonaws.com"]
    }
  }
}

resource "aws_kms_key" "notifications" {
  count = var.notification_kms_key_arn == "" ? 1 : 0

  description             = "Encrypts the ${local.notification_topic_name} SNS topic; CloudWatch alarms may use it to publish there."
  enable_key_rotation     = true
  deletion_window_in_days = 30
  policy                  = data.aws_iam_policy_document.notifications_key[0].json
  tags                    = local.tags
}

resource "aws_kms_alias" "notifications" {
  count = length(aws_kms_key.notifications)

  name          = local.notification_kms_alias
  target_key_id = aws_kms_key.notifications[0].key_id
}

resource "aws_sns_topic" "notifications" {
  name              = local.notification_topic_name
  display_name      = "ops-automation"
  kms_master_key_id = local.notification_kms_key_arn
  tags              = local.tags
}

# E-mail subscribers confirm with the link AWS sends them; an HTTPS endpoint confirms by visiting
# the SubscribeURL of the SubscriptionConfirmation SNS posts to it. Until then the subscription is
# "pending confirmation" and receives nothing (Terraform cannot delete an unconfirmed one; AWS
# removes it after three days).
resource "aws_sns_topic_subscription" "notifications" {
  for_each = local.notification_subscriptions

  topic_arn = aws_sns_topic.notifications.arn
  protocol  = each.value.protocol
  endpoint  = each.value.endpoint
}

# Slack through AWS Chatbot (Amazon Q Developer in chat applications): only when chatbot_slack is set.
# Chatbot's API answers in us-east-2, us-west-2, eu-west-1 and ap-southeast-1 only; elsewhere, call
# modules/chatbot-slack from your root with a provider in one of those regions (terraform/README.md).
module "chatbot_slack" {
  source = "./modules/chatbot-slack"
  count  = var.chatbot_slack == null ? 0 : 1

  name             = "${var.name_prefix}-notifications"
  slack_team_id    = var.chatbot_slack.team_id
  slack_channel_id = var.chatbot_slack.channel_id
  sns_topic_arns   = [local.notification_topic_arn]
  tags             = local.tags
}

# Every execution of our two state machines that ends FAILED, TIMED_OUT or ABORTED reaches the notify
# function, which reads the execution's history and sends one message naming the failed step, its
# error and what to run next (functions/notify/execution-failed.ts). The state machines themselves
# catch no failure to notify: that would make the failed step a succeeded one, and Redrive would
# re-run only what came after it. The pattern names the two state machines exactly, so a
# Distributed Map's child executions (stateMachine:<name>/<map label>:...) do not match: their
# instances are the parent's RetryUnfinished's to finish, and the parent's failure is the message.
resource "aws_cloudwatch_event_rule" "execution_failed" {
  name        = "${var.name_prefix}-execution-failed"
  description = "Executions of ${join(" and ", values(local.state_machine_names))} that failed, timed out or were aborted, to ${local.functions["notify"].name}."
  event_pattern = jsonencode({
    source        = ["aws.states"]
    "detail-type" = ["Step Functions Execution Status Change"]
    detail = {
      status          = ["FAILED", "TIMED_OUT", "ABORTED"]
      stateMachineArn = values(local.state_machine_arns)
    }
  })
  tags = local.tags
}

resource "aws_cloudwatch_event_target" "execution_failed" {
  rule      = aws_cloudwatch_event_rule.execution_failed.name
  target_id = "notify"
  arn       = aws_lambda_function.this["notify"].arn
}

resource "aws_lambda_permission" "execution_failed" {
  statement_id  = "NotifyOfFailedExecutions"
  action        = "lambda:InvokeFunction"
  function_name = aws_lambda_function.this["notify"].function_name
  principal     = "events.amazonaws.com"
  source_arn    = aws_cloudwatch_event_rule.execution_failed.arn
}
