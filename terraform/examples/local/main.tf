# The module deployed to the local emulator (moto, `make local-up`): the provider sends every
# service to one endpoint, with the settings an emulator needs, and calls the module in ../../.
#   make build && make local-up
#   TF_MODULE_DIR=terraform/examples/local make tf-init
#   terraform -chdir=terraform/examples/local apply -var endpoint_url=http://127.0.0.1:$MOTO_PORT
# `make test` applies this root against moto, checks what it created, that a second plan is
# empty, and destroys it (test/terraform/apply.test.ts).

provider "aws" {
  region = var.region

  # moto accepts any credentials; these keep real ones (from the environment) out of local runs.
  access_key = "testing"
  secret_key = "testing"

  # No real credentials, account lookup, instance metadata or region list behind an emulator.
  skip_credentials_validation = true
  skip_requesting_account_id  = true
  skip_metadata_api_check     = true
  skip_region_validation      = true
  s3_use_path_style           = true
  # moto lacks a few operations the provider calls; without this it retries them for minutes.
  max_retries = 1

  endpoints {
    backup     = var.endpoint_url
    cloudwatch = var.endpoint_url
    events     = var.endpoint_url
    iam        = var.endpoint_url
    kms        = var.endpoint_url
    lambda     = var.endpoint_url
    logs       = var.endpoint_url
    s3         = var.endpoint_url
    scheduler  = var.endpoint_url
    sfn        = var.endpoint_url
    sns        = var.endpoint_url
    sqs        = var.endpoint_url
    sts        = var.endpoint_url
  }

  default_tags {
    tags = { Environment = "local" }
  }
}

module "ops_automation" {
  source = "../../"

  name_prefix        = "ops-local"
  target_regions     = ["ap-northeast-2", "us-east-1"]
  report_bucket_name = "ops-automation-local-reports"

  # A local stack is disposable: let destroy remove the bucket with whatever it holds.
  force_destroy_bucket = true
  log_retention_days   = 7

  schedules = {
    office-hours = {
      tag_value  = "Yes"
      stop_cron  = "cron(0 20 ? * MON-FRI *)"
      start_cron = "cron(0 8 ? * MON-FRI *)"
      timezone   = "Asia/Seoul"
    }
    night-shift = {
      tag_value  = "Night"
      stop_cron  = "cron(0 6 ? * MON-FRI *)"
      start_cron = "cron(0 18 ? * SUN-THU *)"
      timezone   = "Europe/Berlin"
      enabled    = false
      hibernate  = true
    }
  }
  skip_dates = ["2026-01-01", "2026-12-25"]

  # Who hears about reports, runs and alarms (moto confirms subscriptions at once; AWS asks each first).
  notification_subscriptions = [
    { protocol = "email", endpoint = "ops-team@example.com" },
    { protocol = "https", endpoint = "https://hooks.example.com/ops-automation" },
  ]
  report_link_hours = 24

  # Instances whose volumes use this customer managed key can be started (a documentation-style ARN).
  ebs_kms_key_arns = ["arn:aws:kms:ap-northeast-2:111122223333:key/1234abcd-12ab-34cd-56ef-1234567890ab"]
}
