# One CloudWatch dashboard, `<name_prefix>`: the alarms' states, how the state machines ran, what each
# power-schedule run changed, and what the weekly report found. The run and cost figures are the
# functions' EMF metrics (functions/shared/metrics.ts; namespace local.metrics_namespace, dimension
# `workflow` = the state machine's name, plus `region` for per-region counts): the names below must
# match those there.

locals {
  dashboard_name  = var.name_prefix
  power_workflow  = local.state_machine_names["power-schedule"]
  report_workflow = local.state_machine_names["cost-report"]

  # ARNs built from the names (as in iam.tf), so the whole dashboard is known, and reviewable, at plan time.
  dashboard_alarm_arns = [
    for alarm in aws_cloudwatch_metric_alarm.this : "arn:${local.partition}:cloudwatch:${local.region}:${local.account_id}:alarm:${alarm.alarm_name}"
  ]

  # [namespace, metric, dimension, value, ..., {options}]: CloudWatch's metric widget shorthand.
  execution_metrics = {
    for name in ["ExecutionsSucceeded", "ExecutionsFailed"] : name => [
      for workflow in keys(local.workflows) : ["AWS/States", name, "StateMachineArn", local.state_machine_arns[workflow], { label = "${workflow} ${trimprefix(name, "Executions")}" }]
    ]
  }
  run_metrics = [
    for name in ["InstancesStopped", "InstancesStarted", "InstancesFailed", "InstancesSkipped"] :
    [local.metrics_namespace, name, "workflow", local.power_workflow, { label = trimprefix(name, "Instances") }]
  ]
  # concat(...), not flatten(): each metric stays a list of its own.
  region_metrics = concat([
    for region in local.target_regions : [
      for name in ["InstancesStopped", "InstancesStarted"] :
      [local.metrics_namespace, name, "workflow", local.power_workflow, "region", region, { label = "${region} ${lower(trimprefix(name, "Instances"))}" }]
    ]
  ]...)
  cost_metrics = [
    [local.metrics_namespace, "MonthlyEstimateUSD", "workflow", local.report_workflow, { label = "Monthly estimate (USD)" }],
    [local.metrics_namespace, "WasteMonthlyUSD", "workflow", local.report_workflow, { label = "Waste (USD/month)" }],
    [local.metrics_namespace, "ScheduleSavingsMonthlyUSD", "workflow", local.report_workflow, { label = "Schedule savings (USD/month)" }],
  ]
  report_quality_metrics = [
    [local.metrics_namespace, "UnpricedItems", "workflow", local.report_workflow, { label = "Unpriced items" }],
    [local.metrics_namespace, "BackupCoveragePercent", "workflow", local.report_workflow, { label = "Backup coverage (%)", yAxis = "right" }],
  ]

  metric_widget = {
    type   = "metric"
    width  = 12
    height = 6
  }
  dashboard_widgets = [
    {
      type = "text", x = 0, y = 0, width = 24, height = 2
      properties = {
        markdown = join("\n", [
          "## ops-automation `${var.name_prefix}` in ${local.region}",
          "Every alarm below also notifies the SNS topic `${local.notification_topic_name}`. A failed run: `ops explain <execution>`, fix the cause, then `ops redrive <execution>`. Costs are the weekly report's estimates.",
        ])
      }
    },
    {
      type       = "alarm", x = 0, y = 2, width = 24, height = 3
      properties = { title = "Alarms", alarms = local.dashboard_alarm_arns, sortBy = "stateUpdatedTimestamp", states = [] }
    },
    merge(local.metric_widget, {
      x = 0, y = 5
      properties = {
        title   = "Executions per day", region = local.region, view = "timeSeries", stacked = false, stat = "Sum", period = 86400
        metrics = concat(local.execution_metrics["ExecutionsSucceeded"], local.execution_metrics["ExecutionsFailed"])
      }
    }),
    merge(local.metric_widget, {
      x = 12, y = 5
      properties = {
        title   = "Execution time (ms, average)", region = local.region, view = "timeSeries", stat = "Average", period = 3600
        metrics = [for workflow in keys(local.workflows) : ["AWS/States", "ExecutionTime", "StateMachineArn", local.state_machine_arns[workflow], { label = workflow }]]
      }
    }),
    merge(local.metric_widget, {
      x = 0, y = 11
      properties = {
        title   = "Resources changed per day (power-schedule)", region = local.region, view = "bar", stat = "Sum", period = 86400
        metrics = local.run_metrics
      }
    }),
    merge(local.metric_widget, {
      x = 12, y = 11
      properties = {
        title   = "Resources stopped and started, by region", region = local.region, view = "timeSeries", stacked = true, stat = "Sum", period = 86400
        metrics = local.region_metrics
      }
    }),
    merge(local.metric_widget, {
      x = 0, y = 17
      properties = {
        title   = "Weekly cost report (USD per month)", region = local.region, view = "timeSeries", stat = "Maximum", period = 604800
        metrics = local.cost_metrics
      }
    }),
    merge(local.metric_widget, {
      x = 12, y = 17
      properties = {
        title   = "Unpriced items and backup coverage", region = local.region, view = "timeSeries", stat = "Maximum", period = 604800
        metrics = local.report_quality_metrics
        yAxis   = { left = { min = 0 }, right = { min = 0, max = 100 } }
      }
    }),
  ]
}

resource "aws_cloudwatch_dashboard" "this" {
  dashboard_name = local.dashboard_name
  dashboard_body = jsonencode({ start = "-P12W", periodOverride = "inherit", widgets = local.dashboard_widgets })
}
