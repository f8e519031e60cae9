variable "region" {
  description = "Region of the StackSet and of its stack instances (the role itself is global)."
  type        = string
  default     = "us-east-1"
}

variable "hub_role_arns" {
  description = "The hub's function roles that may assume the member role: the hub's output `member_role_trusted_role_arns`."
  type        = list(string)
}

variable "organization_id" {
  description = "The organization (`o-...`): the member role trusts the hub's roles only within it (aws:PrincipalOrgID)."
  type        = string
}

variable "external_id" {
  description = "External id the hub passes (its `member_role_external_id`), required by the trust as well when set."
  type        = string
  default     = ""
}

variable "organization_unit_ids" {
  description = "Organizational units whose accounts get the member role (the hub's `organization_unit_ids`)."
  type        = list(string)
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
  description = "Customer managed EBS keys in the member accounts that EC2 may be granted when a tagged instance starts."
  type        = list(string)
  default     = []
}

variable "stack_set_name" {
  description = "Name of the StackSet."
  type        = string
  default     = "ops-automation-member-role"
}

variable "call_as" {
  description = "`SELF` in the management account, `DELEGATED_ADMIN` in a delegated administrator account for StackSets."
  type        = string
  default     = "SELF"

  validation {
    condition     = contains(["SELF", "DELEGATED_ADMIN"], var.call_as)
    error_message = "call_as must be SELF or DELEGATED_ADMIN."
  }
}
