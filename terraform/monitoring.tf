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
}

resource "aws_cloudwatch_metric_alarm" "executions_failed" {
  for_each = local.workflows

  alarm_name          = "${local.state_machine_names[each.key]}-executions-failed"
  alarm_description   = "A ${each.key} execution failed. Open it in the Step Functions console, fix the cause, then Redrive."
  namespace           = "AWS/States"
  metric_name         = "ExecutionsFailed"
  dimensions          = { StateMachineArn = aws_sfn_state_machine.this[each.key].arn }
  statistic           = "Sum"
  period              = 300
  evaluation_periods  = 1
  threshold           = 1
  comparison_operator = "GreaterThanOrEqualToThreshold"
  treat_missing_data  = "notBreaching"
  alarm_actions       = local.execution_alarm_actions
  ok_actions          = local.execution_alarm_actions
  tags                = local.tags
}

resource "aws_cloudwatch_metric_alarm" "schedule_dead_letters" {
  alarm_name          = "${var.name_prefix}-schedule-dead-letters"
  alarm_description   = "EventBridge Scheduler could not start a state machine; the undelivered event is in ${local.dead_letter_queue_name}."
  namespace           = "AWS/SQS"
  metric_name         = "ApproximateNumberOfMessagesVisible"
  dimensions          = { QueueName = aws_sqs_queue.schedule_dead_letter.name }
  statistic           = "Maximum"
  period              = 300
  evaluation_periods  = 1
  threshold           = 1
  comparison_operator = "GreaterThanOrEqualToThreshold"
  treat_missing_data  = "notBreaching"
  alarm_actions       = local.alarm_actions
  ok_actions          = local.alarm_actions
  tags                = local.tags
}
