output "role_arn" {
  description = "ARN of the member role (null with create_role = false)."
  value       = one(aws_iam_role.member[*].arn)

  precondition {
    condition     = var.organization_id != "" || var.external_id != ""
    error_message = "Give organization_id (the trust requires aws:PrincipalOrgID) or external_id (the trust requires sts:ExternalId): a member role must not trust the hub's roles on their ARN alone."
  }
}

output "role_name" {
  description = "Name of the member role."
  value       = var.role_name
}

output "trust_policy_json" {
  description = "The role's trust policy: the hub's function roles, within the organization or with the external id."
  value       = jsonencode(local.trust_policy)
}

output "policy_json" {
  description = "The role's permissions in this account: exactly what the hub's functions may do in their own account."
  value       = jsonencode(local.policies.role)
}

output "cloudformation_template" {
  description = "A CloudFormation template (JSON) creating the same role with the same documents in whichever account it is deployed to (for a StackSet); the account and partition are filled in by CloudFormation (Fn::Sub)."
  # Strings naming the account or partition become Fn::Sub, the rest of the documents stay as rendered.
  value = replace(jsonencode(local.template), "/\"([^\"]*\\$\\{AWS::(AccountId|Partition)\\}[^\"]*)\"/", "{\"Fn::Sub\":\"$1\"}")
}
