# Both state machines, rendered from statemachines/<workflow>.asl.json with the deployed function ARNs.

locals {
  # templatefile() variables: ${partition} and ${<function_folder_with_underscores>_arn}.
  asl_variables = merge(
    { partition = local.partition },
    { for folder, f in local.functions : "${replace(folder, "-", "_")}_arn" => aws_lambda_function.this[folder].arn },
  )
}

resource "aws_sfn_state_machine" "this" {
  for_each = local.workflows

  name       = local.state_machine_names[each.key]
  role_arn   = aws_iam_role.state_machine[each.key].arn
  type       = "STANDARD"
  definition = templatefile("${path.module}/../statemachines/${each.key}.asl.json", local.asl_variables)
  tags       = local.tags

  logging_configuration {
    log_destination        = "${aws_cloudwatch_log_group.state_machine[each.key].arn}:*"
    include_execution_data = true
    level                  = var.state_machine_log_level
  }

  tracing_configuration {
    enabled = var.enable_tracing
  }

  depends_on = [aws_iam_role_policy.state_machine]
}
