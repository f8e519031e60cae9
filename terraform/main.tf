# The one place that lists the workflows, their functions and each function's defaults; every
# other file iterates over these locals.
#
# A module without a provider block: partition, region and account come from the provider the
# caller passes (see examples/), so the same code deploys to any account, region or partition.

data "aws_partition" "current" {}
data "aws_region" "current" {}
data "aws_caller_identity" "current" {}

locals {
  partition  = data.aws_partition.current.partition
  region     = data.aws_region.current.name
  account_id = data.aws_caller_identity.current.account_id

  package_dir = var.package_dir != "" ? trimsuffix(var.package_dir, "/") : "${path.module}/../dist"

  # Set on every taggable resource here, not left to the caller's provider default_tags, so a
  # deployment is tagged the same whatever provider configuration calls the module.
  tags = merge({ Application = "ops-automation", ManagedBy = "terraform" }, var.tags)

  # Function folders under functions/, by workflow; `make build` writes dist/<folder>.zip for each.
  workflows = {
    "power-schedule" = [
      "validate-input",
      "resolve-targets",
      "list-tagged-instances",
      "change-instance-state",
      "verify-instance-states",
      "retry-unfinished",
      "summarize-run",
    ]
    "cost-report" = [
      "collect-inventory",
      "merge-inventories",
      "price-items",
      "render-report",
      "publish-report",
      "notify",
    ]
  }

  # Functions a workflow's state machine invokes besides its own (local.workflows): resolve-targets
  # (listed under power-schedule) starts both workflows; notify (listed under cost-report, its
  # environment) tells about both workflows' runs.
  shared_functions = {
    "power-schedule" = ["notify"]
    "cost-report"    = ["resolve-targets"]
  }
  invoked_functions = { for workflow, folders in local.workflows : workflow => distinct(concat(folders, local.shared_functions[workflow])) }

  # Verify and retry poll for up to verify_timeout_seconds, so their timeout leaves room above it;
  # RetryUnfinished works through every target of the run (8 at a time), so it gets Lambda's most.
  function_defaults = {
    "validate-input"         = { memory_mb = 256, timeout_seconds = 30 }
    "resolve-targets"        = { memory_mb = 256, timeout_seconds = 120 }
    "list-tagged-instances"  = { memory_mb = 256, timeout_seconds = 300 }
    "change-instance-state"  = { memory_mb = 256, timeout_seconds = 120 }
    "verify-instance-states" = { memory_mb = 256, timeout_seconds = var.verify_timeout_seconds + 60 }
    "retry-unfinished"       = { memory_mb = 512, timeout_seconds = 900 }
    "summarize-run"          = { memory_mb = 256, timeout_seconds = 30 }
    "collect-inventory"      = { memory_mb = 512, timeout_seconds = 300 }
    "merge-inventories"      = { memory_mb = 1024, timeout_seconds = 300 }
    "price-items"            = { memory_mb = 256, timeout_seconds = 120 }
    "render-report"          = { memory_mb = 1024, timeout_seconds = 300 }
    "publish-report"         = { memory_mb = 256, timeout_seconds = 60 }
    "notify"                 = { memory_mb = 256, timeout_seconds = 60 }
  }

  functions = merge([
    for workflow, folders in local.workflows : {
      for folder in folders : folder => {
        workflow        = workflow
        name            = "${var.name_prefix}-${folder}"
        zip             = "${local.package_dir}/${folder}.zip"
        memory_mb       = lookup(var.lambda_memory_mb, folder, local.function_defaults[folder].memory_mb)
        timeout_seconds = lookup(var.lambda_timeout_seconds, folder, local.function_defaults[folder].timeout_seconds)
      }
    }
  ]...)

  function_arns = {
    for folder, f in local.functions : folder => "arn:${local.partition}:lambda:${local.region}:${local.account_id}:function:${f.name}"
  }

  state_machine_names = { for workflow in keys(local.workflows) : workflow => "${var.name_prefix}-${workflow}" }
  state_machine_arns = {
    for workflow, name in local.state_machine_names : workflow => "arn:${local.partition}:states:${local.region}:${local.account_id}:stateMachine:${name}"
  }

  target_regions = length(var.target_regions) > 0 ? distinct(var.target_regions) : [local.region]

  # Every tag value any schedule or manual run may act on: the IAM condition allows exactly these.
  schedules = {
    for key, s in var.schedules : key => merge(s, { tag_value = coalesce(s.tag_value, var.tag_value) })
  }
  managed_tag_values = distinct(concat([var.tag_value], [for s in values(local.schedules) : s.tag_value]))

  bucket_arn  = "arn:${local.partition}:s3:::${var.report_bucket_name}"
  work_prefix = "work/"

  # What the functions read (functions/shared/config.ts).
  power_schedule_environment = merge(
    local.targets_environment,
    {
      TARGET_REGIONS         = join(",", local.target_regions)
      TAG_KEY                = var.tag_key
      RESOURCE_KINDS         = join(",", distinct(var.resource_kinds))
      TAG_VALUE              = var.tag_value
      VERIFY_TIMEOUT_SECONDS = tostring(var.verify_timeout_seconds)
      VERIFY_POLL_SECONDS    = tostring(var.verify_poll_seconds)
    },
    var.describe_page_size == null ? {} : { DESCRIBE_PAGE_SIZE = tostring(var.describe_page_size) },
  )
  cost_report_environment = merge(
    local.targets_environment,
    {
      TARGET_REGIONS  = join(",", local.target_regions)
      REPORT_BUCKET   = var.report_bucket_name
      REPORT_PREFIX   = var.report_prefix
      WORK_PREFIX     = local.work_prefix
      PRICING_REGION  = var.pricing_region
      REPORT_TIMEZONE = var.report_schedule.timezone
      TAG_KEY         = var.tag_key
      # Lets the report estimate what the enabled schedules save, skip dates counted.
      POWER_SCHEDULES = jsonencode([
        for s in values(local.schedules) : {
          tagValue  = s.tag_value
          stopCron  = s.stop_cron
          startCron = s.start_cron
          timezone  = s.timezone
          skipDates = var.skip_dates
        } if s.enabled
      ])
      ENABLE_COST_EXPLORER = tostring(var.enable_cost_explorer)
    },
    var.describe_page_size == null ? {} : { DESCRIBE_PAGE_SIZE = tostring(var.describe_page_size) },
  )
  workflow_environment = {
    "power-schedule" = local.power_schedule_environment
    "cost-report"    = local.cost_report_environment
  }
  # Functions whose environment is their own rather than their workflow's: notify serves both
  # workflows; resolve-targets starts both, and checks the report's request (its date's time zone).
  function_environment = {
    "notify"          = local.notify_environment
    "resolve-targets" = merge(local.power_schedule_environment, { REPORT_TIMEZONE = var.report_schedule.timezone })
  }
  # Where the functions' EMF metrics go (functions/shared/metrics.ts) and the dashboard reads them.
  metrics_namespace = "OpsAutomation"

  console_domain = lookup({
    "aws-cn"     = "console.amazonaws.cn"
    "aws-us-gov" = "console.amazonaws-us-gov.com"
  }, local.partition, "console.aws.amazon.com")
}
