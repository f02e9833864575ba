# Data stores: an RDS subnet group over two subnets of a VPC of its own, a parameter group, an Aurora cluster, an EFS file system and its mount target, an ElastiCache subnet group.
resource "aws_vpc" "data" {
  cidr_block = "10.30.0.0/16"
  tags       = local.tags
}

resource "aws_subnet" "data" {
  for_each          = { a = "10.30.1.0/24", b = "10.30.2.0/24" }
  vpc_id            = aws_vpc.data.id
  cidr_block        = each.value
  availability_zone = "us-east-1${each.key}"
  tags              = local.tags
}

# Tagged from the console in prod (moto's ModifyDBSubnetGroup would delete the group).
resource "aws_db_subnet_group" "orders" {
  name        = "${local.name}-orders"
  description = "orders databases"
  subnet_ids  = [for s in aws_subnet.data : s.id]
  tags        = local.tags
}

# Created without parameters: one set from the console in prod (moto answers no parameter
# Source, so a group that configures parameters refreshes as if it had none).
resource "aws_db_parameter_group" "orders" {
  name        = "${local.name}-orders"
  family      = "mysql8.0"
  description = "orders databases"
  tags        = local.tags
}

# Its backup retention raised from the console in prod.
resource "aws_rds_cluster" "orders" {
  cluster_identifier              = "${local.name}-orders"
  engine                          = "aurora-mysql"
  engine_version                  = "8.0.mysql_aurora.3.05.2"
  database_name                   = "orders"
  master_username                 = "admin"
  master_password                 = "not-a-secret-1"
  backup_retention_period         = 7
  preferred_backup_window         = "03:00-04:00"
  preferred_maintenance_window    = "sun:05:00-sun:06:00"
  db_subnet_group_name            = aws_db_subnet_group.orders.name
  storage_encrypted               = true
  enabled_cloudwatch_logs_exports = ["audit", "error"]
  skip_final_snapshot             = true
  serverlessv2_scaling_configuration {
    min_capacity = 0.5
    max_capacity = 4
  }
  tags = local.tags
}

# Its lifecycle policy changed from the console in prod (moto's UpdateFileSystem fails, so
# throughput changes are proved offline).
resource "aws_efs_file_system" "files" {
  creation_token                  = "${local.name}-files"
  encrypted                       = true
  throughput_mode                 = "provisioned"
  provisioned_throughput_in_mibps = 64
  lifecycle_policy {
    transition_to_ia = "AFTER_30_DAYS"
  }
  lifecycle_policy {
    transition_to_primary_storage_class = "AFTER_1_ACCESS"
  }
  tags = local.tags
}

resource "aws_security_group" "nfs" {
  for_each    = toset(["nfs", "nfs-admin"])
  name        = "${local.name}-${each.key}"
  description = "${each.key} clients"
  vpc_id      = aws_vpc.data.id
  tags        = local.tags
}

# Its security groups narrowed to one from the console in prod.
resource "aws_efs_mount_target" "files" {
  file_system_id  = aws_efs_file_system.files.id
  subnet_id       = aws_subnet.data["a"].id
  security_groups = [for g in aws_security_group.nfs : g.id]
}

# Tagged from the console in prod (moto has no ModifyCacheSubnetGroup).
resource "aws_elasticache_subnet_group" "cache" {
  name        = "${local.name}-cache"
  description = "orders caches"
  subnet_ids  = [for s in aws_subnet.data : s.id]
  tags        = local.tags
}
