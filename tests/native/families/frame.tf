# The frame every ground-truth family shares: backend, provider and variables. A family is a
# folder beside this file holding only its resources (*.tf) and console_changes.py;
# tests/native/setup_fixture.py copies this frame beside them and applies each family as the
# workspaces dev and prod of a state of its own, families in parallel.
terraform {
  required_providers {
    aws = { source = "hashicorp/aws" }
  }
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
  description = "Prefix of every name, unique per test run."
  type        = string
}

locals {
  name = "${var.name_prefix}-${terraform.workspace}"
  tags = { ManagedBy = "terraform", Environment = terraform.workspace }
}
