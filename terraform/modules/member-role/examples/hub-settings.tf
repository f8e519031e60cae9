# The hub's settings a member role must mirror, the same for every roll-out: examples/per-account
# and examples/stackset link their hub-settings.tf to this file, so a new setting is declared once.
# The member-role module validates them.

variable "hub_role_arns" {
  description = "The hub's function roles that may assume the member role: the hub's output `member_role_trusted_role_arns`."
  type        = list(string)
}

variable "external_id" {
  description = "External id the hub passes (its `member_role_external_id`); when set, the trust requires it."
  type        = string
  default     = ""
}

variable "target_regions" {
  description = "The hub's `target_regions`: the regions whose instances the role may stop and start."
  type        = list(string)
}

variable "role_name" {
  description = "The hub's `member_role_name`."
  type        = string
  default     = "ops-automation-member"
}

variable "tag_key" {
  description = "The hub's `tag_key`."
  type        = string
  default     = "AutoStopStart"
}

variable "tag_values" {
  description = "The hub's opt-in tag values: `tag_value` and every `schedules[*].tag_value`."
  type        = list(string)
  default     = ["Yes"]
}

variable "ebs_kms_key_arns" {
  description = "Customer managed EBS keys in the member account(s) that EC2 may be granted when a tagged instance starts."
  type        = list(string)
  default     = []
}

variable "resource_kinds" {
  description = "The hub's `resource_kinds`: what its schedules act on, and so what the role may change."
  type        = list(string)
  default     = ["ec2", "rds", "asg"]
}
