variable "region" {
  description = "Region to deploy into. `null` uses the provider's usual sources (`AWS_REGION`, the profile's region)."
  type        = string
  default     = null
}

variable "report_bucket_name" {
  description = "S3 bucket for the weekly workbooks; bucket names are global, so pick one of your own."
  type        = string
}

variable "target_regions" {
  description = "Regions whose instances are stopped/started and reported. Empty means the deployment region only."
  type        = list(string)
  default     = []
}

variable "target_accounts" {
  description = "Other accounts whose tagged instances are stopped/started (each with the member role). Empty, with no units, means this account only."
  type        = list(string)
  default     = []
}

variable "organization_unit_ids" {
  description = "Organizational units whose ACTIVE accounts are targets too (run from the management account or a delegated administrator)."
  type        = list(string)
  default     = []
}

variable "skip_dates" {
  description = "Dates (`YYYY-MM-DD`, e.g. public holidays) on which scheduled starts do nothing."
  type        = list(string)
  default     = []
}

variable "notification_subscriptions" {
  description = "Who is told (report ready, runs that need a look, alarms): e.g. `[{ protocol = \"email\", endpoint = \"ops@example.com\" }]`; `https` endpoints too. Each confirms its subscription."
  type = list(object({
    protocol = string
    endpoint = string
  }))
  default = []
}

variable "chatbot_slack" {
  description = "Slack channel for the same messages through AWS Chatbot: `{ team_id = \"T...\", channel_id = \"C...\" }`, in a region Chatbot serves (see terraform/README.md). null: none."
  type = object({
    team_id    = string
    channel_id = string
  })
  default = null
}

variable "alarm_sns_topic_arn" {
  description = "An existing SNS topic the alarms notify as well (e.g. an on-call team's). Empty: only the module's own notification topic."
  type        = string
  default     = ""
}

variable "tags" {
  description = "Tags on every resource of this root, through the provider's `default_tags` (e.g. `{ CostCenter = \"platform\" }`)."
  type        = map(string)
  default     = {}
}
