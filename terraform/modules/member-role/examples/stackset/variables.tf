variable "region" {
  description = "Region of the StackSet and of its stack instances (the role itself is global)."
  type        = string
  default     = "us-east-1"
}

variable "organization_id" {
  description = "The organization (`o-...`): the member role trusts the hub's roles only within it (aws:PrincipalOrgID)."
  type        = string
}

variable "organization_unit_ids" {
  description = "Organizational units whose accounts get the member role (the hub's `organization_unit_ids`)."
  type        = list(string)
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
