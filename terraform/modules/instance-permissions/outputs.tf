output "describe_instances" {
  description = "Reading instance states (Verify): ec2:DescribeInstances."
  value       = local.describe_instances
}

output "list_instances" {
  description = "Listing what a schedule may change: ec2:DescribeInstances, ec2:DescribeSpotInstanceRequests and autoscaling:DescribeAutoScalingGroups."
  value       = local.list_instances
}

output "change_tagged_instances" {
  description = "ec2:StopInstances and ec2:StartInstances on the account's instances in `regions`, only with the opt-in tag."
  value       = local.change_tagged_instances
}

output "change_tagged_groups" {
  description = "autoscaling:UpdateAutoScalingGroup, and CreateOrUpdateTags/DeleteTags of the `<tag_key>SavedSizes` tag alone, on the account's Auto Scaling groups in `regions`, only with the opt-in tag, when `resource_kinds` holds `asg`; else an empty list."
  value       = local.change_tagged_groups
}

output "read_databases" {
  description = "rds:DescribeDBInstances and rds:DescribeDBClusters (tags included), when `resource_kinds` holds `rds`; else an empty list."
  value       = local.read_databases
}

output "change_tagged_databases" {
  description = "rds:Stop/StartDBInstance and rds:Stop/StartDBCluster, and AddTagsToResource/RemoveTagsFromResource of the `<tag_key>StoppedAt` tag alone, on the account's DB instances and clusters in `regions`, only with the opt-in tag, when `resource_kinds` holds `rds`; else an empty list."
  value       = local.change_tagged_databases
}

output "grant_ebs_keys" {
  description = "kms:CreateGrant on `ebs_kms_key_arns` for EC2 only; an empty list when no key is listed."
  value       = local.grant_ebs_keys
}

output "describe_inventory" {
  description = "The cost report's reads: EC2 addresses, Dedicated Hosts, instances, burstable instances' credit option, snapshots, Spot requests and Spot price history, volumes; RDS DB instances and clusters; Auto Scaling groups; CloudWatch metric data (Aurora clusters' storage and I/O, T instances' surplus CPU credits)."
  value       = local.describe_inventory
}

output "read_backups" {
  description = "The cost report's backup coverage reads: AWS Backup List/Get/Describe calls and ec2:DescribeImages."
  value       = local.read_backups
}
