variable "endpoint_url" {
  description = "The emulator's endpoint, used for every AWS service (`make local-up` serves moto on `MOTO_PORT`, 4566 by default)."
  type        = string
  default     = "http://127.0.0.1:4566"

  validation {
    condition     = can(regex("^https?://[^/]+", var.endpoint_url))
    error_message = "endpoint_url must be an http(s) URL, e.g. http://127.0.0.1:4566."
  }
}

variable "region" {
  description = "Region the emulated deployment lives in."
  type        = string
  default     = "ap-northeast-2"
}
