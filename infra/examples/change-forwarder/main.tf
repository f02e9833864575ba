# Change forwarders for a central stack in eu-west-1 (infra/, environment_suffix
# "prod", account 123456789012), with one member account, 210987654321.
#
#   * us-east-1 of the central account: IAM is global and CloudTrail delivers
#     its events to EventBridge in us-east-1 only, so a central stack in any
#     other region needs this forwarder to see IAM changes at all.
#   * each region of a member account whose resources are scanned, and its
#     us-east-1 (IAM): the member's id must be in the central stack's
#     member_account_ids, which lets it put events on the central bus.
#
# A central stack in us-east-1 needs no forwarder for its own account: the
# capture rule there sees IAM's events and the region's own.
#
#   terraform init && terraform apply -var central_event_bus_arn="$(cd ../.. && terraform output -raw central_event_bus_arn)"

variable "central_event_bus_arn" {
  description = "Root output central_event_bus_arn of the central stack."
  type        = string
  default     = "arn:aws:events:eu-west-1:123456789012:event-bus/default"
}

variable "member_role_arn" {
  description = "A role this apply may assume in the member account (to create its forwarders)."
  type        = string
  default     = "arn:aws:iam::210987654321:role/terraform-apply"
}

provider "aws" {
  alias  = "central_us_east_1"
  region = "us-east-1"
}

provider "aws" {
  alias  = "member_us_east_1"
  region = "us-east-1"
  assume_role {
    role_arn = var.member_role_arn
  }
}

provider "aws" {
  alias  = "member_eu_west_1"
  region = "eu-west-1"
  assume_role {
    role_arn = var.member_role_arn
  }
}

# IAM changes of the central account.
module "central_us_east_1" {
  source                = "../../modules/change-forwarder"
  providers             = { aws = aws.central_us_east_1 }
  central_event_bus_arn = var.central_event_bus_arn
  name                  = "drift-detection-change-forward-prod"
}

# IAM changes of the member account.
module "member_us_east_1" {
  source                = "../../modules/change-forwarder"
  providers             = { aws = aws.member_us_east_1 }
  central_event_bus_arn = var.central_event_bus_arn
  name                  = "drift-detection-change-forward-prod"
}

# Its resources in the central region.
module "member_eu_west_1" {
  source                = "../../modules/change-forwarder"
  providers             = { aws = aws.member_eu_west_1 }
  central_event_bus_arn = var.central_event_bus_arn
  name                  = "drift-detection-change-forward-prod"
}
