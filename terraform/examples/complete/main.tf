# A deployment to AWS: this root configures the provider and calls the module in ../../ (the
# repository's terraform/). Only report_bucket_name is required; the region comes from
# var.region, else from your AWS configuration (AWS_REGION, the profile) as usual.
#   make build && make tf-init
#   terraform -chdir=terraform/examples/complete apply -var report_bucket_name=<your-bucket>
# Copy this folder to keep your own root (with a backend for the state); point `source` at this
# repository's terraform/ folder then.

provider "aws" {
  region = var.region

  default_tags {
    tags = var.tags
  }
}

module "ops_automation" {
  source = "../../"

  report_bucket_name = var.report_bucket_name
  target_regions     = var.target_regions

  # Other accounts too: each needs the member role (modules/member-role, e.g. its StackSet example).
  target_accounts       = var.target_accounts
  organization_unit_ids = var.organization_unit_ids

  # The module's defaults, written out to show the shape: add entries for other tag values.
  schedules = {
    office-hours = {
      tag_value  = "Yes"
      stop_cron  = "cron(0 20 ? * MON-FRI *)"
      start_cron = "cron(0 8 ? * MON-FRI *)"
      timezone   = "Asia/Seoul"
    }
  }
  skip_dates = var.skip_dates

  report_schedule = {
    cron     = "cron(0 9 ? * MON *)"
    timezone = "Asia/Seoul"
  }

  # Who hears about reports, runs that need a look and alarms; Slack through AWS Chatbot when set.
  notification_subscriptions = var.notification_subscriptions
  chatbot_slack              = var.chatbot_slack
  alarm_sns_topic_arn        = var.alarm_sns_topic_arn
}
