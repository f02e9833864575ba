# The sample configuration the scanner's tests scan: one configuration, applied as the `dev`
# and `prod` workspaces of an S3 backend (tests/workspaces/apply.py). It holds what the product's
# customers drift most: an S3 bucket with its split resources, a security group, an instance.
terraform {
  required_providers {
    aws = { source = "hashicorp/aws" }
  }
  # Partial configuration: bucket, key, region, workspace_key_prefix and dynamodb_table come
  # from -backend-config (the scanner passes the target's state location the same way). The
  # flags below only let the backend talk to an emulator; they change nothing against AWS.
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
  description = "Prefix of every name, unique per test run (bucket names are global)."
  type        = string
}

variable "owner" {
  description = "A tag value marked sensitive: it must never appear in a report, alert or event."
  type        = string
  sensitive   = true
  default     = "team-secret-owner"
}

locals {
  name = "${var.name_prefix}-${terraform.workspace}"
  # Opted in to auto-remediation.
  revert_tags = {
    ManagedBy   = "terraform"
    AutoRevert  = "true"
    Environment = terraform.workspace
  }
}

resource "aws_s3_bucket" "data" {
  bucket = "${local.name}-data"
  tags   = merge(local.revert_tags, { Owner = var.owner })
}

resource "aws_s3_bucket_versioning" "data" {
  bucket = aws_s3_bucket.data.id
  versioning_configuration {
    status = "Enabled"
  }
}

resource "aws_s3_bucket_server_side_encryption_configuration" "data" {
  bucket = aws_s3_bucket.data.id
  rule {
    apply_server_side_encryption_by_default {
      sse_algorithm = "AES256"
    }
  }
}

resource "aws_s3_bucket_public_access_block" "data" {
  bucket                  = aws_s3_bucket.data.id
  block_public_acls       = true
  block_public_policy     = true
  ignore_public_acls      = true
  restrict_public_buckets = true
}

resource "aws_s3_bucket_policy" "data" {
  bucket = aws_s3_bucket.data.id
  policy = jsonencode({
    Version = "2012-10-17"
    Statement = [{
      Sid       = "DenyInsecureTransport"
      Effect    = "Deny"
      Principal = "*"
      Action    = "s3:*"
      Resource  = [aws_s3_bucket.data.arn, "${aws_s3_bucket.data.arn}/*"]
      Condition = { Bool = { "aws:SecureTransport" = "false" } }
    }]
  })
}

# Managed, but not opted in to auto-remediation.
resource "aws_s3_bucket" "artifacts" {
  bucket = "${local.name}-artifacts"
  tags   = { ManagedBy = "terraform" }
}

resource "aws_security_group" "web" {
  name        = "${local.name}-web"
  description = "web tier"
  ingress {
    description = "https from the private network"
    from_port   = 443
    to_port     = 443
    protocol    = "tcp"
    cidr_blocks = ["10.0.0.0/8"]
  }
  egress {
    from_port   = 0
    to_port     = 0
    protocol    = "-1"
    cidr_blocks = ["0.0.0.0/0"]
  }
  tags = { ManagedBy = "terraform", Name = "${local.name}-web" }
}

resource "aws_instance" "web" {
  ami                    = "ami-12c6146b"
  instance_type          = "t3.micro"
  vpc_security_group_ids = [aws_security_group.web.id]
  tags                   = merge(local.revert_tags, { Name = "${local.name}-web" })
}

output "data_bucket" { value = aws_s3_bucket.data.id }
output "artifacts_bucket" { value = aws_s3_bucket.artifacts.id }
output "security_group_id" { value = aws_security_group.web.id }
output "instance_id" { value = aws_instance.web.id }

variable "with_database" {
  description = "Also deploy a small PostgreSQL instance (the demo does). Off for the shared test fixture: moto answers the provider's read of one DB instance with every instance in the account."
  type        = bool
  default     = false
}

resource "aws_db_instance" "demo" {
  count               = var.with_database ? 1 : 0
  identifier          = "${local.name}-db"
  engine              = "postgres"
  engine_version      = "15.4"
  instance_class      = "db.t3.micro"
  allocated_storage   = 20
  username            = "dbadmin"
  password            = "not-a-real-password-1"
  skip_final_snapshot = true
  publicly_accessible = false
  tags                = { ManagedBy = "terraform", Name = "${local.name}-db" }
}

output "demo_db_identifier" { value = one(aws_db_instance.demo[*].identifier) }
