variable "role_name" {
  description = "Name of the role: the hub's `member_role_name`."
  type        = string
  default     = "ops-automation-member"

  validation {
    condition     = can(regex("^[A-Za-z0-9+=,.@_-]{1,64}$", var.role_name))
    error_message = "role_name must be an IAM role name: 1-64 letters, digits or + = , . @ _ - (no path)."
  }
}

variable "trusted_role_arns" {
  description = "The hub's function roles that may assume this role: its output `member_role_trusted_role_arns`. They must exist before this role is created (IAM checks the principals)."
  type        = list(string)

  validation {
    condition     = length(var.trusted_role_arns) > 0 && alltrue([for arn in var.trusted_role_arns : can(regex("^arn:aws[a-z-]*:iam::[0-9]{12}:role/.+$", arn))])
    error_message = "trusted_role_arns must hold one or more IAM role ARNs, e.g. arn:aws:iam::111122223333:role/ops-automation-list-tagged-instances-lambda."
  }
}

variable "organization_id" {
  description = "The organization (`o-...`) the hub account belongs to: the trust then also requires aws:PrincipalOrgID. Empty: the trust requires `external_id` instead."
  type        = string
  default     = ""

  validation {
    condition     = var.organization_id == "" || can(regex("^o-[a-z0-9]{10,32}$", var.organization_id))
    error_message = "organization_id must be empty or an organization id like o-a1b2c3d4e5."
  }
}

variable "external_id" {
  description = "External id the hub passes (its `member_role_external_id`); required, as an sts:ExternalId condition, when `organization_id` is empty."
  type        = string
  default     = ""

  validation {
    condition     = var.external_id == "" || (length(var.external_id) >= 2 && length(var.external_id) <= 1224 && can(regex("^[A-Za-z0-9+=,.@:/_-]+$", var.external_id)))
    error_message = "external_id must be empty or 2-1224 letters, digits or + = , . @ : / _ -."
  }
}

variable "target_regions" {
  description = "Regions where the hub stops and starts instances (its `target_regions`): the only regions whose instances this role may change."
  type        = list(string)

  validation {
    condition     = length(var.target_regions) > 0 && alltrue([for r in var.target_regions : can(regex("^[a-z]{2}(-gov|-iso[a-z]?)?-[a-z]+-[0-9]{1,2}$", r))])
    error_message = "target_regions must hold one or more region codes like ap-northeast-2."
  }
}

variable "tag_key" {
  description = "Opt-in tag key (the hub's `tag_key`)."
  type        = string
  default     = "AutoStopStart"
}

variable "tag_values" {
  description = "Opt-in tag values the hub's schedules act on (its `tag_value` and every `schedules[*].tag_value`)."
  type        = list(string)
  default     = ["Yes"]
}

variable "ebs_kms_key_arns" {
  description = "Customer managed KMS keys of this account's EBS volumes, which EC2 may be granted when a tagged instance starts."
  type        = list(string)
  default     = []
}

variable "resource_kinds" {
  description = "What the hub's schedules act on (its `resource_kinds`): without `rds`, this role may not read, stop or start the account's databases; without `asg`, it may not resize or tag its Auto Scaling groups."
  type        = list(string)
  default     = ["ec2", "rds", "asg"]

  validation {
    condition     = length(var.resource_kinds) > 0 && alltrue([for k in var.resource_kinds : contains(["ec2", "rds", "asg"], k)])
    error_message = "resource_kinds must be a non-empty list of \"ec2\", \"rds\" and \"asg\"."
  }
}

variable "create_role" {
  description = "Create the role in the account of the provider. `false` only renders `cloudformation_template` (for a StackSet from the management account)."
  type        = bool
  default     = true
}

variable "tags" {
  description = "Tags for the role (and, in the CloudFormation template, the role it creates)."
  type        = map(string)
  default     = {}
}
