# Recoverability with AWS Backup: a KMS-encrypted vault whose recovery points only an admin role may
# delete early, one plan and one tag selection per backup_plans entry (EC2 instances and EBS volumes),
# the service role AWS Backup runs as, and alarms on backup jobs that failed, were cancelled or did
# not start, and on recovery points AWS Backup could not delete. enable_backups = false leaves all
# of it out, for accounts that keep their own setup.
# Also here: the read-only Backup calls of the cost report (wired into iam.tf), granted either way so
# the report can read an existing setup too.

locals {
  backup_plans       = var.enable_backups ? var.backup_plans : {}
  backup_vault_name  = "${var.name_prefix}-backups"
  backup_kms_key_arn = var.backup_kms_key_arn != "" ? var.backup_kms_key_arn : one(aws_kms_key.backup[*].arn)

  # What the vault access policy keeps from everyone but backup_admin_role_arn: the AWS Backup calls
  # that delete a recovery point or bring its deletion forward. Vault policies take no wildcards.
  recovery_point_destroying_actions = [
    "backup:DeleteRecoveryPoint",
    "backup:DisassociateRecoveryPoint",
    "backup:UpdateRecoveryPointLifecycle",
  ]

  # AND-ed with each selection's tag condition: the plans reach tagged instances and volumes only.
  backup_resource_arns = [
    "arn:${local.partition}:ec2:*:*:instance/*",
    "arn:${local.partition}:ec2:*:*:volume/*",
  ]

  # A backup job runs within an hour of its cron time; the first full snapshot of a large volume
  # can take hours, later ones are incremental.
  backup_start_window_minutes      = 60
  backup_completion_window_minutes = 480

  # The AWS/Backup metrics each alarm watches, by kind (the output backup_alarm_names keeps these
  # keys). Metric meanings from the AWS Backup guide, "AWS Backup metrics with Amazon CloudWatch"
  # (docs.aws.amazon.com/aws-backup/latest/devguide/cloudwatch.html): a job is EXPIRED when it could
  # not start within the start window, ABORTED when it was cancelled; a recovery point that AWS
  # Backup could not delete when its retention ended counts in NumberOfRecoveryPointsExpired, not in
  # any job metric. The job counts are per-period counts (statistic Sum); the recovery point count
  # is a level, the points in that state now (statistic Maximum): the CloudWatch guide's OpenTelemetry
  # list of enriched metrics gives the former as Sum and the latter as Histogram instruments.
  backup_alarm_kinds = {
    failed = {
      alarm       = "backup-jobs-failed"
      metric      = "NumberOfBackupJobsFailed"
      statistic   = "Sum"
      description = "A backup job into ${local.backup_vault_name} failed: a resource got no new recovery point. The reason: aws backup list-backup-jobs --by-state FAILED --by-backup-vault-name ${local.backup_vault_name}"
    }
    aborted = {
      alarm       = "backup-jobs-aborted"
      metric      = "NumberOfBackupJobsAborted"
      statistic   = "Sum"
      description = "A backup job into ${local.backup_vault_name} was cancelled before it finished: a resource got no new recovery point from it. Which: aws backup list-backup-jobs --by-state ABORTED --by-backup-vault-name ${local.backup_vault_name}"
    }
    expired = {
      alarm       = "backup-jobs-expired"
      metric      = "NumberOfBackupJobsExpired"
      statistic   = "Sum"
      description = "A scheduled backup job into ${local.backup_vault_name} did not start within its ${local.backup_start_window_minutes}-minute start window: a resource got no new recovery point. Which: aws backup list-backup-jobs --by-state EXPIRED --by-backup-vault-name ${local.backup_vault_name}"
    }
    recovery-points-expired = {
      alarm       = "backup-recovery-points-expired"
      metric      = "NumberOfRecoveryPointsExpired"
      statistic   = "Maximum"
      description = "AWS Backup could not delete recovery points in ${local.backup_vault_name} whose retention ended (status EXPIRED); they are billed until deleted (by backup_admin_role_arn). Which: aws backup list-recovery-points-by-backup-vault --backup-vault-name ${local.backup_vault_name} --query \"RecoveryPoints[?Status=='EXPIRED']\""
    }
  }

  # The cost report's collect step: read-only AWS Backup calls and the EC2 images (AMIs) that are
  # restore points too (modules/instance-permissions, shared with the member role).
  backup_read_statements = local.own_instances.read_backups
}

# --- Vault ------------------------------------------------------------------------------------------

resource "aws_kms_key" "backup" {
  count = var.enable_backups && var.backup_kms_key_arn == "" ? 1 : 0

  description             = "Encrypts the recovery points in the ${local.backup_vault_name} AWS Backup vault."
  enable_key_rotation     = true
  deletion_window_in_days = 30
  tags                    = local.tags
}

resource "aws_kms_alias" "backup" {
  count = length(aws_kms_key.backup)

  name          = "alias/${var.name_prefix}-backups"
  target_key_id = aws_kms_key.backup[0].key_id
}

resource "aws_backup_vault" "this" {
  count = var.enable_backups ? 1 : 0

  name        = local.backup_vault_name
  kms_key_arn = local.backup_kms_key_arn
  tags        = local.tags
}

data "aws_iam_policy_document" "backup_vault" {
  statement {
    sid       = "OnlyTheAdminRoleDeletesRecoveryPoints"
    effect    = "Deny"
    actions   = local.recovery_point_destroying_actions
    resources = ["*"]
    principals {
      type        = "*"
      identifiers = ["*"]
    }
    # aws:PrincipalArn is the role's ARN for every session of the role.
    dynamic "condition" {
      for_each = var.backup_admin_role_arn == "" ? [] : [var.backup_admin_role_arn]
      content {
        test     = "ArnNotEquals"
        variable = "aws:PrincipalArn"
        values   = [condition.value]
      }
    }
  }
}

resource "aws_backup_vault_policy" "this" {
  count = var.enable_backups ? 1 : 0

  backup_vault_name = aws_backup_vault.this[0].name
  policy            = data.aws_iam_policy_document.backup_vault.json
}

resource "aws_backup_vault_lock_configuration" "this" {
  count = var.enable_backups && var.backup_vault_lock.enabled ? 1 : 0

  backup_vault_name   = aws_backup_vault.this[0].name
  min_retention_days  = var.backup_vault_lock.min_retention_days
  max_retention_days  = var.backup_vault_lock.max_retention_days
  changeable_for_days = var.backup_vault_lock.changeable_for_days

  lifecycle {
    precondition {
      # A locked vault refuses recovery points kept shorter than min or longer than max: those jobs would fail.
      condition = alltrue([for p in values(local.backup_plans) :
        p.retention_days >= var.backup_vault_lock.min_retention_days &&
        (var.backup_vault_lock.max_retention_days == null || p.retention_days <= coalesce(var.backup_vault_lock.max_retention_days, 36500))
      ])
      error_message = "Every backup_plans[*].retention_days must lie between backup_vault_lock.min_retention_days and max_retention_days, or the locked vault refuses its recovery points."
    }
  }
}

# --- Plans and selections ---------------------------------------------------------------------------

resource "aws_backup_plan" "this" {
  for_each = local.backup_plans

  name = "${var.name_prefix}-${each.key}"

  rule {
    rule_name                    = each.key
    target_vault_name            = aws_backup_vault.this[0].name
    schedule                     = each.value.cron
    schedule_expression_timezone = each.value.timezone
    start_window                 = local.backup_start_window_minutes
    completion_window            = local.backup_completion_window_minutes

    lifecycle {
      delete_after       = each.value.retention_days
      cold_storage_after = each.value.cold_storage_after_days
      # EBS snapshots move to cold (archive) storage only with this opt-in.
      opt_in_to_archive_for_supported_resources = each.value.cold_storage_after_days == null ? null : true
    }

    dynamic "copy_action" {
      for_each = each.value.copy_to_region == null ? [] : [each.value.copy_to_region]
      content {
        destination_vault_arn = "arn:${local.partition}:backup:${copy_action.value}:${local.account_id}:backup-vault:${local.backup_vault_name}"
        lifecycle {
          delete_after = coalesce(each.value.copy_retention_days, each.value.retention_days)
        }
      }
    }
  }

  lifecycle {
    precondition {
      condition     = each.value.copy_to_region != local.region
      error_message = "backup_plans[\"${each.key}\"].copy_to_region must be another region than the deployment region ${local.region}."
    }
  }
  tags = local.tags
}

# Resources and selection_tag (ListOfTags) are OR-ed: a selection_tag here would back up every
# instance and volume of the account. Conditions are AND-ed with resources, and AWS requires
# Resources or ListOfTags to be non-empty: so the resource types go in resources and the tag in
# a condition (AWS Backup guide, "Assign resources with AWS CLI").
resource "aws_backup_selection" "this" {
  for_each = local.backup_plans

  name         = "${var.name_prefix}-${each.key}"
  plan_id      = aws_backup_plan.this[each.key].id
  iam_role_arn = aws_iam_role.backup[0].arn
  resources    = local.backup_resource_arns

  condition {
    string_equals {
      key   = "aws:ResourceTag/${each.value.tag_key}"
      value = each.value.tag_value
    }
  }
}

# --- Service role -----------------------------------------------------------------------------------

resource "aws_iam_role" "backup" {
  count = var.enable_backups ? 1 : 0

  name               = "${var.name_prefix}-backup"
  description        = "Lets AWS Backup back up and restore the resources the ${var.name_prefix} backup plans select."
  assume_role_policy = data.aws_iam_policy_document.assume["backup"].json
  tags               = local.tags
}

resource "aws_iam_role_policy_attachment" "backup" {
  for_each = var.enable_backups ? toset(["AWSBackupServiceRolePolicyForBackup", "AWSBackupServiceRolePolicyForRestores"]) : toset([])

  role       = aws_iam_role.backup[0].name
  policy_arn = "arn:${local.partition}:iam::aws:policy/service-role/${each.key}"
}

# --- Alarms (created with the others in monitoring.tf) -------------------------------------------

locals {
  backup_alarms = {
    for alarm in values(local.backup_alarm_kinds) : alarm.alarm => {
      description = alarm.description
      namespace   = "AWS/Backup"
      metric      = alarm.metric
      # AWS/Backup publishes its job and recovery point metrics per BackupVaultName alone and per
      # BackupVaultName with ResourceType (CloudWatch User Guide, "Supported metrics for resource
      # tags for telemetry", AWS/Backup, each bullet "a combination of dimensions that are published
      # together"): the vault alone counts every resource type in it. That list leaves out
      # NumberOfBackupJobsAborted, so for it alone the vault-only combination is unverified: the
      # AWS Backup guide names "resource type, vault name" as the dimensions of all job metrics.
      dimensions = { BackupVaultName = aws_backup_vault.this[0].name }
      statistic  = alarm.statistic
      actions    = local.alarm_actions
    } if var.enable_backups
  }
}
