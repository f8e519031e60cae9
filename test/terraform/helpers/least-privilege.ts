/**
 * What the hub's function roles may do, together, to the instances, Auto Scaling groups, databases, keys and backups of their own
 * account (besides logs, traces, S3, their Step Functions calls, and Cost Explorer, which the hub
 * alone reads for the whole organization): the policy test checks the hub grants exactly these,
 * the member-role test that a member account's role grants exactly the same, so "the member role
 * has today's least privilege" is one list checked from both sides.
 */
export const INSTANCE_ACTIONS = [
  'autoscaling:CreateOrUpdateTags',
  'autoscaling:DeleteTags',
  'autoscaling:DescribeAutoScalingGroups',
  'autoscaling:UpdateAutoScalingGroup',
  'backup:DescribeRecoveryPoint',
  'backup:GetBackupPlan',
  'backup:GetBackupSelection',
  'backup:ListBackupJobs',
  'backup:ListBackupPlans',
  'backup:ListBackupSelections',
  'backup:ListBackupVaults',
  'backup:ListProtectedResources',
  'backup:ListRecoveryPointsByBackupVault',
  'backup:ListRecoveryPointsByResource',
  // Aurora clusters' billed storage and I/O and burstable instances' surplus CPU credits (the cost report's collect step): read-only, no resource-level permissions.
  'cloudwatch:GetMetricData',
  'ec2:DescribeAddresses',
  'ec2:DescribeHosts',
  'ec2:DescribeImages',
  // Burstable instances' credit option (standard mode is never charged surplus credits; the cost report's collect step): read-only, no resource-level permissions.
  'ec2:DescribeInstanceCreditSpecifications',
  'ec2:DescribeInstances',
  'ec2:DescribeSnapshots',
  'ec2:DescribeSpotInstanceRequests',
  'ec2:DescribeSpotPriceHistory',
  'ec2:DescribeVolumes',
  'ec2:StartInstances',
  'ec2:StopInstances',
  'kms:CreateGrant',
  'rds:AddTagsToResource',
  'rds:DescribeDBClusters',
  'rds:DescribeDBInstances',
  'rds:RemoveTagsFromResource',
  'rds:StartDBCluster',
  'rds:StartDBInstance',
  'rds:StopDBCluster',
  'rds:StopDBInstance',
];
