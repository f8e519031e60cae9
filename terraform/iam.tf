# Least privilege: one role per function with only the calls its code makes; the state machine
# roles may invoke only their own functions (and notify); the scheduler role may start only the two state machines.

locals {
  # ARNs are built from names (not read from resources) so every policy is known at plan time
  # and can be reviewed, and tested, before anything is created.
  report_objects = "${local.bucket_arn}/${var.report_prefix}*"
  work_objects   = "${local.bucket_arn}/${local.work_prefix}*"
  # notify's sent markers (functions/notify/sent-markers.ts): one object per message sent, so a
  # second delivery of the same event sends nothing; expired with the other work files (s3.tf).
  sent_marker_objects = "${local.bucket_arn}/${local.work_prefix}notify-sent/*"

  # Publishing to the encrypted topic makes SNS use its key with the publisher's rights. The key the
  # module creates has no ARN before apply, so it is named by its alias (kms:ResourceAliases): the
  # policy stays known at plan time. Only through SNS in this region.
  use_notification_key = {
    sid       = "EncryptNotifications"
    actions   = ["kms:Decrypt", "kms:GenerateDataKey"]
    resources = [var.notification_kms_key_arn != "" ? var.notification_kms_key_arn : "arn:${local.partition}:kms:${local.region}:${local.account_id}:key/*"]
    conditions = concat(
      [{ test = "StringEquals", variable = "kms:ViaService", values = ["sns.${local.region}.amazonaws.com"] }],
      var.notification_kms_key_arn != "" ? [] : [{ test = "ForAnyValue:StringEquals", variable = "kms:ResourceAliases", values = [local.notification_kms_alias] }],
    )
  }

  # Listing the bucket only under the report prefix: finding earlier summaries (trend, change vs last week).
  list_reports = {
    sid       = "ListPreviousReports"
    actions   = ["s3:ListBucket"]
    resources = [local.bucket_arn]
    conditions = [{
      test     = "StringLike"
      variable = "s3:prefix"
      values   = ["${var.report_prefix}*"]
    }]
  }

  # What was billed, from Cost Explorer: an organization/payer-level read, so the hub's alone
  # (never in modules/instance-permissions or a member role); GetCostAndUsage takes no narrower resource.
  read_billed_costs = [for enabled in [var.enable_cost_explorer] : {
    sid        = "ReadBilledCosts"
    actions    = ["ce:GetCostAndUsage"]
    resources  = ["*"]
    conditions = []
  } if enabled]

  # Executions of our two state machines, not their Distributed Map children's
  # (execution:<name>/<map label>:...), nor anyone else's.
  own_executions = [for name in values(local.state_machine_names) : "arn:${local.partition}:states:${local.region}:${local.account_id}:execution:${name}:*"]

  # A failed Distributed Map of ours, read for the failure message (functions/shared/map-run.ts):
  # DescribeMapRun on the Map Run (mapRun:<state machine>/<label>:<id>), ListExecutions with its
  # mapRunArn, DescribeExecution on its children (execution:<state machine>/<label>:<name>, the
  # resource the AWS example policy for Distributed Map gives its child executions). The Service
  # Authorization Reference for Step Functions lists two resource types for ListExecutions, mapRun
  # and stateMachine; which one a call with mapRunArn is checked against is not spelled out there,
  # so both are granted, each only for our own state machines' labelled Map Runs and children.
  # https://docs.aws.amazon.com/service-authorization/latest/reference/list_awsstepfunctions.html
  # https://docs.aws.amazon.com/step-functions/latest/dg/iam-policies-eg-dist-map.html
  own_map_runs         = [for name in values(local.state_machine_names) : "arn:${local.partition}:states:${local.region}:${local.account_id}:mapRun:${name}/*"]
  own_map_run_machines = [for name in values(local.state_machine_names) : "arn:${local.partition}:states:${local.region}:${local.account_id}:stateMachine:${name}/*"]
  own_map_run_children = [for name in values(local.state_machine_names) : "arn:${local.partition}:states:${local.region}:${local.account_id}:execution:${name}/*"]

  # Per function: the statements beyond writing its own logs.
  function_statements = {
    # The deployment account's instances (modules/instance-permissions); member accounts through
    # their role (targets.tf), the run's files under its own work folder.
    "validate-input"         = []
    "resolve-targets"        = concat([local.write_power_work, local.write_report_target_list], local.discover_accounts)
    "list-tagged-instances"  = concat([local.own_instances.list_instances, local.write_power_work], local.own_instances.read_databases, local.assume_member_role)
    "change-instance-state"  = concat([local.own_instances.list_instances, local.own_instances.change_tagged_instances, local.read_write_power_work], local.own_instances.change_tagged_groups, local.own_instances.read_databases, local.own_instances.change_tagged_databases, local.own_instances.grant_ebs_keys, local.assume_member_role)
    "verify-instance-states" = concat([local.own_instances.describe_instances, local.read_write_power_work], local.assume_member_role)
    "retry-unfinished"       = concat([local.own_instances.list_instances, local.own_instances.change_tagged_instances, local.read_write_power_work], local.own_instances.change_tagged_groups, local.own_instances.read_databases, local.own_instances.change_tagged_databases, local.own_instances.grant_ebs_keys, local.assume_member_role)
    "summarize-run"          = [local.read_write_power_work]
    # Plus the read-only AWS Backup calls of the backup coverage report (backup.tf); member accounts
    # through their role. The hub-only Cost Explorer read is MergeInventories', once per run.
    "collect-inventory" = concat([
      local.own_instances.describe_inventory,
      { sid = "WriteWorkFiles", actions = ["s3:PutObject"], resources = [local.work_objects], conditions = [] },
    ], local.backup_read_statements, local.assume_member_role)
    "merge-inventories" = concat([
      { sid = "ReadWriteWorkFiles", actions = ["s3:GetObject", "s3:PutObject"], resources = [local.work_objects], conditions = [] },
    ], local.read_billed_costs, local.read_account_names)
    "price-items" = [
      { sid = "ReadPriceList", actions = ["pricing:GetProducts"], resources = ["*"], conditions = [] },
    ]
    "render-report" = [
      { sid = "ReadWriteWorkFiles", actions = ["s3:GetObject", "s3:PutObject"], resources = [local.work_objects], conditions = [] },
      { sid = "ReadPreviousReports", actions = ["s3:GetObject"], resources = [local.report_objects], conditions = [] },
      local.list_reports,
    ]
    "publish-report" = [
      { sid = "ReadWorkFiles", actions = ["s3:GetObject"], resources = [local.work_objects], conditions = [] },
      { sid = "WriteReports", actions = ["s3:PutObject"], resources = [local.report_objects], conditions = [] },
    ]
    # Reads the published summaries; s3:GetObject also makes the workbook link it signs work. For a
    # power-schedule run that failed, it reads the run's results and RetryUnfinished's record; for
    # any failed execution of ours, its history (the failed step, its error and input) and, when
    # that step is a Distributed Map, its Map Run (what failed in it); read-only, ours only. It
    # writes nothing but its sent markers: created only if absent (a PutObject without
    # If-None-Match, which could overwrite, is refused), deleted when the message failed to go out.
    "notify" = [
      { sid = "ReadFailedExecutions", actions = ["states:GetExecutionHistory"], resources = local.own_executions, conditions = [] },
      { sid = "ReadFailedMapRuns", actions = ["states:DescribeMapRun"], resources = local.own_map_runs, conditions = [] },
      { sid = "ListFailedMapRunChildren", actions = ["states:ListExecutions"], resources = concat(local.own_map_runs, local.own_map_run_machines), conditions = [] },
      { sid = "ReadFailedMapRunChildren", actions = ["states:DescribeExecution"], resources = local.own_map_run_children, conditions = [] },
      { sid = "ReadReports", actions = ["s3:GetObject"], resources = [local.report_objects], conditions = [] },
      { sid = "ReadPowerRunFiles", actions = ["s3:GetObject"], resources = [local.power_work_objects], conditions = [] },
      local.list_reports,
      { sid = "ClaimSentMarkers", actions = ["s3:PutObject"], resources = [local.sent_marker_objects], conditions = [{ test = "Null", variable = "s3:if-none-match", values = ["false"] }] },
      { sid = "ReleaseSentMarkers", actions = ["s3:DeleteObject"], resources = [local.sent_marker_objects], conditions = [] },
      { sid = "PublishNotifications", actions = ["sns:Publish"], resources = [local.notification_topic_arn], conditions = [] },
      local.use_notification_key,
    ]
  }
}

# Who may assume each of the module's roles: one AWS service. `source_account`: the trust also
# requires aws:SourceAccount = this account, so the service acts for this account's state machines
# and schedules only (the confused-deputy guard).
locals {
  role_trusts = {
    lambda    = { service = "lambda.amazonaws.com", source_account = false }
    states    = { service = "states.amazonaws.com", source_account = true }
    scheduler = { service = "scheduler.amazonaws.com", source_account = true }
    backup    = { service = "backup.amazonaws.com", source_account = false }
  }
}

data "aws_iam_policy_document" "assume" {
  for_each = local.role_trusts

  statement {
    actions = ["sts:AssumeRole"]
    principals {
      type        = "Service"
      identifiers = [each.value.service]
    }
    dynamic "condition" {
      for_each = each.value.source_account ? [local.account_id] : []
      content {
        test     = "StringEquals"
        variable = "aws:SourceAccount"
        values   = [condition.value]
      }
    }
  }
}

resource "aws_iam_role" "function" {
  for_each = local.functions

  name               = "${each.value.name}-lambda"
  description        = "Runs the ${each.value.name} Lambda (${each.value.workflow} workflow)."
  assume_role_policy = data.aws_iam_policy_document.assume["lambda"].json
  tags               = local.tags
}

data "aws_iam_policy_document" "function" {
  for_each = local.functions

  statement {
    sid       = "WriteOwnLogs"
    actions   = ["logs:CreateLogStream", "logs:PutLogEvents"]
    resources = ["${local.function_log_group_arns[each.key]}:*"]
  }

  dynamic "statement" {
    for_each = var.enable_tracing ? [1] : []
    content {
      sid       = "WriteTraces"
      actions   = ["xray:PutTelemetryRecords", "xray:PutTraceSegments"]
      resources = ["*"]
    }
  }

  dynamic "statement" {
    for_each = local.function_statements[each.key]
    content {
      sid       = statement.value.sid
      actions   = statement.value.actions
      resources = statement.value.resources
      dynamic "condition" {
        for_each = statement.value.conditions
        content {
          test     = condition.value.test
          variable = condition.value.variable
          values   = condition.value.values
        }
      }
    }
  }
}

resource "aws_iam_role_policy" "function" {
  for_each = local.functions

  name   = "least-privilege"
  role   = aws_iam_role.function[each.key].id
  policy = data.aws_iam_policy_document.function[each.key].json
}

# --- State machines ---------------------------------------------------------------------------------

resource "aws_iam_role" "state_machine" {
  for_each = local.workflows

  name               = "${local.state_machine_names[each.key]}-sfn"
  description        = "Runs the ${local.state_machine_names[each.key]} state machine."
  assume_role_policy = data.aws_iam_policy_document.assume["states"].json
  tags               = local.tags
}

data "aws_iam_policy_document" "state_machine" {
  for_each = local.workflows

  statement {
    sid     = "InvokeOwnFunctions"
    actions = ["lambda:InvokeFunction"]
    resources = flatten([
      for folder in local.invoked_functions[each.key] : [local.function_arns[folder], "${local.function_arns[folder]}:*"]
    ])
  }

  # CloudWatch Logs delivery for Step Functions cannot be scoped to a log group (AWS docs).
  statement {
    sid = "DeliverExecutionLogs"
    actions = [
      "logs:CreateLogDelivery",
      "logs:DeleteLogDelivery",
      "logs:DescribeLogGroups",
      "logs:DescribeResourcePolicies",
      "logs:GetLogDelivery",
      "logs:ListLogDeliveries",
      "logs:PutResourcePolicy",
      "logs:UpdateLogDelivery",
    ]
    resources = ["*"]
  }

  dynamic "statement" {
    for_each = var.enable_tracing ? [1] : []
    content {
      sid       = "WriteTraces"
      actions   = ["xray:GetSamplingRules", "xray:GetSamplingTargets", "xray:PutTelemetryRecords", "xray:PutTraceSegments"]
      resources = ["*"]
    }
  }

  # The Distributed Map's child executions, its ItemReader and ResultWriter (targets.tf).
  dynamic "statement" {
    for_each = lookup(local.state_machine_statements, each.key, [])
    content {
      sid       = statement.value.sid
      actions   = statement.value.actions
      resources = statement.value.resources
    }
  }
}

resource "aws_iam_role_policy" "state_machine" {
  for_each = local.workflows

  name   = "invoke-own-functions"
  role   = aws_iam_role.state_machine[each.key].id
  policy = data.aws_iam_policy_document.state_machine[each.key].json
}

# --- Scheduler --------------------------------------------------------------------------------------

resource "aws_iam_role" "scheduler" {
  name               = "${var.name_prefix}-scheduler"
  description        = "Lets EventBridge Scheduler start the ${var.name_prefix} state machines."
  assume_role_policy = data.aws_iam_policy_document.assume["scheduler"].json
  tags               = local.tags
}

data "aws_iam_policy_document" "scheduler" {
  statement {
    sid       = "StartOwnStateMachines"
    actions   = ["states:StartExecution"]
    resources = values(local.state_machine_arns)
  }
  statement {
    sid       = "DeadLetterUndeliveredStarts"
    actions   = ["sqs:SendMessage"]
    resources = [local.dead_letter_queue_arn]
  }
}

resource "aws_iam_role_policy" "scheduler" {
  name   = "start-own-state-machines"
  role   = aws_iam_role.scheduler.id
  policy = data.aws_iam_policy_document.scheduler.json
}
