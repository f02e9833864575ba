# Network: security group rules of the older form (one covering two CIDRs of one permission,
# one from the group itself, one from a peer group, one egress), in a VPC of their own.
resource "aws_vpc" "net" {
  cidr_block = "10.20.0.0/16"
  tags       = local.tags
}

resource "aws_security_group" "web" {
  name        = "${local.name}-net-web"
  description = "web servers"
  vpc_id      = aws_vpc.net.id
  tags        = local.tags
}

resource "aws_security_group" "lb" {
  name        = "${local.name}-net-lb"
  description = "load balancers"
  vpc_id      = aws_vpc.net.id
  tags        = local.tags
}

# Described again from the console in prod.
resource "aws_security_group_rule" "https" {
  type              = "ingress"
  security_group_id = aws_security_group.web.id
  protocol          = "tcp"
  from_port         = 443
  to_port           = 443
  cidr_blocks       = ["10.0.0.0/8", "192.168.0.0/16"]
  description       = "https"
}

# One of its CIDRs revoked from the console in prod: the rule is gone.
resource "aws_security_group_rule" "ssh" {
  type              = "ingress"
  security_group_id = aws_security_group.web.id
  protocol          = "tcp"
  from_port         = 22
  to_port           = 22
  cidr_blocks       = ["10.1.0.0/16", "10.2.0.0/16"]
}

resource "aws_security_group_rule" "self" {
  type              = "ingress"
  security_group_id = aws_security_group.web.id
  protocol          = "tcp"
  from_port         = 8080
  to_port           = 8080
  self              = true
  description       = "cluster"
}

resource "aws_security_group_rule" "from_lb" {
  type                     = "ingress"
  security_group_id        = aws_security_group.web.id
  protocol                 = "tcp"
  from_port                = 8443
  to_port                  = 8443
  source_security_group_id = aws_security_group.lb.id
}

# Not 0.0.0.0/0: that is the default egress the provider revokes when it creates the group,
# and a rule for it may race the revocation.
resource "aws_security_group_rule" "out" {
  type              = "egress"
  security_group_id = aws_security_group.web.id
  protocol          = "-1"
  from_port         = 0
  to_port           = 0
  cidr_blocks       = ["10.0.0.0/8"]
}

resource "aws_subnet" "app" {
  vpc_id     = aws_vpc.net.id
  cidr_block = "10.20.1.0/24"
  tags       = local.tags
}

# Entries inline; one of them replaced from the console in prod.
resource "aws_network_acl" "app" {
  vpc_id     = aws_vpc.net.id
  subnet_ids = [aws_subnet.app.id]
  ingress {
    rule_no    = 100
    action     = "allow"
    protocol   = "6"
    cidr_block = "10.0.0.0/8"
    from_port  = 443
    to_port    = 443
  }
  ingress {
    rule_no         = 110
    action          = "deny"
    protocol        = "-1"
    ipv6_cidr_block = "::/0"
    from_port       = 0
    to_port         = 0
  }
  egress {
    rule_no    = 100
    action     = "allow"
    protocol   = "-1"
    cidr_block = "0.0.0.0/0"
    from_port  = 0
    to_port    = 0
  }
  tags = local.tags
}

# Entries as resources of their own.
resource "aws_network_acl" "split" {
  vpc_id = aws_vpc.net.id
  tags   = local.tags
}

# Turned to deny from the console in prod.
resource "aws_network_acl_rule" "https" {
  network_acl_id = aws_network_acl.split.id
  rule_number    = 100
  egress         = false
  protocol       = "6"
  rule_action    = "allow"
  cidr_block     = "10.0.0.0/8"
  from_port      = 443
  to_port        = 443
}

# Deleted from the console in prod.
resource "aws_network_acl_rule" "ssh" {
  network_acl_id = aws_network_acl.split.id
  rule_number    = 110
  egress         = false
  protocol       = "6"
  rule_action    = "allow"
  cidr_block     = "10.1.0.0/16"
  from_port      = 22
  to_port        = 22
}

resource "aws_network_acl_rule" "out" {
  network_acl_id = aws_network_acl.split.id
  rule_number    = 100
  egress         = true
  protocol       = "-1"
  rule_action    = "allow"
  cidr_block     = "0.0.0.0/0"
}

# Retagged from the console in prod (named by their domains: moto drops the tags of
# CreateDhcpOptions, so the console finds them by name).
resource "aws_vpc_dhcp_options" "corp" {
  domain_name          = "${local.name}.corp.example"
  domain_name_servers  = ["10.20.0.2", "10.20.0.3"]
  ntp_servers          = ["10.20.0.4"]
  netbios_name_servers = ["10.20.0.5"]
  netbios_node_type    = "2"
  tags                 = local.tags
}

# Deleted from the console in prod.
resource "aws_vpc_dhcp_options" "old" {
  domain_name         = "${local.name}.old.example"
  domain_name_servers = ["AmazonProvidedDNS"]
  tags                = local.tags
}

# Described again and moved to the lb group from the console in prod.
resource "aws_network_interface" "app" {
  subnet_id       = aws_subnet.app.id
  description     = "app"
  private_ips     = ["10.20.1.10"]
  security_groups = [aws_security_group.web.id]
  tags            = local.tags
}

# Its policy narrowed from the console in prod.
resource "aws_vpc_endpoint" "s3" {
  vpc_id            = aws_vpc.net.id
  service_name      = "com.amazonaws.us-east-1.s3"
  vpc_endpoint_type = "Gateway"
  route_table_ids   = [aws_vpc.net.main_route_table_id]
  policy = jsonencode({
    Version = "2012-10-17"
    Statement = [{
      Effect    = "Allow"
      Principal = "*"
      Action    = ["s3:GetObject", "s3:PutObject"]
      Resource  = "*"
    }]
  })
  tags = local.tags
}

# Deleted from the console in prod.
resource "aws_vpc_endpoint" "sqs" {
  vpc_id              = aws_vpc.net.id
  service_name        = "com.amazonaws.us-east-1.sqs"
  vpc_endpoint_type   = "Interface"
  subnet_ids          = [aws_subnet.app.id]
  security_group_ids  = [aws_security_group.lb.id]
  private_dns_enabled = false
  tags                = local.tags
}
