# EventBridge Scheduler: a stop and a start schedule per var.schedules entry, and the weekly report,
# each in its own time zone. A start that Scheduler cannot deliver after its retries lands in the
# dead-letter queue (and raises the alarm in monitoring.tf).

locals {
  schedule_entries = merge(
    merge([
      for key, s in local.schedules : {
        "${key}-stop" = {
          workflow = "power-schedule"
          cron     = s.stop_cron
          timezone = s.timezone
          enabled  = s.enabled
          # The time zone dates the skip-until overrides; hibernate asks configured instances to hibernate.
          input = { action = "stop", tagValue = s.tag_value, timezone = s.timezone, hibernate = s.hibernate }
          what  = "Stops instances tagged ${var.tag_key}=${s.tag_value}"
        }
        "${key}-start" = {
          workflow = "power-schedule"
          cron     = s.start_cron
          timezone = s.timezone
          enabled  = s.enabled
          # The Validate step skips starting on skip_dates, read in this schedule's time zone.
          input = { action = "start", tagValue = s.tag_value, timezone = s.timezone, skipDates = var.skip_dates }
          what  = "Starts instances tagged ${var.tag_key}=${s.tag_value}"
        }
      }
    ]...),
    {
      "cost-report" = {
        workflow = "cost-report"
        cron     = var.report_schedule.cron
        timezone = var.report_schedule.timezone
        enabled  = var.report_schedule.enabled
        input    = {}
        what     = "Writes the weekly EC2 cost report"
      }
    },
  )

  dead_letter_queue_name = "${var.name_prefix}-schedule-dead-letter"
  dead_letter_queue_arn  = "arn:${local.partition}:sqs:${local.region}:${local.account_id}:${local.dead_letter_queue_name}"
}

resource "aws_scheduler_schedule_group" "this" {
  name = var.name_prefix
  tags = local.tags
}

resource "aws_sqs_queue" "schedule_dead_letter" {
  name                      = local.dead_letter_queue_name
  message_retention_seconds = 1209600
  sqs_managed_sse_enabled   = true
  tags                      = local.tags
}

resource "aws_scheduler_schedule" "this" {
  for_each = local.schedule_entries

  name                         = "${var.name_prefix}-${each.key}"
  group_name                   = aws_scheduler_schedule_group.this.name
  description                  = each.value.what
  schedule_expression          = each.value.cron
  schedule_expression_timezone = each.value.timezone
  state                        = each.value.enabled ? "ENABLED" : "DISABLED"

  flexible_time_window {
    mode = "OFF"
  }

  target {
    arn      = aws_sfn_state_machine.this[each.value.workflow].arn
    role_arn = aws_iam_role.scheduler.arn
    input    = jsonencode(each.value.input)

    # A late stop or start is still wanted, a day-old one is not.
    retry_policy {
      maximum_event_age_in_seconds = 3600
      maximum_retry_attempts       = 10
    }

    dead_letter_config {
      arn = aws_sqs_queue.schedule_dead_letter.arn
    }
  }

  depends_on = [aws_iam_role_policy.scheduler]
}
