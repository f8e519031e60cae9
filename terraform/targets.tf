# Targets: the accounts and regions a power-schedule run or a cost report covers. The deployment
# account's instances are reached with the functions' own roles (modules/instance-permissions);
# every other account through the member role (modules/member-role), which the functions that act
# in a target (and the report's collect step) may assume by name in any account, only when member
# accounts are configured. OU discovery reads AWS Organizations, only when organization_unit_ids is
# set. A power-schedule run's files live under work/power-schedule/, the only S3 prefix the
# power-schedule roles reach; a report's under work/<execution>/.

module "own_instances" {
  source = "./modules/instance-permissions"

  partition        = local.partition
  account_id       = local.account_id
  regions          = local.target_regions
  tag_key          = var.tag_key
  tag_values       = local.managed_tag_values
  ebs_kms_key_arns = var.ebs_kms_key_arns
  resource_kinds   = var.resource_kinds
}

locals {
  own_instances = module.own_instances

  member_accounts_configured = length(var.target_accounts) > 0 || length(var.organization_unit_ids) > 0
  # The functions that act in a target's account: what the member role must trust.
  member_role_users = ["list-tagged-instances", "change-instance-state", "verify-instance-states", "retry-unfinished", "collect-inventory"]

  power_work_prefix  = "${local.work_prefix}power-schedule/"
  power_work_objects = "${local.bucket_arn}/${local.power_work_prefix}*"

  write_power_work = { sid = "WriteRunFiles", actions = ["s3:PutObject"], resources = [local.power_work_objects], conditions = [] }
  # A cost-report run's target list: <work><execution>/targets.json, and nothing else of the report's.
  write_report_target_list = { sid = "WriteReportTargetList", actions = ["s3:PutObject"], resources = ["${local.bucket_arn}/${local.work_prefix}*/targets.json"], conditions = [] }
  read_write_power_work    = { sid = "ReadWriteRunFiles", actions = ["s3:GetObject", "s3:PutObject"], resources = [local.power_work_objects], conditions = [] }

  assume_member_role = [for role in [var.member_role_name] : {
    sid        = "AssumeMemberRole"
    actions    = ["sts:AssumeRole"]
    resources  = ["arn:${local.partition}:iam::*:role/${role}"]
    conditions = []
  } if local.member_accounts_configured]

  # The report names accounts beside their ids when it may: with units set, the hub is the
  # management account or a delegated administrator, who may list the organization's accounts.
  read_account_names = [for units in [var.organization_unit_ids] : {
    sid        = "ReadAccountNames"
    actions    = ["organizations:ListAccounts"]
    resources  = ["*"]
    conditions = []
  } if length(units) > 0]

  discover_accounts = [for units in [var.organization_unit_ids] : {
    sid        = "DiscoverAccounts"
    actions    = ["organizations:ListAccountsForParent", "organizations:ListChildren"]
    resources  = ["*"]
    conditions = []
  } if length(units) > 0]

  # A state machine that runs a Distributed Map starts child executions of itself,
  # follows and stops them, redrives its Map Runs, reads the target list (ItemReader) and writes
  # the children's results (ResultWriter). AWS Step Functions Developer Guide, "IAM policies for
  # using Distributed Map states".
  # The cost-report state machine does the same twice (Inventories over the targets, PriceItems over
  # the unique price keys), reading and writing under its run folders in the work prefix.
  distributed_map_objects = {
    "power-schedule" = local.power_work_objects
    "cost-report"    = local.work_objects
  }
  state_machine_statements = {
    for workflow, objects in local.distributed_map_objects : workflow => [
      { sid = "StartChildExecutions", actions = ["states:StartExecution"], resources = [local.state_machine_arns[workflow]] },
      {
        sid       = "FollowChildExecutions"
        actions   = ["states:DescribeExecution", "states:StopExecution"]
        resources = ["arn:${local.partition}:states:${local.region}:${local.account_id}:execution:${local.state_machine_names[workflow]}/*"]
      },
      {
        sid       = "RedriveMapRuns"
        actions   = ["states:RedriveExecution"]
        resources = ["arn:${local.partition}:states:${local.region}:${local.account_id}:mapRun:${local.state_machine_names[workflow]}/*:*"]
      },
      {
        sid       = "ReadItemsWriteResults"
        actions   = ["s3:AbortMultipartUpload", "s3:GetObject", "s3:ListMultipartUploadParts", "s3:PutObject"]
        resources = [objects]
      },
    ]
  }

  # What the power-schedule functions read (functions/shared/config.ts: readTargetsConfig, readWorkStoreConfig).
  targets_environment = merge(
    {
      TARGET_ACCOUNTS       = join(",", var.target_accounts)
      ORGANIZATION_UNIT_IDS = join(",", var.organization_unit_ids)
      MEMBER_ROLE_NAME      = var.member_role_name
      REPORT_BUCKET         = var.report_bucket_name
      WORK_PREFIX           = local.work_prefix
    },
    var.member_role_external_id == "" ? {} : { MEMBER_ROLE_EXTERNAL_ID = var.member_role_external_id },
  )
}
