# What may be done to an account's instances, as IAM statements in the form the hub's iam.tf
# renders ({sid, actions, resources, conditions}): the one definition of "today's least
# privilege", used for the hub's own account (terraform/iam.tf, backup.tf) and for every member
# account's role (modules/member-role), so the two cannot drift apart. No resources, no provider block.

locals {
  instance_arns = [for r in var.regions : "arn:${var.partition}:ec2:${r}:${var.account_id}:instance/*"]

  describe_instances = { sid = "DescribeInstances", actions = ["ec2:DescribeInstances"], resources = ["*"], conditions = [] }

  # Listing skips one-time Spot instances, which needs their Spot requests; tagged Auto Scaling
  # groups are listed too (their members are handled through the group). Reads take no narrower resource.
  list_instances = {
    sid        = "DescribeInstances"
    actions    = ["autoscaling:DescribeAutoScalingGroups", "ec2:DescribeInstances", "ec2:DescribeSpotInstanceRequests"]
    resources  = ["*"]
    conditions = []
  }

  # Stop/Start only instances that carry the opt-in tag with a configured value.
  change_tagged_instances = {
    sid       = "ChangeOnlyOptedInInstances"
    actions   = ["ec2:StartInstances", "ec2:StopInstances"]
    resources = local.instance_arns
    conditions = [{
      test     = "StringEquals"
      variable = "aws:ResourceTag/${var.tag_key}"
      values   = var.tag_values
    }]
  }

  # Auto Scaling groups with the opt-in tag (only when the schedules act on them): set their sizes,
  # and keep the sizes to restore in one tag of theirs (<tag_key>SavedSizes) and no other. Both
  # conditions sit in one statement, since Allow statements add up: a separate one for the tag key
  # would let any group be tagged.
  with_asg     = contains(var.resource_kinds, "asg")
  group_arns   = [for r in var.regions : "arn:${var.partition}:autoscaling:${r}:${var.account_id}:autoScalingGroup:*:autoScalingGroupName/*"]
  opted_in_tag = { test = "StringEquals", variable = "aws:ResourceTag/${var.tag_key}", values = var.tag_values }
  change_tagged_groups = flatten([for enabled in [local.with_asg] : [
    {
      sid        = "ResizeOnlyOptedInGroups"
      actions    = ["autoscaling:UpdateAutoScalingGroup"]
      resources  = local.group_arns
      conditions = [local.opted_in_tag]
    },
    {
      sid        = "RecordSizesOnlyOnOptedInGroups"
      actions    = ["autoscaling:CreateOrUpdateTags", "autoscaling:DeleteTags"]
      resources  = local.group_arns
      conditions = [local.opted_in_tag, { test = "ForAllValues:StringEquals", variable = "aws:TagKeys", values = ["${var.tag_key}SavedSizes"] }]
    },
  ] if enabled])

  # RDS DB instances and Aurora clusters with the opt-in tag (only when the schedules act on
  # them): stop and start them, and mark the stop in one tag of theirs (<tag_key>StoppedAt, how a
  # DB that RDS restarted after 7 days is told) and no other. RDS evaluates aws:ResourceTag on
  # these actions; the tag statement carries both conditions in one, since Allow statements add up.
  with_rds      = contains(var.resource_kinds, "rds")
  database_arns = flatten([for r in var.regions : ["arn:${var.partition}:rds:${r}:${var.account_id}:db:*", "arn:${var.partition}:rds:${r}:${var.account_id}:cluster:*"]])
  read_databases = [for enabled in [local.with_rds] : {
    sid        = "DescribeDatabases"
    actions    = ["rds:DescribeDBClusters", "rds:DescribeDBInstances"]
    resources  = ["*"]
    conditions = []
  } if enabled]
  change_tagged_databases = flatten([for enabled in [local.with_rds] : [
    {
      sid        = "StopStartOnlyOptedInDatabases"
      actions    = ["rds:StartDBCluster", "rds:StartDBInstance", "rds:StopDBCluster", "rds:StopDBInstance"]
      resources  = local.database_arns
      conditions = [local.opted_in_tag]
    },
    {
      sid        = "MarkStopOnlyOnOptedInDatabases"
      actions    = ["rds:AddTagsToResource", "rds:RemoveTagsFromResource"]
      resources  = local.database_arns
      conditions = [local.opted_in_tag, { test = "ForAllValues:StringEquals", variable = "aws:TagKeys", values = ["${var.tag_key}StoppedAt"] }]
    },
  ] if enabled])

  # Starting an instance whose volumes use a customer managed key makes EC2 create a grant on the
  # key in the caller's name; only for EC2 (GrantIsForAWSResource), only on the listed keys.
  grant_ebs_keys = [for keys in [var.ebs_kms_key_arns] : {
    sid       = "GrantEbsKeysToEc2"
    actions   = ["kms:CreateGrant"]
    resources = keys
    conditions = [{
      test     = "Bool"
      variable = "kms:GrantIsForAWSResource"
      values   = ["true"]
    }]
  } if length(keys) > 0]

  # The cost report's reads; hosts, Spot requests and Spot prices tell how each instance is billed.
  # DB instances and clusters are read whatever `resource_kinds` says: the report prices every DB,
  # scheduled or not (read_databases grants the same to the schedule only when it acts on them).
  # Auto Scaling groups likewise: what a tagged group's schedule saves. CloudWatch GetMetricData reads
  # Aurora clusters' billed storage and I/O (VolumeBytesUsed, VolumeReadIOPs, VolumeWriteIOPs) and
  # burstable instances' surplus CPU credits charged (CPUSurplusCreditsCharged); it is read-only and
  # has no resource-level permissions, so "*" is the only resource it takes.
  # ec2:DescribeInstanceCreditSpecifications tells a burstable instance's credit option (standard mode
  # is never charged surplus credits); read-only. Like the other EC2 Describe* it is taken to have no
  # resource-level permissions, so "*" (not read from the Service Authorization Reference page itself
  # here: public IAM linters list it among EC2's wildcard-only actions).
  describe_inventory = {
    sid = "DescribeInventory"
    actions = [
      "autoscaling:DescribeAutoScalingGroups", "ec2:DescribeAddresses", "ec2:DescribeHosts", "ec2:DescribeInstanceCreditSpecifications", "ec2:DescribeInstances",
      "ec2:DescribeSnapshots", "ec2:DescribeSpotInstanceRequests", "ec2:DescribeSpotPriceHistory", "ec2:DescribeVolumes",
      "rds:DescribeDBClusters", "rds:DescribeDBInstances", "cloudwatch:GetMetricData",
    ]
    resources  = ["*"]
    conditions = []
  }

  # The cost report's backup coverage: read-only AWS Backup calls and the EC2 images (AMIs) that
  # are restore points too. Resources stay "*": EBS recovery points are EC2 snapshot ARNs, not Backup ARNs.
  read_backups = [
    {
      sid = "ReadBackups"
      actions = [
        "backup:DescribeRecoveryPoint",
        "backup:GetBackupPlan",
        "backup:GetBackupSelection",
        "backup:ListBackupJobs",
        "backup:ListBackupPlans",
        "backup:ListBackupSelections",
        "backup:ListBackupVaults",
        "backup:ListProtectedResources",
        "backup:ListRecoveryPointsByBackupVault",
        "backup:ListRecoveryPointsByResource",
      ]
      resources  = ["*"]
      conditions = []
    },
    { sid = "DescribeImages", actions = ["ec2:DescribeImages"], resources = ["*"], conditions = [] },
  ]
}
