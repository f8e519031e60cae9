output "stack_set_name" {
  description = "The StackSet that deploys the member role."
  value       = aws_cloudformation_stack_set.member_role.name
}

output "role_name" {
  description = "Name of the role in each member account."
  value       = module.member_role.role_name
}

output "cloudformation_template" {
  description = "The template the StackSet deploys."
  value       = module.member_role.cloudformation_template
}
