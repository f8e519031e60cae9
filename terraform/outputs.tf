output "power_schedule_state_machine_arn" {
  description = "ARN of the power-schedule state machine (input: `{\"action\":\"stop\"|\"start\", \"dryRun\"?, \"tagValue\"?, \"skipDates\"?, \"timezone\"?}`)."
  value       = aws_sfn_state_machine.this["power-schedule"].arn
}

output "cost_report_state_machine_arn" {
  description = "ARN of the cost-report state machine (input: `{}` or `{\"regions\"?, \"reportDate\"?}`)."
  value       = aws_sfn_state_machine.this["cost-report"].arn
}

output "state_machine_console_urls" {
  description = "Step Functions console page of each state machine, by workflow: executions, Redrive."
  value = {
    for workflow, machine in aws_sfn_state_machine.this :
    workflow => "https://${local.region}.${local.console_domain}/states/home?region=${local.region}#/statemachines/view/${machine.arn}"
  }
}

output "report_bucket_name" {
  description = "Bucket holding the reports."
  value       = var.create_bucket ? aws_s3_bucket.reports[0].id : var.report_bucket_name
}

output "report_prefix" {
  description = "Key prefix of the reports in the bucket."
  value       = var.report_prefix
}

output "region" {
  description = "Region the system is deployed in."
  value       = local.region
}

output "schedule_names" {
  description = "EventBridge Scheduler schedule names, by entry (`<schedules key>-stop`, `<schedules key>-start`, `cost-report`)."
  value       = { for key, schedule in aws_scheduler_schedule.this : key => schedule.name }
}

output "schedule_group_name" {
  description = "EventBridge Scheduler group holding every schedule."
  value       = aws_scheduler_schedule_group.this.name
}

output "function_names" {
  description = "Lambda function names, by function folder."
  value       = { for folder, fn in aws_lambda_function.this : folder => fn.function_name }
}

output "log_group_names" {
  description = "Log group names, by function folder and by workflow (state machine execution logs)."
  value       = merge(local.function_log_group_names, local.state_machine_log_group_names)
}

output "schedule_dead_letter_queue_url" {
  description = "SQS queue receiving schedule events that could not start an execution."
  value       = aws_sqs_queue.schedule_dead_letter.url
}

# --- Backups

output "backup_vault_name" {
  description = "AWS Backup vault holding the recovery points of the backup plans (null with enable_backups = false)."
  value       = one(aws_backup_vault.this[*].name)
}

output "backup_vault_arn" {
  description = "ARN of the backup vault (null with enable_backups = false)."
  value       = one(aws_backup_vault.this[*].arn)
}

output "backup_kms_key_arn" {
  description = "KMS key encrypting the backup vault: the one created, or backup_kms_key_arn (null with enable_backups = false)."
  value       = var.enable_backups ? local.backup_kms_key_arn : null
}

output "backup_role_arn" {
  description = "IAM role AWS Backup assumes to back up and restore (null with enable_backups = false)."
  value       = one(aws_iam_role.backup[*].arn)
}

output "backup_plans" {
  description = "Backup plans by backup_plans key: plan id, ARN and name, selection id, and what they select and keep (tag_key, tag_value, cron, timezone, retention_days)."
  value = {
    for key, plan in aws_backup_plan.this : key => {
      id             = plan.id
      arn            = plan.arn
      name           = plan.name
      selection_id   = aws_backup_selection.this[key].id
      tag_key        = local.backup_plans[key].tag_key
      tag_value      = local.backup_plans[key].tag_value
      cron           = local.backup_plans[key].cron
      timezone       = local.backup_plans[key].timezone
      retention_days = local.backup_plans[key].retention_days
    }
  }
}

output "backup_alarm_names" {
  description = "CloudWatch alarms on the vault, by kind: backup jobs failed, aborted (cancelled) or expired (not started within the start window), and recovery-points-expired (points AWS Backup could not delete)."
  value       = { for kind, alarm in local.backup_alarm_kinds : kind => aws_cloudwatch_metric_alarm.this[alarm.alarm].alarm_name if var.enable_backups }
}

output "member_role_trusted_role_arns" {
  description = "IAM roles of the functions that act in target accounts: what each member account's role (modules/member-role `trusted_role_arns`) must trust."
  value       = [for folder in local.member_role_users : aws_iam_role.function[folder].arn]
}

output "notification_topic_arn" {
  description = "SNS topic every notification goes to: \"report ready\", runs that need a look, each failed, timed-out or aborted execution, the module's alarms but the failed-executions ones. Subscribe more endpoints to it as you like."
  value       = aws_sns_topic.notifications.arn
}

output "notification_kms_key_arn" {
  description = "KMS key encrypting the notification topic: the one created, or notification_kms_key_arn."
  value       = local.notification_kms_key_arn
}

output "notification_subscription_arns" {
  description = "Subscription ARNs by `<protocol>:<endpoint>`; e-mail and HTTPS ones read \"pending confirmation\" until confirmed."
  value       = { for key, s in aws_sns_topic_subscription.notifications : key => s.arn }
}

output "chatbot_configuration_arn" {
  description = "AWS Chatbot Slack channel configuration receiving the topic (null without chatbot_slack)."
  value       = one(module.chatbot_slack[*].configuration_arn)
}

output "dashboard_name" {
  description = "CloudWatch dashboard with the alarms, the executions, each power-schedule run's counts and the weekly costs."
  value       = aws_cloudwatch_dashboard.this.dashboard_name
}

output "dashboard_url" {
  description = "Console page of the dashboard."
  value       = "https://${local.region}.${local.console_domain}/cloudwatch/home?region=${local.region}#dashboards/dashboard/${aws_cloudwatch_dashboard.this.dashboard_name}"
}
