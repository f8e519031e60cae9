# ---------------------------------------------------------------------------------------------------
# Where and what
# ---------------------------------------------------------------------------------------------------

variable "name_prefix" {
  description = "Prefix of every resource name (functions, roles, state machines, schedules, log groups): 2-32 lower-case letters, digits and `-`."
  type        = string
  default     = "ops-automation"

  validation {
    # 32 keeps "<prefix>-verify-instance-states-lambda" within IAM's 64-character role names.
    condition     = can(regex("^[a-z][a-z0-9-]{0,30}[a-z0-9]$", var.name_prefix))
    error_message = "name_prefix must be 2-32 characters: lower-case letters, digits and '-', starting with a letter."
  }
}

variable "target_regions" {
  description = "Regions whose instances are stopped/started and reported. Empty means the deployment region only."
  type        = list(string)
  default     = []

  validation {
    condition     = alltrue([for r in var.target_regions : can(regex("^[a-z]{2}(-gov|-iso[a-z]?)?-[a-z]+-[0-9]{1,2}$", r))])
    error_message = "target_regions must hold region codes like ap-northeast-2."
  }
}

variable "target_accounts" {
  description = "Accounts (12-digit ids) whose instances power-schedule stops and starts, besides those found under `organization_unit_ids`. Empty, with no units, means the deployment account only. The deployment account is reached with the functions' own roles, every other account through `member_role_name` (deploy it with modules/member-role). At most 250: the list travels in the functions' environment, which Lambda limits to 4 KB; name organizational units for more."
  type        = list(string)
  default     = []

  validation {
    condition     = alltrue([for a in var.target_accounts : can(regex("^[0-9]{12}$", a))])
    error_message = "target_accounts must hold 12-digit account ids like 111122223333."
  }
  validation {
    condition     = length(var.target_accounts) <= 250
    error_message = "target_accounts may hold at most 250 accounts (Lambda limits a function's environment to 4 KB); list their organizational units in organization_unit_ids instead."
  }
}

variable "organization_unit_ids" {
  description = "Organizational units (`ou-...`, or the root `r-...`) whose ACTIVE accounts, at any depth, are targets too. Needs the deployment account to be the organization's management account or a delegated administrator; the functions then may call organizations:ListChildren and ListAccountsForParent (ResolveTargets) and ListAccounts (the report's account names)."
  type        = list(string)
  default     = []

  validation {
    condition     = alltrue([for id in var.organization_unit_ids : can(regex("^(ou-[0-9a-z]{4,32}-[a-z0-9]{8,32}|r-[0-9a-z]{4,32})$", id))])
    error_message = "organization_unit_ids must hold organizational unit ids like ou-ab12-cdef3456 or the root id like r-ab12."
  }
}

variable "member_role_name" {
  description = "Name of the role each member account has for this system (modules/member-role), assumed by the functions that act on instances. Only `arn:<partition>:iam::*:role/<this name>` may be assumed."
  type        = string
  default     = "ops-automation-member"

  validation {
    condition     = can(regex("^[A-Za-z0-9+=,.@_-]{1,64}$", var.member_role_name))
    error_message = "member_role_name must be an IAM role name: 1-64 letters, digits or + = , . @ _ - (no path)."
  }
}

variable "member_role_external_id" {
  description = "External id passed when assuming the member role, for member roles that trust by external id (modules/member-role without organization_id). Empty sends none."
  type        = string
  default     = ""

  validation {
    condition     = var.member_role_external_id == "" || (length(var.member_role_external_id) >= 2 && length(var.member_role_external_id) <= 1224 && can(regex("^[A-Za-z0-9+=,.@:/_-]+$", var.member_role_external_id)))
    error_message = "member_role_external_id must be empty or 2-1224 letters, digits or + = , . @ : / _ -."
  }
}

# ---------------------------------------------------------------------------------------------------
# Which instances, and when
# ---------------------------------------------------------------------------------------------------

variable "tag_key" {
  description = "Opt-in tag key. Only instances carrying it (with a configured value) are ever stopped or started."
  type        = string
  default     = "AutoStopStart"

  validation {
    condition     = can(regex("^[\\p{L}\\p{Z}\\p{N}_.:/=+@-]{1,128}$", var.tag_key)) && !startswith(lower(var.tag_key), "aws:")
    error_message = "tag_key must be 1-128 letters, digits, spaces or _.:/=+-@ and must not start with \"aws:\"."
  }
}

variable "tag_value" {
  description = "Opt-in tag value used when a run's input names none (e.g. a manual run)."
  type        = string
  default     = "Yes"

  validation {
    # EC2 tag filters treat * and ? as wildcards; the opt-in must be an exact match.
    condition     = can(regex("^[^*?]{1,256}$", var.tag_value))
    error_message = "tag_value must be 1-256 characters without * or ?."
  }
}

variable "schedules" {
  description = <<-EOT
    Power schedules. Each entry stops the instances tagged `<tag_key>=<tag_value>` at `stop_cron` and
    starts them at `start_cron`, both in `timezone` (IANA name). Crons are EventBridge Scheduler
    expressions: `cron(minutes hours day-of-month month day-of-week year)`. `tag_value` defaults to
    `var.tag_value`. `hibernate = true` makes the stop hibernate the instances configured for
    hibernation (the others stop normally). `timezone` is also where `<tag_key>Override`
    `skip-until=YYYY-MM-DD` dates are read.
  EOT
  type = map(object({
    tag_value  = optional(string)
    stop_cron  = string
    start_cron = string
    timezone   = optional(string, "Asia/Seoul")
    enabled    = optional(bool, true)
    hibernate  = optional(bool, false)
  }))
  default = {
    office-hours = {
      tag_value  = "Yes"
      stop_cron  = "cron(0 20 ? * MON-FRI *)"
      start_cron = "cron(0 8 ? * MON-FRI *)"
      timezone   = "Asia/Seoul"
      enabled    = true
    }
  }

  validation {
    condition     = alltrue([for k in keys(var.schedules) : can(regex("^[a-z0-9][a-z0-9-]{0,20}$", k))])
    error_message = "schedules keys become schedule names: 1-21 characters, lower-case letters, digits and '-'."
  }
  validation {
    condition = alltrue(flatten([for s in values(var.schedules) : [
      for c in [s.stop_cron, s.start_cron] :
      can(regex("^cron\\([^ ]+ [^ ]+ (\\? [^ ]+ [^ ]+|[^ ?]+ [^ ]+ \\?) [^ ]+\\)$", c))
    ]]))
    error_message = "stop_cron/start_cron must be cron(minutes hours day-of-month month day-of-week year) with '?' in day-of-month or day-of-week, e.g. cron(0 20 ? * MON-FRI *)."
  }
  validation {
    condition     = alltrue([for s in values(var.schedules) : can(regex("^(UTC|[A-Z][A-Za-z_+-]*(/[A-Za-z0-9_+-]+){1,2})$", s.timezone))])
    error_message = "timezone must be an IANA time zone name like Asia/Seoul, Europe/Berlin or UTC."
  }
  validation {
    condition     = alltrue([for s in values(var.schedules) : s.tag_value == null || can(regex("^[^*?]{1,256}$", coalesce(s.tag_value, "x")))])
    error_message = "schedules[*].tag_value must be 1-256 characters without * or ?."
  }
}

variable "skip_dates" {
  description = "Dates (`YYYY-MM-DD`, e.g. public holidays) on which scheduled starts do nothing, checked in each schedule's time zone. Stops still run."
  type        = list(string)
  default     = []

  validation {
    condition     = alltrue([for d in var.skip_dates : can(regex("^[0-9]{4}-[0-9]{2}-[0-9]{2}$", d)) && can(formatdate("YYYY", "${d}T00:00:00Z"))])
    error_message = "skip_dates must be real dates written YYYY-MM-DD."
  }
}

variable "report_schedule" {
  description = "When the weekly cost report runs (EventBridge Scheduler cron, in `timezone`). `timezone` is also the report's date zone."
  type = object({
    cron     = optional(string, "cron(0 9 ? * MON *)")
    timezone = optional(string, "Asia/Seoul")
    enabled  = optional(bool, true)
  })
  default = {}

  validation {
    condition     = can(regex("^cron\\([^ ]+ [^ ]+ (\\? [^ ]+ [^ ]+|[^ ?]+ [^ ]+ \\?) [^ ]+\\)$", var.report_schedule.cron))
    error_message = "report_schedule.cron must be cron(minutes hours day-of-month month day-of-week year), e.g. cron(0 9 ? * MON *)."
  }
  validation {
    condition     = can(regex("^(UTC|[A-Z][A-Za-z_+-]*(/[A-Za-z0-9_+-]+){1,2})$", var.report_schedule.timezone))
    error_message = "report_schedule.timezone must be an IANA time zone name like Asia/Seoul or UTC."
  }
}

# ---------------------------------------------------------------------------------------------------
# Report storage
# ---------------------------------------------------------------------------------------------------

variable "report_bucket_name" {
  description = "S3 bucket for the weekly workbooks (and the workflow's scratch files under `work/`)."
  type        = string

  validation {
    condition     = can(regex("^[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]$", var.report_bucket_name)) && !strcontains(var.report_bucket_name, "..")
    error_message = "report_bucket_name must be a valid S3 bucket name: 3-63 lower-case letters, digits, '.' and '-'."
  }
}

variable "create_bucket" {
  description = "Create the report bucket (encrypted, private, versioned, with lifecycle). `false` uses an existing bucket of that name, which must be in the deployment account and region: power-schedule's Distributed Map writes its results there, and AWS allows that only in the state machine's own account and region."
  type        = bool
  default     = true
}

variable "force_destroy_bucket" {
  description = "Let `terraform destroy` delete the bucket even when it still holds reports. Keep `false` outside test stacks."
  type        = bool
  default     = false
}

variable "report_prefix" {
  description = "Key prefix of the published reports and their JSON summaries: empty, or ending in `/`; not under `work/`."
  type        = string
  default     = "ec2/"

  validation {
    condition     = var.report_prefix == "" || (endswith(var.report_prefix, "/") && !startswith(var.report_prefix, "/"))
    error_message = "report_prefix must be empty or end with '/' and not start with '/'."
  }
  validation {
    condition     = !startswith(var.report_prefix, "work/")
    error_message = "report_prefix must not be under work/: that prefix holds scratch files that expire."
  }
}

variable "work_retention_days" {
  description = "Days after which the workflow's scratch files (`work/` prefix) expire. Reports never expire."
  type        = number
  default     = 7

  validation {
    condition     = var.work_retention_days >= 1 && floor(var.work_retention_days) == var.work_retention_days
    error_message = "work_retention_days must be a whole number of at least 1."
  }
}

variable "pricing_region" {
  description = "Region of the AWS Price List (Pricing) API endpoint the report queries: `us-east-1`, `eu-central-1` or `ap-south-1`."
  type        = string
  default     = "us-east-1"

  validation {
    condition     = contains(["us-east-1", "eu-central-1", "ap-south-1"], var.pricing_region)
    error_message = "pricing_region must be one of the Pricing API's regions: us-east-1, eu-central-1, ap-south-1."
  }
}

# ---------------------------------------------------------------------------------------------------
# Functions, logs, alarms
# ---------------------------------------------------------------------------------------------------

variable "package_dir" {
  description = "Folder holding the built `<function>.zip` files. Empty means `../dist` from this module: the repository's `dist/`, where `make build` writes them."
  type        = string
  default     = ""
}

variable "lambda_memory_mb" {
  description = "Memory (MB, 128-10240) per function, keyed by function folder name (e.g. `render-report`). Unlisted functions keep the module's defaults: 256; `collect-inventory` 512; `merge-inventories` and `render-report` 1024."
  type        = map(number)
  default     = {}

  validation {
    condition     = alltrue([for v in values(var.lambda_memory_mb) : v >= 128 && v <= 10240])
    error_message = "lambda_memory_mb values must be from 128 to 10240."
  }
}

variable "lambda_timeout_seconds" {
  description = "Timeout (seconds, 1-900) per function, keyed by function folder name. `verify-instance-states` and `retry-unfinished` need more than `verify_timeout_seconds` (their defaults: it + 60 s, and 900 s: RetryUnfinished works through every target)."
  type        = map(number)
  default     = {}

  validation {
    condition     = alltrue([for v in values(var.lambda_timeout_seconds) : v >= 1 && v <= 900])
    error_message = "lambda_timeout_seconds values must be from 1 to 900."
  }
}

variable "lambda_architecture" {
  description = "CPU architecture of the functions: `arm64` (about 20% cheaper per GB-second) or `x86_64`; the bundles are plain JavaScript."
  type        = string
  default     = "arm64"

  validation {
    condition     = contains(["arm64", "x86_64"], var.lambda_architecture)
    error_message = "lambda_architecture must be arm64 or x86_64."
  }
}

variable "verify_timeout_seconds" {
  description = "How long (seconds, 0-840) the verify and retry steps wait for instances to reach the target state."
  type        = number
  default     = 120

  validation {
    condition     = var.verify_timeout_seconds >= 0 && var.verify_timeout_seconds <= 840
    error_message = "verify_timeout_seconds must be from 0 to 840 (the Lambda limit is 900 s)."
  }
}

variable "verify_poll_seconds" {
  description = "Seconds (0-60) between DescribeInstances polls while verifying."
  type        = number
  default     = 5

  validation {
    condition     = var.verify_poll_seconds >= 0 && var.verify_poll_seconds <= 60
    error_message = "verify_poll_seconds must be from 0 to 60."
  }
}

variable "describe_page_size" {
  description = "DescribeInstances page size (5-1000). `null` keeps the functions' default (500)."
  type        = number
  default     = null

  validation {
    condition     = var.describe_page_size == null || try(var.describe_page_size >= 5 && var.describe_page_size <= 1000, false)
    error_message = "describe_page_size must be from 5 to 1000."
  }
}

variable "log_level" {
  description = "Log level of the functions (Powertools `POWERTOOLS_LOG_LEVEL`): `DEBUG`, `INFO`, `WARN` or `ERROR`."
  type        = string
  default     = "INFO"

  validation {
    condition     = contains(["DEBUG", "INFO", "WARN", "ERROR"], var.log_level)
    error_message = "log_level must be DEBUG, INFO, WARN or ERROR."
  }
}

variable "log_retention_days" {
  description = "Retention (days) of every log group this module creates (functions and state machines): a value CloudWatch Logs accepts."
  type        = number
  default     = 30

  validation {
    condition     = contains([1, 3, 5, 7, 14, 30, 60, 90, 120, 150, 180, 365, 400, 545, 731, 1096, 1827, 2192, 2557, 2922, 3288, 3653], var.log_retention_days)
    error_message = "log_retention_days must be a value CloudWatch Logs accepts: 1, 3, 5, 7, 14, 30, 60, 90, 120, 150, 180, 365, 400, 545, 731, 1096, 1827, 2192, 2557, 2922, 3288 or 3653."
  }
}

variable "state_machine_log_level" {
  description = "Step Functions execution logging level: `ALL`, `ERROR`, `FATAL` or `OFF`."
  type        = string
  default     = "ERROR"

  validation {
    condition     = contains(["ALL", "ERROR", "FATAL", "OFF"], var.state_machine_log_level)
    error_message = "state_machine_log_level must be ALL, ERROR, FATAL or OFF."
  }
}

variable "ebs_kms_key_arns" {
  description = "Customer managed KMS keys that encrypt the EBS volumes of scheduled instances. Starting such an instance needs `kms:CreateGrant` on its key (for EC2 only: `kms:GrantIsForAWSResource`); without it the start 'succeeds' and the instance falls back to stopped (Verify reports it). Volumes under the AWS managed `aws/ebs` key need nothing here."
  type        = list(string)
  default     = []

  validation {
    condition     = alltrue([for arn in var.ebs_kms_key_arns : can(regex("^arn:aws[a-z-]*:kms:[a-z0-9-]+:[0-9]{12}:key/[A-Za-z0-9-]+$", arn))])
    error_message = "ebs_kms_key_arns must hold KMS key ARNs like arn:aws:kms:ap-northeast-2:111122223333:key/1234abcd-12ab-34cd-56ef-1234567890ab."
  }
}

variable "enable_tracing" {
  description = "Turn on AWS X-Ray tracing for the state machines and functions."
  type        = bool
  default     = false
}

variable "alarm_sns_topic_arn" {
  description = "An existing SNS topic the module's alarms notify as well (e.g. an on-call team's), besides the module's own notification topic; the failed-executions alarms notify only this one, as the module's topic gets one message per failed execution. Empty: only the module's topic."
  type        = string
  default     = ""

  validation {
    condition     = var.alarm_sns_topic_arn == "" || can(regex("^arn:aws[a-z-]*:sns:[a-z0-9-]+:[0-9]{12}:[A-Za-z0-9_-]+(\\.fifo)?$", var.alarm_sns_topic_arn))
    error_message = "alarm_sns_topic_arn must be empty or an SNS topic ARN."
  }
}

variable "tags" {
  description = "Tags added to every resource this module creates, besides `Application = \"ops-automation\"` and `ManagedBy = \"terraform\"` (a caller's provider `default_tags` apply too)."
  type        = map(string)
  default     = {}
}

# --- Backups ----------------------------------------------------------------------------------------

variable "enable_cost_explorer" {
  description = "Put what Cost Explorer says was billed (last full week, month to date) beside the list-price estimate in the weekly report. Each report makes one GetCostAndUsage request (plus one per further page), at 0.01 USD each. false makes none."
  type        = bool
  default     = true
}

variable "enable_backups" {
  description = "Create the AWS Backup part (vault, KMS key, plans, tag selections, service role, alarms). false keeps an existing AWS Backup setup untouched; the cost report still reads it."
  type        = bool
  default     = true
}

variable "backup_plans" {
  description = <<-EOT
    Backup plans. Each entry backs up the EC2 instances and EBS volumes tagged <tag_key>=<tag_value> at cron
    (AWS Backup cron(minutes hours day-of-month month day-of-week year), at most hourly) in timezone (IANA name)
    and keeps each recovery point retention_days. Optional: cold_storage_after_days (EBS snapshots move to the
    archive tier; retention must then be at least 90 days longer), copy_to_region (a copy goes to the vault of
    the same name there, which must exist) kept copy_retention_days (default: retention_days).
  EOT
  type = map(object({
    tag_key                 = string
    tag_value               = string
    cron                    = string
    timezone                = optional(string, "Asia/Seoul")
    retention_days          = number
    cold_storage_after_days = optional(number)
    copy_to_region          = optional(string)
    copy_retention_days     = optional(number)
  }))
  default = {
    daily = {
      tag_key        = "Backup"
      tag_value      = "Daily"
      cron           = "cron(0 3 * * ? *)"
      timezone       = "Asia/Seoul"
      retention_days = 35
    }
  }

  validation {
    # "<name_prefix>-<key>" names the plan and its selection; AWS allows 50 characters.
    condition     = alltrue([for k in keys(var.backup_plans) : can(regex("^[a-z0-9][a-z0-9-]{0,16}$", k))])
    error_message = "backup_plans keys name the plan and its selection: 1-17 characters, lower-case letters, digits and '-'."
  }
  validation {
    condition = alltrue([for p in values(var.backup_plans) :
      can(regex("^[\\p{L}\\p{Z}\\p{N}_.:/=+@-]{1,128}$", p.tag_key)) && !startswith(lower(p.tag_key), "aws:") && can(regex("^[^*?]{1,256}$", p.tag_value))
    ])
    error_message = "backup_plans[*].tag_key must be 1-128 letters, digits, spaces or _.:/=+-@ not starting with \"aws:\"; tag_value 1-256 characters without * or ?."
  }
  validation {
    # AWS Backup runs a rule at most once an hour, so the minutes field is one number.
    condition     = alltrue([for p in values(var.backup_plans) : can(regex("^cron\\(([0-9]|[1-5][0-9]) [^ ]+ (\\? [^ ]+ [^ ]+|[^ ?]+ [^ ]+ \\?) [^ ]+\\)$", p.cron))])
    error_message = "backup_plans[*].cron must be cron(minutes hours day-of-month month day-of-week year) with one minute value (0-59) and '?' in day-of-month or day-of-week, e.g. cron(0 3 * * ? *)."
  }
  validation {
    condition     = alltrue([for p in values(var.backup_plans) : can(regex("^(UTC|[A-Z][A-Za-z_+-]*(/[A-Za-z0-9_+-]+){1,2})$", p.timezone))])
    error_message = "backup_plans[*].timezone must be an IANA time zone name like Asia/Seoul, Europe/Berlin or UTC."
  }
  validation {
    condition = alltrue([for p in values(var.backup_plans) :
      p.retention_days >= 1 && floor(p.retention_days) == p.retention_days &&
      (p.cold_storage_after_days == null || try(p.cold_storage_after_days >= 1 && floor(p.cold_storage_after_days) == p.cold_storage_after_days, false))
    ])
    error_message = "backup_plans[*].retention_days and cold_storage_after_days must be whole numbers of at least 1."
  }
  validation {
    # AWS keeps a point in cold storage for at least 90 days and refuses a shorter retention.
    condition     = alltrue([for p in values(var.backup_plans) : p.cold_storage_after_days == null || p.retention_days >= coalesce(p.cold_storage_after_days, 0) + 90])
    error_message = "backup_plans[*].retention_days must be at least cold_storage_after_days + 90 when cold storage is set (AWS keeps cold points 90 days at least)."
  }
  validation {
    condition = alltrue([for p in values(var.backup_plans) :
      (p.copy_to_region == null || can(regex("^[a-z]{2}(-gov|-iso[a-z]?)?-[a-z]+-[0-9]{1,2}$", coalesce(p.copy_to_region, "x")))) &&
      (p.copy_retention_days == null || (p.copy_to_region != null && try(p.copy_retention_days >= 1 && floor(p.copy_retention_days) == p.copy_retention_days, false)))
    ])
    error_message = "backup_plans[*].copy_to_region must be a region code like ap-northeast-1; copy_retention_days a whole number of at least 1, and only with copy_to_region."
  }
}

variable "backup_kms_key_arn" {
  description = "Existing KMS key that encrypts the backup vault. Empty: the module creates a key (rotation on) with the alias alias/<name_prefix>-backups."
  type        = string
  default     = ""

  validation {
    condition     = var.backup_kms_key_arn == "" || can(regex("^arn:aws[a-z-]*:kms:[a-z0-9-]+:[0-9]{12}:key/[A-Za-z0-9-]+$", var.backup_kms_key_arn))
    error_message = "backup_kms_key_arn must be empty or a KMS key ARN like arn:aws:kms:ap-northeast-2:111122223333:key/1234abcd-12ab-34cd-56ef-1234567890ab."
  }
}

variable "backup_admin_role_arn" {
  description = "The only IAM role allowed to delete recovery points or shorten their retention (the vault access policy denies it to everyone else). Empty: nobody can; points leave only when their retention ends."
  type        = string
  default     = ""

  validation {
    condition     = var.backup_admin_role_arn == "" || can(regex("^arn:aws[a-z-]*:iam::[0-9]{12}:role/[A-Za-z0-9+=,.@_/-]{1,512}$", var.backup_admin_role_arn))
    error_message = "backup_admin_role_arn must be empty or an IAM role ARN like arn:aws:iam::111122223333:role/BackupAdmin."
  }
}

variable "backup_vault_lock" {
  description = <<-EOT
    AWS Backup Vault Lock, off by default. With changeable_for_days null the lock is in governance mode (users
    with the right IAM permissions can still remove it). With changeable_for_days set, it turns into compliance
    mode after that many days (at least 3): from then on nobody, not even the account root, can remove the lock
    or delete a point before min_retention_days. Every plan's retention must lie between min and max.
  EOT
  type = object({
    enabled             = optional(bool, false)
    min_retention_days  = optional(number, 7)
    max_retention_days  = optional(number)
    changeable_for_days = optional(number)
  })
  default = {}

  validation {
    condition = (
      var.backup_vault_lock.min_retention_days >= 1 && floor(var.backup_vault_lock.min_retention_days) == var.backup_vault_lock.min_retention_days &&
      (var.backup_vault_lock.max_retention_days == null || try(var.backup_vault_lock.max_retention_days >= var.backup_vault_lock.min_retention_days && var.backup_vault_lock.max_retention_days <= 36500, false))
    )
    error_message = "backup_vault_lock.min_retention_days must be a whole number of at least 1, and max_retention_days from min_retention_days to 36500."
  }
  validation {
    condition     = var.backup_vault_lock.changeable_for_days == null || try(var.backup_vault_lock.changeable_for_days >= 3 && floor(var.backup_vault_lock.changeable_for_days) == var.backup_vault_lock.changeable_for_days, false)
    error_message = "backup_vault_lock.changeable_for_days must be null (governance mode) or a whole number of at least 3 (compliance mode after that grace time)."
  }
}

# --- Notifications ----------------------------------------------------------------------------------

variable "notification_subscriptions" {
  description = <<-EOT
    Who the notification topic (report ready, runs that need a look, failed executions, alarms) tells: a list of
    { protocol = "email" | "https", endpoint = <e-mail address | https:// URL> }. Each confirms its
    subscription: e-mail by the link AWS sends, an HTTPS endpoint by visiting the SubscribeURL SNS posts to it.
  EOT
  type = list(object({
    protocol = string
    endpoint = string
  }))
  default = []

  validation {
    condition = alltrue([for s in var.notification_subscriptions :
      (s.protocol == "email" && can(regex("^[^@\\s]+@[^@\\s]+\\.[^@\\s]+$", s.endpoint))) ||
      (s.protocol == "https" && can(regex("^https://[^\\s/]+(/\\S*)?$", s.endpoint)))
    ])
    error_message = "notification_subscriptions entries must be { protocol = \"email\", endpoint = \"ops@example.com\" } or { protocol = \"https\", endpoint = \"https://hooks.example.com/sns\" }."
  }
  validation {
    condition     = length(distinct([for s in var.notification_subscriptions : "${s.protocol}:${s.endpoint}"])) == length(var.notification_subscriptions)
    error_message = "notification_subscriptions must not list the same protocol and endpoint twice."
  }
}

variable "notification_kms_key_arn" {
  description = "Existing customer managed KMS key that encrypts the notification topic; its key policy must let cloudwatch.amazonaws.com use kms:Decrypt and kms:GenerateDataKey*, or alarms cannot publish. Empty: the module creates one (rotation on, alias/<name_prefix>-notifications)."
  type        = string
  default     = ""

  validation {
    condition     = var.notification_kms_key_arn == "" || can(regex("^arn:aws[a-z-]*:kms:[a-z0-9-]+:[0-9]{12}:key/[A-Za-z0-9-]+$", var.notification_kms_key_arn))
    error_message = "notification_kms_key_arn must be empty or a KMS key ARN like arn:aws:kms:ap-northeast-2:111122223333:key/1234abcd-12ab-34cd-56ef-1234567890ab (not an alias: alias/aws/sns cannot be used by CloudWatch alarms)."
  }
}

variable "report_link_hours" {
  description = "How long (hours, 1-168) the workbook link in the \"report ready\" message is signed for. It is signed with the notify function's temporary credentials and stops working when they expire, which can be sooner; the message says so (README: Notifications)."
  type        = number
  default     = 12

  validation {
    condition     = var.report_link_hours >= 1 && var.report_link_hours <= 168 && floor(var.report_link_hours) == var.report_link_hours
    error_message = "report_link_hours must be a whole number from 1 to 168 (S3 presigned URLs are valid for 7 days at most)."
  }
}

variable "notify_on_success" {
  description = "Also send a short message for a power-schedule run that needed nobody. Off: only runs that failed or skipped tagged instances a schedule must not change are told."
  type        = bool
  default     = false
}

variable "chatbot_slack" {
  description = "Slack channel that receives the notification topic through AWS Chatbot: { team_id = \"T...\", channel_id = \"C...\" } (authorize the workspace in the Chatbot console first). Needs a deployment region where Chatbot's API answers (us-east-2, us-west-2, eu-west-1, ap-southeast-1); elsewhere use modules/chatbot-slack. null: no Slack."
  type = object({
    team_id    = string
    channel_id = string
  })
  default = null
}

variable "resource_kinds" {
  description = "What the power schedules act on: `ec2` (instances carrying the opt-in tag), `rds` (RDS DB instances and Aurora clusters carrying it, stopped and started through RDS) and `asg` (Auto Scaling groups carrying it, stopped to 0 and restored to their recorded sizes). Without `asg`, no role may resize or tag a group; without `rds`, none may read, stop, start or tag a database."
  type        = list(string)
  default     = ["ec2", "rds", "asg"]

  validation {
    condition     = length(var.resource_kinds) > 0 && alltrue([for k in var.resource_kinds : contains(["ec2", "rds", "asg"], k)])
    error_message = "resource_kinds must be a non-empty list of \"ec2\", \"rds\" and \"asg\"."
  }
}
