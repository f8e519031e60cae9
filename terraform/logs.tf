# An explicit log group, with retention, for every function and state machine.

locals {
  function_log_group_names      = { for folder, f in local.functions : folder => "/aws/lambda/${f.name}" }
  state_machine_log_group_names = { for workflow, name in local.state_machine_names : workflow => "/aws/vendedlogs/states/${name}" }
  function_log_group_arns = {
    for folder, name in local.function_log_group_names : folder => "arn:${local.partition}:logs:${local.region}:${local.account_id}:log-group:${name}"
  }
}

resource "aws_cloudwatch_log_group" "function" {
  for_each = local.function_log_group_names

  name              = each.value
  retention_in_days = var.log_retention_days
  tags              = local.tags
}

resource "aws_cloudwatch_log_group" "state_machine" {
  for_each = local.state_machine_log_group_names

  name              = each.value
  retention_in_days = var.log_retention_days
  tags              = local.tags
}
