# The member role in one account, created with a provider that assumes an administrator role
# there (OrganizationAccountAccessRole in accounts AWS Organizations created). Repeat the provider
# and the module call per account, or use examples/stackset for whole organizational units.
#   terraform -chdir=terraform/modules/member-role/examples/per-account apply \
#     -var member_admin_role_arn=arn:aws:iam::444455556666:role/OrganizationAccountAccessRole \
#     -var 'hub_role_arns=[...]' -var external_id=... -var 'target_regions=[...]'

provider "aws" {
  alias  = "member"
  region = var.region

  assume_role {
    role_arn     = var.member_admin_role_arn
    session_name = "ops-automation-member-role-setup"
  }
}

module "member_role" {
  source = "../../"
  providers = {
    aws = aws.member
  }

  role_name         = var.role_name
  trusted_role_arns = var.hub_role_arns
  organization_id   = var.organization_id
  external_id       = var.external_id
  target_regions    = var.target_regions
  tag_key           = var.tag_key
  tag_values        = var.tag_values
  ebs_kms_key_arns  = var.ebs_kms_key_arns
  resource_kinds    = var.resource_kinds
}
