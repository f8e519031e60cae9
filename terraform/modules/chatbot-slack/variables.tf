variable "name" {
  description = "Name of the channel configuration; the channel role is `<name>-chatbot`."
  type        = string

  validation {
    condition     = can(regex("^[A-Za-z0-9-_]{1,120}$", var.name))
    error_message = "name must be 1-120 letters, digits, - or _."
  }
}

variable "slack_team_id" {
  description = "Slack workspace ID (`T...`), as the Chatbot console shows it once the workspace is authorized."
  type        = string

  validation {
    condition     = can(regex("^[0-9A-Z]{1,255}$", var.slack_team_id))
    error_message = "slack_team_id must be a Slack workspace ID such as T012ABCDEF0 (capital letters and digits)."
  }
}

variable "slack_channel_id" {
  description = "Slack channel ID (`C...`; private channels `G...`, with the Chatbot app invited), from the channel's details in Slack."
  type        = string

  validation {
    condition     = can(regex("^[A-Za-z0-9]{1,256}$", var.slack_channel_id))
    error_message = "slack_channel_id must be a Slack channel ID such as C012ABCDEF0."
  }
}

variable "sns_topic_arns" {
  description = "SNS topics whose messages the channel receives."
  type        = list(string)
}

variable "tags" {
  description = "Tags for the role and the channel configuration."
  type        = map(string)
  default     = {}
}
