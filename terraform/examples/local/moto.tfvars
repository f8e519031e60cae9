# Deploys the module to the local emulator (moto on 127.0.0.1:4566, `make local-up`):
#   scripts/terraform-init.sh
#   terraform -chdir=terraform apply -var-file=examples/local/moto.tfvars
# The test suite applies this file too, with aws_endpoint_url pointed at its own proxy.
region             = "ap-northeast-2"
aws_endpoint_url   = "http://127.0.0.1:4566"
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
  }
}
skip_dates = ["2026-01-01", "2026-12-25"]

# Instances whose volumes use this customer managed key can be started (a documentation-style ARN).
ebs_kms_key_arns = ["arn:aws:kms:ap-northeast-2:111122223333:key/1234abcd-12ab-34cd-56ef-1234567890ab"]
