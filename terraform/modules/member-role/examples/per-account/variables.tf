variable "region" {
  description = "Region of the provider (the role itself is global)."
  type        = string
  default     = "us-east-1"
}

variable "member_admin_role_arn" {
  description = "A role in the member account that may create IAM roles, e.g. arn:aws:iam::444455556666:role/OrganizationAccountAccessRole."
  type        = string
}

variable "organization_id" {
  description = "The organization (`o-...`) of the hub, when the member account is in it too. Empty: `external_id` is required."
  type        = string
  default     = ""
}

