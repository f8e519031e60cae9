# A typical AWS deployment. Only report_bucket_name is required; bucket names are global, so
# pick one of your own.
#   make build && scripts/terraform-init.sh
#   terraform -chdir=terraform apply -var-file=examples/aws/production.tfvars
region             = "ap-northeast-2"
report_bucket_name = "example-corp-ec2-cost-reports"
target_regions     = ["ap-northeast-2", "ap-northeast-1"]

schedules = {
  office-hours = {
    stop_cron  = "cron(0 20 ? * MON-FRI *)"
    start_cron = "cron(0 8 ? * MON-FRI *)"
    timezone   = "Asia/Seoul"
  }
}
# Korean public holidays: nothing is started on these days.
skip_dates = ["2026-01-01", "2026-02-16", "2026-02-17", "2026-02-18", "2026-03-02", "2026-05-05"]

report_schedule = {
  cron     = "cron(0 9 ? * MON *)"
  timezone = "Asia/Seoul"
}

alarm_sns_topic_arn = "" # e.g. "arn:aws:sns:ap-northeast-2:<account-id>:ops-alerts"
log_retention_days  = 90

tags = {
  CostCenter = "platform"
}
