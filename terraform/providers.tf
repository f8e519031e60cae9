provider "aws" {
  region = var.region

  default_tags {
    tags = local.tags
  }

  # Everything below only changes behaviour when var.aws_endpoint_url is set, i.e. against a
  # local emulator (moto): custom endpoints, no real credentials or account lookup, path-style S3,
  # and no long retry loops when the emulator lacks an operation.
  skip_credentials_validation = local.emulated
  skip_requesting_account_id  = local.emulated
  skip_metadata_api_check     = local.emulated
  skip_region_validation      = local.emulated
  s3_use_path_style           = local.emulated
  max_retries                 = local.emulated ? 1 : null

  dynamic "endpoints" {
    for_each = local.emulated ? [var.aws_endpoint_url] : []
    content {
      cloudwatch = endpoints.value
      iam        = endpoints.value
      lambda     = endpoints.value
      logs       = endpoints.value
      s3         = endpoints.value
      scheduler  = endpoints.value
      sfn        = endpoints.value
      sqs        = endpoints.value
      sts        = endpoints.value
    }
  }
}
