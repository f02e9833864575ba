variable "role_name" {
  description = "Name of the reader role; the scanner's targets name it in role_arn (the root module's member_reader_role_name)."
  type        = string
}

variable "scanner_role_arn" {
  description = "ARN of the drift scanner's execution role (root output scanner_role_arn); the only principal trusted."
  type        = string
}

variable "external_id" {
  description = "External id the scanner presents (root output member_external_id, and external_id in the scan target)."
  type        = string
  sensitive   = true

  validation {
    condition     = length(var.external_id) >= 2
    error_message = "The external id must not be empty."
  }
}

variable "state_bucket_names" {
  description = "Buckets in this account holding the Terraform state the scanner reads."
  type        = list(string)
  default     = []
}

variable "state_kms_key_arns" {
  description = "KMS keys encrypting those state objects."
  type        = list(string)
  default     = []
}

variable "tags" {
  description = "Tags for the role."
  type        = map(string)
  default     = {}
}
