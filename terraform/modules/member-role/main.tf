# The role a member account gives the hub: the same least privilege the hub's functions have in
# their own account (modules/instance-permissions: stop/start only with the opt-in tag, the
# report's read-only describes and backup reads, kms:CreateGrant for EC2 on listed keys), trusted
# only by the hub's function roles, and only within the organization (aws:PrincipalOrgID) or with
# the external id. The CloudFormation template (for a StackSet) is rendered from the same
# documents, with the account and partition left to CloudFormation.

data "aws_partition" "current" {}
data "aws_caller_identity" "current" {}

locals {
  tags = merge({ Application = "ops-automation", ManagedBy = "terraform" }, var.tags)

  # What the role lets the hub stop and start, as its descriptions say it: the statements below
  # grant instances always, databases only with "rds" and groups only with "asg" in resource_kinds.
  granted          = join("; ", concat(["EC2 instances"], contains(var.resource_kinds, "rds") ? ["RDS DB instances and Aurora clusters"] : [], contains(var.resource_kinds, "asg") ? ["Auto Scaling groups"] : []))
  role_description = "Assumed by the ops-automation hub to stop/start what is tagged ${var.tag_key} (${local.granted}) and read this account's inventory."

  permission_inputs = {
    regions          = var.target_regions
    tag_key          = var.tag_key
    tag_values       = var.tag_values
    ebs_kms_key_arns = var.ebs_kms_key_arns
    resource_kinds   = var.resource_kinds
  }

  trust_policy = {
    Version = "2012-10-17"
    Statement = [{
      Sid       = "OnlyTheHubFunctions"
      Effect    = "Allow"
      Principal = { AWS = var.trusted_role_arns }
      Action    = "sts:AssumeRole"
      Condition = var.organization_id != "" ? { StringEquals = { "aws:PrincipalOrgID" = var.organization_id } } : { StringEquals = { "sts:ExternalId" = var.external_id } }
    }]
  }
}

module "permissions" {
  source = "../instance-permissions"

  partition        = data.aws_partition.current.partition
  account_id       = data.aws_caller_identity.current.account_id
  regions          = local.permission_inputs.regions
  tag_key          = local.permission_inputs.tag_key
  tag_values       = local.permission_inputs.tag_values
  ebs_kms_key_arns = local.permission_inputs.ebs_kms_key_arns
  resource_kinds   = local.permission_inputs.resource_kinds
}

# The same statements for whichever account CloudFormation deploys the template to.
module "template_permissions" {
  source = "../instance-permissions"

  partition        = "$${AWS::Partition}"
  account_id       = "$${AWS::AccountId}"
  regions          = local.permission_inputs.regions
  tag_key          = local.permission_inputs.tag_key
  tag_values       = local.permission_inputs.tag_values
  ebs_kms_key_arns = local.permission_inputs.ebs_kms_key_arns
  resource_kinds   = local.permission_inputs.resource_kinds
}

locals {
  # Everything a hub function may do in a target account: what it does in its own (iam.tf).
  statements_of = {
    for name, m in { role = module.permissions, template = module.template_permissions } : name => concat(
      [m.list_instances, m.change_tagged_instances, m.describe_inventory],
      m.change_tagged_groups,
      m.read_databases,
      m.change_tagged_databases,
      m.grant_ebs_keys,
      m.read_backups,
    )
  }
  policies = {
    for name, statements in local.statements_of : name => {
      Version = "2012-10-17"
      Statement = [for s in statements : merge(
        { Sid = s.sid, Effect = "Allow", Action = s.actions, Resource = s.resources },
        { for key, condition in { Condition = { for c in s.conditions : c.test => { (c.variable) = c.values } } } : key => condition if length(s.conditions) > 0 },
      )]
    }
  }

  template = {
    AWSTemplateFormatVersion = "2010-09-09"
    Description              = "ops-automation member role: lets the hub's functions stop and start what carries the opt-in tag (${local.granted}) and read the inventory of this account."
    Resources = {
      MemberRole = {
        Type = "AWS::IAM::Role"
        Properties = {
          RoleName                 = var.role_name
          Description              = local.role_description
          AssumeRolePolicyDocument = local.trust_policy
          Policies                 = [{ PolicyName = "least-privilege", PolicyDocument = local.policies.template }]
          Tags                     = [for k, v in local.tags : { Key = k, Value = v }]
        }
      }
    }
    Outputs = { RoleArn = { Value = { "Fn::GetAtt" = ["MemberRole", "Arn"] } } }
  }
}

resource "aws_iam_role" "member" {
  count = var.create_role ? 1 : 0

  name               = var.role_name
  description        = local.role_description
  assume_role_policy = jsonencode(local.trust_policy)
  tags               = local.tags
}

resource "aws_iam_role_policy" "member" {
  count = var.create_role ? 1 : 0

  name   = "least-privilege"
  role   = aws_iam_role.member[0].id
  policy = jsonencode(local.policies.role)
}
