# The native engine's extra coverage, applied together with tests/workspaces/config/main.tf
# (tests/native/setup_fixture.py copies this file beside it): every other type the native
# engine supports, so that Terraform's own refresh can grade it type by type.
resource "aws_vpc" "main" {
  cidr_block           = "10.20.0.0/16"
  enable_dns_hostnames = true
  tags                 = { ManagedBy = "terraform", Name = "${local.name}-vpc" }
}

resource "aws_subnet" "a" {
  vpc_id                  = aws_vpc.main.id
  cidr_block              = "10.20.1.0/24"
  availability_zone       = "${var.region}a"
  map_public_ip_on_launch = false
  tags                    = { ManagedBy = "terraform", Name = "${local.name}-a" }
}

resource "aws_security_group" "db" {
  name        = "${local.name}-db"
  description = "database tier"
  vpc_id      = aws_vpc.main.id
  tags        = { ManagedBy = "terraform" }
}

resource "aws_vpc_security_group_ingress_rule" "db_pg" {
  security_group_id = aws_security_group.db.id
  description       = "postgres from the vpc"
  cidr_ipv4         = "10.20.0.0/16"
  from_port         = 5432
  to_port           = 5432
  ip_protocol       = "tcp"
}

resource "aws_vpc_security_group_egress_rule" "db_all" {
  security_group_id = aws_security_group.db.id
  cidr_ipv4         = "0.0.0.0/0"
  ip_protocol       = "-1"
}

resource "aws_ebs_volume" "data" {
  availability_zone = "${var.region}a"
  size              = 10
  type              = "gp3"
  tags              = { ManagedBy = "terraform", Name = "${local.name}-data" }
}

# An instance with a root volume and a data volume of its own (root_block_device,
# ebs_block_device), and one whose volumes are tagged through volume_tags.
resource "aws_instance" "disks" {
  ami           = "ami-12c6146b"
  instance_type = "t3.micro"
  subnet_id     = aws_subnet.a.id
  root_block_device {
    volume_size = 10
    volume_type = "gp3"
    tags        = { Name = "${local.name}-disks-root" }
  }
  ebs_block_device {
    device_name = "/dev/sdf"
    volume_size = 5
    volume_type = "gp2"
    tags        = { Name = "${local.name}-disks-data" }
  }
  tags = { ManagedBy = "terraform", Name = "${local.name}-disks" }
}

resource "aws_instance" "volume_tagged" {
  ami           = "ami-12c6146b"
  instance_type = "t3.micro"
  subnet_id     = aws_subnet.a.id
  volume_tags   = { ManagedBy = "terraform", Name = "${local.name}-volume-tagged" }
  tags          = { ManagedBy = "terraform", Name = "${local.name}-volume-tagged" }
}

# Only prod has a database: moto answers the provider's read-by-resource-id with every
# instance, so Terraform cannot read one back while a second exists in the same emulator.
resource "aws_db_instance" "main" {
  count               = terraform.workspace == "prod" ? 1 : 0
  identifier          = "${local.name}-db"
  engine              = "postgres"
  engine_version      = "15.4"
  instance_class      = "db.t3.micro"
  allocated_storage   = 20
  username            = "dbadmin"
  password            = "not-a-real-password-1"
  skip_final_snapshot = true
  publicly_accessible = false
  tags                = { ManagedBy = "terraform" }
}

resource "aws_s3_bucket" "logs" {
  bucket = "${local.name}-logs"
  tags   = { ManagedBy = "terraform" }
}

# The log bucket lets S3 server access logging write to it (AWS, and moto, check this).
resource "aws_s3_bucket_policy" "logs" {
  bucket = aws_s3_bucket.logs.id
  policy = jsonencode({
    Version = "2012-10-17"
    Statement = [{
      Sid       = "S3ServerAccessLogs"
      Effect    = "Allow"
      Principal = { Service = "logging.s3.amazonaws.com" }
      Action    = ["s3:PutObject"]
      Resource  = "${aws_s3_bucket.logs.arn}/*"
    }]
  })
}

resource "aws_s3_bucket_logging" "data" {
  depends_on    = [aws_s3_bucket_policy.logs]
  bucket        = aws_s3_bucket.data.id
  target_bucket = aws_s3_bucket.logs.id
  target_prefix = "data/"
}

resource "aws_s3_bucket_lifecycle_configuration" "logs" {
  bucket = aws_s3_bucket.logs.id
  rule {
    id     = "expire"
    status = "Enabled"
    filter {
      prefix = "old/"
    }
    expiration {
      days = 90
    }
  }
}

output "vpc_id" { value = aws_vpc.main.id }
output "subnet_id" { value = aws_subnet.a.id }
output "db_security_group_id" { value = aws_security_group.db.id }
output "volume_id" { value = aws_ebs_volume.data.id }
output "db_identifier" { value = one(aws_db_instance.main[*].identifier) }
output "logs_bucket" { value = aws_s3_bucket.logs.id }
