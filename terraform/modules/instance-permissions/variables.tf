variable "partition" {
  description = "AWS partition of the account the statements are for (`aws`, `aws-cn`, `aws-us-gov`), or `$${AWS::Partition}` in a CloudFormation template."
  type        = string
}

variable "account_id" {
  description = "Account whose instances the statements reach, or `$${AWS::AccountId}` in a CloudFormation template."
  type        = string
}

variable "regions" {
  description = "Regions whose instances may be stopped and started."
  type        = list(string)
}

variable "tag_key" {
  description = "Opt-in tag key: only instances carrying it with one of `tag_values` may be stopped or started."
  type        = string
}

variable "tag_values" {
  description = "Opt-in tag values the schedules act on."
  type        = list(string)
}

variable "ebs_kms_key_arns" {
  description = "Customer managed KMS keys of EBS volumes: EC2 may be granted their use when an instance starts."
  type        = list(string)
  default     = []
}

variable "resource_kinds" {
  description = "What the schedules act on (the hub's `resource_kinds`): the RDS statements are empty without `rds`."
  type        = list(string)
  default     = ["ec2", "rds", "asg"]
}
