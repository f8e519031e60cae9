# Every output of the module, under the same name: the ops CLI reads them with `terraform output -json`.
# examples/local links to this file (and to versions.tf and the lock file): it is this example pointed at moto.

output "power_schedule_state_machine_arn" {
  description = "ARN of the power-schedule state machine (input: `{\"action\":\"stop\"|\"start\", \"dryRun\"?, \"tagValue\"?, \"skipDates\"?, \"timezone\"?}`)."
  value       = module.ops_automation.power_schedule_state_machine_arn
}

output "cost_report_state_machine_arn" {
  description = "ARN of the cost-report state machine (input: `{}` or `{\"regions\"?, \"reportDate\"?}`)."
  value       = module.ops_automation.cost_report_state_machine_arn
}

output "state_machine_console_urls" {
  description = "Step Functions console page of each state machine, by workflow: executions, Redrive."
  value       = module.ops_automation.state_machine_console_urls
}

output "report_bucket_name" {
  description = "Bucket holding the reports."
  value       = module.ops_automation.report_bucket_name
}

output "report_prefix" {
  description = "Key prefix of the reports in the bucket."
  value       = module.ops_automation.report_prefix
}

output "region" {
  description = "Region the system is deployed in."
  value       = module.ops_automation.region
}

output "schedule_names" {
  description = "EventBridge Scheduler schedule names, by entry (`<schedules key>-stop`, `<schedules key>-start`, `cost-report`)."
  value       = module.ops_automation.schedule_names
}

output "schedule_group_name" {
  description = "EventBridge Scheduler group holding every schedule."
  value       = module.ops_automation.schedule_group_name
}

output "function_names" {
  description = "Lambda function names, by function folder."
  value       = module.ops_automation.function_names
}

output "log_group_names" {
  description = "Log group names, by function folder and by workflow (state machine execution logs)."
  value       = module.ops_automation.log_group_names
}

output "schedule_dead_letter_queue_url" {
  description = "SQS queue receiving schedule events that could not start an execution."
  value       = module.ops_automation.schedule_dead_letter_queue_url
}

output "backup_vault_name" {
  description = "AWS Backup vault holding the recovery points of the backup plans (null with enable_backups = false)."
  value       = module.ops_automation.backup_vault_name
}

output "backup_vault_arn" {
  description = "ARN of the backup vault (null with enable_backups = false)."
  value       = module.ops_automation.backup_vault_arn
}

output "backup_kms_key_arn" {
  description = "KMS key encrypting the backup vault: the one created, or backup_kms_key_arn (null with enable_backups = false)."
  value       = module.ops_automation.backup_kms_key_arn
}

output "backup_role_arn" {
  description = "IAM role AWS Backup assumes to back up and restore (null with enable_backups = false)."
  value       = module.ops_automation.backup_role_arn
}

output "backup_plans" {
  description = "Backup plans by backup_plans key: plan id, ARN and name, selection id, and what they select and keep (tag_key, tag_value, cron, timezone, retention_days)."
  value       = module.ops_automation.backup_plans
}

output "backup_alarm_names" {
  description = "CloudWatch alarms on the vault, by kind: backup jobs failed, aborted (cancelled) or expired (not started within the start window), and recovery-points-expired (points AWS Backup could not delete)."
  value       = module.ops_automation.backup_alarm_names
}

output "member_role_trusted_role_arns" {
  description = "IAM roles of the functions that act in target accounts: what each member account's role (modules/member-role `trusted_role_arns`) must trust."
  value       = module.ops_automation.member_role_trusted_role_arns
}

output "notification_topic_arn" {
  description = "SNS topic every notification goes to: \"report ready\", runs that need a look, each failed, timed-out or aborted execution, the module's alarms but the failed-executions ones. Subscribe more endpoints to it as you like."
  value       = module.ops_automation.notification_topic_arn
}

output "notification_kms_key_arn" {
  description = "KMS key encrypting the notification topic: the one created, or notification_kms_key_arn."
  value       = module.ops_automation.notification_kms_key_arn
}

output "notification_subscription_arns" {
  description = "Subscription ARNs by `<protocol>:<endpoint>`; e-mail and HTTPS ones read \"pending confirmation\" until confirmed."
  value       = module.ops_automation.notification_subscription_arns
}

output "chatbot_configuration_arn" {
  description = "AWS Chatbot Slack channel configuration receiving the topic (null without chatbot_slack)."
  value       = module.ops_automation.chatbot_configuration_arn
}

output "dashboard_name" {
  description = "CloudWatch dashboard with the alarms, the executions, each power-schedule run's counts and the weekly costs."
  value       = module.ops_automation.dashboard_name
}

output "dashboard_url" {
  description = "Console page of the dashboard."
  value       = module.ops_automation.dashboard_url
}
