# Routing: a VPC with an internet gateway, a public route table (routes inline) associated
# with the public subnet, a private table made the VPC's main table whose default route (a
# resource of its own) goes through a NAT gateway with its Elastic IP, and a spare Elastic IP.
resource "aws_vpc" "net" {
  cidr_block = "10.40.0.0/16"
  tags       = merge(local.tags, { Name = "${local.name}-routing" })
}

resource "aws_subnet" "public" {
  vpc_id            = aws_vpc.net.id
  cidr_block        = "10.40.1.0/24"
  availability_zone = "${var.region}a"
  tags              = merge(local.tags, { Name = "${local.name}-public" })
}

resource "aws_subnet" "private" {
  vpc_id            = aws_vpc.net.id
  cidr_block        = "10.40.2.0/24"
  availability_zone = "${var.region}a"
  tags              = merge(local.tags, { Name = "${local.name}-private" })
}

resource "aws_internet_gateway" "main" {
  vpc_id = aws_vpc.net.id
  tags   = merge(local.tags, { Name = "${local.name}-igw" })
}

resource "aws_route_table" "public" {
  vpc_id = aws_vpc.net.id
  route {
    cidr_block = "0.0.0.0/0"
    gateway_id = aws_internet_gateway.main.id
  }
  route {
    cidr_block = "192.168.0.0/16"
    gateway_id = aws_internet_gateway.main.id
  }
  tags = merge(local.tags, { Name = "${local.name}-public" })
}

resource "aws_route_table_association" "public" {
  subnet_id      = aws_subnet.public.id
  route_table_id = aws_route_table.public.id
}

resource "aws_eip" "nat" {
  domain = "vpc"
  tags   = merge(local.tags, { Name = "${local.name}-nat" })
}

resource "aws_eip" "spare" {
  domain = "vpc"
  tags   = merge(local.tags, { Name = "${local.name}-spare" })
}

resource "aws_nat_gateway" "main" {
  allocation_id = aws_eip.nat.id
  subnet_id     = aws_subnet.public.id
  tags          = merge(local.tags, { Name = "${local.name}-nat" })
  depends_on    = [aws_internet_gateway.main]
}

resource "aws_route_table" "private" {
  vpc_id = aws_vpc.net.id
  tags   = merge(local.tags, { Name = "${local.name}-private" })
}

resource "aws_route" "private_default" {
  route_table_id         = aws_route_table.private.id
  destination_cidr_block = "0.0.0.0/0"
  nat_gateway_id         = aws_nat_gateway.main.id
}

resource "aws_route" "private_partner" {
  route_table_id         = aws_route_table.private.id
  destination_cidr_block = "172.16.0.0/12"
  gateway_id             = aws_internet_gateway.main.id
}

resource "aws_route_table_association" "private" {
  subnet_id      = aws_subnet.private.id
  route_table_id = aws_route_table.private.id
}

resource "aws_main_route_table_association" "main" {
  vpc_id         = aws_vpc.net.id
  route_table_id = aws_route_table.private.id
}
