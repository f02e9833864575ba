terraform {
  # 1.11: write-only arguments (the GitHub token, storage.tf) and ephemeral variables.
  required_version = ">= 1.11.0"

  required_providers {
    aws = {
      source  = "hashicorp/aws"
      version = ">= 5.100.0, < 6.0.0"
    }
  }
}

# No endpoints block on purpose: the provider honours AWS_ENDPOINT_URL and
# AWS_ENDPOINT_URL_<SERVICE>, which is how the tests point it at the emulator.
provider "aws" {
  region = var.region

  default_tags {
    tags = merge(var.tags, {
      Project           = "drift-detection"
      EnvironmentSuffix = var.environment_suffix
    })
  }
}
