# Kubernetes: an EKS cluster in a VPC of its own, with control-plane logging and a public
# endpoint limited to one range.
resource "aws_vpc" "eks" {
  cidr_block = "10.42.0.0/16"
  tags       = local.tags
}

resource "aws_subnet" "eks_a" {
  vpc_id            = aws_vpc.eks.id
  cidr_block        = "10.42.1.0/24"
  availability_zone = "us-east-1a"
  tags              = local.tags
}

resource "aws_subnet" "eks_b" {
  vpc_id            = aws_vpc.eks.id
  cidr_block        = "10.42.2.0/24"
  availability_zone = "us-east-1b"
  tags              = local.tags
}

resource "aws_iam_role" "eks" {
  name = "${local.name}-eks"
  assume_role_policy = jsonencode({
    Version = "2012-10-17"
    Statement = [{
      Effect    = "Allow"
      Principal = { Service = "eks.amazonaws.com" }
      Action    = "sts:AssumeRole"
    }]
  })
  tags = local.tags
}

resource "aws_eks_cluster" "main" {
  name                      = "${local.name}-main"
  role_arn                  = aws_iam_role.eks.arn
  version                   = "1.29"
  enabled_cluster_log_types = ["api", "audit"]
  vpc_config {
    subnet_ids             = [aws_subnet.eks_a.id, aws_subnet.eks_b.id]
    endpoint_public_access = true
    public_access_cidrs    = ["203.0.113.0/24"]
  }
  tags = local.tags
}

resource "aws_iam_role" "eks_node" {
  name = "${local.name}-eks-node"
  assume_role_policy = jsonencode({
    Version = "2012-10-17"
    Statement = [{
      Effect    = "Allow"
      Principal = { Service = "ec2.amazonaws.com" }
      Action    = "sts:AssumeRole"
    }]
  })
  tags = local.tags
}

resource "aws_eks_node_group" "web" {
  cluster_name    = aws_eks_cluster.main.name
  node_group_name = "web"
  node_role_arn   = aws_iam_role.eks_node.arn
  subnet_ids      = [aws_subnet.eks_a.id, aws_subnet.eks_b.id]
  instance_types  = ["t3.medium"]
  labels          = { role = "web" }
  scaling_config {
    desired_size = 2
    max_size     = 3
    min_size     = 1
  }
  taint {
    key    = "dedicated"
    value  = "web"
    effect = "NO_SCHEDULE"
  }
  tags = local.tags
}
