# The functions, from the zips `make build` writes to dist/ (handler index.handler, Node.js 22).

resource "aws_lambda_function" "this" {
  for_each = local.functions

  function_name    = each.value.name
  description      = "ops-automation ${each.value.workflow}: ${each.key}"
  role             = aws_iam_role.function[each.key].arn
  filename         = each.value.zip
  source_code_hash = fileexists(each.value.zip) ? filebase64sha256(each.value.zip) : null
  handler          = "index.handler"
  runtime          = "nodejs22.x"
  architectures    = [var.lambda_architecture]
  memory_size      = each.value.memory_mb
  timeout          = each.value.timeout_seconds
  tags             = local.tags

  environment {
    variables = merge(lookup(local.function_environment, each.key, local.workflow_environment[each.value.workflow]), {
      POWERTOOLS_SERVICE_NAME      = local.state_machine_names[each.value.workflow]
      POWERTOOLS_LOG_LEVEL         = var.log_level
      POWERTOOLS_METRICS_NAMESPACE = local.metrics_namespace
      # The metrics' workflow dimension is <NAME_PREFIX>-<workflow>, the state machine's name.
      NAME_PREFIX = var.name_prefix
      # Without it Tracer loads the X-Ray SDK on every cold start even when tracing is off.
      POWERTOOLS_TRACE_ENABLED = tostring(var.enable_tracing)
    })
  }

  tracing_config {
    mode = var.enable_tracing ? "Active" : "PassThrough"
  }

  lifecycle {
    precondition {
      condition     = fileexists(each.value.zip)
      error_message = "${each.value.zip} is missing: run `make build` first."
    }
    precondition {
      condition     = alltrue([for k in concat(keys(var.lambda_memory_mb), keys(var.lambda_timeout_seconds)) : contains(keys(local.functions), k)])
      error_message = "lambda_memory_mb/lambda_timeout_seconds keys must be function folder names: ${join(", ", keys(local.functions))}."
    }
    precondition {
      condition     = !contains(["verify-instance-states", "retry-unfinished"], each.key) || each.value.timeout_seconds > var.verify_timeout_seconds + 10
      error_message = "${each.key} polls for up to verify_timeout_seconds (${var.verify_timeout_seconds} s); its timeout must exceed that."
    }
  }

  # The log group exists (with retention) before the first invocation could create one without.
  depends_on = [aws_cloudwatch_log_group.function, aws_iam_role_policy.function]
}
