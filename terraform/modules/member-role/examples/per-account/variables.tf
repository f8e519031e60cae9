variable "region" {
  description = "Region of the provider (the role itself is global)."
  type        = string
  default     = "us-east-1"
}

variable "member_admin_role_arn" {
  description = "A role in the member account that may create IAM roles, e.g. arn:aws:iam::444455556666:role/OrganizationAccountAccessRole."
  type        = string
}

variable "hub_role_arns" {
  description = "The hub's function roles that may assume the member role: the hub's output `member_role_trusted_role_arns`."
  type        = list(string)
}

variable "organization_id" {
  description = "The organization (`o-...`) of the hub, when the member account is in it too. Empty: `external_id` is required."
  type        = string
  default     = ""
}

variable "external_id" {
  description = "External id the hub passes (its `member_role_external_id`)."
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
  description = "Customer managed EBS keys in the member account that EC2 may be granted when a tagged instance starts."
  type        = list(string)
  default     = []
}
