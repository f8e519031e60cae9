# Alarms an operator acts on: an execution failed (open it in the console and Redrive), or a
# schedule could not start an execution at all (its event is in the dead-letter queue). Every alarm
# of the module notifies its notification topic (notifications.tf), and alarm_sns_topic_arn too when
# set — except the failed-executions alarms, which notify alarm_sns_topic_arn only: the topic already
# gets one message per failed execution, with the failed step and what to run, from the status
# change rule (notifications.tf), and the alarm's ALARM and OK five minutes later would tell the
# same failure twice more. They stay on the dashboard and page an on-call topic.

locals {
  # From the topic's name (as iam.tf builds ARNs), so every alarm's actions are known at plan time.
  alarm_actions = compact([local.notification_topic_arn, var.alarm_sns_topic_arn])
  # The failed-executions alarms: the on-call topic only (see above).
  execution_alarm_actions = compact([var.alarm_sns_topic_arn])

  # Every alarm of the module, by its name after `<name_prefix>-`; each fires when its metric
  # reaches 1 in five minutes. backup.tf adds the backup jobs' (local.backup_alarms).
  alarms = merge(
    {
      for workflow in keys(local.workflows) : "${workflow}-executions-failed" => {
        description = "A ${workflow} execution failed. Open it in the Step Functions console, fix the cause, then Redrive."
        namespace   = "AWS/States"
        metric      = "ExecutionsFailed"
        dimensions  = { StateMachineArn = aws_sfn_state_machine.this[workflow].arn }
        statistic   = "Sum"
        actions     = local.execution_alarm_actions
      }
    },
    {
      schedule-dead-letters = {
        description = "EventBridge Scheduler could not start a state machine; the undelivered event is in ${local.dead_letter_queue_name}."
        namespace   = "AWS/SQS"
        metric      = "ApproximateNumberOfMessagesVisible"
        dimensions  = { QueueName = aws_sqs_queue.schedule_dead_letter.name }
        statistic   = "Maximum"
        actions     = local.alarm_actions
      }
    },
    local.backup_alarms,
  )
}

resource "aws_cloudwatch_metric_alarm" "this" {
  for_each = local.alarms

  alarm_name          = "${var.name_prefix}-${each.key}"
  alarm_description   = each.value.description
  namespace           = each.value.namespace
  metric_name         = each.value.metric
  dimensions          = each.value.dimensions
  statistic           = each.value.statistic
  period              = 300
  evaluation_periods  = 1
  threshold           = 1
  comparison_operator = "GreaterThanOrEqualToThreshold"
  treat_missing_data  = "notBreaching"
  alarm_actions       = each.value.actions
  ok_actions          = each.value.actions
  tags                = local.tags
}

# The alarms were three resources before (executions_failed, schedule_dead_letters, backup_jobs):
# existing deployments keep theirs.
moved {
  from = aws_cloudwatch_metric_alarm.executions_failed["power-schedule"]
  to   = aws_cloudwatch_metric_alarm.this["power-schedule-executions-failed"]
}
moved {
  from = aws_cloudwatch_metric_alarm.executions_failed["cost-report"]
  to   = aws_cloudwatch_metric_alarm.this["cost-report-executions-failed"]
}
moved {
  from = aws_cloudwatch_metric_alarm.schedule_dead_letters
  to   = aws_cloudwatch_metric_alarm.this["schedule-dead-letters"]
}
moved {
  from = aws_cloudwatch_metric_alarm.backup_jobs["failed"]
  to   = aws_cloudwatch_metric_alarm.this["backup-jobs-failed"]
}
moved {
  from = aws_cloudwatch_metric_alarm.backup_jobs["aborted"]
  to   = aws_cloudwatch_metric_alarm.this["backup-jobs-aborted"]
}
moved {
  from = aws_cloudwatch_metric_alarm.backup_jobs["expired"]
  to   = aws_cloudwatch_metric_alarm.this["backup-jobs-expired"]
}

