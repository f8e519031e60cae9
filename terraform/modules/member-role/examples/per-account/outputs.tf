output "role_arn" {
  description = "ARN of the member role created in the account."
  value       = module.member_role.role_arn
}
