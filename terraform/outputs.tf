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
