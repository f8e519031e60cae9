# Rolls the member role out to every account of the given organizational units with a
# CloudFormation StackSet (service-managed permissions, automatic deployment to accounts that join
# the units later). Run it in the organization's management account, or in a delegated
# administrator for CloudFormation StackSets with call_as = "DELEGATED_ADMIN". The template is the
# member-role module's own rendering: the same trust and permission documents as a role it creates.
#   terraform -chdir=terraform/modules/member-role/examples/stackset init
#   terraform -chdir=terraform/modules/member-role/examples/stackset apply \
#     -var 'hub_role_arns=[...]' -var organization_id=o-... -var 'organization_unit_ids=["ou-..."]' -var 'target_regions=[...]'
# hub_role_arns: the hub's output member_role_trusted_role_arns (apply the hub first).

provider "aws" {
  region = var.region
}

module "member_role" {
  source = "../../"

  create_role       = false
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

resource "aws_cloudformation_stack_set" "member_role" {
  name             = var.stack_set_name
  description      = "ops-automation member role, for the hub's functions to stop/start opted-in resources and read the inventory."
  permission_model = "SERVICE_MANAGED"
  call_as          = var.call_as
  capabilities     = ["CAPABILITY_NAMED_IAM"]
  template_body    = module.member_role.cloudformation_template

  auto_deployment {
    enabled                          = true
    retain_stacks_on_account_removal = false
  }

  operation_preferences {
    max_concurrent_percentage    = 25
    failure_tolerance_percentage = 10
    region_concurrency_type      = "PARALLEL"
  }

  # AWS fills this in for service-managed stack sets; it is not ours to change.
  lifecycle {
    ignore_changes = [administration_role_arn]
  }
}

# IAM is global: one stack per account, in one region, is enough.
resource "aws_cloudformation_stack_set_instance" "member_role" {
  stack_set_name = aws_cloudformation_stack_set.member_role.name
  call_as        = var.call_as
  region         = var.region

  deployment_targets {
    organizational_unit_ids = var.organization_unit_ids
  }
}
