# workflow.comma_address: buckets made with for_each whose keys are not plain words. The key
# "logs,eu" gives the address aws_s3_bucket.b["logs,eu"], which holds a comma: the remediation
# workflow must carry it as one address from the claim to -target and the guard. Each key maps
# to a valid S3 bucket name. The Owner tag comes from a sensitive variable, so the plan of a
# remediation holds a value the published plan summary must never show.
terraform {
  required_providers {
    aws = { source = "hashicorp/aws" }
  }
  # Partial configuration (bucket, key, region, workspace_key_prefix, dynamodb_table come from
  # -backend-config); the flags only let the backend talk to an emulator.
  backend "s3" {
    use_path_style              = true
    skip_credentials_validation = true
    skip_requesting_account_id  = true
    skip_region_validation      = true
    skip_metadata_api_check     = true
  }
}

provider "aws" {
  region                      = var.region
  s3_use_path_style           = true
  skip_credentials_validation = true
  skip_requesting_account_id  = true
  skip_region_validation      = true
  skip_metadata_api_check     = true
}

variable "region" {
  type    = string
  default = "us-east-1"
}

variable "name_prefix" {
  description = "Prefix of every bucket name, unique per test run (bucket names are global)."
  type        = string
}

variable "owner" {
  description = "A tag value marked sensitive: it must never appear in the published plan summary."
  type        = string
  sensitive   = true
}

locals {
  # for_each key => the bucket's name suffix (a comma is not allowed in a bucket name).
  buckets = {
    "logs,eu" = "logs-eu"
    "logs"    = "logs"
  }
}

resource "aws_s3_bucket" "b" {
  for_each = local.buckets
  bucket   = "${var.name_prefix}-${each.value}"
  tags = {
    ManagedBy  = "terraform"
    AutoRevert = "true"
    Key        = each.key
    Owner      = var.owner
  }
}

output "buckets" { value = { for k, b in aws_s3_bucket.b : k => b.id } }
