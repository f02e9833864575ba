# Network: security group rules of the older form (one covering two CIDRs of one permission,
# one from the group itself, one from a peer group, one egress), in a VPC of their own.
resource "aws_vpc" "net" {
  cidr_block = "10.20.0.0/16"
  tags       = local.tags
}

resource "aws_security_group" "web" {
  name        = "${local.name}-web"
  description = "web servers"
  vpc_id      = aws_vpc.net.id
  tags        = local.tags
}

resource "aws_security_group" "lb" {
  name        = "${local.name}-lb"
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

resource "aws_security_group_rule" "out" {
  type              = "egress"
  security_group_id = aws_security_group.web.id
  protocol          = "-1"
  from_port         = 0
  to_port           = 0
  cidr_blocks       = ["0.0.0.0/0"]
}
